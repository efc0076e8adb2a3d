"""A cause's neutral title: the schema checks it, and answers for another kind of failure
show it where the SAP-side title ("SNI not sent by the SAP client") would be wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.kb.export import entry_to_json
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.kb.validate import validate_dirs
from assistant.services.answering import answer_question, answer_to_json
from tests.support.kb import BASE_PACK, write_pack

# What names the SAP side in a title, said independently of the validator's own list.
SAP_SIDE = re.compile(r"\b(?:SAP|PSE|ICM|ABAP|application server)\b")


def cause_yaml(neutral: str) -> str:
    return (
        "causes:\n"
        "  - id: cause_n\n"
        "    title: \"Something not sent by the SAP client\"\n"
        f"    neutral_title: {neutral}\n"  # line 4
        "    sap_wording: own_words\n"
        "    sources: [{url: 'https://example.org'}]\n"
    )


def problems(tmp_path: Path, neutral: str) -> list[str]:
    base = write_pack(tmp_path / "base", BASE_PACK)
    pack = write_pack(tmp_path / "extra", {"pack.yaml": cause_yaml(neutral)})
    return [f"{p.line}: {p.message}" for p in validate_dirs([base, pack])]


@pytest.mark.parametrize(("neutral", "pattern"), [
    ('"SNI not sent by the SAP client"', r"^4: .*neutral_title .* names the SAP side \('SAP'\)"),
    ('"Not trusted by the SSL client PSE"', r"^4: .*names the SAP side \('PSE'\)"),
    ('"Not resolved on the application server"', r"^4: .*names the SAP side \('application server'\)"),
    ('"The ICM has no HTTPS"', r"^4: .*names the SAP side \('ICM'\)"),
    ('"' + "x" * 81 + '"', r"^4: .*neutral_title has 81 characters; at most 80"),
    ('"two\\nlines"', r"^4: .*neutral_title must be one line"),
    ("''", r"^4: .*neutral_title must not be empty"),
    ("[a, b]", r"^4: .*neutral_title must be a string"),
])
def test_a_neutral_title_that_names_the_sap_side_or_is_no_short_title_is_rejected(
        tmp_path: Path, neutral: str, pattern: str) -> None:
    found = problems(tmp_path, neutral)
    assert any(re.search(pattern, p) for p in found), found


def test_a_neutral_title_is_loaded_and_a_cause_without_one_keeps_its_title(tmp_path: Path) -> None:
    from assistant.answers.pieces import cause_title

    assert problems(tmp_path, '"Something not sent"') == []
    kb = load_kb([tmp_path / "base", tmp_path / "extra"], use_cache=False, include_bundled=False).kb
    cause = kb.causes["cause_n"]
    assert cause.neutral_title == "Something not sent"
    assert cause_title(cause, "other_client") == "Something not sent"
    assert cause_title(cause, "sap_http_client") == "Something not sent by the SAP client"
    assert cause_title(cause, "unknown") == "Something not sent by the SAP client"  # "If the SAP system makes the call"
    plain = kb.causes["cause_a"]  # BASE_PACK's: no neutral title
    assert plain.neutral_title is None and cause_title(plain, "other_client") == plain.title
    assert entry_to_json(kb, cause)["neutral_title"] == "Something not sent"  # lookup --json


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


def test_every_bundled_cause_another_client_can_meet_has_a_neutral_title_where_its_title_names_sap(
        kb: KnowledgeBase) -> None:
    # Causes of the SAP system's own parts (check step "none": PSE, crypto library, ICM)
    # are never shown for another client; every other cause can be.
    missing = [c.id for c in kb.causes.values()
               if c.check is not None and c.check.step != "none"
               and SAP_SIDE.search(c.title) and not c.neutral_title]
    assert missing == []
    assert kb.causes["sni_not_sent"].neutral_title == "SNI not sent"


def answer(kb: KnowledgeBase, text: str) -> tuple[str, dict[str, object]]:
    answered = answer_question(text, kb)
    return answered.markdown, answer_to_json(answered, kb)


JAVA_SNI = "Java client: javax.net.ssl.SSLHandshakeException: Received fatal alert: unrecognized_name, SNI not sent"


@pytest.mark.parametrize(("text", "cause_id"), [
    (JAVA_SNI, "sni_not_sent"),
    ("Node.js: getaddrinfo ENOTFOUND api.example.com", "dns_failure"),
    ("Cloud Connector: handshake_failure, server requires client certificate", "client_cert_required"),
    ("curl: (60) SSL certificate problem: unable to get local issuer certificate", "server_cert_untrusted"),
])
def test_another_clients_answer_names_its_causes_without_the_sap_side(kb: KnowledgeBase, text: str,
                                                                        cause_id: str) -> None:
    markdown, data = answer(kb, text)
    cause = kb.causes[cause_id]
    assert data["scope"]["kind"] == "other_client"  # type: ignore[index]
    assert f"**{cause.neutral_title}** (`{cause_id}`)" in markdown
    assert cause.title not in markdown
    shown = re.findall(r"^\d+\. \*\*(.+?)\*\* \(`", markdown, re.MULTILINE)  # the closest causes
    assert shown and not [t for t in shown if SAP_SIDE.search(t)], shown
    # ask --json: `title` stays the base's, the neutral one is its own key.
    causes = {c["id"]: c for c in data["causes"]}  # type: ignore[attr-defined]
    assert causes[cause_id]["title"] == cause.title
    assert causes[cause_id]["neutral_title"] == cause.neutral_title
    json.dumps(data)


def test_the_sap_clients_answer_keeps_the_sap_side_titles(kb: KnowledgeBase) -> None:
    markdown, data = answer(kb, "SM59 test: SCLNT_HTTP407 SSL error, SSSLERR_NO_SSL_RESPONSE, SNI not sent by the SAP client")
    assert data["scope"]["kind"] == "sap_http_client"  # type: ignore[index]
    assert "SNI not sent by the SAP client" in markdown
    assert "**SNI not sent** (`sni_not_sent`)" not in markdown
