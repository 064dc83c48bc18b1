"""Unit tests of the rules layer: plain functions over typed content, no site built."""
