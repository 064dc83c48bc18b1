"""``zongjie import``: the commands that bring sent reports in, above the readers they use.

``authoring/`` reads Word/WPS/text reports and proposes their facts; ``excel/`` reads filled-in
workbooks. This layer decides which unit a file is for, writes the report's files, and imports
whole folders of both kinds.
"""
