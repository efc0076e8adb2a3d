"""A wheel built from the repository carries the knowledge base and finds it anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = """\
import json, sys
import assistant
from assistant.paths import bundled_knowledge_dir
from assistant.kb.load import load_kb
kdir = bundled_knowledge_dir()
result = load_kb(use_cache=False)
print(json.dumps({
    "package": assistant.__file__,
    "kdir": str(kdir),
    "files": sorted(p.name for p in kdir.glob("*.yaml")),
    "messages": len(result.kb.messages),
    "sources": [str(s) for s in result.sources],
}))
"""


@pytest.mark.slow
def test_wheel_carries_knowledge_and_finds_it_from_any_cwd(tmp_path: Path) -> None:
    wheels, target, elsewhere = tmp_path / "wheels", tmp_path / "site", tmp_path / "cwd"
    elsewhere.mkdir()
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(wheels), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = wheels.glob("sapassist-*.whl")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr

    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=elsewhere, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    info = json.loads(run.stdout)
    assert info["package"].startswith(str(target)), "the installed wheel, not the checkout, was imported"
    assert info["kdir"] == str(target / "assistant" / "_knowledge")
    expected = sorted(p.name for p in (REPO / "knowledge").glob("*.yaml"))
    assert expected and info["files"] == expected
    assert info["sources"] == [info["kdir"]]
    assert info["messages"] > 0
