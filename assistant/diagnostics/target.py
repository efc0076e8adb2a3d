"""Parse the endpoint the admin types (often copied from SM59) into host, port and path.

No scheme means https (SM59 type G destinations are mostly TLS); `http://` skips the TLS
steps. IPv6 literals are written in brackets, as in URLs.
"""

from __future__ import annotations

import functools
import ipaddress
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, urlsplit

from assistant.diagnostics.idnform import silent_change
from assistant.diagnostics.model import CheckSetupError
from assistant.redact import is_masked, mask_secrets, query_secrets

DEFAULT_PORTS = {"https": 443, "http": 80}
DEFAULT_PROXY_PORT = 8080  # a guess: proxies have no standard port, SM59 asks for one


class TargetError(CheckSetupError):
    """The URL cannot be checked; the message is meant for the user."""


@dataclass(frozen=True, slots=True)
class Target:
    scheme: str  # "https" | "http"
    host: str  # without brackets; IDN names converted to ASCII (punycode)
    port: int
    path: str  # request target, at least "/"; ASCII only (non-ASCII is percent-encoded)

    @property
    def tls(self) -> bool:
        return self.scheme == "https"

    @property
    def is_ip(self) -> bool:
        return is_ip_literal(self.host)

    @property
    def host_for_url(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def host_header(self) -> str:
        default = DEFAULT_PORTS[self.scheme]
        return self.host_for_url if self.port == default else f"{self.host_for_url}:{self.port}"

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host_for_url}:{self.port}{self.path}"

    @property
    def shown(self) -> str:
        """The URL as a report prints it: a secret in its query (`?sap-password=…`) masked."""
        return mask_secrets(str(self))


