"""The promises the README, docs/guide/*.md and the error messages make, one line each, with the
code that keeps it. The cases in ``test_promises.py`` name one of these ids; the register test
checks that every promise has at least five cases."""

from __future__ import annotations

PROMISES: dict[str, tuple[str, str]] = {
    # id: (the promise, where it is made → the code that keeps it)
    "marker": (
        "一个写错的标记会报错，并指出文件和行（guide/markers.md）",
        "src/zongjie/markdown/ (marker grammar)",
    ),
    "yaml-types": (
        "数据文件中类型不对的值报错于 文件:行（guide/errors.md）",
        "src/zongjie/loader + src/zongjie/models",
    ),
    "encoding": (
        "非 UTF-8 的文件报错于 文件:行；BOM 与 CRLF 照常读取（guide/errors.md）",
        "src/zongjie/loader (reading text)",
    ),
    "content-files": (
        "只有 data/ 与 docs/ 中的报告文件是内容，备份副本不会悄悄发布或计入（guide/new.md）",
        "src/zongjie/loader (which files are content)",
    ),
    "publishing": (
        "只有已审定的报告会发布（guide/review.md）",
        "src/zongjie/review/ + hooks/zongjie_hooks.py",
    ),
    "totals": (
        "合计中每份报告只计一次，自相矛盾的数据会报错或警告（README, guide/errors.md）",
        "src/zongjie/rules/ + src/zongjie/stats",
    ),
    "security": (
        "注入页面的脚本永远不会运行，站点不向其他主机发出请求（guide/security.md）",
        "src/zongjie/markdown/ sanitizer + overrides/ CSP",
    ),
    "same-findings": (
        "check 与 build 报告相同的问题（guide/errors.md）",
        "src/zongjie/rules/ (one rule set) + src/zongjie/cli",
    ),
}
