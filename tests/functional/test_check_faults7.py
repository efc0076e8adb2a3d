"""Faults of the seventh audit, against real loopback servers: what the sixth audit left
(a strict HTTP/2-only server refusing the handshake, a SHA-1-signed leaf through the CLI,
a forward proxy's own status for an http:// URL) and the first screen of the common
faults as `sapassist check` prints it."""

from __future__ import annotations

import pytest

from assistant.answers.check import build_check_doc
from assistant.cli import main
from assistant.diagnostics.model import CheckReport
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.checks import check, step
from tests.support.servers import LoopbackServer, alert_handler


def next_step(report: CheckReport, kb: KnowledgeBase) -> str:
    return next(line for line in build_check_doc(report, kb).verdict.split("\n\n") if line.startswith("**Next step:**"))


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["check", *argv])
    return code, capsys.readouterr().out


# ------------------------------------------------------------------ a strict HTTP/2-only server (ALPN)


def test_a_server_refusing_clients_without_h2_in_alpn_is_named(bundled_kb: KnowledgeBase) -> None:
    """The alert no_application_protocol (120) to a ClientHello without ALPN, as a server
    that takes HTTP/2 clients only sends it: the HTTP/2-only cause, not 'none of the known
    causes fits'."""
    with LoopbackServer(alert_handler(120)) as srv:
        rep = check(srv.url("/sap/bc/ping"))
    tls = step(rep, "tls", "fail")
    assert (rep.cause, rep.sclnt_http) == ("server_http2_only", "SCLNT_HTTP407")
    assert "no_application_protocol (120)" in tls.detail and "offers none and speaks HTTP/1.1" in tls.detail
    assert "none of the known causes" not in tls.detail
    text = next_step(rep, bundled_kb)
    assert "offer HTTP/2 (h2)" in text and "icm/HTTP/client/support_http2" in text
    assert "ABAP Platform 1909" in text and "accept HTTP/1.1 clients as well" in text
