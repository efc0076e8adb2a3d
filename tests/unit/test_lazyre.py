"""assistant.lazyre: a pattern compiled on first use answers exactly like re.compile."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.lazyre import SHORT_TEXT, LazyPattern

TEXT = "SCLNT_HTTP407 and sclnt_http 421, then HTTP error 503"


def test_not_compiled_before_first_use() -> None:
    lazy = LazyPattern(r"(\d{3})")
    assert lazy._compiled is None
    assert lazy.search("x 407").group(1) == "407"  # type: ignore[union-attr]
    assert lazy._compiled is lazy.compiled()


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_methods_match_re(flags: int) -> None:
    source = r"sclnt_?http ?(\d{3})"
    lazy, real = LazyPattern(source, flags), re.compile(source, flags)
    assert lazy.pattern == real.pattern and lazy.flags == flags
    for pos in (0, 5, 20):
        assert _span(lazy.search(TEXT, pos)) == _span(real.search(TEXT, pos))
    assert _span(lazy.match(TEXT)) == _span(real.match(TEXT))
    assert _span(lazy.fullmatch("SCLNT_HTTP407")) == _span(real.fullmatch("SCLNT_HTTP407"))
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in real.finditer(TEXT)]
    assert lazy.findall(TEXT) == real.findall(TEXT)
    assert lazy.sub("<\\1>", TEXT) == real.sub("<\\1>", TEXT)
    assert lazy.sub(lambda m: m.group(1), TEXT, 1) == real.sub(lambda m: m.group(1), TEXT, 1)
    assert lazy.subn("#", TEXT) == real.subn("#", TEXT)
    assert lazy.split(TEXT, 1) == real.split(TEXT, 1)


def test_a_bad_pattern_fails_on_first_use() -> None:
    lazy = LazyPattern(r"(unclosed")
    with pytest.raises(re.error):
        lazy.search("x")


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


def _patterns_with_literals() -> list[tuple[str, LazyPattern]]:
    """Every module-level LazyPattern of the router that declares literals."""
    import importlib
    import pkgutil

    import assistant.intent

    found = []
    for info in pkgutil.iter_modules(assistant.intent.__path__, "assistant.intent."):
        module = importlib.import_module(info.name)
        found += [(f"{info.name}.{name}", v) for name, v in vars(module).items()
                  if isinstance(v, LazyPattern) and v.literals]
    return found


def test_some_patterns_declare_literals() -> None:
    assert len(_patterns_with_literals()) >= 10


_PIECES = st.sampled_from([
    "RC", "rc", "=", ":", " ", "407", "503", "8443", "last", "_", "error", "Error", "get", "HTTP", "http", "/1.1",
    "/", "status", "Status", "code", "response", "returned", "returns", "answered", "responded", " with", "-",
    "ſtatus", "ICM", "icm", "SCLNT", "HTTP_SSL", "(-102)", "(", ")", "port", "Port", "host.example.com", ".",
    "localhost", "https://", "ssl/ciphersuites", "SAPSSL_CLIENT_CIPHERSUITES", "150:PFS:HIGH", "proxy", "PROXIES",
    "K", "ı", "x", "a/b/c", " please ", " check ", " to ", " try ",
])


_MATCHING = [  # a text each pattern with literals matches, in two cases
    'body: "Invalid Proxy Header"', "calling the Fabrikam billing API", "each on its own host", "runs on a Linux VM", "logon to your abap system", "GET https://s4.example.com/sap/opu/odata/sap/API_X/", '{"error": "invalid_grant", "error_description": "Invalid refresh token"}',
    "RC=407", "reason unknown", "NIETIMEOUT", "NiPConnect2: connect", "Direct connect to 10.2.3.4:443 failed", "handshake error in the SAP PO system", "xs login -u SYSTEM", "$ cf login", "hdbsql -n localhost:30015", "ok trace lvl 3 done", "hab ich gemacht", "sclnt_http 404 partner not reached", "test an HTTPS endpoint", "call a REST API from ABAP", "certificate not trusted", "\"Rejecting the request with 404 (not found).\"", "“JWT token does not include scope”", "done, imported it in ANONYM", "abapGit pull", "imported into SSL client Standard", "SSL handshake failed", "dev_icm stops at the ServerHello", "closed the transport stream", "handshake failed\\nSSL error", "it worked before", "since yesterday", "SSSLERR_SSL_READ", "get_last_error 407", "error code 407", "HTTP error 407 occured", "HTTP/1.1 503", "returned 404",
    "when SAP calls the endpoint", "status code 503", "response code 500", "answered 502", "responded with 503", "ICM_HTTP_SSL_ERROR",
    "SSSLERR_PEER_CERT_UNTRUSTED (-102)", "icm/HTTPS/client_sni_enabled", "https://a.example.com/x", "port 8443",
    "host.example.com:443", "localhost:50000", "ssl/client_ciphersuites = 150:PFS:HIGH", "via our proxy",
    "ICM HTTP SSL ERROR", " please check ", "http_error 500", "ICM-HTTP-SSL ERROR", "CONNECT proxy:8080", "SM59 Connection Test", "testing the connection",
    "Status Text: Native SSL Error", "it works in Postman", "IF_HTTP_CLIENT->RECEIVE 1", "called from our SAP system",
    "the cert is no longer valid", "certificate for a different host name", "two-way SSL",
    " sm59 does not work ", "from the application server", "the call hangs", "fails after 60 seconds",
    " what do i need to do ",
    "the partner renewed their certificate", "our client PSE", "fails every third call", "works with curl",
    "fails in the background job", "works with the IP but not with the host name", "Source Code Extract",
    "funciona con Postman", "Proxy connection to https://github.com:443 via ", "we test the logical port", "<SAP:Stack>x y</SAP:Stack>",
    "SRT Framework exception: ICF Error", "Service Ping ERROR: Method not allowed", "Message no. SCLNT_HTTP421",
    " how do i fix it ", " why does it fail ", " what is sclnt_http407 ", " difference between 407 and 421 ",
    " run a check ", " is it reachable ", " through a squid proxy ",
    "partner 'gw.example\n .com:3301' not reached", "Status HTTP Response 500", "Short Text\n  HTTP communication error",
    "HTTP/1.1 403 Forbidden by rule", "HTTP error 407 occured: SSSLERR_PEER_CERT_UNTRUSTED",
    "NIEHOST_UNKNOWN for the proxy host", "the host name of our proxy", "ldaps://ldap.example.com/o=sap",
    "remote error: tls: handshake failure", "sent a TLS alert", "SSL alert number 40",
    "COMPONENT   NI (network interface)", "RC          -10", "ERRNO TEXT  Connection refused",
    "who has to fix it, us or them?", " what do i need to call it ", " wo stelle ich den proxy ein ", " was muss ich tun ", " welche zertifikate brauche ich ", "do I need to restart the ICM?", " was ist sni ", "SSL: Inactive", "SSL Active = X",
    "keine Antwort vom Server", "posted in the forum", "at 10:15:02,114 on 2024-03-11",
    "From: Anna\nSent: Monday\nSubject: upload", "[2024-03-11 10:15:02] INFO job started",
    "consume a SOAP web service", "post json to an api from abap", " where is the log ",
    "SM59 says ANONYM", "the destination uses SSL client standard", "imported there too",
    "works on app server 01", "depending on which server", "ICM not restarted yet",
    "only the root CA, not the intermediate one", "Port 80 statt 443",
    "the partner does not know our client certificate", "the proxy does not let our user through",
    "die Firewall bricht SSL auf", "SSL wird aufgebrochen", "2024-03-11 10:15:02,114 INFO  [main] Loading configuration",
    "[DEBUG] Picked up job 42", "10:15:02 TRACE sent 3 bytes", "FINE: pool initialised",
]


@pytest.mark.parametrize("text", [*_MATCHING, *(t.upper() for t in _MATCHING), *(t.title() for t in _MATCHING)])
def test_patterns_with_literals_find_what_plain_patterns_find(text: str) -> None:
    _same_as_plain(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_a_pattern_skipped_for_its_literals_finds_what_the_plain_pattern_finds(text: str) -> None:
    _same_as_plain(text)


def _same_as_plain(text: str) -> None:
    for padded in (text, text + " " * SHORT_TEXT, "x" * SHORT_TEXT + "\n" + text):  # short texts are always scanned
        _same_as_plain_on(padded)


def _same_as_plain_on(text: str) -> None:
    for name, lazy in _patterns_with_literals():
        real = re.compile(lazy.pattern, lazy.flags)
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)], (name, text)
        assert _span(lazy.search(text)) == _span(real.search(text)), (name, text)
        assert lazy.findall(text) == real.findall(text), (name, text)
        assert lazy.subn("#", text) == real.subn("#", text), (name, text)


def test_literals_survive_pickling() -> None:
    import pickle

    lazy = LazyPattern(r"rc=(\d+)", re.IGNORECASE, literals=("rc",))
    copy = pickle.loads(pickle.dumps(lazy))
    assert (copy.pattern, copy.flags, copy.literals) == (lazy.pattern, lazy.flags, lazy.literals)
    assert copy.search("no code here") is None and copy.search("RC=4").group(1) == "4"  # type: ignore[union-attr]


def test_a_long_text_without_the_literals_is_not_scanned() -> None:
    lazy = LazyPattern(r"r(c)=(\d+)", re.IGNORECASE, literals=("rc",))
    long_text = "x" * SHORT_TEXT
    assert not lazy.may_match(long_text) and lazy.may_match(long_text + "RC")
    assert lazy.may_match("ſ" + long_text)  # non-ASCII: re folds more than str.lower


def test_a_short_text_is_scanned_once_compiled() -> None:
    """Before its first use a pattern is not compiled for a short text without its
    literals; once compiled, a short text is scanned (cheaper than the literal test)."""
    lazy = LazyPattern(r"r(c)=(\d+)", re.IGNORECASE, literals=("rc",))
    assert not lazy.may_match("x") and lazy.search("x") is None and lazy._compiled is None
    assert lazy.search("rc=4") is not None and lazy._compiled is not None
    assert lazy.may_match("x")


def test_every_pattern_with_literals_has_a_matching_example() -> None:
    unmatched = [name for name, lazy in _patterns_with_literals()
                 if not any(re.search(lazy.pattern, text, lazy.flags) for text in _MATCHING)]
    assert not unmatched
