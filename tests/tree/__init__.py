"""The organisation tree: its rules, subtotals at every level, its pages and downloads."""
