"""Every SAP fact the knowledge base states can be traced to a source.

The product promises never to invent an SAP note number, profile parameter, transaction
or SapSSL/NI/ICM code, and never to claim SAP's wording where it was not confirmed. These
tests read every entry of knowledge/*.yaml, find those facts in its text
(tests/support/kbfacts.py) and accept each only when the project's reference facts list it
(tests/support/known_facts.yaml, a copy with the facts file's source links) or when a
`note` of the entry's own `sources` names it — so a new fact arrives with its source.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import kbfacts
from tests.support.kbfacts import CODE, NOTE, PARAMETER, TRANSACTION, Mention, strings_in

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
KNOWN_FACTS = ROOT / "tests" / "support" / "known_facts.yaml"
_KIND_LISTS = {NOTE: "notes", PARAMETER: "parameters", TRANSACTION: "transactions", CODE: "codes"}
_SOURCED_LISTS = (*_KIND_LISTS.values(), "quoted_texts")
# Glossary entries of these kinds are themselves a fact of that kind (their id).
_GLOSSARY_FACT_KINDS = {"transaction": TRANSACTION, "parameter": PARAMETER}


@cache
def _known() -> dict[str, Any]:
    with KNOWN_FACTS.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def _known_values(kind: str) -> set[str]:
    return {str(value) for value in _known()[_KIND_LISTS[kind]]}


@cache
def _entries() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(KNOWLEDGE.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        out += [(kind, entry) for kind, entries in data.items() for entry in entries]
    return out



def _stated(kind: str, entry: dict[str, Any]) -> set[Mention]:
    """The facts an entry states: in every field but its sources, and its own id."""
    text = "\n".join(strings_in({k: v for k, v in entry.items() if k != "sources"}))
    found = kbfacts.mentions(text)
    fact_kind = _GLOSSARY_FACT_KINDS.get(entry.get("kind", "")) if kind == "glossary" else None
    if fact_kind == TRANSACTION:
        found.add(Mention(TRANSACTION, entry["id"]))
    elif fact_kind == PARAMETER:
        found.add(Mention(PARAMETER, kbfacts.normalise_parameter(entry["id"])))
    return found


def _named_by_sources(mention: Mention, entry: dict[str, Any]) -> bool:
    for source in entry.get("sources") or ():
        note = str(source.get("note", ""))
        if mention.value in note or mention in kbfacts.mentions(note):
            return True
    return False


def _traced_alone(mention: Mention, entry: dict[str, Any]) -> bool:
    return mention.value in _known_values(mention.kind) or _named_by_sources(mention, entry)


@cache
def _code_entries() -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for kind, entry in _entries() if kind == "codes"}


def _carried_by_linked_code(mention: Mention, entry: dict[str, Any],
                            codes: dict[str, dict[str, Any]]) -> bool:
    """A code the entry links to (its `codes` field) carries its own id and aliases, when its
    own sources name it: one hop, so a cause need not repeat a code entry's source."""
    if mention.kind != CODE:
        return False
    for code_id in entry.get("codes") or ():
        code = codes.get(code_id)
        if code is None or not _traced_alone(Mention(CODE, code_id), code):
            continue
        if mention.value == code_id or mention in kbfacts.mentions("\n".join(code.get("aliases") or ())):
            return True
    return False


def untraced(kind: str, entry: dict[str, Any],
             codes: dict[str, dict[str, Any]] | None = None) -> list[Mention]:
    """The facts `entry` states that neither the reference facts nor its sources carry."""
    codes = _code_entries() if codes is None else codes
    return sorted(
        (m for m in _stated(kind, entry)
         if not _traced_alone(m, entry) and not _carried_by_linked_code(m, entry, codes)),
        key=lambda m: (m.kind, m.value),
    )


# ------------------------------------------------------------------ the finder ------


@pytest.mark.parametrize(("text", "expected"), [
    ("see SAP Note 2368112 and note 510007 §7", {(NOTE, "2368112"), (NOTE, "510007")}),
    ("notes 1848999, 2450794 and 2384243", {(NOTE, "1848999"), (NOTE, "2450794"), (NOTE, "2384243")}),
    ("KBA 3569644 lists causes", {(NOTE, "3569644")}),
    ("NI codes (SAP Note 63342)", {(NOTE, "63342")}),
    ("superseded by 3318423 (kernel)", {(NOTE, "3318423")}),
    ("range 0–9999999, 10–32000 s, error 10061", set()),
    ("set `icm/HTTPS/client_sni_enabled = TRUE`", {(PARAMETER, "icm/HTTPS/client_sni_enabled")}),
    ("`icm/server_port_<xx>` and icm/server_port_xx", {(PARAMETER, "icm/server_port_<xx>")}),
    ("SETENV_26 = SECUDIR=$(DIR_INSTANCE)", {(PARAMETER, "SETENV_26"), (PARAMETER, "SECUDIR"),
                                             (PARAMETER, "DIR_INSTANCE")}),
    ("SAP_IPv6_ACTIVE=1 and rdisp/TRACE", {(PARAMETER, "SAP_IPv6_ACTIVE"), (PARAMETER, "rdisp/TRACE")}),
    ("check host/port and user/password", set()),
    ("`SMICM` → Goto → Trace File", {(TRANSACTION, "SMICM")}),
    ("Administration → ICM → Exit Soft → Global", set()),
    ("Change → SSL client PSE → Import certificate", set()),
    ("run transaction SOAMANAGER, then ST22", {(TRANSACTION, "SOAMANAGER"), (TRANSACTION, "ST22")}),
    ("activate it in `/IWFND/MAINT_SERVICE`", {(TRANSACTION, "/IWFND/MAINT_SERVICE")}),
    ("CommonCryptoLib PL38 with SHA256", set()),
    ("failed: SSSLERR_PEER_CERT_UNTRUSTED (-102) and NIECONN_REFUSED(-10)",
     {(CODE, "SSSLERR_PEER_CERT_UNTRUSTED"), (CODE, "NIECONN_REFUSED")}),
    ("ICM_HTTP_SSL_ERROR; any SSSLERR_ code", {(CODE, "ICM_HTTP_SSL_ERROR")}),
])
def test_finder_reads_each_kind_of_fact(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(m.kind, m.value) for m in kbfacts.mentions(text)} == expected


