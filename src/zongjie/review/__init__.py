"""Review layer: a report is 草稿 → 待审 → 已审定, and only what is approved reaches readers.

:mod:`.publication` chooses what a build shows (readers, signed-in readers, editors);
:mod:`.approval` fingerprints an approved report and notices later edits; :mod:`.yaml_edit`
changes the review fields in place (comments and order kept) for ``zongjie submit/approve``.
"""
