"""The dev_icm line shapes the reader knows, and what kind of fact each line carries.

Every pattern is a line shape seen in public traces; docs/research/dev_icm_formats.md
lists each with an example and the page it was seen on. Classification works on the text
after the `[Thr <id>]` prefix, stripped of its indentation. Most lines of a busy trace
carry none of these facts; `scan` skips them without decoding.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    SUMMARY_FAILED = "summary_failed"  # *** ERROR => SSL handshake with h:p failed: CODE (n) (code optional)
    SUMMARY_OLD = "summary_old"  # IcmConnInitClientSSL: SapSSLSessionStart failed (n): CODE
    PROXY_FAILED = "proxy_failed"  # IcmConnInitClientSSL: Proxy connection to … failed
    CALL_RETURN = "call_return"  # <<- ERROR: SapSSLSessionStartNB(sssl_hdl=…)==CODE
    RETURN_CODE = "return_code"  # SapSSLSessionStartNB()==CODE
    INCOMPLETE = "incomplete"  # SecuSSL_SessionStartNB(): incomplete SSL handshake
    SSL_LAYER_ERROR = "ssl_layer_error"  # *** ERROR during SecudeSSL_SessionStart() …
    STATE = "state"
    SOCKETS = "sockets"  # SSL NI-hdl n: local=…  peer=…
    PSE = "pse"
    CIPHERS = "ciphers"
    PVFLAGS = "pvflags"
    SNI = "sni"
    TARGET = "target"
    SERVER_CERT = "server_cert"
    PEM_BEGIN = "pem_begin"
    PEM_END = "pem_end"
    ERRSTACK_BEGIN = "errstack_begin"
    ERRSTACK_END = "errstack_end"
    MESSAGE = "message"  # text explaining the failure
    NEUTRAL = "neutral"  # may sit between a summary and its details
    HEADER = "header"
    TIME = "time"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Classified:
    kind: Kind
    match: re.Match[str] | None = None


_HOST = r"(?P<host>\[[^\]\s]*\]|[^\s:\[\]]+)"
_CODE = r"(?P<code>[A-Z][A-Z0-9_]{2,63})"

# kind → pattern; `search` unless anchored with ^.
_PATTERNS: dict[Kind, re.Pattern[str]] = dict((
    # The code may be missing ("… failed": a pasted line cut at its end) or in parentheses
    # ("failed (CODE)"), or only its number ("failed (-102)", after the older style's summary):
    # the line still names the partner; the code then comes from the stack.
    (Kind.SUMMARY_FAILED, re.compile(
        rf"SSL handshake with {_HOST}:(?P<port>\d{{1,5}}) failed"
        rf"(?:(?:: ?| \(){_CODE}(?: \((?P<num>- ?\d{{1,6}})\))?| \((?P<bare>- ?\d{{1,6}})\))?")),
    (Kind.SUMMARY_OLD, re.compile(
        rf"IcmConnInitClientSSL: SapSSLSessionStart(?:NB)? (?:failed|returned) \((?P<num>-?\d{{1,6}})\): {_CODE}")),
    (Kind.PROXY_FAILED, re.compile(
        rf"Proxy connection to (?:https?://)?{_HOST}:(?P<port>\d{{1,5}}) via (?P<proxy>\S+) failed"
        r" \(proxy returned (?P<status>\d{3})(?P<reason>[^)]*)\)")),
    (Kind.CALL_RETURN, re.compile(rf"<<- (?:ERROR: )?SapSSLSessionStart(?:NB)?\(sssl_hdl=[^)]*\)=={_CODE}")),
    (Kind.RETURN_CODE, re.compile(rf"^SapSSLSessionStart(?:NB)?\(\)=={_CODE}")),
    (Kind.INCOMPLETE, re.compile(r"SecuSSL_SessionStartNB\(\): incomplete SSL handshake")),
    (Kind.SSL_LAYER_ERROR, re.compile(r"ERROR during Secu(?:de)?SSL_SessionStart(?:NB)?\(\)")),
    (Kind.STATE, re.compile(r"SSL_get_state\(\)==(?P<hex>0x[0-9A-Fa-f]{1,8}) \"(?P<name>[^\"]{0,120})\"")),
    (Kind.SOCKETS, re.compile(r"SSL NI-hdl (?P<hdl>\d{1,10}): local=(?P<local>\S+)\s+peer=(?P<peer>\S+)")),
    (Kind.PSE, re.compile(r"(?:(?P<role>cli|srv) SSL session PSE|session uses PSE file) \"(?P<path>[^\"]{0,400})\"")),
    (Kind.CIPHERS, re.compile(r"(?:SSL_CTX|session) ciphersuites=(?P<suites>\S{1,200})")),
    (Kind.PVFLAGS, re.compile(
        r"(?P<role>Client|Server) SSL_CTX \S+ pvflags=(?P<flags>[0-9A-Fa-fx]+)(?: \((?P<versions>[^)]{0,120})\))?")),
    (Kind.SNI, re.compile(r"TLSextSNI server_name=\"(?P<name>[^\"]{0,255})\"")),
    (Kind.TARGET, re.compile(r"Target ?Hostname\s*=\s*\"(?P<name>[^\"]{0,255})\"")),
    (Kind.SERVER_CERT, re.compile(r"^ServerCert\.subject\s*=\s*(?P<subject>.{0,500})")),
    (Kind.PEM_BEGIN, re.compile(r"^-----BEGIN CERTIFICATE-----$")),
    (Kind.PEM_END, re.compile(r"^-----END CERTIFICATE-----$")),
    (Kind.ERRSTACK_BEGIN, re.compile(r"Begin of Secu(?:de)?-SSL Errorstack")),
    (Kind.ERRSTACK_END, re.compile(r"End of Secu(?:de)?-SSL Errorstack")),
    (Kind.HEADER, re.compile(r"^trc file: \"(?P<file>[^\"]{0,200})\"(?:, trc level: (?P<level>\d))?")),
    (Kind.TIME, re.compile(
        r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
        r" +(?P<day>\d{1,2}) (?P<hms>\d\d:\d\d:\d\d)(?::(?P<ms>\d{3}))? (?P<year>\d{4})$")),
))

# A literal every line of a kind contains: only the patterns of the literals found are
# tried (a few `in` tests instead of twenty regular expressions per line).
_NEEDLES: tuple[tuple[str, tuple[Kind, ...]], ...] = (
    ("SSL handshake with", (Kind.SUMMARY_FAILED,)),
    ("IcmConnInitClientSSL", (Kind.SUMMARY_OLD, Kind.PROXY_FAILED)),
    ("SapSSLSessionStart", (Kind.CALL_RETURN, Kind.RETURN_CODE)),
    ("incomplete SSL handshake", (Kind.INCOMPLETE,)),
    ("ERROR during Secu", (Kind.SSL_LAYER_ERROR,)),
    ("SSL_get_state", (Kind.STATE,)),
    ("NI-hdl", (Kind.SOCKETS,)),
    ("PSE", (Kind.PSE,)),
    ("ciphersuites=", (Kind.CIPHERS,)),
    ("pvflags=", (Kind.PVFLAGS,)),
    ("TLSextSNI", (Kind.SNI,)),
    ("Hostname", (Kind.TARGET,)),
    ("ServerCert", (Kind.SERVER_CERT,)),
    ("-----", (Kind.PEM_BEGIN, Kind.PEM_END)),
    ("Errorstack", (Kind.ERRSTACK_BEGIN, Kind.ERRSTACK_END)),
    ("trc file", (Kind.HEADER,)),
)
_WEEKDAYS = ("Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun ")

# Texts that explain a failure (kept, shown with the handshake).
_MESSAGES = re.compile(
    r"^(?:Remote Peer has closed the network connection"
    r"|Peer's X\.509 certificate \(chain\) validation failed.*"
    r"|The peer's X\.509 Certificate \(chain\) is untrusted.*"
    r"|Server certificate does not match supplied TargetHostname.*"
    r"|Peer not trusted"
    r"|=> \".{1,200}\")$"
)
# Lines that may sit inside a handshake's detail block without ending it. The SSL
# library's read failure comes as `SAPCRYPTO:SSL_read() failed` between the summary and
# `SapSSLSessionStartNB()==…`, as `SSL:SSL_read() failed (536875120/0x20001070)` in
# the detail block (abapOpenChecks issue 538, abapGit issue 2991), and as
# `secussl_read: SSL_read() failed  (536875078/0x20001046)` before the peer's alert text
# (abapGit issue 3360): the alert that follows belongs to the same handshake.
_NEUTRAL = re.compile(
    r"^(?:$|\{|SSL::SiRecv\(\) failed|Also check transaction SMICM"
    r"|(?:(?:SAPCRYPTO|SSL):|secussl_read: )(?:SSL_read|SSL_write|SSL_connect)\(\) failed)"
)


@functools.lru_cache(maxsize=8192)
def classify(text: str) -> Classified:
    """The kind of fact on one line (text after the thread prefix, indentation stripped).

    Cached: detail lines (PSE, cipher suites, pvflags, SNI, summaries for the same partner)
    repeat with every handshake of a busy trace."""
    for needle, kinds in _NEEDLES:
        if needle in text:
            for kind in kinds:
                m = _PATTERNS[kind].search(text)
                if m is not None:
                    return Classified(kind, m)
    if text.startswith(_WEEKDAYS):
        m = _PATTERNS[Kind.TIME].match(text)
        if m is not None:
            return Classified(Kind.TIME, m)
    if _MESSAGES.match(text):
        return Classified(Kind.MESSAGE)
    if _NEUTRAL.match(text):
        return Classified(Kind.NEUTRAL)
    return Classified(Kind.OTHER)


# Inside an error stack (level 2) the chain's names are listed.
ERRSTACK_NAME = re.compile(r"^(?P<field>Subject|Issuer):\s+(?P<name>.{1,500})$")

MONTHS = {m: i for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}


def iso_time(m: re.Match[str]) -> str:
    """`Wed May 13 01:05:55:690 2020` → `2020-05-13T01:05:55.690` (no zone: server time)."""
    ms = f".{m.group('ms')}" if m.group("ms") else ""
    return f"{m.group('year')}-{MONTHS[m.group('mon')]:02d}-{int(m.group('day')):02d}T{m.group('hms')}{ms}"
