"""Handshakes assembled from the line shapes of public traces (each fixture cites its page).

Hosts are anonymised; the line shapes, spacing and codes are as the sources show them.
"""

from __future__ import annotations

import random

from assistant.trace import looks_like_dev_icm, read_text
from assistant.trace.model import Handshake
from tests.support import dev_icm

T1 = "140101169288960"
T2 = "140339540870912"
T3 = "140484128118528"


def one(text: str) -> Handshake:
    _, found = read_text(text)
    assert len(found) == 1, found
    return found[0]


def test_closed_connection_trace_block() -> None:
    # https://github.com/abapGit/abapGit/issues/4142 (Logs from SMICM)
    text = "\n".join(dev_icm.prefixed(T1, [
        "*** ERROR => SecuSSL_SessionStartNB(): incomplete SSL handshake [ssslsecu.c   4955]",
        "*** ERROR => SSL handshake with api.partner.example:443 failed: SSSLRC_CONN_CLOSED (-10)",
        "Remote Peer has closed the network connection",
        "",
        "SapSSLSessionStartNB()==SSSLRC_CONN_CLOSED",
        "",
        " {0008924a} {root-id=42010AF002491EDB92B8A3E5D4F1B3C2}",
    ]))
    h = one(text)
    assert (h.thread, h.host, h.port, h.code, h.numeric) == (T1, "api.partner.example", 443, "SSSLRC_CONN_CLOSED", -10)
    assert h.incomplete and h.ok is False and h.line == 2
    assert h.messages == ["Remote Peer has closed the network connection"]
    assert h.sni is None  # no detail block: the trace does not say


def test_get_last_error_block_pasted_without_prefix() -> None:
    # https://github.com/abapGit/abapGit/issues/5589 (ZABAPGIT_TEST_SSL output)
    text = """SSL handshake with api.partner.example:443 failed: SSSLRC_CONN_CLOSED (-10)
Remote Peer has closed the network connection
SapSSLSessionStartNB()==SSSLRC_CONN_CLOSED
  SSL::SiRecv() failed   rc==SSSLRC_CONN_CLOSED
  SSL:SSL_get_state()==0x2120 "TLS read server hello A"
  SSL NI-hdl 89: local=10.20.30.40:54438  peer=192.0.2.3:443
  cli SSL session PSE "/usr/sap/S4D/D20/sec/SAPSSLC.pse"
  SSL_CTX ciphersuites=150:PFS:HIGH::EC_P256:EC_HIGH
  Client SSL_CTX 7fa31407ac00 pvflags=896 (TLSv1.2,TLSv1.1,TLSv1.0)
  TLSextSNI server_name="api.partner.example"
  Target Hostname="api.partner.example"
Also check transaction SMICM -> Goto -> Trace File -> Display End"""
    assert looks_like_dev_icm(text)
    h = one(text)
    assert (h.host, h.port) == ("api.partner.example", 443)  # the partner, never local=
    assert h.local == "10.20.30.40:54438" and h.peer == "192.0.2.3:443"
    assert (h.state, h.state_hex) == ("TLS read server hello A", "0x2120")
    assert h.pse == "/usr/sap/S4D/D20/sec/SAPSSLC.pse" and h.role == "client"
    assert h.versions == ["TLSv1.2", "TLSv1.1", "TLSv1.0"]
    assert h.ciphersuites == "150:PFS:HIGH::EC_P256:EC_HIGH"
    assert h.sni is True and h.sni_name == "api.partner.example"


def test_host_mismatch_block_details_before_summary() -> None:
    # https://userapps.support.sap.com/sap/support/knowledge/en/3391859
    text = "\n".join(dev_icm.prefixed(T3, [
        '  Target Hostname="api.partner.example"',
        "  SSL NI-hdl 2662: local=10.20.30.40:51234  peer=192.0.2.7:8443",
        "<<- ERROR: SapSSLSessionStartNB(sssl_hdl=7fc4e0001870)==SSSLERR_SERVER_CERT_MISMATCH",
        "*** ERROR => SSL handshake with api.partner.example:8443 failed: SSSLERR_SERVER_CERT_MISMATCH (-30)",
        "Server certificate does not match supplied TargetHostname (rfc2818 section 3.1)",
        "",
        "SapSSLSessionStartNB()==SSSLERR_SERVER_CERT_MISMATCH",
        '  TargetHostname     = "api.partner.example"',
        "  ServerCert.subject = <CN=other.partner.example, O=Example>",
    ]))
    h = one(text)
    assert (h.host, h.port, h.code, h.numeric) == ("api.partner.example", 8443, "SSSLERR_SERVER_CERT_MISMATCH", -30)
    assert h.server_cert_subject == "<CN=other.partner.example, O=Example>"
    assert h.line == 4 and h.peer == "192.0.2.7:8443"


