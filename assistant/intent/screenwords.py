"""The words a pasted screen gives for the failure, kept as written for the answer to quote.

What the far server or the SAP system said is what tells the admin what went wrong: SM59's
"Status Text" ("The HTTP version specified is not supported for this operation by the
server." from Azure Blob), a status line with the server's own reason phrase ("HTTP/1.1
400 The HTTP version specified is not supported …"), an ST22 dump's "Short Text" ("HTTP
communication error: SSL Peer Certificate Untrusted"). The router reads them for
evidence; the answer shows them literally where it says what the failure is, so the user
sees which words it read. Only the fields of a screen are taken, never a sentence that
mentions them, and at most `MAX_WORDS` of them.

Besides SM59 and ST22: the PI/PO message monitor's error XML (its `<SAP:Stack>`, which a
copy from a page or a log may carry XML-escaped) and the web service runtime's lines
(SOAMANAGER's ping, SRT_UTIL's error log) are quoted as their screens show them.
"""

from __future__ import annotations

import re
from html import unescape
from typing import NamedTuple

from assistant.intent.httpstatus import HTTP_REASONS
from assistant.intent.screens import SCREEN_WINDOW
from assistant.lazyre import LazyPattern

MAX_WORDS = 3
MAX_CHARS = 200  # a field longer than this is no screen field; the answer shortens further


class ScreenWords(NamedTuple):
    """One field of a pasted screen: `label` says which ('status_text': SM59's Status
    Text; 'status_line': a status with the server's reason phrase; 'short_text': an ST22
    dump's Short Text; 'monitor_error': the PI monitor's SAP:Stack; 'web_service_error':
    a line of SOAMANAGER's ping or SRT_UTIL's log; 'response_body': the answer's body, or the
    server's text in a documented error format; 'quoted_status': a line the text quotes that
    names a status and a reason of its own, a log's or a tool's), `number` the HTTP status it
    came with (0 when none), `text` as written (stripped), its passwords masked."""

    label: str
    number: int
    text: str


# SM59's connection test result: "Status Text" as a field — at the start of a line (the
# result table copied) or followed by ":"/"=", not "the status text says …" in a sentence —
# and the text after it. One pattern for the answer's quotes and the number readings.
STATUS_TEXT_FIELD = r"(?:^[ \t]*Status[ \t]*Text[ \t]*[:=]?|\bStatus[ \t]*Text[ \t]*[:=])"


def status_text_pattern(max_chars: int, trailing: str = "") -> LazyPattern:
    """The field and its text (group 1) of at most `max_chars`; `trailing`: characters
    besides blanks left off its end."""
    return LazyPattern(
        STATUS_TEXT_FIELD + rf"[ \t]*[\"']?([^\n\"']{{2,{max_chars}}}?)[\"']?[ \t{trailing}]*$",
        re.IGNORECASE | re.MULTILINE,
        literals=("status",),
    )


_STATUS_TEXT = status_text_pattern(MAX_CHARS)
# Beside it, SM59's "Status HTTP Response 400": the number the text came with.
_STATUS_NUMBER = LazyPattern(
    r"^[ \t]*Status[ \t]*(?:HTTP[ \t]*)?(?:Response|Code)?[ \t]*[:=]?[ \t]*([1-5]\d\d)\b",
    re.IGNORECASE | re.MULTILINE,
    literals=("status",),
)
# "HTTP/1.1 400 The HTTP version …", or a line that is a status and its words ("400 The
# HTTP version specified is not supported …", as a client library prints the answer).
_REASON = rf"([1-5]\d\d)[ \t]+([A-Za-z][^\n]{{1,{MAX_CHARS}}})$"
_STATUS_LINE = LazyPattern(rf"\bHTTP/\d(?:\.\d)?[ \t]+{_REASON}", re.MULTILINE, literals=("HTTP/",))
_STATUS_AT_LINE_START = LazyPattern(rf"^[ \t]*{_REASON}", re.MULTILINE)
# ST22's header: "Short Text" (German "Kurztext") on its own line, the text on the next
# (a blank line may stand between), or after a colon on the same line.
_SHORT_TEXT = LazyPattern(
    r"^[ \t]*(?:Short[ \t]+Text|Kurztext)[ \t]*(?::[ \t]*(\S[^\n]*)|\n(?:[ \t]*\n)?[ \t]*(\S[^\n]*))$",
    re.IGNORECASE | re.MULTILINE,
    literals=("short", "kurztext"),
)
_SHORT_TEXT_LABELS = ("short text", "kurztext")
# The monitor's error text: "<SAP:Stack>Error while sending by HTTP (error code: 402, error
# text: ICM_HTTP_TIMEOUT)</SAP:Stack>", or the same with &lt; &gt; for the brackets.
_MONITOR_STACK = LazyPattern(
    r"(?:<|&lt;)SAP:Stack(?:>|&gt;)\s*([^<]{2,2000}?)\s*(?:<|&lt;)/SAP:Stack",
    re.IGNORECASE,
    literals=("sap:stack",),
)
# The web service runtime's own line: "SRT Framework exception: ICF Error when receiving
# the response: ICM_HTTP_…", "Web service ping failed (RC=405). Service Ping ERROR: …",
# "SOAP:1.007 SRT: Unsupported xstream found …".
_WEB_SERVICE_LINE = LazyPattern(
    r"^[ \t]*([^\n]*?(?:SRT[ \t]+Framework[ \t]+exception|Service[ \t]+Ping[ \t]+ERROR|SOAP:\d\.\d{3}[ \t]+SRT)[ \t]*:[^\n]*)$",
    re.IGNORECASE | re.MULTILINE,
    literals=("srt", "ping"),
)


