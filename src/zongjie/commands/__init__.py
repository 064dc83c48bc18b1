"""The logic behind each ``zongjie`` verb; ``zongjie.cli`` is only the argument layer."""

from __future__ import annotations

from mkdocs.exceptions import MkDocsException


class CommandError(MkDocsException):
    """A user-facing failure: the CLI prints the message and hint, never a traceback."""

    def __init__(self, message: str, hint: str = "", path: str = "", line: int = 0):
        self.message, self.hint, self.path, self.line = message, hint, path, line
        where = f"{path}:{line or 1}:1: " if path else ""
        text = f"{where}{message}"
        if hint:
            text += f"\n    提示：{hint}"
        super().__init__(text)
