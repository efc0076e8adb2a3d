"""Faults of the fifth audit, against real loopback servers: what the fourth audit left
over (a redirect headed as an error status; a plain-http redirect through a forward
proxy not followed) and the faults no round had tried."""

from __future__ import annotations

import socket

from assistant.answers.check import build_check_doc
from assistant.diagnostics.model import CheckReport
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check
from tests.support.servers import LoopbackServer, read_request, server_context


def cause_line(report: CheckReport, kb: KnowledgeBase) -> str:
    return next(line for line in build_check_doc(report, kb).verdict.split("\n\n") if line.startswith("**Cause:**"))


def why(report: CheckReport, kb: KnowledgeBase) -> str:
    doc = build_check_doc(report, kb)
    return next(s.markdown for s in doc.sections if s.key.startswith("cause:"))


# ------------------------------------------------------------------ a redirect's headline


def _redirecting(files: certs.ScenarioFiles | None, location: bytes) -> LoopbackServer:
    """Every request gets a 302 to `location` (`{path}` is the requested path)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        stream = server_context(files.chain, files.key).wrap_socket(conn, server_side=True) if files else conn
        with stream:
            req = read_request(stream)
            if req:
                loc = location.replace(b"{path}", req.split(b" ")[1])
                stream.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + loc +
                               b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    return LoopbackServer(handle)


def test_a_redirect_loop_is_headed_as_a_loop_not_an_error_status(good_files: certs.ScenarioFiles,
                                                                 bundled_kb: KnowledgeBase) -> None:
    with _redirecting(good_files, b"{path}") as srv:
        rep = check(srv.url("/sap/bc/ping"), ca_file=str(good_files.ca))
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("warning", "redirect_loop", None)
    line = cause_line(rep, bundled_kb)
    assert "redirects the request back to itself" in line and "redirect loop" in line
    assert "error status" not in line
    assert "4xx/5xx" not in why(rep, bundled_kb)


def test_a_redirect_elsewhere_is_headed_as_a_redirect(good_files: certs.ScenarioFiles,
                                                      bundled_kb: KnowledgeBase) -> None:
    with _redirecting(good_files, b"https://login.sapassist.invalid/logon") as srv:
        rep = check(srv.url("/sap/bc/ping"), ca_file=str(good_files.ca))
    assert (rep.verdict, rep.cause) == ("warning", "server_redirect")
    line = cause_line(rep, bundled_kb)
    assert "redirect (3xx)" in line and "error status" not in line and "set up wrongly" not in line
    assert "does not follow a redirect to another server" in why(rep, bundled_kb)
