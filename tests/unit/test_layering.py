"""The package's layering, read from the source (every import, also inside functions and
under TYPE_CHECKING): domain packages -> services -> front ends, never back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "assistant"
DOMAIN = ("kb", "intent", "answers", "diagnostics", "trace", "tlsparams")
FLOWS = ("questionflow", "checkflow", "slashflow", "kbloader")


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, as absolute dotted names."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def modules_under(*parts: str) -> list[Path]:
    return sorted(ROOT.joinpath(*parts).rglob("*.py"))


def starts(names: set[str], *prefixes: str) -> set[str]:
    return {n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes)}


@pytest.mark.parametrize("path", [p for p in modules_under() if "tui" not in p.relative_to(ROOT).parts],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_chat_imports_textual(path: Path) -> None:
    found = starts(imports_of(path), "textual", "assistant.tui")
    if path.parts[-2:] == ("commands", "chat.py"):  # `sapassist chat` opens it, through launch
        found -= {"assistant.tui.launch", "assistant.tui.launch.run"}
    assert not found


@pytest.mark.parametrize("path", modules_under("tui"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_chat_never_imports_the_command_line(path: Path) -> None:
    assert not starts(imports_of(path), "assistant.commands", "assistant.cli")


@pytest.mark.parametrize("flow", FLOWS)
def test_a_chat_flow_knows_the_host_not_the_app_nor_another_flow(flow: str) -> None:
    others = [f"assistant.tui.{name}" for name in FLOWS if name != flow]
    assert not starts(imports_of(ROOT / "tui" / f"{flow}.py"), "assistant.tui.app", *others)


@pytest.mark.parametrize("path", modules_under("services"), ids=lambda p: p.name)
def test_services_serve_both_front_ends(path: Path) -> None:
    assert not starts(imports_of(path), "textual", "argparse", "assistant.tui", "assistant.commands")


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_packages_do_not_know_the_front_ends(package: str) -> None:
    for path in modules_under(package):
        assert not starts(imports_of(path), "assistant.services", "assistant.tui", "assistant.commands"), path