# The answer's body as a client prints it ("body: \"Invalid Proxy Header\"", "Response body: …";
# a paste may join it to the line before),
# (a text, not an escaped JSON document: it starts with a letter or a digit), and the members
# documented error formats put the server's text in: OAuth 2.0's
# `error_description` (RFC 6749, 5.2) and OData's error object, whose `message` is a string
# (OData JSON 4.01, 21.1) or, in OData V2, an object with a `value` (SAP Gateway, Service Layer).
_BODY_FIELD = LazyPattern(
    r"\b(?:response[ \t]+)?body[ \t]*[:=][ \t]*[\"']([A-Za-z0-9][^\"'\n]{1,199})[\"']",
    re.IGNORECASE,
    literals=("body",),
)
_ERROR_MEMBER = LazyPattern(
    r"\"error_description\"\s*:\s*\"([A-Za-z0-9][^\"\n]{1,199})\""
    r"|\"error\"\s*:\s*\{[^{}]*?\"message\"\s*:\s*"
    r"(?:\"([A-Za-z0-9][^\"\n]{1,199})\"|\{[^{}]*?\"value\"\s*:\s*\"([A-Za-z0-9][^\"\n]{1,199})\")",
    re.IGNORECASE,
    literals=("error",),
)
# A line the text quotes ("…" or “…”) with a status in it: a log's or a tool's line about
# the refusal ("The incoming path … is not mapped to a destination. Rejecting the request
# with 404 (not found).", "GET request to /favicon.ico completed with status 500 - JWT token
# does not include scope"). A port (":443") or a path's digits are no status.
_QUOTED = LazyPattern(rf"\"([^\"\n]{{8,{MAX_CHARS}}})\"|“([^”\n]{{8,{MAX_CHARS}}})”", literals=('"', "“"))
_STATUS_IN_QUOTE = LazyPattern(r"(?<![\w.:/=-])([45]\d\d)(?![\w.])")
_WORD = LazyPattern(r"[A-Za-z]{3,}")
_EDGE = "\"'“”‘’()[]{}<>.,;:!?*#-"
# The words any client prints about a status ("Request failed with status code 404", "The
# remote OData service responded with status code '401'"): a quote of them says no more than
# the number. A reason of its own is `QUOTE_REASON_WORDS` other words or more.
_STATUS_TALK = frozenset(
    "the and for from with was were has have been request requests failed fails failure error errors status code"
    " statuscode response responded returned received http https remote service server call called got"
    " answered answer".split()
)
QUOTE_REASON_WORDS = 3


def _quoted_status_words(raw: str) -> list[ScreenWords]:
    """The first quoted line that names a 4xx/5xx status and a reason beside it (above)."""
    for quote in _QUOTED.finditer(raw):
        said = quote.group(1) or quote.group(2)
        status = _STATUS_IN_QUOTE.search(said)
        if status is None:
            continue
        number = int(status.group(1))
        plain = set((HTTP_REASONS.get(number) or "").lower().split()) | _STATUS_TALK
        if sum(word.lower() not in plain for word in _words_of(said)) >= QUOTE_REASON_WORDS:
            return [ScreenWords("quoted_status", number, said.strip())]
    return []


