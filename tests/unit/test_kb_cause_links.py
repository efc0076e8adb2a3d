"""Cause -> message links the reference facts decide (docs/research/kb_audit.md, "Cause →
message links the facts contradict"). A link tells the admin "your SCLNT_HTTPnnn may be
this": the router pulls a message up through it and the answer lists the cause under it,
so a link the facts contradict misleads ("your 413 may be a DNS failure of the target").

Read with plain `yaml.safe_load`, like test_kb_content.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"

# Which messages may list the cause, and why (sclnt_http_facts.md).
ONLY_UNDER = {
    # ICMDEF: an unknown host is ICM_HTTP_HOST_UNKNOWN (KBA 3569644); the proxy's name is
    # ICM_HTTP_PROXY_HOST_UNKNOWN (413, cause proxy_host_unknown); 400 is CONNECTION_FAILED.
    "dns_failure": {"SCLNT_HTTP417"},
    # A failed proxy logon is ICM_HTTP_PROXY_UNAUTHORIZED (416); 426 is an unexpected
    # proxy status.
    "proxy_auth_failed": {"SCLNT_HTTP416"},
    # SCLNT_HTTP numbers are the ICM's client error codes (passed in SAP-ICMCLNTERROR); a
    # status the far server answered is no get_last_error code (abapGit reads it apart).
    "http_status_from_server": set(),
    # saphttp (HTTP_GET / HTTP_POST) does not go through the ICM, so no ICM client code.
    "saphttp_bypasses_icm": set(),
}


def _entries(kind: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(KNOWLEDGE.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            out |= {e["id"]: e for e in (yaml.safe_load(fh) or {}).get(kind, [])}
    return out


@pytest.fixture(scope="module")
def messages() -> dict[str, dict[str, Any]]:
    return _entries("messages")


@pytest.fixture(scope="module")
def causes() -> dict[str, dict[str, Any]]:
    return _entries("causes")


@pytest.mark.parametrize("cause", sorted(ONLY_UNDER))
def test_a_cause_is_listed_only_under_the_messages_the_facts_give_it(
    messages: dict[str, dict[str, Any]], cause: str
) -> None:
    listing = {mid for mid, m in messages.items() if cause in m.get("causes", [])}
    assert listing == ONLY_UNDER[cause]


def test_a_not_yet_valid_certificate_under_418_says_it_is_an_analogy(
    messages: dict[str, dict[str, Any]], causes: dict[str, dict[str, Any]]
) -> None:
    # 418 is ICM_HTTP_SSL_PEER_CERT_EXPIRED by name; no source says what SAP reports for a
    # certificate whose validity has not begun. Listed there, both entries must say why.
    if "server_cert_not_yet_valid" not in messages["SCLNT_HTTP418"]["causes"]:
        return
    assert "by analogy only" in " ".join(messages["SCLNT_HTTP418"]["meaning"].split())
    assert "by analogy only" in " ".join(causes["server_cert_not_yet_valid"]["explanation"].split())


# A message a cause's explanation says the failure shows as: "SCLNT_HTTP407", or a bare
# "(407)" after the error's name ("an SSL error (407)").
_NAMED_MESSAGE = re.compile(r"SCLNT_HTTP(\d{3})\b|\((4\d\d)\)")


def test_a_cause_names_only_messages_the_base_links_it_to(
    messages: dict[str, dict[str, Any]], causes: dict[str, dict[str, Any]]
) -> None:
    # "It may also surface as 407 or 421" is a cause -> message link in prose: it needs the
    # same footing as a listed one — the message lists the cause, or a code of the cause
    # says it is reported as that message (SSSLRC_CONN_CLOSED → 407). A claim without
    # either had no source (server_cert_expired's "407 or 421").
    codes = _entries("codes")
    unlinked = []
    for cid, cause in causes.items():
        linked = {mid for mid, m in messages.items() if cid in m.get("causes", [])}
        linked |= {mid for code in cause.get("codes", []) for mid in codes.get(code, {}).get("messages", [])}
        named = {f"SCLNT_HTTP{a or b}" for a, b in _NAMED_MESSAGE.findall(cause.get("explanation", ""))}
        unlinked += [(cid, mid) for mid in sorted(named - linked)]
    assert unlinked == []
