"""docs/ARCHITECTURE.md's room map names every module of assistant/, and no module that is gone.

Why: a module added without a line there is a room nobody can find from the map (a docs
audit found 73 such modules at once). The map is the "Packages" tree, one block per
package, plus "Services" for services/ and "The chat" for tui/; a module counts as named
when its own package's block holds `name.py`, or the document says `package.name`.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "assistant"
DOC = ROOT / "docs" / "ARCHITECTURE.md"
_BLOCK_START = re.compile(r"  (\w+)/\s")
_TOP_LEVEL_LINE = re.compile(r"  [\w.]+\.py|  __init__|\w")
_NAMED_FILE = re.compile(r"(?<![\w/.-])((?:widgets/)?[a-z_0-9]+)\.py")


def _section(lines: list[str], title: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith("## " + title))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
    return lines[start:end]


def room_map() -> dict[str, str]:
    """The map's text per package ("" for assistant/'s own modules)."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    blocks: dict[str, list[str]] = {"": []}
    package = ""
    for line in _section(lines, "Packages"):
        start = _BLOCK_START.match(line)
        if start:
            package = start.group(1)
        elif _TOP_LEVEL_LINE.match(line):
            package = ""
        blocks.setdefault(package, []).append(line)
    blocks.setdefault("services", []).extend(_section(lines, "Services"))
    blocks.setdefault("tui", []).extend(_section(lines, "The chat"))
    return {name: "\n".join(block) for name, block in blocks.items()}


def _package_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else ""


def unnamed_modules(blocks: dict[str, str], doc: str) -> list[str]:
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.stem == "__init__":
            continue
        package = _package_of(path)
        in_block = re.search(rf"(?<![\w]){re.escape(path.stem)}\.py", blocks.get(package, ""))
        dotted = package and re.search(rf"(?<![\w]){package}\.{re.escape(path.stem)}(?![\w])", doc)
        if not (in_block or dotted):
            missing.append(str(path.relative_to(ROOT)))
    return missing


def test_every_module_is_named_in_its_package_block() -> None:
    blocks = room_map()
    assert unnamed_modules(blocks, DOC.read_text(encoding="utf-8")) == []


def test_every_module_the_map_names_exists() -> None:
    gone = []
    for package, block in room_map().items():
        for name in _NAMED_FILE.findall(block):
            here = PACKAGE / package / f"{name}.py"
            if not (here.exists() or (PACKAGE / f"{name}.py").exists()
                    or (PACKAGE / package / "widgets" / f"{name}.py").exists()
                    or (ROOT / "benchmarks" / f"{name}.py").exists()):
                gone.append(f"{package or 'assistant'}: {name}.py")
    assert gone == []


def test_the_check_sees_a_module_left_out() -> None:
    """Guard: the check can fail — a block without one module's name reports that module."""
    blocks = room_map()
    doc = DOC.read_text(encoding="utf-8")
    without = {name: block.replace("idnform.py", "") for name, block in blocks.items()}
    assert unnamed_modules(without, doc.replace("diagnostics.idnform", "")) == [
        "assistant/diagnostics/idnform.py"
    ]