def test_untrusted_with_level2_error_stack_names() -> None:
    # https://github.com/IBM/abap-sdk-nwas-x (README, "Determine required certificate");
    # the stack's begin marker as in https://github.com/abapGit/abapGit/issues/3360
    text = "\n".join(dev_icm.prefixed("nn", [
        ">>            Begin of Secu-SSL Errorstack            >>",
        "Peer not trusted",
        "Certificate:",
        " Certificate:",
        "  Subject:                CN=*.partner.example, O=Example Corp, C=US",
        "  Issuer:                 CN=Example TLS CA 2018, O=Example CA Inc, C=US",
        "  Serial Number:          05:1C:46:1B:6E:C2:29:48:BD:F0:03:B3:A6:87:1A:5B",
        " Verification result:",
        "   SignerCert:",
        "    Certificate:",
        "     Subject:                CN=Example TLS CA 2018, O=Example CA Inc, C=US",
        "     Issuer:                 CN=Example Global Root CA, O=Example CA Inc, C=US",
        "<< ---------- End of Secu-SSL Errorstack ----------",
        '  Target Hostname="stream.partner.example"',
        "  SSL NI-hdl 463: local=10.20.30.40:56542  peer=192.0.2.62:443",
        "<<- ERROR: SapSSLSessionStartNB(sssl_hdl=3fef0000c70)==SSSLERR_PEER_CERT_UNTRUSTED",
        "*** ERROR => SSL handshake with stream.partner.example:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)",
        "The peer's X.509 Certificate (chain) is untrusted",
    ]))
    h = one(text)
    assert (h.host, h.code, h.numeric) == ("stream.partner.example", "SSSLERR_PEER_CERT_UNTRUSTED", -102)
    assert h.named_chain == [
        ("CN=*.partner.example, O=Example Corp, C=US", "CN=Example TLS CA 2018, O=Example CA Inc, C=US"),
        ("CN=Example TLS CA 2018, O=Example CA Inc, C=US", "CN=Example Global Root CA, O=Example CA Inc, C=US"),
    ]
    assert "The peer's X.509 Certificate (chain) is untrusted" in h.messages


def test_server_role_errors_are_counted_not_reported() -> None:
    # https://github.com/abapGit/abapGit/issues/3360 (the ICM as TLS server)
    text = "\n".join(dev_icm.prefixed("140112939534080", [
        "Wed May 13 01:05:55:690 2020",
        '  SSL_get_state()==0x11c0 "TLS read finished A"',
        "*** ERROR during secussl_read() from SSL_read()==SSL_ERROR_SSL",
        '  srv SSL session PSE "/usr/sap/NPL/D00/sec/SAPSSLS.pse"',
        "  session ciphersuites=135:PFS:HIGH::EC_P256:EC_HIGH",
        "  Server SSL_CTX 7f6e640688d0 pvflags=897 (TLSv1.2,TLSv1.1,TLSv1.0,BC)",
        '  TLSextSNI server_name="localhost"',
        "secussl_read: SSL_read() failed  (536875078/0x20001046)",
        '   => "received a fatal TLS certificate unknown alert message from the peer"',
        "IcmHandleNetRead: other work",
    ]))
    report, found = read_text(text)
    assert found == [] and report.server_role_errors == 1


def test_older_kernel_summary_without_host() -> None:
    # http://sapbasiscrew.blogspot.com/2016/09/sslerrpeercertuntrusted-peer.html
    text = "\n".join(dev_icm.prefixed("7", [
        "*** ERROR during SecudeSSL_SessionStart() from SSL_connect()==SSL_ERROR_SSL",
        '    session uses PSE file "/usr/sap/SID/HOST/sec/SAPSSLA.pse"',
        "*** ERROR => IcmConnInitClientSSL: SapSSLSessionStart failed (-102): SSSLERR_PEER_CERT_UNTRUSTED",
    ]))
    h = one(text)
    assert (h.code, h.numeric, h.host, h.pse) == ("SSSLERR_PEER_CERT_UNTRUSTED", -102, None, "/usr/sap/SID/HOST/sec/SAPSSLA.pse")


