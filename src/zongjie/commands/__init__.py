"""The logic behind each ``zongjie`` verb; ``zongjie.cli`` is only the argument layer."""
