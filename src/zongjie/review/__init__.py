"""Review layer: a report is 草稿 → 待审 → 已审定, and only what is approved reaches readers.

:mod:`.publication` chooses what a build shows (readers, signed-in readers, editors);
:mod:`.workflow` holds the steps behind ``zongjie submit/approve``; the fingerprint of an approved
report is a rule (:mod:`zongjie.rules.approval`), and the review fields are written in place by
:mod:`zongjie.data.report_yaml`.
"""