@functools.lru_cache(maxsize=256)
def is_ip_literal(host: str) -> bool:
    """Remembered per host: one check asks about its host a dozen times (SNI, the name
    check, the trust path), and `ipaddress` parses it afresh each time."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def tls_name(host: str) -> str:
    """The name for SNI and the certificate check: an absolute name's final dot left out
    (`erp.example.com.` → `erp.example.com`); DNS, CONNECT and the Host header keep the
    name as the user wrote it."""
    return host.removesuffix(".")


def _split(url: str, default_scheme: str, what: str) -> SplitResult:
    text = (url or "").strip()
    if not text:
        raise TargetError("no {what} given", what=what)
    if any(ch.isspace() or ord(ch) < 0x20 for ch in text):
        raise TargetError("the {what} contains spaces or control characters", what=what)
    if "://" not in text:
        if is_ip_literal(text.split("%", 1)[0]) and ":" in text:
            # A bare IPv6 address: its colons would be read as a port.
            raise TargetError("an IPv6 address needs brackets in the {what}: [{given}] or [{given}]:443",
                              what=what, given=text)
        text = f"{default_scheme}://{text}"
    try:
        return urlsplit(text)
    except ValueError as exc:
        raise TargetError("invalid {what}: {error}", what=what, error=exc) from None


def _host_and_port(parts: SplitResult, url: str, what: str) -> tuple[str, int | None]:
    """Host (IDNA, no brackets) and port (None: the default); call after the credential check."""
    try:
        port = parts.port
    except ValueError as exc:
        raise TargetError("invalid port in the {what} {given!r}", what=what, given=url) from exc
    host = parts.hostname or ""
    if not host:
        raise TargetError("no host name in the {what} {given!r}", what=what, given=url)
    if "[" in parts.netloc and not is_ip_literal(host.split("%", 1)[0]):
        raise TargetError("invalid IPv6 address in the {what} {given!r}", what=what, given=url)
    if not is_ip_literal(host):
        changed = silent_change(host)
        if changed:
            # Our own sentence, bounded by the host's length (idnform.MAX_HOST_CHARS): not cut as a value is.
            raise TargetError("the host name cannot be checked as typed: " + changed.replace("{", "{{").replace("}", "}}"))
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise TargetError("invalid host name {host!r}: {why}", host=host, why=name_problem(host)) from exc
        if not all(label and len(label) <= 63 for label in tls_name(host).split(".")):
            raise TargetError("invalid host name {host!r}: {why}", host=host, why=name_problem(host))
    return host, port


def name_problem(host: str) -> str:
    """Why a host name cannot be looked up, in the rule it breaks (RFC 1035 2.3.4: labels of
    1 to 63 octets, a name of at most 253 characters written out; IDNA for non-ASCII
    letters) — "invalid host name" alone left the admin to guess which."""
    labels = host.removesuffix(".").split(".")
    if any(not label for label in labels):
        return "it has an empty label (two dots in a row, or a dot at the start)"
    for label in labels:
        try:
            size = len(label) if label.isascii() else len(label.encode("idna"))
        except UnicodeError:  # IDNA refuses the letters, or the label is too long encoded
            return (f"the label {label[:20]!r} cannot be written in ASCII (IDNA): a character not "
                    "allowed in host names, or more than 63 characters once encoded")
        if size > 63:
            return f"a label has {size} characters, more than the 63 DNS allows"
    return "the name is longer than the 253 characters DNS allows"


def parse_target(url: str) -> Target:
    """`host`, `host:port`, `https://host:port/path`, `[::1]:8443` → Target."""
    parts = _split(url, "https", "URL")
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise TargetError("unsupported scheme {scheme!r}: use https:// or http://", scheme=parts.scheme)
    if parts.username or parts.password:
        raise TargetError("credentials in the URL are not supported (they would be printed)")
    masked = [name for name, value in query_secrets("?" + parts.query) if is_masked(value)] if parts.query else []
    if masked:  # a URL recalled from the history or an export: the mask is never sent as a password
        raise TargetError("the URL's {names} holds only the mask ***: type the URL with it again, or leave "
                          "it out", names=", ".join(masked))
    host, port = _host_and_port(parts, url, "URL")
    path = request_target(parts.path, parts.query)
    return Target(scheme, host, port if port is not None else DEFAULT_PORTS[scheme], path)


# Characters a request target may carry as they are (RFC 3986 pchar, "/", "?" and "%"
# so that what the admin already encoded stays encoded exactly once).
_TARGET_SAFE = "/?%:@!$&'()*+,;=~-._"


def request_target(path: str, query: str) -> str:
    """Path and query as an HTTP request target: the request line must be ASCII.

    Admins paste URLs as the browser shows them (`/sap/bc/zäpfel?name=Müller`); SAP's
    client sends them UTF-8 percent-encoded, and so do we.
    """
    target = quote(path or "/", safe=_TARGET_SAFE)
    if query:
        target += "?" + quote(query, safe=_TARGET_SAFE)
    return target



@dataclass(frozen=True, slots=True)
class ProxyTarget:
    host: str
    port: int
    port_assumed: bool = False  # the proxy URL named no port: DEFAULT_PROXY_PORT was tried

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def parse_proxy(url: str) -> ProxyTarget:
    """`http://proxy:8080` or `proxy:8080` → ProxyTarget (credentials go separately, in `proxy_user`)."""
    parts = _split(url, "http", "proxy URL")
    if parts.scheme.lower() == "https" and parts.netloc and not (parts.username or parts.password):
        # the proxy is meant for https targets, or speaks TLS itself: either way SM59 and
        # SICF hold it as host and port only, and the CONNECT to it is plain HTTP
        raise TargetError("only HTTP proxies (http://host:port) are supported, as in SM59: its HTTP "
                          "Proxy Options and SICF's proxy settings hold a host and a port, no scheme, "
                          "and https:// targets go through the proxy in a CONNECT tunnel — give it as "
                          "http://{netloc} (if that port takes only TLS, ask the proxy team for its plain "
                          "HTTP port)", netloc=parts.netloc)
    if parts.scheme.lower() != "http":
        raise TargetError("only HTTP proxies (http://host:port) are supported, as in SM59")
    if parts.username or parts.password:
        raise TargetError("put proxy credentials in {proxy_user} USER:PASSWORD, not in the URL")
    host, port = _host_and_port(parts, url, "proxy URL")
    if port is None:
        return ProxyTarget(host, DEFAULT_PROXY_PORT, port_assumed=True)
    return ProxyTarget(host, port)
