"""Excel in and out: the overview tables as .xlsx/.csv downloads (``export``), the fill-in
workbook units return (``template``, 填报表) and reading it back into report data
(``workbook_reader``; ``zongjie.importing.workbook`` is the command).
"""
