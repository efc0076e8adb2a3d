"""Second round of faults found by running the live check as a user would, against real
loopback servers: each test pins what an SAP Basis expert would say (message, cause, next
step) where the first answer was wrong or unclear."""

from __future__ import annotations

import socket
import struct

import pytest
from cryptography.hazmat.primitives import hashes

from assistant.answers.check import build_check_doc
from assistant.diagnostics.model import CheckReport
from tests.support import certs
from tests.support.checks import check, step
from tests.support.proxy import ProxyProcess
from tests.support.servers import LoopbackServer, silent_handler, tls_server


def verdict_text(report: CheckReport, kb) -> str:  # type: ignore[no-untyped-def]
    return build_check_doc(report, kb).verdict


def _leaf_files(tmp_path, name: str, **leaf: object) -> certs.ScenarioFiles:  # type: ignore[no-untyped-def]
    root, inter = certs.ca_pair()
    cert = certs.make_leaf(inter, key_label=f"leaf:{name}", **leaf)  # type: ignore[arg-type]
    return certs.Scenario(name=name, leaf=cert, served=[cert, inter], trust=[root],
                          root=root, intermediate=inter).write(tmp_path)


# ------------------------------------------------------------------ wildcard one level off


@pytest.mark.parametrize("name", ["a.b.example.test", "example.test"])
def test_wildcard_that_misses_by_depth_is_the_wildcard_cause(tmp_path, bundled_kb, name: str) -> None:  # type: ignore[no-untyped-def]
    files = _leaf_files(tmp_path, "wild", sans=("*.example.test",), cn="*.example.test")
    with tls_server(files.chain, files.key) as srv, ProxyProcess("anyname") as proxy:
        rep = check(f"https://{name}:{srv.port}/", ca_file=str(files.ca), proxy=proxy.url)
        covered = check(f"https://b.example.test:{srv.port}/", ca_file=str(files.ca), proxy=proxy.url)
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "wildcard_cert_not_matching", "SCLNT_HTTP415")
    assert "*.example.test covers exactly one level below example.test" in step(rep, "chain", "fail").detail
    assert "one level below the wildcard's domain" in verdict_text(rep, bundled_kb)
    assert covered.verdict == "ok"


def test_a_name_outside_the_wildcard_domain_stays_a_plain_mismatch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    files = _leaf_files(tmp_path, "wild", sans=("*.example.test",), cn="*.example.test")
    with tls_server(files.chain, files.key) as srv, ProxyProcess("anyname") as proxy:
        rep = check(f"https://a.other.test:{srv.port}/", ca_file=str(files.ca), proxy=proxy.url)
    assert (rep.cause, rep.sclnt_http) == ("hostname_mismatch", "SCLNT_HTTP415")


# ------------------------------------------------------------------ the base's explanation in a check answer


def test_untrusted_and_expired_chain_answer_never_calls_the_certificate_fine(tmp_path, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    files = certs.expired_leaf().write(tmp_path)
    stranger = certs.make_root("sapassist Unrelated Root CA")  # the PSE lacks the server's root
    (tmp_path / "pse.pem").write_bytes(stranger.pem())
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(tmp_path / "pse.pem"))
    assert rep.cause == "server_cert_untrusted"
    assert any(f.cause == "server_cert_expired" and f.status == "fail" for f in rep.findings)
    answer = build_check_doc(rep, bundled_kb).markdown()
    assert "does not trust the CA" in answer  # the explanation is there …
    assert "certificate is fine" not in answer  # … without denying the expiry the check found
    assert "not a certificate that has expired" in answer