def test_both_summary_styles_of_one_failure_are_one_handshake() -> None:
    """The older kernels' summary and the newer one for the same failure, one after the
    other: one handshake with the newer line's host, not a host-less second partner."""
    text = "\n".join(dev_icm.prefixed("7", [
        '    session uses PSE file "/usr/sap/SID/HOST/sec/SAPSSLA.pse"',
        "  SSL NI-hdl 45: local=10.1.2.3:51234  peer=192.0.2.10:443",
        "*** ERROR => IcmConnInitClientSSL: SapSSLSessionStart failed (-102): SSSLERR_PEER_CERT_UNTRUSTED",
        "*** ERROR => SSL handshake with api.partner.example:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)",
    ]))
    h = one(text)
    assert (h.host, h.port, h.peer, h.code) == ("api.partner.example", 443, "192.0.2.10:443", "SSSLERR_PEER_CERT_UNTRUSTED")


def test_two_older_style_summaries_stay_two_handshakes() -> None:
    text = "\n".join(dev_icm.prefixed("7", [
        "*** ERROR => IcmConnInitClientSSL: SapSSLSessionStart failed (-102): SSSLERR_PEER_CERT_UNTRUSTED",
        "*** ERROR => IcmConnInitClientSSL: SapSSLSessionStart failed (-102): SSSLERR_PEER_CERT_UNTRUSTED",
    ]))
    _, found = read_text(text)
    assert len(found) == 2


def test_proxy_refusal() -> None:
    # https://github.com/SAP-docs/cloud-alm-setup-admin-guide/blob/main/docs/troubleshooting-for-abap-systems-cb82fd2.md
    h = one("[Thr 5] *** ERROR => IcmConnInitClientSSL: Proxy connection to https://api.partner.example:443 "
            "via proxy.corp.example:3128 failed (proxy returned 407 Proxy Authentication Required)")
    assert (h.host, h.port, h.proxy, h.proxy_status, h.ok) == ("api.partner.example", 443, "proxy.corp.example:3128", 407, False)


def test_time_stamp_of_the_thread() -> None:
    # https://github.com/abapGit/abapGit/issues/3360: `[Thr …] Wed May 13 01:05:55:690 2020`
    text = "\n".join([
        "[Thr 1] Wed May 13 01:05:55:690 2020",
        "[Thr 2] Thu May 14 09:00:00:001 2020",
        "[Thr 1] *** ERROR => SSL handshake with a.partner.example:443 failed: SSSLRC_CONN_CLOSED (-10)",
    ])
    assert one(text).time == "2020-05-13T01:05:55.690"


def test_interleaved_threads_keep_their_own_facts() -> None:
    hs = [
        dev_icm.Handshake(host="a.partner.example", thread=T1, handle=1, peer="192.0.2.1:443", sni=False),
        dev_icm.Handshake(host="b.partner.example", thread=T2, handle=2, peer="192.0.2.2:8443", port=8443,
                          code="SSSLRC_CONN_CLOSED", pse=dev_icm.CLIENT_PSE, versions="TLSv1.2"),
        dev_icm.Handshake(host="c.partner.example", thread=T3, handle=3, peer="192.0.2.3:443", code=None),
    ]
    for seed in range(20):  # many interleavings, same result
        _, found = read_text("\n".join(dev_icm.trace(hs, seed=seed)))
        by_host = {h.host: h for h in found}
        assert set(by_host) == {"a.partner.example", "b.partner.example", "c.partner.example"}, seed
        a, b, c = by_host["a.partner.example"], by_host["b.partner.example"], by_host["c.partner.example"]
        assert (a.thread, a.peer, a.sni, a.code) == (T1, "192.0.2.1:443", False, "SSSLERR_PEER_CERT_UNTRUSTED")
        assert (b.thread, b.port, b.peer, b.pse, b.versions) == (T2, 8443, "192.0.2.2:8443", dev_icm.CLIENT_PSE, ["TLSv1.2"])
        assert (c.thread, c.ok, c.success_marker) == (T3, True, True)


def test_consecutive_handshakes_of_one_thread_are_separate() -> None:
    rnd = random.Random(3)
    lines = (
        dev_icm.prefixed(T1, dev_icm.Handshake(host="one.partner.example", handle=10).lines())
        + dev_icm.noise(T1, 2, rnd)
        + dev_icm.prefixed(T1, dev_icm.Handshake(host="two.partner.example", handle=11, code="SSSLRC_CONN_CLOSED").lines())
    )
    _, found = read_text("\n".join(lines))
    assert [(h.host, h.code) for h in found] == [
        ("one.partner.example", "SSSLERR_PEER_CERT_UNTRUSTED"), ("two.partner.example", "SSSLRC_CONN_CLOSED")]


