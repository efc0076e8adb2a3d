"""A `--json` caller whose command cannot run (a usage error, unreadable input) gets one
JSON object on standard output — the error and the exit code — and the exit code stays
non-zero; without `--json` standard output stays empty. Through the real entry point."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["check", "--json"], "give a URL"),  # no target
        (["check", "--json", "--timeout", "abc", "https://erp.sapassist.invalid"], "--timeout"),  # argparse
        (["check", "--json", "--bogus", "https://erp.sapassist.invalid"], "--bogus"),
        (["check", "--json", "ftp://erp.sapassist.invalid"], "scheme"),  # the check's own options
        (["check", "--json", "--proxy", "http://[::1", "https://erp.sapassist.invalid"], "proxy"),
        (["ask", "--json", "--bogus", "SCLNT_HTTP407"], "--bogus"),
    ],
)
def test_a_usage_error_with_json_prints_one_json_object(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    data = json.loads(out)  # exactly one object
    assert said in data["error"] and data["exit_code"] == 2
    assert said in err  # the message for people stays on standard error
    without = [a for a in argv if a != "--json"]
    code, out, _ = run(capsys, *without)
    assert code == 2 and out == ""


def test_binary_input_to_ask_json_is_one_json_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02PSE\x00")))
    code, out, _ = run(capsys, "ask", "--json", "-")
    assert code == 2 and "binary data" in json.loads(out)["error"]
