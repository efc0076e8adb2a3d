"""Faults of the eleventh audit (docs/check_scenarios.md), against real servers and real
proxies on loopback: faults an admin meets that no earlier row covered, where the check's
finding or its first step was wrong or left the essential fact out."""

from __future__ import annotations

import json

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.checks import check, next_step, step
from tests.support.servers import answering_proxy

# ------------------------------------------------------------------ a proxy offering NTLM/Negotiate


@pytest.mark.parametrize("headers", [
    b"Proxy-Authenticate: Negotiate, NTLM\r\n",  # both challenges in one header (RFC 9110 11.6.1)
    b"Proxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\n",
], ids=["one-header", "two-headers"])
def test_a_proxy_offering_only_windows_logons_names_each_scheme(headers: bytes,
                                                                 bundled_kb: KnowledgeBase) -> None:
    with answering_proxy(b"407 Proxy Authentication Required", headers) as proxy:
        rep = check("https://localhost:1/", proxy=f"http://127.0.0.1:{proxy.port}")
    found = step(rep, "proxy", "fail")
    assert (rep.cause, rep.sclnt_http) == ("proxy_auth_failed", "SCLNT_HTTP416")
    assert found.data["proxy_authenticate"] == ["Negotiate", "NTLM"]
    assert "(Proxy-Authenticate: Negotiate, NTLM)" in found.detail and "Negotiate," + ")" not in found.detail
    assert "The proxy offers only Negotiate, NTLM — not Basic" in next_step(rep, bundled_kb)


def test_basic_among_several_challenges_in_one_header_is_seen(bundled_kb: KnowledgeBase) -> None:
    """NTLM first, Basic second in one header: the proxy does take a user and password, so
    the step is the logon data, never "offers only NTLM"; the password stays unprinted."""
    password = "Pr0xyS3cret"
    with answering_proxy(b"407 Proxy Authentication Required",
                         b'Proxy-Authenticate: NTLM, Basic realm="corp, eu"\r\n') as proxy:
        rep = check("https://localhost:1/", proxy=f"http://127.0.0.1:{proxy.port}",
                    proxy_user=f"svc_sap:{password}")
    found = step(rep, "proxy", "fail")
    assert found.data["proxy_authenticate"] == ["NTLM", "Basic"]
    assert "credentials given were rejected" in found.detail and "not Basic" not in found.detail
    assert "offers only" not in next_step(rep, bundled_kb)
    assert password not in json.dumps(rep.to_json())