def test_self_signed_check_answer_speaks_of_the_sap_client_only(tmp_path, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    files = certs.self_signed_leaf().write(tmp_path)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert (rep.cause, rep.sclnt_http) == ("server_cert_self_signed", "SCLNT_HTTP421")
    answer = build_check_doc(rep, bundled_kb).markdown()
    assert "signed by itself" in answer
    assert "NODE_EXTRA_CA_CERTS" not in answer and "Node.js" not in answer
    # a question keeps the other clients' reading
    assert "NODE_EXTRA_CA_CERTS" in bundled_kb.causes["server_cert_self_signed"].other_clients


@pytest.mark.parametrize("text", ["what does server_cert_self_signed mean",
                                  "self-signed certificate in certificate chain"])
def test_a_question_keeps_what_other_clients_mean_by_self_signed(bundled_kb, text: str) -> None:  # type: ignore[no-untyped-def]
    from assistant.answers.questions import build_answer
    from assistant.intent import route

    assert "NODE_EXTRA_CA_CERTS" in build_answer(route(text, bundled_kb), bundled_kb)


# ------------------------------------------------------------------ handshakes never answered


def _reset_after_client_hello(conn: socket.socket, server: LoopbackServer) -> None:
    """An IPS or a non-TLS service: reads the ClientHello, answers with a reset."""
    conn.recv(16384)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def _close_after_client_hello(conn: socket.socket, server: LoopbackServer) -> None:
    conn.recv(16384)


@pytest.mark.parametrize("handler", [_reset_after_client_hello, _close_after_client_hello], ids=["reset", "close"])
def test_handshake_cut_on_every_try_is_not_called_sporadic(handler, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    with LoopbackServer(handler) as srv:
        rep = check(srv.url())
    tls = step(rep, "tls", "fail")
    assert (rep.sclnt_http, tls.cause) == ("SCLNT_HTTP407", "connection_broken")
    assert set(tls.data["versions"].values()) == {"refused"}  # every fresh try was cut too
    text = verdict_text(rep, bundled_kb)
    assert "sporadic:" not in text and "on every try" in text
    assert "firewall, IPS or TLS-inspecting device" in text and "no TLS server listens" in text


def test_silent_tls_port_is_not_called_a_slow_request(bundled_kb) -> None:  # type: ignore[no-untyped-def]
    with LoopbackServer(silent_handler) as srv:
        rep = check(srv.url(), timeout=1.0)
    assert (rep.cause, rep.sclnt_http) == ("server_timeout", "SCLNT_HTTP402")
    text = verdict_text(rep, bundled_kb)
    assert "accepts TCP but never answers the TLS handshake" in text and "does not speak TLS" in text
    assert "how long the request really takes" not in text
    answer = build_check_doc(rep, bundled_kb).markdown()
    assert "The connection (and TLS) worked" not in answer


# ------------------------------------------------------------------ a proxy's own failure


@pytest.mark.parametrize(("mode", "status", "words"), [
    ("ok", 502, "could not reach the target"),  # the proxy's connect to the target is refused
    ("timeout504", 504, "timed out reaching the target"),
    ("squid503", 503, "cannot connect to the target"),
])
def test_proxy_that_cannot_reach_the_target_says_so_and_what_to_check(
        bundled_kb, mode: str, status: int, words: str) -> None:  # type: ignore[no-untyped-def]
    from tests.support.servers import free_port

    with ProxyProcess(mode) as proxy:
        rep = check(f"https://localhost:{free_port()}/", proxy=proxy.url)
    found = step(rep, "proxy", "fail")
    assert (found.cause, found.sclnt_http, found.data["status"]) == ("proxy_http_error", "SCLNT_HTTP426", status)
    assert words in found.detail
    text = verdict_text(rep, bundled_kb)
    assert "resolves there and its port is open" in text and "proxy's log" in text


def test_proxy_that_denies_the_target_asks_for_an_allow_rule(bundled_kb) -> None:  # type: ignore[no-untyped-def]
    with ProxyProcess("deny403") as proxy:
        rep = check("https://localhost:1/", proxy=proxy.url)
    assert "rules deny this target" in step(rep, "proxy", "fail").detail
    assert "allow this host and port" in verdict_text(rep, bundled_kb)


# ------------------------------------------------------------------ our client certificate without its intermediate


@pytest.mark.parametrize("max_version", ["TLSv1_2", "TLSv1_3"])
def test_client_certificate_sent_without_its_intermediate_says_the_chain_was_incomplete(
        tmp_path, bundled_kb, max_version: str) -> None:  # type: ignore[no-untyped-def]
    import ssl

    scenario = certs.good_chain()
    files = scenario.write(tmp_path / "server")
    assert scenario.root is not None and scenario.intermediate is not None
    client = certs.make_client(scenario.intermediate)
    alone_cert, key = client.write(tmp_path, "client")  # the leaf alone, as a PSE without its chain
    with_chain = tmp_path / "client-chain.pem"
    with_chain.write_bytes(client.pem() + scenario.intermediate.pem())
    root_only = tmp_path / "root.pem"  # the server trusts the root, not the intermediate
    root_only.write_bytes(scenario.root.pem())
    version = getattr(ssl.TLSVersion, max_version)
    with tls_server(files.chain, files.key, client_ca=root_only, require_client_cert=True,
                    max_version=version) as srv:
        alone = check(srv.url(), ca_file=str(files.ca), client_cert=str(alone_cert), client_key=str(key))
        chained = check(srv.url(), ca_file=str(files.ca), client_cert=str(with_chain), client_key=str(key))
    assert chained.verdict == "ok"
    assert (alone.cause, alone.sclnt_http) == ("client_cert_rejected", "SCLNT_HTTP407")
    refused = step(alone, "client_cert", "fail")
    assert "the chain we sent was incomplete" in refused.detail and "lacks the intermediate" in refused.detail
    answer = build_check_doc(alone, bundled_kb).markdown()
    assert "Import certificate response with the signed certificate followed by the intermediate" in answer


@pytest.mark.skipif(not certs.openssl_available(), reason="openssl not installed")
def test_incomplete_client_chain_against_a_server_that_names_its_root(tmp_path, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    """openssl s_server sends the root's name as the acceptable CA: ours is not listed
    because its intermediate did not go along."""
    from tests.support.servers import OpenSSLServer

    scenario = certs.good_chain()
    files = scenario.write(tmp_path / "server")
    assert scenario.root is not None and scenario.intermediate is not None
    inter = tmp_path / "intermediate.pem"
    inter.write_bytes(scenario.intermediate.pem())
    root_only = tmp_path / "root.pem"
    root_only.write_bytes(scenario.root.pem())
    client_cert, key = certs.make_client(scenario.intermediate).write(tmp_path, "client")
    with OpenSSLServer(files.leaf, files.key, chain=inter,
                       args=["-Verify", "1", "-verify_return_error", "-CAfile", str(root_only)]) as srv:
        rep = check(srv.url(), ca_file=str(files.ca), client_cert=str(client_cert), client_key=str(key))
    refused = step(rep, "client_cert", "fail")
    assert refused.data["acceptable_ca_names"]  # the root's name
    assert "was the chain we sent incomplete" in refused.detail  # faults19: said as the condition it is
    assert "followed by the intermediate" in build_check_doc(rep, bundled_kb).markdown()


# ------------------------------------------------------------------ 421 Misdirected Request


def test_misdirected_request_points_at_the_host_name_and_sni(good_files: certs.ScenarioFiles, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    answer = (b"HTTP/1.1 421 Misdirected Request\r\nServer: lab\r\nContent-Length: 0\r\n"
              b"Connection: close\r\n\r\n")
    with tls_server(good_files.chain, good_files.key, response=answer) as srv:
        rep = check(srv.url("/sap/bc/ping"), ca_file=str(good_files.ca))
    assert step(rep, "http", "warn").data["status"] == 421
    text = verdict_text(rep, bundled_kb)
    assert "connection for another host" in text and "client_sni_enabled" in text
    assert "Target Host" in text


# ------------------------------------------------------------------ HTTP/2 only


def _http2_only(files: certs.ScenarioFiles):  # type: ignore[no-untyped-def]
    """Answers any request with an HTTP/2 SETTINGS frame and a GOAWAY (PROTOCOL_ERROR), as
    an HTTP/2-only server does to a request that is not the HTTP/2 preface."""
    from tests.support.servers import server_context

    ctx = server_context(files.chain, files.key)
    ctx.set_alpn_protocols(["h2"])

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        try:
            tls = ctx.wrap_socket(conn, server_side=True)
        except OSError:
            return
        with tls:
            try:
                tls.recv(65536)
                settings = b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"
                goaway = b"\x00\x00\x08\x07\x00\x00\x00\x00\x00" + b"\x00\x00\x00\x00\x00\x00\x00\x01"
                tls.sendall(settings + goaway)
            except OSError:
                pass

    return handle


def test_http2_only_server_is_named_not_called_a_wrong_port(good_files: certs.ScenarioFiles, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    with LoopbackServer(_http2_only(good_files)) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    http = step(rep, "http", "fail")
    assert (http.cause, http.sclnt_http) == ("server_http2_only", None)
    assert "HTTP/2 frame" in http.detail and "Service No." not in http.detail
    text = verdict_text(rep, bundled_kb)
    assert "icm/HTTP/client/support_http2" in text and "ABAP Platform 1909" in text


# ------------------------------------------------------------------ two CA certificates with one name


def _renewed_ca(tmp_path):  # type: ignore[no-untyped-def]
    """A leaf signed by the current intermediate, and an older intermediate with the same
    subject but another key (a CA renewed with a new key)."""
    root, current = certs.ca_pair()
    old = certs.make_intermediate(root, certs.INTERMEDIATE_CN, key_label="faults2:old-intermediate")
    leaf = certs.make_leaf(current, key_label="faults2:renewed-leaf")
    return root, current, old, leaf


def test_trust_list_holding_an_older_ca_of_the_same_name_says_which_one_is_missing(tmp_path, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    root, current, old, leaf = _renewed_ca(tmp_path)
    files = certs.Scenario("renewed", leaf, [leaf], [root]).write(tmp_path / "server")
    pse = tmp_path / "pse.pem"  # the PSE holds the old intermediate of the same name
    pse.write_bytes(old.pem())
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(pse))
    assert rep.sclnt_http == "SCLNT_HTTP421" and rep.extra["missing_issuer"] == current.subject
    chain = step(rep, "chain", "fail")
    assert chain.data["namesake_sha256"] == old.cert.fingerprint(hashes.SHA256()).hex(":").upper()
    assert "older or renewed certificate of the same CA" in chain.detail
    assert "already in the trust list" in verdict_text(rep, bundled_kb)


def test_server_sending_two_ca_certificates_of_one_name_is_told_to_send_the_current_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root, current, old, leaf = _renewed_ca(tmp_path)
    files = certs.Scenario("twins", leaf, [leaf, old, current], [root]).write(tmp_path / "server")
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert rep.verdict == "warning"
    twins = next(f for f in rep.findings if f.step == "chain" and f.data.get("same_name"))
    assert twins.data["same_name"] == [current.subject]
    assert "appears twice, with different keys" in twins.detail and "send only the current one" in twins.detail


# ------------------------------------------------------------------ a TLS-inspecting proxy


@pytest.fixture()
def inspection(tmp_path, good_files: certs.ScenarioFiles):  # type: ignore[no-untyped-def]
    """A proxy that re-signs the target's certificate with its own CA ("Corp Inspection")."""
    corp_root = certs.make_root("sapassist Corp Inspection Root CA")
    corp_leaf = certs.make_leaf(corp_root, key_label="faults2:inspection-leaf")
    chain, key = corp_leaf.write(tmp_path, "inspection")
    with ProxyProcess("intercept", intercept=(chain, key)) as proxy:
        yield proxy, corp_root


def test_proxy_that_re_signs_with_its_own_ca_is_tls_interception(good_files: certs.ScenarioFiles, inspection,  # type: ignore[no-untyped-def]
                                                                 bundled_kb) -> None:
    proxy, corp_root = inspection
    with tls_server(good_files.chain, good_files.key) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca), proxy=proxy.url)
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "tls_interception", "SCLNT_HTTP421")
    found = step(rep, "chain", "fail")
    assert found.data["issuer_via_proxy"] == corp_root.subject
    assert "Test Intermediate" in found.data["issuer_direct"]
    text = verdict_text(rep, bundled_kb)
    assert "inspection CA" in text and corp_root.subject in text


def test_a_chain_verified_through_the_proxy_never_goes_around_it(  # type: ignore[no-untyped-def]
    tmp_path, good_files: certs.ScenarioFiles, inspection, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The inspection CA is trusted here: the call works through the proxy, and the check
    # must not open a direct connection past the proxy the user named (nor spend time on it).
    proxy, corp_root = inspection
    both = tmp_path / "both.pem"
    both.write_bytes(good_files.ca.read_bytes() + corp_root.pem())

    def no_direct_connection(run):  # type: ignore[no-untyped-def]
        raise AssertionError("went around the proxy")

    monkeypatch.setattr("assistant.diagnostics.tlssteps.direct_observation", no_direct_connection)
    with tls_server(good_files.chain, good_files.key) as srv:
        rep = check(srv.url(), ca_file=str(both), proxy=proxy.url)
    assert step(rep, "http").status == "ok", [(f.step, f.status, f.detail) for f in rep.findings]
    assert rep.verdict == "ok" and all(f.cause != "tls_interception" for f in rep.findings)


def test_a_plain_tunnel_is_no_interception(good_files: certs.ScenarioFiles) -> None:
    with tls_server(good_files.chain, good_files.key) as srv, ProxyProcess("ok") as proxy:
        rep = check(srv.url(), ca_file=str(good_files.ca), proxy=proxy.url)
    assert rep.verdict == "ok" and all(f.cause != "tls_interception" for f in rep.findings)


# ------------------------------------------------------------------ a name with a dead address


@pytest.mark.parametrize("dead_first", [True, False], ids=["dead-first", "dead-later"])
def test_a_dead_address_next_to_a_live_one_is_a_warning(dead_first: bool) -> None:
    """A name with two addresses (DNS round robin) of which one refuses: this machine gets
    through, a client that takes the other address does not."""
    from assistant.diagnostics.connect import connect_any, connect_finding, try_other_addresses
    from assistant.diagnostics.deadline import Deadline
    from tests.support.servers import http_handler

    with LoopbackServer(http_handler()) as srv:
        live = (socket.AF_INET, ("127.0.0.1", srv.port))
        dead = (socket.AF_INET, ("127.0.0.2", srv.port))  # loopback, but nothing listens there
        addresses = [dead, live] if dead_first else [live, dead]
        deadline = Deadline(3.0)
        result = connect_any(addresses, deadline)
        try_other_addresses(result, addresses, deadline)
        assert result.sock is not None
        result.sock.close()
        alone = connect_any([live], deadline)
        try_other_addresses(alone, [live], deadline)
        assert alone.sock is not None
        alone.sock.close()
    found = connect_finding(result)
    assert (found.status, found.cause) == ("warn", "connection_refused")
    assert "127.0.0.2" in found.detail and "not known here" in found.detail
    assert "DNS or network team" in found.data["next_step"]
    assert connect_finding(alone).status == "ok"
