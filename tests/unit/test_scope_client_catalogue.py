"""Other clients' own error texts, from their runtimes' catalogues (tests/support/client_error_catalogue.yaml):
each, quoted in a line that names no runtime and no product, is read as that client's failure
(`other_client`); the same kinds of failure in the SAP system's own words (ICM, SapSSL, NI,
RFC) keep their kind; and a report that names no client, no product and no runtime's text
stays `unknown` whatever its words for the failure. The vocabulary's rows for these texts
are in intent/vocab_clients.py, their sources in intent/scopesources_clients.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

CATALOGUE = Path(__file__).resolve().parents[1] / "support" / "client_error_catalogue.yaml"
KINDS = frozenset({"trust", "expired", "not_yet_valid", "name_mismatch", "self_signed", "handshake", "protocol",
                   "refused", "reset", "timeout", "unknown_host", "proxy", "client_certificate"})


def _catalogue() -> dict[str, Any]:
    with CATALOGUE.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def _entries() -> list[tuple[str, dict[str, str]]]:
    return [(runtime, entry) for runtime, entries in _catalogue()["runtimes"].items() for entry in entries]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def test_every_entry_is_a_sourced_text_in_its_line() -> None:
    entries = _entries()
    assert len(entries) >= 80
    for runtime, entry in entries:
        assert entry["kind"] in KINDS, (runtime, entry)
        assert entry["source"].startswith(("https://", "http://")), (runtime, entry)
        assert entry["text"].lower() in entry["line"].lower(), (runtime, entry)


def test_the_catalogue_covers_each_runtime_and_the_main_kinds() -> None:
    runtimes = _catalogue()["runtimes"]
    assert {"Node.js", "Java", ".NET and PowerShell", "Python", "Go", "curl and libcurl (PHP, git)", "Browsers",
            "Postman", "OpenSSL s_client"} <= set(runtimes)
    for runtime in ("Node.js", "Java", ".NET and PowerShell", "Python", "Go", "curl and libcurl (PHP, git)", "Browsers"):
        kinds = {e["kind"] for e in runtimes[runtime]}
        assert {"trust", "name_mismatch", "refused", "timeout", "unknown_host"} <= kinds, runtime


@pytest.mark.parametrize(("runtime", "entry"), _entries(), ids=[f"{r}: {e['text'][:40]}" for r, e in _entries()])
def test_a_runtimes_own_text_is_another_clients_failure(kb: KnowledgeBase, runtime: str, entry: dict[str, str]) -> None:
    assert route(entry["line"], kb).scope.kind == "other_client"


@pytest.mark.parametrize("entry", _catalogue()["sap_side"], ids=lambda e: e["line"][:50])
def test_the_same_failures_in_the_sap_systems_words_keep_their_kind(kb: KnowledgeBase, entry: dict[str, str]) -> None:
    assert route(entry["line"], kb).scope.kind == entry["kind"]


@pytest.mark.parametrize("line", _catalogue()["unnamed"], ids=lambda line: line[:50])
def test_a_report_that_names_no_client_stays_unknown(kb: KnowledgeBase, line: str) -> None:
    assert route(line, kb).scope.kind == "unknown"