def test_back_to_back_handshakes_without_other_lines() -> None:
    """Two KBA-style handshakes with nothing between them: the second target, socket
    handle and return line start a new record."""
    lines = dev_icm.Handshake(host="one.partner.example", handle=10).lines()
    lines += dev_icm.Handshake(host="two.partner.example", handle=11, peer="192.0.2.99:443").lines()
    _, found = read_text("\n".join(dev_icm.prefixed(T1, lines)))
    assert [(h.host, h.peer) for h in found] == [
        ("one.partner.example", "192.0.2.10:443"), ("two.partner.example", "192.0.2.99:443")]


def test_level1_summary_only() -> None:
    # Trace level 1 writes errors only (SAP Library, rdisp/TRACE): just the summary.
    h = one("[Thr 42] *** ERROR => SSL handshake with api.partner.example:443 failed: SSSLERR_SSL_READ (-58)")
    assert (h.host, h.port, h.code, h.numeric, h.pse, h.sni) == ("api.partner.example", 443, "SSSLERR_SSL_READ", -58, None, None)


def test_number_with_space_and_ipv6_host() -> None:
    # `(- 10)` as abapGit shows it: https://github.com/abapGit/abapGit/issues/4862
    h = one("[Thr 1] *** ERROR => SSL handshake with [2001:db8::5]:443 failed: SSSLRC_CONN_CLOSED (- 10)")
    assert (h.host, h.port, h.numeric) == ("2001:db8::5", 443, -10)


def test_detection() -> None:
    assert looks_like_dev_icm('trc file: "dev_icm", trc level: 1, release: "753"\n')
    assert looks_like_dev_icm("\n".join(dev_icm.prefixed(T1, dev_icm.Handshake(host="x.example").lines())))
    # a single error message (as SM59 or abapGit shows it) is not a trace
    assert not looks_like_dev_icm("HTTP error 421 occured: SSL handshake with github.com:443 failed: "
                                  "SSSLERR_PEER_CERT_UNTRUSTED (-102)")
    assert not looks_like_dev_icm("[Thr 1] IcmListenThreadMain: started\n[Thr 1] ICM started")
    assert not looks_like_dev_icm("how do I import a certificate into STRUST?")


def test_live_check_targets_are_partners_not_the_local_socket() -> None:
    from assistant.trace import analyze_text

    hs = [dev_icm.Handshake(host="a.partner.example", code="SSSLRC_CONN_CLOSED", thread=T1, handle=1),
          dev_icm.Handshake(host="2001:db8::7", port=8443, code="SSSLRC_CONN_CLOSED", thread=T2, handle=2),
          dev_icm.Handshake(host="a.partner.example", code="SSSLRC_CONN_CLOSED", thread=T3, handle=3),
          dev_icm.Handshake(host="ok.partner.example", code=None, thread="4", handle=4)]
    report = analyze_text("\n".join(dev_icm.trace(hs)), reference=[])
    assert report.check_targets() == ["https://a.partner.example:443", "https://[2001:db8::7]:8443"]


def test_a_call_return_after_the_summary_is_the_same_failure() -> None:
    # answers20: a paste whose `<<- ERROR:` return follows the summary (the summary first,
    # then the stack) was read as two failed handshakes, the second "(partner not named)".
    text = "\n".join(dev_icm.prefixed(T1, [
        "*** ERROR => SSL handshake with api.partner.example:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)",
        "   Peer's X.509 certificate (chain) validation failed (missing trust?)",
        "<<- ERROR: SapSSLSessionStartNB(sssl_hdl=7f5d1c0bd2e0)==SSSLERR_PEER_CERT_UNTRUSTED",
        '   SSL:SSL_get_state()==0x2120 "TLS read server certificate"',
    ]))
    h = one(text)
    assert (h.host, h.code, h.state) == ("api.partner.example", "SSSLERR_PEER_CERT_UNTRUSTED", "TLS read server certificate")


def test_a_call_return_after_a_returned_summary_starts_the_next_handshake() -> None:
    # The return line is written before the summary: a second return after a summary that
    # had its own return is the next handshake's, even with the same code.
    first = [
        "<<- ERROR: SapSSLSessionStartNB(sssl_hdl=7f5d1c0bd2e0)==SSSLERR_PEER_CERT_UNTRUSTED",
        "*** ERROR => SSL handshake with api.partner.example:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)",
    ]
    second = [
        "<<- ERROR: SapSSLSessionStartNB(sssl_hdl=7f5d1c0bd2e0)==SSSLERR_PEER_CERT_UNTRUSTED",
        "*** ERROR => SSL handshake with other.partner.example:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)",
    ]
    _, found = read_text("\n".join(dev_icm.prefixed(T1, first + second)))
    assert [h.host for h in found] == ["api.partner.example", "other.partner.example"]
