"""Tests of the editors' workflow: the zongjie new/check/import/stats commands, lint, preview, history."""
