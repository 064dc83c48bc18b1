"""PyYAML's (and libyaml's) English syntax errors, said in Chinese with what to do.

Both parsers phrase a problem in a handful of ways; each row matches the phrases of one kind of
mistake. Anything not matched still gets a Chinese message: the English never reaches editors.
"""

from __future__ import annotations

import re

DEFAULT_HINT = "检查这一行及上一行的缩进、冒号后的空格和引号是否成对"
QUOTE_HINT = "如果值中有冒号、# 或以特殊符号开头，给整个值加引号，如 title: '主题：学党史'"

# (pattern over the parser's problem text, what went wrong, hint)
PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (
        r"mapping values are not allowed",
        "这里不能出现“键: 值”：值中带有冒号加空格，或上一行缺少缩进",
        QUOTE_HINT,
    ),
    (r"could not find expected ':'", "缺少冒号：键名后应为半角冒号加空格“: ”", DEFAULT_HINT),
    (
        r"expected key|expected <block end>|block end",
        "缩进不一致：这一行没有和同一层的键或列表项对齐",
        "同一层的键和“- ”必须左对齐，只用空格缩进",
    ),
    (
        r"sequence entries are not allowed",
        "这里不能开始“- ”列表项",
        "列表项应在“键:”的下一行并缩进；检查上一行是否缺少冒号",
    ),
    (
        r"mapping keys are not allowed",
        "这里不能开始新的键",
        DEFAULT_HINT,
    ),
    (r"tab", "使用了制表符（Tab），YAML 只允许空格缩进", "把 Tab 换成空格"),
    (
        r"cannot start any token",
        "值不能以这个符号开头（如 @、`、% 或 |）",
        "给整个值加引号",
    ),
    (
        r"end of stream|unclosed",
        "文件在引号或括号闭合之前就结束了",
        "找到没有配对的引号或括号并补上",
    ),
    (
        r"escape",
        "双引号中的反斜杠“\\”转义写法无效",
        "含反斜杠的文字（如 Windows 路径）请改用单引号",
    ),
    (
        r"',' or '\]'",
        "方括号 [ ] 中的列表没有正确结束：缺少逗号或右括号“]”",
        "检查方括号是否成对、各项之间是否用英文逗号分隔",
    ),
    (
        r"',' or '\}'",
        "花括号 { } 中的映射没有正确结束：缺少逗号或右括号“}”",
        "检查花括号是否成对、各项之间是否用英文逗号分隔",
    ),
    (r"node content", "这里缺少值", "在冒号或“- ”后填写内容"),
    (r"comment or (?:a )?line break", "值的后面有多余的内容", QUOTE_HINT),
    (
        r"alias|anchor",
        "锚点（&名称）或别名（*名称）写法有误或未定义",
        "数据文件不需要锚点和别名；以 & 或 * 开头的文字请加引号",
    ),
    (
        r"document|stream",
        "文件中出现了文档分隔符“---”或“...”：一个数据文件只能有一份数据",
        "删除多余的 --- 或 ...",
    ),
    (
        r"tag|URI|handle|directive|'!'",
        "标签或指令（以 ! 或 % 开头）写法有误",
        "数据文件不需要 ! 和 % 开头的写法；这样开头的文字请加引号",
    ),
    (
        r"character|octet|Unicode",
        "文件中有不允许的控制字符或无效字符",
        "删除这一处看不见的字符后重新保存为 UTF-8",
    ),
    (r"indent", "缩进有误", DEFAULT_HINT),
)

# Where the construct that failed began (the parser's "while …" context).
CONTEXTS: tuple[tuple[str, str], ...] = (
    (r"quoted scalar", "引号中的文本"),
    (r"simple key", "键名"),
    (r"block scalar", "多行文本（| 或 >）"),
    (r"flow sequence", "方括号列表"),
    (r"flow mapping", "花括号映射"),
    (r"block mapping", "映射（键: 值）"),
    (r"block collection|sequence", "列表"),
    (r"anchor|alias", "锚点或别名"),
    (r"tag", "标签"),
)


def translate(problem: str | None, while_doing: str | None = None) -> tuple[str, str]:
    """``(message, hint)`` for a parser problem text; an anchor, alias or tag being scanned
    (``while_doing``) explains a problem that is otherwise only about characters."""
    for pattern, message, hint in PROBLEMS:
        if re.search(pattern, problem or "", re.IGNORECASE):
            if re.search(r"alias|anchor|tag", while_doing or "") and "character" in (problem or ""):
                continue
            return message, hint
    for pattern, message, hint in PROBLEMS:
        if re.search(pattern, while_doing or "", re.IGNORECASE):
            return message, hint
    return "无法解析这一处的写法", DEFAULT_HINT


SOMEWHERE = "这一段"


def context(text: str | None) -> str:
    for pattern, name in CONTEXTS:
        if text and re.search(pattern, text, re.IGNORECASE):
            return name
    return SOMEWHERE
