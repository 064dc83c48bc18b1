"""Printable reports: 公文-style PDF/A files, campaign volumes and archive packages.

Small modules, one concern each: ``layout`` (GB/T 9704 geometry), ``fonts`` (font roles and
coverage), ``document`` (page HTML → print HTML, input checks), ``xmp`` (archive metadata),
``render`` (WeasyPrint in a process pool), ``stamps`` (page numbers), ``cache`` (content hashes),
``volume`` (bound volume), ``archive`` / ``verify`` (packages) and ``events`` (the MkDocs events
that ``hooks/zongjie_pdf.py`` forwards). See README.md in this folder.
"""
