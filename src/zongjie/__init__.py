"""zongjie: campaign summary reports as a static, searchable intranet site.

Layers, in the order a build runs them: :mod:`zongjie.data` (read and validate the YAML),
:mod:`zongjie.markdown` (markers and narrative checks), :mod:`zongjie.site` (MkDocs glue and
rendering), :mod:`zongjie.search` and :mod:`zongjie.pdf` (products of the built pages), and
:mod:`zongjie.cli` (the ``zongjie`` command). :mod:`zongjie.framework` is imported first so the
engine runs on either MkDocs 1.6 or properdocs 1.6.
"""

from zongjie import framework as _framework  # noqa: F401  (selects MkDocs or properdocs)