def _words_of(said: str) -> list[str]:
    """The words of a quote as written between blanks: a logger's or a class's name
    ("#INFO#com.sap.scc.security#…", "org.apache.camel…Exception") is no word of a reason."""
    return [w for w in (token.strip(_EDGE) for token in said.split()) if _WORD.fullmatch(w)]


def _body_words(raw: str) -> list[ScreenWords]:
    """What the answer's body said, by the fields above (at most one of each)."""
    found = []
    body = _BODY_FIELD.search(raw)
    if body is not None:
        found.append(ScreenWords("response_body", 0, body.group(1)))
    member = _ERROR_MEMBER.search(raw)
    if member is not None:
        found.append(ScreenWords("response_body", 0, next(g for g in member.groups() if g)))
    return found


def screen_words(raw: str) -> tuple[ScreenWords, ...]:
    """The screen fields of `raw` that carry the failure's own words, in the order
    status text, status line, short text; each text once. A long paste is read in its
    first and last `SCREEN_WINDOW` characters only, where a pasted screen sits (a dense
    megabyte costs what a screen does)."""
    if len(raw) > 2 * SCREEN_WINDOW:
        raw = raw[:SCREEN_WINDOW] + "\n" + raw[-SCREEN_WINDOW:]
    found: list[ScreenWords] = []
    status = _STATUS_TEXT.search(raw)
    if status is not None:
        beside = _STATUS_NUMBER.search(raw)
        found.append(ScreenWords("status_text", int(beside.group(1)) if beside else 0, status.group(1)))
    for pattern in (_STATUS_LINE, _STATUS_AT_LINE_START):
        line = next((m for m in pattern.finditer(raw) if _own_words(int(m.group(1)), m.group(2))), None)
        if line is not None:
            found.append(ScreenWords("status_line", int(line.group(1)), f"{line.group(1)} {line.group(2)}"))
            break
    short = _SHORT_TEXT.search(raw)
    said = (short.group(1) or short.group(2) or "") if short is not None else ""
    if said and " ".join(said.lower().split()) not in _SHORT_TEXT_LABELS:  # a label, not a text
        found.append(ScreenWords("short_text", 0, said))
    found += _runtime_words(raw)
    found += _body_words(raw)
    found += [q for q in _quoted_status_words(raw) if not any(w.text.lower() in q.text.lower() for w in found)]
    out: list[ScreenWords] = []
    for word in found:
        text = " ".join(word.text.split())
        if text and len(text) <= MAX_CHARS and not any(text.lower() in w.text.lower() for w in out):
            out.append(word._replace(text=text))
    return _said_back(out[:MAX_WORDS])


def _said_back(found: list[ScreenWords]) -> tuple[ScreenWords, ...]:
    """The fields as every front end says them back: with their passwords masked
    (`redact.mask_said`: an authorization header, `password=…`, "Passwort ist …"), here where
    they enter the answer, so no quote, JSON field or saved transcript can miss it."""
    if not found:
        return ()
    from assistant.redact import mask_said  # ~10 ms at import: only when a screen was pasted

    return tuple(w._replace(text=mask_said(w.text)) for w in found)


def _own_words(number: int, words: str) -> bool:
    """A reason phrase in the server's own words: more than the standard one ("Not Found"
    says nothing the number does not)."""
    reason = HTTP_REASONS.get(number)
    if reason is None:
        return False
    return " ".join(words.split()).strip(" .").lower() != reason.lower() and len(words.split()) >= 3


def _runtime_words(raw: str) -> list[ScreenWords]:
    """The PI monitor's error text (unescaped, cut to `MAX_CHARS` at a word) and the web
    service runtime's line, as their screens show them."""
    found: list[ScreenWords] = []
    stack = _MONITOR_STACK.search(raw)
    if stack is not None:
        text = " ".join(unescape(stack.group(1)).split())
        if len(text) > MAX_CHARS:
            text = text[:MAX_CHARS].rsplit(" ", 1)[0]
        found.append(ScreenWords("monitor_error", 0, text))
    line = _WEB_SERVICE_LINE.search(raw)
    if line is not None:
        found.append(ScreenWords("web_service_error", 0, line.group(1)))
    return found
