"""Authoring layer: the files editors start from, written by ``zongjie new`` (skeletons) and
``zongjie import`` (Word and plain-text reports turned into Markdown and proposed data)."""