def test_an_invented_fact_is_flagged_and_a_sourced_one_is_not() -> None:
    entry = {"id": "x", "text": "Set `icm/HTTPS/made_up = 1` (note 9999991, transaction ZZ99)."}
    assert {m.value for m in untraced("causes", entry)} == {"icm/HTTPS/made_up", "9999991", "ZZ99"}
    entry["sources"] = [{"url": "https://example.invalid", "note": "icm/HTTPS/made_up; note 9999991; ZZ99"}]
    assert untraced("causes", entry) == []
    # A fact of the reference facts needs no source of the entry's own.
    assert untraced("causes", {"id": "y", "text": "note 510007 §7: ssl/client_sni_enabled"}) == []


def test_a_linked_code_carries_its_name_only_when_its_own_sources_do() -> None:
    cause = {"id": "c", "signs": ["SSSLERR_MADE_UP", "SSSLRC_MADE_UP"], "codes": ["SSSLERR_MADE_UP"]}
    code = {"id": "SSSLERR_MADE_UP", "aliases": ["SSSLRC_MADE_UP (-99)"],
            "sources": [{"url": "https://example.invalid", "note": "header defines it"}]}
    flagged = {m.value for m in untraced("causes", cause, {code["id"]: code})}
    assert flagged == {"SSSLERR_MADE_UP", "SSSLRC_MADE_UP"}
    code["sources"][0]["note"] = "header defines SSSLERR_MADE_UP"
    assert untraced("causes", cause, {code["id"]: code}) == []


# ------------------------------------------------------------------ the data file ---


def test_known_facts_cite_sources_the_file_resolves() -> None:
    sources = _known()["sources"]
    for kind_list in _SOURCED_LISTS:
        for value, keys in _known()[kind_list].items():
            assert keys, f"{kind_list}/{value}: no source key"
            for key in keys:
                assert key in sources, f"{kind_list}/{value}: unknown source key {key}"


# ------------------------------------------------------------------ the knowledge ---


def test_every_stated_fact_is_known_or_sourced() -> None:
    problems = [f"{kind}/{entry['id']}: {m.kind} {m.value}"
                for kind, entry in _entries() for m in untraced(kind, entry)]
    assert not problems, "facts with no source:\n" + "\n".join(problems)


def _quoted_title(entry: dict[str, Any]) -> str | None:
    title = str(entry.get("title", ""))
    start, end = title.find('"'), title.rfind('"')
    return title[start + 1 : end] if 0 <= start < end else None


def test_confirmed_messages_quote_a_confirmed_short_text() -> None:
    confirmed = _known()["confirmed_short_texts"]
    for kind, entry in _entries():
        if kind == "messages" and entry["sap_wording"] == "confirmed":
            assert entry.get("short_text") == confirmed.get(entry["id"]), entry["id"]


def test_note_titles_claim_sap_wording_only_where_the_reference_facts_give_it() -> None:
    """A title the reference facts quote may be marked confirmed; any other quoted title
    (seen only on third-party pages) is marked own_words and says it is not confirmed."""
    titles = set(_known()["note_titles"].values())
    for kind, entry in _entries():
        if kind != "glossary" or entry.get("kind") != "note":
            continue
        quoted = _quoted_title(entry)
        if entry["sap_wording"] == "confirmed":
            assert quoted in titles, f"{entry['id']}: {entry['title']}"
        elif quoted is not None and quoted not in titles:
            assert "not confirmed" in entry["title"], f"{entry['id']}: {entry['title']}"


def test_confirmed_codes_quote_a_text_the_reference_facts_or_their_sources_give() -> None:
    """A code entry marked confirmed quotes SAP's own string (the code, an exception or a
    trace text); at least one of its names must be one the facts file quotes exactly or
    one a note of its own sources names."""
    quoted = _known_values(CODE) | set(_known()["quoted_texts"])
    for kind, entry in _entries():
        if kind != "codes" or entry["sap_wording"] != "confirmed":
            continue
        names = [entry["id"], *(entry.get("aliases") or ())]
        notes = " ".join(str(s.get("note", "")) for s in entry.get("sources") or ())
        assert any(n in quoted or n in notes for n in names), entry["id"]


def test_a_failed_proxy_logon_leads_to_416_only() -> None:
    # The reference facts and the cause's own text: a proxy logon that fails is
    # SCLNT_HTTP416 (ICM_HTTP_PROXY_UNAUTHORIZED); 426 is a proxy's other, unexpected status.
    # (docs/research/kb_audit.md listed the 426 link as contradicted by the facts.)
    with (KNOWLEDGE / "messages.yaml").open(encoding="utf-8") as fh:
        messages = {m["id"]: m for m in yaml.safe_load(fh)["messages"]}
    linking = sorted(mid for mid, m in messages.items() if "proxy_auth_failed" in (m.get("causes") or []))
    assert linking == ["SCLNT_HTTP416"]
