"""Hosts, URLs, ports and the proxy named in a text: what a live check would be pointed at.

Part of entity extraction (`entities.extract_entities`). A dotted word is a host only when
it looks like one: file names (`dev_icm.log`, `SAPSSLC.pse`), abbreviations ("e.g.") and
version numbers are not.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

_URL = LazyPattern(r"\b(?:https?|ftp)://[^\s'\"<>()\[\]{}`]+", re.IGNORECASE, literals=("://",))
# A name that goes on with a masked part ("zeus.hana.*****.dbaas.ondemand.com", "sap*.corp") is
# cut where the mask starts: the part before it is no server, the whole is unknown.
_HOST = LazyPattern(
    r"(?<![\w.@/\\>-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}|(?:\d{1,3}\.){3}\d{1,3}|localhost)(?::(\d{1,5}))?(?![\w*-]|\.[A-Za-z0-9*])",
    literals=(".", "localhost"),
)
# The ICM's own end of a connection (`SSL NI-hdl 89: local=10.20.30.40:54438  peer=…`):
# never a target to check, and its port is not the partner's. Other runtimes label it in
# words: Go's "local address 10.1.2.3:56141 remote address …", Java's "local port 51506 to
# address …".
_OWN_SOCKET_BEFORE = LazyPattern(r"\blocal(?:\s*=|\s+(?:address|addr|port\s+\d+\s+to\s+address))\s*$", re.IGNORECASE)
# The ICM's own line for a call through a proxy: "Proxy connection to https://github.com:443
# via proxy.corp:8080 failed" — the host after "via" is the proxy, whatever its name.
_ICM_PROXY_VIA = LazyPattern(r"\bproxy connection to \S+\s+via\s+$", re.IGNORECASE, literals=("via",))
_ICM_PROXY_REACH = 300  # how far back the line's start may be (a long target URL)
_PORT_WORD = LazyPattern(r"\bport\s*[:=]?\s*(\d{2,5})\b", re.IGNORECASE, literals=("port",))
_PROXY_BEFORE = LazyPattern(
    r"\bprox(?:y|ies)\s*(?:host|server|url|address|name)?\s*(?:is|at|via|=|:)?\s*$", re.IGNORECASE
)

_FILE_SUFFIXES = frozenset(
    "pse abap h c cpp txt log xml html htm json yaml yml py pem crt cer der p7b p12 pfx zip sar "
    "exe dll so md ini pdf png jpg gif cfg conf csv tar gz tgz key jar class java js ts prog "
    "clas intf fugr sh bat ps1 trc out tmp bak doc docx xls xlsx tf".split()
)  # tf: Terraform's configuration files (main.tf), though .tf is also a country's TLD
_COMMON_TLDS = frozenset(
    "com net org io de ch at uk fr nl be it es us eu cloud corp local internal lan intra "
    "invalid test example dev app info biz gov edu mil int co jp cn in ru br au ca pl se no dk "
    "fi cz hu pt ie lu sap ondemand hana azure aws online site tech".split()
)
# A two-letter last label is a host's only as a country-code TLD: the ISO 3166-1 alpha-2
# codes (the IANA root zone delegates country TLDs by them, RFC 1591), with the four the
# root zone has beside them (ac, eu, su, uk). "1.Go to the work center", "cds.on(…)" end in
# two letters that are no TLD: a numbered step and a call in code, never a server.
_COUNTRY_TLDS = frozenset(
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo "
    "bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk "
    "dm do dz ec ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq "
    "gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki "
    "km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo "
    "mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk "
    "pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss "
    "st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk um us uy uz va "
    "vc ve vg vi vn vu wf ws ye yt za zm zw".split()
)
_UNIT_TLD_WORDS = frozenset({"e.g", "i.e", "etc"})
# Pages people cite (a tutorial, the help portal, a community thread), not what their
# system calls: never the target of a live check.
_DOC_SITES = frozenset({
    "help.sap.com", "developers.sap.com", "community.sap.com", "groups.community.sap.com", "blogs.sap.com",
    "answers.sap.com", "stackoverflow.com",
    # SAP's notes and support portals, its learning site and its projects' documentation pages
    "me.sap.com", "launchpad.support.sap.com", "support.sap.com", "userapps.support.sap.com",
    "learning.sap.com", "sap.github.io",
    # other vendors' documentation that reports cite
    "learn.microsoft.com", "docs.microsoft.com", "docs.github.com", "docs.aws.amazon.com", "docs.oracle.com",
})
_DOC_PATHS = {"www.sap.com": "/developer/", "sap.com": "/developer/"}
# A code host's page about a repository (an issue, a pull request, a file, the wiki) is read,
# not called; the repository's own URL (`…/repo`, `…/repo.git`) is what abapGit calls, and a
# release download (`…/releases/download/…`) is fetched. (UI5's hosts are no such pages: apps
# and tools load their libraries from that CDN at run time.)
_CODE_HOSTS = frozenset({"github.com", "www.github.com", "gitlab.com", "bitbucket.org"})
_CODE_HOST_PAGE = re.compile(
    r"^/[^/]+/[^/]+/(?:-/)?(?:issues|pull|pulls|merge_requests|blob|tree|wiki|wikis|discussions|commit|commits"
    r"|compare|actions|src)(?:/|$)", re.IGNORECASE)


# An XML namespace name (`xmlns:m="http://schemas.microsoft.com/ado/…"` in an OData error
# body, a SOAP envelope's `http://schemas.xmlsoap.org/…`): a name, never a server called.
_NAMESPACE_BEFORE = re.compile(r"(?:\bxmlns(?::[\w.-]+)?|\btargetNamespace|\bschemaLocation)\s*=\s*[\"']?$")
# The value of a distinguished name's attribute (RFC 4514: `OU=www.digicert.com`, `O = …`,
# `L=`, `ST=`, `STREET=`, `C=`, `E=`/`emailAddress=`), as STRUST, openssl and a browser show a
# certificate's subject or issuer: an organisation's name, never a server called. `CN=` is
# left out — a server certificate's CN is the server's own name.
_DN_ATTRIBUTE_BEFORE = re.compile(r"(?:^|[\s,;/+])(?:OU|O|L|ST|STREET|C|E|emailAddress)\s*=\s*$", re.IGNORECASE)


def _documentation_page(host: str, path: str = "") -> bool:
    """A page cited for reading (help portal, tutorials, Q&A), not an endpoint called."""
    prefix = _DOC_PATHS.get(host)
    return (host in _DOC_SITES or (prefix is not None and path.startswith(prefix))
            or (host in _CODE_HOSTS and _CODE_HOST_PAGE.match(path) is not None))
# A quoted name cut by a line wrap (`partner 'sapgw.example\n .com:3301' not reached`, an
# SM21 or dev_rfc line broken by the window it was copied from): no blank in the quotes but
# the wrap itself.
_WRAPPED_QUOTED = LazyPattern(r"(['\"])([^\s'\"]{1,253})\r?\n[ \t]*([^\s'\"]{1,253})\1", literals=("\n",))


# Names reserved so that they never reach a real server (RFC 2606, RFC 6761): the TLDs
# .example, .invalid and .test, and example.com/.net/.org — what documentation and sample
# configurations use ("https://api.example.com"). The .localhost names are loopback, as
# "localhost" is, and can be checked.
_RESERVED_TLDS = frozenset({"example", "invalid", "test"})
_EXAMPLE_DOMAINS = frozenset({"example.com", "example.net", "example.org"})


def can_be_called(target: str) -> bool:
    """Whether a URL or host[:port] names a server a live check could reach: not a single
    label ("https://sapdatahubtrial": a short name only some network's DNS search list
    completes, or a placeholder), and not a reserved example name. An IP address and
    localhost can be."""
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(target if "://" in target else f"//{target}").hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    if not host:
        return False
    if ":" in host or host == "localhost":  # an IPv6 literal, or this machine
        return True
    labels = host.split(".")
    if len(labels) == 1:
        return False
    return labels[-1] not in _RESERVED_TLDS and ".".join(labels[-2:]) not in _EXAMPLE_DOMAINS


def _looks_like_host(host: str, *, with_port: bool = False) -> bool:
    """A bare name that reads as a host: an IPv4 address, localhost, or a dotted name ending
    in a common or two-letter TLD. A name of three labels or more under another last label
    ("request.header.apikey", "jco.client.wshost", "hdbcli.dbapi.error": a variable, a
    property key, a module path) is a host only with its port ("sap01.corp.intern:44300");
    in a URL any name is (find_hosts reads those before)."""
    lowered = host.lower()
    if lowered == "localhost" or lowered in _UNIT_TLD_WORDS:
        return lowered == "localhost"
    labels = lowered.split(".")
    if all(label.isdigit() for label in labels):
        return len(labels) == 4 and all(int(label) <= 255 for label in labels)
    tld = labels[-1]
    if tld in _FILE_SUFFIXES or not tld.isalpha():
        return False
    if len(labels) == 2 and labels[0].isdigit() and len(labels[0]) <= 2:
        return False  # a numbered step written without its blank ("1.Go to …", "4.Getting …")
    return tld in _COMMON_TLDS or tld in _COUNTRY_TLDS or (with_port and len(labels) >= 3)


# First labels of Java/.NET package and namespace names ("javax.net.ssl.SSLException",
# "com.sap.cloud.sdk…", "System.Net.Http…"): a dotted name starting so is code, not a host.
_PACKAGE_ROOTS = frozenset("java javax sun jdk com org net io android kotlin scala system microsoft".split())
_CAMEL = LazyPattern(r"[a-z][A-Z]")


def _looks_like_code_name(name: str) -> bool:
    """A class or package name written like a host: its last label in CamelCase
    (`…SSLHandshakeException`), or three labels or more under a package root."""
    labels = name.split(".")
    if _CAMEL.search(labels[-1]):
        return True
    return len(labels) >= 3 and labels[0].lower() in _PACKAGE_ROOTS


MAX_NAMED = 32  # targets kept per text: the answer uses the first; a dense paste names thousands


def _unwrapped_quoted_names(text: str) -> str:
    """`text` with each quoted host or URL that a line wrap cut joined again: the two
    halves only when together they read as one host[:port] or URL, so a quoted sentence
    that merely spans two lines is left alone."""
    if "\n" not in text:
        return text

    def join(m: re.Match[str]) -> str:
        whole = m.group(2) + m.group(3)
        host = _HOST.fullmatch(whole)
        if _URL.fullmatch(whole) or (host is not None and _looks_like_host(host.group(1), with_port=bool(host.group(2)))):
            return m.group(1) + whole + m.group(1)
        return m.group(0)

    return _WRAPPED_QUOTED.sub(join, text)


# Any scheme's URL (`https://…/saml2/sso`, `ldaps://…`, `wss://…`): a name as a whole;
# its head is the scheme and the server (user, host, port), the rest its path and query.
_ANY_URL = LazyPattern(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>()\[\]{}`]+", literals=("://",))
_URL_HEAD = LazyPattern(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")


def without_urls(text: str) -> str:
    """`text` with every URL made one neutral token of the same length (a "0" and blanks):
    the words of `https://idp.example.org/saml2/sso` name a server and a path, they say
    nothing of what failed, so no term or keyword may be read from them (as no typo is,
    parsing._not_in_names), and the words either side do not become one phrase."""
    if "://" not in text:
        return text
    return _ANY_URL.sub(lambda m: "0" + " " * (len(m.group(0)) - 1), text)


def without_url_paths(text: str) -> str:
    """`text` with the path and query of every URL blanked (same offsets), its scheme and
    server kept: "…/oauth2/token/unauthorized" is a resource's name, while the server's
    name may be a sign of its own (`….cloudfront.net` needs SNI)."""
    if "://" not in text:
        return text

    def blank(m: re.Match[str]) -> str:
        url = m.group(0)
        head = _URL_HEAD.match(url)
        kept = head.end() if head is not None else len(url)
        return url[:kept] + " " * (len(url) - kept)

    return _ANY_URL.sub(blank, text)


def _said(url: str) -> str:
    """The URL as the answer, the JSON, the dialogue state and a saved conversation keep it:
    a password in it (`user:password@`, `?sap-password=…`) masked where it is read."""
    if "@" not in url and "=" not in url:
        return url
    from assistant.redact import mask_secrets  # ~10 ms at import: only for a URL that may hold one

    return mask_secrets(url)


def find_hosts(text: str) -> tuple[list[str], list[str], list[int], str | None]:
    """(hosts, urls, ports, proxy URL) in `text`: URLs first, then bare host[:port] names
    outside them, then "port 8443"; a host or URL named as the proxy is the proxy, and
    the ICM's own `local=` socket of a trace line is no host at all. A quoted host that a
    line wrap cut is read whole. URLs come with their passwords masked (`_said`)."""
    from urllib.parse import urlsplit

    text = _unwrapped_quoted_names(text)

    hosts: list[str] = []
    urls: list[str] = []
    ports: list[int] = []
    proxy_url: str | None = None
    pieces: list[str] = []  # the text with every URL blanked out (same offsets)
    last = 0
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?'\"")
        before = text[max(0, m.start() - 30) : m.start()]
        pieces += [text[last : m.start()], " " * (m.end() - m.start())]
        last = m.end()
        if len(urls) >= MAX_NAMED and not (_PROXY_BEFORE.search(before) or "prox" in url.lower()):
            continue  # enough targets named; only a proxy is still worth parsing
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            port = parts.port
        except ValueError:
            continue
        if not host or _documentation_page(host, parts.path) or _NAMESPACE_BEFORE.search(before):
            continue
        url = _said(url)
        if _PROXY_BEFORE.search(before) or host.startswith("proxy"):
            proxy_url = proxy_url or url
        else:
            urls.append(url)
            hosts.append(host)
            if port:
                ports.append(port)
    blanked = "".join(pieces) + text[last:]
    for m in _HOST.finditer(blanked):
        if len(hosts) >= MAX_NAMED and "prox" not in m.group(1).lower() and not _PROXY_BEFORE.search(
            blanked[max(0, m.start() - 30) : m.start()]
        ):
            continue  # enough targets named; only a proxy is still worth a look
        host = m.group(1).lower()
        if not _looks_like_host(host, with_port=bool(m.group(2))) or _looks_like_code_name(m.group(1)) \
                or host in _DOC_SITES:
            continue
        before = blanked[max(0, m.start() - 30) : m.start()]
        if _OWN_SOCKET_BEFORE.search(before) or _DN_ATTRIBUTE_BEFORE.search(before):
            continue
        port = int(m.group(2)) if m.group(2) else None
        if port is not None and not 0 < port < 65536:
            port = None
        named_via = _ICM_PROXY_VIA.search(text[max(0, m.start() - _ICM_PROXY_REACH) : m.start()])
        if _PROXY_BEFORE.search(before) or host.split(".")[0].startswith("proxy") or named_via:
            if proxy_url is None:
                proxy_url = f"{host}:{port}" if port else host
            continue
        hosts.append(host)
        if port:
            ports.append(port)
    for m in _PORT_WORD.finditer(blanked):
        port = int(m.group(1))
        if 0 < port < 65536:
            ports.append(port)
    return hosts, urls, ports, proxy_url
