"""Compare two built sites file by file, ignoring the generator tag (``make test-properdocs``).

    python -m tools.site_diff SITE_A SITE_B

The tag names the MkDocs implementation (``mkdocs-1.6.1`` or ``properdocs-1.6.7``) and is the
only difference expected between a MkDocs and a properdocs build of the same commit. Exit 1 and
list every other difference.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def normalise(name: str, body: bytes) -> bytes:
    return GENERATOR.sub(b"", body) if name.endswith(".html") else body


def differences(a: Path, b: Path) -> list[str]:
    left, right = files(a), files(b)
    out = [f"只在 {a}：{n}" for n in sorted(left.keys() - right.keys())]
    out += [f"只在 {b}：{n}" for n in sorted(right.keys() - left.keys())]
    for name in sorted(left.keys() & right.keys()):
        x, y = normalise(name, left[name]), normalise(name, right[name])
        if x == y:
            continue
        out.append(f"内容不同：{name}")
        if name.endswith((".html", ".json", ".xml", ".txt", ".js", ".css")):
            diff = difflib.unified_diff(
                x.decode(errors="replace").splitlines(),
                y.decode(errors="replace").splitlines(),
                lineterm="",
                n=0,
            )
            out.extend(f"    {line}" for line in list(diff)[2:12])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.site_diff", description=__doc__)
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    found = differences(args.a, args.b)
    for line in found:
        print(line)
    count = len(files(args.a))
    print(f"{count} 个文件比较完毕：{'无差异（生成器标记除外）' if not found else '有差异'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
