"""Small knowledge packs for tests, written to temporary directories.

`write_pack(dir, files)` writes YAML text files; `BASE_PACK` is a small valid base with
one entry of every kind and references between them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

BASE_MESSAGES = """\
messages:
  - id: ZTEST001
    message_class: ZTEST
    number: 1
    type: E
    status: confirmed
    short_text: "Test failure (ICM_TEST_FAILURE)"
    title: "Test failure"
    icm_constant: ICM_TEST_FAILURE
    meaning: "The **test** failed."
    system_response: "Processing stops."
    causes: [cause_a, cause_b]
    codes: [CODE_A]
    pitfalls: ["Not the same as `HTTP 401`."]
    keywords: [testing]
    sap_wording: confirmed
    sources: [{url: "https://example.org/ztest001", note: "example"}]
  - id: ZTEST002
    message_class: ZTEST
    number: 2
    type: null
    status: inferred
    title: "Test timeout"
    icm_constant: ICM_TEST_TIMEOUT
    causes: [cause_b]
    sap_wording: inferred
    sources:
      - url: "https://example.org/icmdef"
"""

BASE_REST = """\
causes:
  - id: cause_a
    title: "Cause A"
    explanation: "A is wrong."
    signs: ["CODE_A"]
    codes: [CODE_A]
    fix: ["Open STRUST and fix A."]
    check: {step: chain, how: "Looks at the chain."}
    severity: error
    sap_wording: own_words
    sources: [{url: "https://example.org/a"}]
  - id: cause_b
    title: "Cause B"
    fix: ["Wait."]
    severity: warning
    sap_wording: own_words
    sources: [{url: "https://example.org/b"}]
codes:
  - id: CODE_A
    numeric: -102
    layer: SapSSL
    aliases: [A]
    meaning: "Code A."
    messages: [ZTEST001]
    causes: [cause_a]
    sap_wording: confirmed
    sources: [{url: "https://example.org/code-a"}]
glossary:
  - id: STRUST
    kind: transaction
    title: "Trust Manager"
    text: "Manages PSEs."
    sap_wording: own_words
    sources: [{url: "https://example.org/strust"}]
"""

BASE_PACK = {"10_messages.yaml": BASE_MESSAGES, "20_rest.yaml": BASE_REST}


def write_pack(directory: Path, files: dict[str, str | bytes]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = directory / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content), encoding="utf-8")
    return directory


def message_yaml(mid: str, number: int, *, cls: str = "ZTEST", title: str = "A title",
                 status: str = "inferred", extra: str = "") -> str:
    """One message entry (as a YAML list item) with the required fields."""
    short = f'\n    short_text: "{title} (SAP)"' if status == "confirmed" else ""
    return (
        f"  - id: {mid}\n    message_class: {cls}\n    number: {number}\n"
        f"    status: {status}{short}\n    title: \"{title}\"\n    sap_wording: {status}\n"
        f"    sources: [{{url: \"https://example.org/{mid}\"}}]\n{extra}"
    )
