"""Excel in and out: the overview tables as .xlsx/.csv downloads (``export``), the fill-in
workbook units return (``template``, 填报表) and its import into report data (``workbook_reader``, read by ``zongjie.importing.workbook``).
"""
