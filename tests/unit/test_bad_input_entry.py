"""Where bad input enters, each class handled once (found by tests/functional/
test_bad_input_sweep.py): a how-to no entry's name holds, a path the system refuses to
look up, a question that is empty, a value said back that is 100 KB long."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli import main
from assistant.diagnostics.model import CheckSetupError
from assistant.intent.router import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.layers import KnowledgeDir, build_layers, knowledge_dirs
from assistant.safefile import FileReadError, path_problem, read_bounded
from assistant.trace.lines import TraceFileError, open_trace

TOO_LONG = "x" * 5000  # past NAME_MAX: os.stat raises ENAMETOOLONG, Path.exists with it


@pytest.mark.parametrize("question", ["how should I set ssl/client_ciphersuites",
                                      "how do I import a certificate into STRUST"])
def test_a_how_to_whose_terms_no_entry_names_is_outside_the_base(question: str) -> None:
    routed = route(question, KnowledgeBase())  # e.g. a base of one T100 pack: no causes, no glossary
    assert routed.how_to and routed.scope.kind == "unknown"


def test_path_problem_says_why_instead_of_raising(tmp_path: Path) -> None:
    assert path_problem(tmp_path) is None
    assert path_problem(tmp_path / "nothing") == "not found"
    assert path_problem(tmp_path / TOO_LONG) == "cannot be read (File name too long)"
    assert path_problem("a\0b") is not None


def test_a_pack_whose_name_the_system_refuses_is_skipped_with_a_warning(tmp_path: Path) -> None:
    layered = build_layers([KnowledgeDir(tmp_path / TOO_LONG, "--kb")])
    [warning] = layered.warnings
    assert "cannot be read (File name too long); skipped" in warning and len(warning) < 500


def test_a_config_path_the_system_refuses_is_a_warning(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SAPASSIST_CONFIG", str(tmp_path / TOO_LONG))
    found = knowledge_dirs()
    assert found.warnings and "config file not readable" in found.warnings[0]


def test_an_empty_question_is_refused_on_standard_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "  \t "]) == 2
    out, err = capsys.readouterr()
    assert err == "sapassist ask: the question is empty; give a question or error text, or pipe it in\n"
    assert '"exit_code": 2' in out


def test_a_long_value_is_said_back_cut() -> None:
    message = str(CheckSetupError("invalid host name {host!r}", host="a" * 70_000))
    assert len(message) < 400 and "69,700 more characters" in message


def test_a_trace_path_is_said_back_cut(tmp_path: Path) -> None:
    with pytest.raises(TraceFileError) as caught:
        open_trace(str(tmp_path / TOO_LONG))
    assert len(str(caught.value)) < 400


def test_a_file_path_is_said_back_cut(tmp_path: Path) -> None:
    """Every bounded file read (cert, --ca-file, packs, endpoints files) says a long path cut,
    as the trace reader does: `sapassist cert /tmp/aaa…` printed a 1 KB path whole."""
    with pytest.raises(FileReadError) as caught:
        read_bounded(str(tmp_path / TOO_LONG), 1024)
    assert len(str(caught.value)) < 400 and "more characters" in str(caught.value)
