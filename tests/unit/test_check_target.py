"""URL parsing for `sapassist check`, the finding fold, and the runner's callbacks."""

from __future__ import annotations

import threading

import pytest

from assistant.diagnostics import CheckOptions, Finding, run_check
from assistant.diagnostics.checkrun import fold
from assistant.diagnostics.observe import der_name_to_text, parse_certificate_request
from assistant.diagnostics.target import TargetError, parse_proxy, parse_target
from tests.support.servers import free_port


@pytest.mark.parametrize(("url", "expected"), [
    ("sap.example.com", ("https", "sap.example.com", 443, "/")),
    ("sap.example.com:8443/sap/bc/ping?x=1", ("https", "sap.example.com", 8443, "/sap/bc/ping?x=1")),
    ("http://host", ("http", "host", 80, "/")),
    ("https://[::1]:8443/p", ("https", "::1", 8443, "/p")),
    ("HTTPS://Host.Example.COM", ("https", "host.example.com", 443, "/")),
    ("https://bücher.example/", ("https", "xn--bcher-kva.example", 443, "/")),
])
def test_parse_target(url: str, expected: tuple[str, str, int, str]) -> None:
    t = parse_target(url)
    assert (t.scheme, t.host, t.port, t.path) == expected


def test_target_host_header_and_str() -> None:
    t = parse_target("https://[::1]:8443/x")
    assert t.host_header == "[::1]:8443" and str(t) == "https://[::1]:8443/x" and t.is_ip
    assert parse_target("https://h:443").host_header == "h"


@pytest.mark.parametrize("url", ["", "ftp://h", "https://", "https://h:0x", "https://u:pw@h/",
                                 "https://a b", "https://[zz]/", "https://a..b/"])
def test_bad_targets(url: str) -> None:
    with pytest.raises(TargetError):
        parse_target(url)


@pytest.mark.parametrize("url", ["::1", "2001:db8::5", "fe80::1%eth0"])
def test_a_bare_ipv6_address_is_told_to_use_brackets(url: str) -> None:
    # Its colons would otherwise be read as a port ("invalid port"), which misleads.
    with pytest.raises(TargetError) as exc:
        parse_target(url)
    assert "brackets" in str(exc.value) and f"[{url}]" in str(exc.value)
    assert parse_target(f"[{url.split('%')[0]}]:8443").port == 8443


def test_credentials_in_url_are_not_echoed() -> None:
    with pytest.raises(TargetError) as exc:
        parse_target("https://user:topsecret@h/")
    assert "topsecret" not in str(exc.value)
    with pytest.raises(TargetError) as exc:
        parse_proxy("http://user:topsecret@p:8080")
    assert "topsecret" not in str(exc.value)


def test_parse_proxy_defaults() -> None:
    assert (parse_proxy("proxy").host, parse_proxy("proxy").port) == ("proxy", 8080)
    assert parse_proxy("http://[::1]:3128").port == 3128
    with pytest.raises(TargetError):
        parse_proxy("socks5://p:1080")


def test_fold_takes_first_failure_then_first_warning() -> None:
    fs = [Finding("tls", "warn", "w", cause="a"), Finding("chain", "fail", "x", cause="b",
          sclnt_http="SCLNT_HTTP421"), Finding("http", "fail", "y", cause="c")]
    assert fold(fs) == ("error", "b", "SCLNT_HTTP421")
    assert fold(fs[:1]) == ("warning", "a", None)
    assert fold([Finding("tls", "ok", "")]) == ("ok", None, None)


def test_certificate_request_parsing_tls12_and_tls13() -> None:
    name = bytes.fromhex("30123110300e06035504030c0754657374204341")  # CN=Test CA
    dn_list = len(name).to_bytes(2, "big") + name
    body12 = b"\x01\x01" + b"\x00\x02\x04\x03" + len(dn_list).to_bytes(2, "big") + dn_list
    msg12 = b"\x0d" + len(body12).to_bytes(3, "big") + body12
    assert parse_certificate_request(msg12, 0x0303) == [name]
    ext = len(dn_list).to_bytes(2, "big") + dn_list
    exts = (13).to_bytes(2, "big") + b"\x00\x02\x00\x00" + (47).to_bytes(2, "big") + len(ext).to_bytes(2, "big") + ext
    body13 = b"\x00" + len(exts).to_bytes(2, "big") + exts
    msg13 = b"\x0d" + len(body13).to_bytes(3, "big") + body13
    assert parse_certificate_request(msg13, 0x0304) == [name]
    assert der_name_to_text(name) == "CN=Test CA"
    assert parse_certificate_request(msg12[:10], 0x0303) == []  # truncated: no crash


def test_on_finding_streams_in_order_and_cancel_stops() -> None:
    seen: list[str] = []
    rep = run_check(CheckOptions(url=f"https://127.0.0.1:{free_port()}/", timeout=2),
                    on_finding=lambda f: seen.append(f.step))
    assert seen == [f.step for f in rep.findings]
    cancel = threading.Event()
    cancel.set()
    rep = run_check(CheckOptions(url="https://localhost:1/", timeout=2), cancel=cancel)
    assert rep.cancelled and all(f.status == "skip" for f in rep.findings[1:])


def test_proxy_host_is_checked_like_the_target_host() -> None:
    assert parse_proxy("http://prøxy.example:3128").host == parse_target("prøxy.example").host
    assert parse_proxy("[::1]:3128").host == "::1"
    for bad in ("http://a..b:3128", "http://[zz]:3128", "http://p x:1", "http://p:99999"):
        with pytest.raises(TargetError):
            parse_proxy(bad)


@pytest.mark.parametrize(("url", "path"), [
    ("https://h/zäpfel", "/z%C3%A4pfel"),
    ("https://h/a%20b?q=%C3%A4", "/a%20b?q=%C3%A4"),  # already encoded: encoded once only
    ("https://h/x?q=ä&name=Müller", "/x?q=%C3%A4&name=M%C3%BCller"),
    ("https://h/sap/bc/ping;sap-client=001", "/sap/bc/ping;sap-client=001"),
])
def test_request_target_is_ascii(url: str, path: str) -> None:
    assert parse_target(url).path == path


def test_only_several_connect_attempts_carry_their_own_times() -> None:
    # One attempt's time is the step's time, shown beside the step: said twice it was noise.
    from assistant.diagnostics.connect import Attempt, ConnectResult, describe_attempts

    refused = Attempt("127.0.0.1", 8080, False, 0.4, "refused", "Connection refused (ECONNREFUSED)")
    one = ConnectResult(None, None, [refused], 0.4)
    assert describe_attempts(one) == "127.0.0.1:8080 Connection refused (ECONNREFUSED)"
    assert describe_attempts(one, in_timed_step=False).endswith("(ECONNREFUSED) (0 ms)")  # an error message alone
    two = ConnectResult(None, None, [Attempt("::1", 8080, False, 3000.0, "timeout", "no answer (timed out)"), refused])
    assert describe_attempts(two) == "[::1]:8080 no answer (timed out) (3000 ms); 127.0.0.1:8080 Connection refused (ECONNREFUSED) (0 ms)"
