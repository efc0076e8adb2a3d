"""The answer document: verdict first, details as keyed sections."""

from __future__ import annotations

from assistant.answers.document import AnswerDoc, Section


def _doc() -> AnswerDoc:
    return AnswerDoc(
        headline="SCLNT_HTTP421 — SSL certificate not trusted",
        verdict="Most likely: the root CA is missing in the SSL client PSE.",
        sections=(
            Section("fix:server_cert_untrusted", "How to fix it", "1. STRUST → import"),
            Section("sources:SCLNT_HTTP421", "Sources", "- https://example.invalid/a"),
            Section("empty", "Nothing", "  "),
        ),
    )


def test_markdown_puts_the_verdict_before_every_section() -> None:
    md = _doc().markdown()
    assert md.index("Most likely") < md.index("### How to fix it") < md.index("### Sources")
    assert md.startswith("## SCLNT_HTTP421")
    assert "Nothing" not in md  # an empty section has no heading of its own


def test_sections_already_shown_are_left_out() -> None:
    doc = _doc()
    md = doc.markdown(skip=frozenset({"sources:SCLNT_HTTP421"}))
    assert "### Sources" not in md and "### How to fix it" in md
    assert doc.details_markdown(skip=doc.keys) == ""
    assert doc.keys == {"fix:server_cert_untrusted", "sources:SCLNT_HTTP421", "empty"}
