"""An `xn--` host is shown with its Unicode form wherever the check names it: the resolve
step did, the name-mismatch finding and the report's header and the check offer did not (the admin typed
`bücher…`, the report spoke only of `xn--bcher-kva…`). `.invalid` names only: no lookups."""

from __future__ import annotations

import pytest

from assistant.answers.check import build_check_answer
from assistant.answers.replies import check_request_doc
from assistant.diagnostics.chain import analyze_chain
from assistant.diagnostics.model import CheckReport
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support import certs as c


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _mismatch(cert_name: str, host: str) -> tuple[str, str]:
    sc = c.wrong_host(cert_name)
    found = analyze_chain(sc.served_certs(), host=host, trust=sc.trust_certs())
    finding = next(f for f in found.findings if f.cause == "hostname_mismatch")
    return finding.detail, str(finding.data["next_step"])


def test_the_name_mismatch_shows_the_host_and_the_certificates_names_in_unicode() -> None:
    detail, step = _mismatch("xn--bcher-kva.sapassist.invalid", "xn--strae-oqa.invalid")
    assert "'xn--strae-oqa.invalid' (straße.invalid)" in detail
    assert "DNS:xn--bcher-kva.sapassist.invalid (bücher.sapassist.invalid)" in detail
    assert "not for 'xn--strae-oqa.invalid' (straße.invalid)" in step
    assert "xn--bcher-kva.sapassist.invalid (bücher.sapassist.invalid) only" in step


def test_an_ascii_host_in_a_mismatch_gets_no_aside() -> None:
    detail, step = _mismatch("other.sapassist.invalid", "erp.sapassist.invalid")
    assert "not valid for 'erp.sapassist.invalid': " in detail
    assert "DNS:other.sapassist.invalid." in detail
    assert "not for 'erp.sapassist.invalid': call" in step


def test_the_report_header_shows_the_unicode_form_of_the_host() -> None:
    report = CheckReport("https://xn--bcher-kva.invalid:443/", "error", "SCLNT_HTTP417", "dns_failure")
    header = build_check_answer(report, None).splitlines()[0]
    assert header == "## Live check of `https://xn--bcher-kva.invalid:443/` (bücher.invalid): error"


def test_a_plain_host_keeps_the_header_as_it_was() -> None:
    report = CheckReport("https://erp.sapassist.invalid:443/", "error", "SCLNT_HTTP417", "dns_failure")
    assert build_check_answer(report, None).splitlines()[0] == (
        "## Live check of `https://erp.sapassist.invalid:443/`: error")


@pytest.mark.parametrize(("text", "headline"), [
    ("check https://xn--bcher-kva.invalid/api", "Live check of `https://xn--bcher-kva.invalid/api` (bücher.invalid)"),
    ("check xn--strae-oqa.invalid:8443", "Live check of `xn--strae-oqa.invalid:8443` (straße.invalid)"),
    ("check https://erp.sapassist.invalid/", "Live check of `https://erp.sapassist.invalid/`"),  # no aside
])
def test_the_check_offer_shows_the_unicode_form_of_the_host(bundled: KnowledgeBase, text: str,
                                                            headline: str) -> None:
    routed = route(text, bundled)
    assert check_request_doc(routed, bundled, for_chat=True).headline == headline
