"""Markdown layer: markers, numbers stated in narratives, and the checks every page gets."""
