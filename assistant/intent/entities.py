"""Entity extraction: message ids, ICM constants, low-level codes, hosts, glossary terms.

Regexes find candidates; the knowledge base decides what they are (message classes, code
ids and aliases, glossary ids), so imported message classes work without code changes.
All patterns are linear-time on bounded input (`bounded()` caps a huge paste).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from assistant.intent.entitytypes import Entities, NumberMention
from assistant.intent.fuzzy import closest_name, normalize
from assistant.intent.glossaryterms import glossary_terms
from assistant.intent.hosts import find_hosts, without_url_paths
from assistant.intent.httpstatus import HTTP_REASON_ALIASES, HTTP_REASONS, http_phrases
from assistant.intent.kbindex import RouterIndex
from assistant.intent.paramvalues import parameter_values
from assistant.intent.proxies import mentions_proxy
from assistant.intent.returncodes import exception_codes
from assistant.intent.retyped import constant_name, spaced_constants
from assistant.intent.rfcblock import block_codes
from assistant.intent.screens import column_or_field_value, icm_constant_follows, service_ping_rc
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.lazyre import LazyPattern

# Distinct entities kept per kind. A real paste names a handful; a log dump with
# thousands must not make every later stage (readings, fuzzy look-ups, the answer) grow.
MAX_PER_KIND = 16
DEFAULT_CLASS = "SCLNT_HTTP"
# Bare numbers in this band are read as SCLNT_HTTP numbers even when the base lacks them
# (the class is known to have gaps: 419, 420, 422-425); outside it only known ones count.
PLAUSIBLE_SCLNT = range(400, 441)

@dataclass(slots=True)
class _Spans:
    """Character ranges already explained, so later stages do not read them again.

    Kept as sorted, merged intervals so `free` is a binary search: a paste with tens of
    thousands of ids must not cost a scan of every earlier one per match.
    """

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.ends, start)  # first interval that ends at/after `start`
        j = bisect_right(self.starts, end)  # intervals from i to j-1 touch [start, end]
        if i < j:
            start, end = min(start, self.starts[i]), max(end, self.ends[j - 1])
        self.starts[i:j] = [start]
        self.ends[i:j] = [end]

    def free(self, start: int, end: int) -> bool:
        i = bisect_right(self.ends, start)  # first interval that ends after `start`
        return i == len(self.starts) or self.starts[i] >= end


# The look-behind also excludes "/": a match never starts inside a path-like run, which
# keeps a pathological "a/a/a/…" paste linear (and "/SCWM/MAT062" matches from its first "/").
_COMPACT_ID = LazyPattern(
    r"(?<![A-Za-z0-9_/])(/?[A-Za-z][A-Za-z0-9_/]{0,60}?)(?:[ \t]*[/_:\-][ \t]*|[ \t]+)?(\d{3})(?![0-9])"
)
# The same with the longest class name: classes may end in digits ("/SCWM/MAT062-001").
_COMPACT_ID_LONGEST = LazyPattern(
    r"(/?[A-Za-z][A-Za-z0-9_/]{0,60})(?:[ \t]*[/_:\-][ \t]*|[ \t]+)?(\d{3})(?![0-9])"
)
# Unbounded word parts (lengths are checked after the match): bounded repeats such as
# {0,30} made this one pattern cost 8 ms to compile at start-up.
_TWO_WORD_ID = LazyPattern(r"(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9]*)[ \t]+([A-Za-z][A-Za-z0-9]*)[ \t]*[/\-]?[ \t]*(\d{3})(?![0-9])")
MAX_CLASS_PART = 31
_CLASS_WORD = LazyPattern(r"(?<![A-Za-z0-9_/])(/?[A-Za-z][A-Za-z0-9_/]{1,60})(?![A-Za-z0-9_/])")
_RC = LazyPattern(r"\bRC\s*[=:]\s*(\d{3})(?![0-9])", re.IGNORECASE, literals=("rc",))
_LAST_ERROR = LazyPattern(
    r"\b(?:get_last_error|last[ _]error)\b[^0-9\n]{0,40}?(\d{3})(?![0-9])", re.IGNORECASE, literals=("last",)
)
_ERROR_CODE = LazyPattern(
    r"\b(?:error|return|icm|sclnt)[ _-]?(?:code|rc|number|no\.?)\s*[:=#]?\s*(\d{3})(?![0-9])",
    re.IGNORECASE,
    literals=("error", "return", "icm", "sclnt"),
)
_SAP_CODE_WORD = LazyPattern(r"(?:icm|sclnt)", re.IGNORECASE)
_HTTP_ERROR = LazyPattern(
    r"\bHTTP[ _-]?error\s*[:#]?\s*(\d{3})(?![0-9])([ \t]*(?:occured|occurred|ocurred))?",
    re.IGNORECASE,
    literals=("http error", "http_error", "http-error", "httperror"),
)
_STATUS_LINE = LazyPattern(r"\bHTTP/\d(?:\.\d)?\s+(\d{3})(?![0-9])", re.IGNORECASE, literals=("http/",))
_STATUS_WORDS = LazyPattern(
    r"\b(?:status(?:[ _-]?code)?|response[ _-]?code|get_status|returned|returns|answered|responded(?: with)?|http[ _-]?status)[\"']?\s*(?:code\s*)?[:=]?\s*[\"']?(?:of\s+)?(\d{3})(?![0-9])",
    re.IGNORECASE,
    literals=("status", "response", "return", "answered", "responded"),
)
# The number's edges are ASCII: a letter, digit or "_" glued to it makes it part of a name
# ("SAPKB75004", "abc401"), but Japanese or Chinese text runs on without a space ("401エラー",
# "返回401错误"), and Python's \w counts those letters too.
_BARE_NUMBER = LazyPattern(r"(?<![A-Za-z0-9_.:\-+=#$])(\d{3})(?![A-Za-z0-9_%]|\.\d|:\d|,\d)")
_UNIT_AFTER = LazyPattern(r"\s*(?:ms|s|sec|secs|seconds?|min|minutes?|mb|kb|gb|bytes?|users?|times|%)\b", re.IGNORECASE)
# "port 443", "service: 8000", "host:443" — but not "Error: 403" or "Status: 500": a colon
# followed by a space is a label's, not a port's, and so is one that ends its line ("Error:" above
# "401 Unauthorized"). The end is \Z: "$" also matches before a final newline.
_PORT_BEFORE = LazyPattern(r"(?:(?:port|service)\s*[:=]?\s*|:)\Z", re.IGNORECASE)
_HTTP_BEFORE = LazyPattern(r"\bhttps?\s*[-:]?\s*\Z", re.IGNORECASE)

_ICM_CONSTANT = LazyPattern(r"(?<![A-Za-z0-9])(ICM_[A-Za-z_]{3,60})", re.IGNORECASE, literals=("icm_",))
_IDENT = LazyPattern(
    r"(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)(?![A-Za-z0-9_])", literals=("_",)
)
# A low-level code written as one word (NIETIMEOUT): _IDENT needs an underscore, so these
# were never read; only capitals, so "Nietimeout" in prose stays a word.
_ONE_WORD_CODE = LazyPattern(r"(?<![A-Za-z0-9_])((?:NIE|NTE|SSSL)[A-Z0-9]{3,40})(?![A-Za-z0-9_])",
                             literals=("NIE", "NTE", "SSSL"))
_LOW_LEVEL_PREFIX = LazyPattern(r"^(?:SSSL|NIE|NTE|ICM_|HTTPIO_|SSL_|SECUSSL)", re.IGNORECASE)
# The NI layer's codes as the Windows kernel writes them: NTECONN_REFUSED is NIECONN_REFUSED.
_WINDOWS_NI = LazyPattern(r"^NTE(?=[A-Z]+_)")
_NUMERIC_CODE = LazyPattern(r"\(\s*(-\d{1,4})\s*\)", literals=("(",))
_LOW_LEVEL_CONTEXT = re.compile(r"SSL|ssl|\bNI\b|\bNi[A-Z]|ICM|[Hh]andshake|SSSL|NIE")

_PASTE_MARKERS = LazyPattern(
    r"occured|occurred|\*\*\*\s*error|\[thr\s|ssl handshake|failed:|\brc\s*=|\bsssl|\bnie[a-z]+_|"
    r"http_communication_failure|dev_icm|sapssl|secussl|exception|=>",
    re.IGNORECASE,
)


def _http_reason_at(text: str, pos: int, number: int) -> bool:
    reason = HTTP_REASONS.get(number)
    if not reason:
        return False
    after = text[pos : pos + 60].lower()
    if reason.lower() in after:
        return True
    return any(code == number and alias in after for alias, code in HTTP_REASON_ALIASES.items())


# A 4xx/5xx that is no bare number — glued to a word or given as a field's value — and the
# separators and field label between it and a reason phrase ("failed404,Not Found",
# "code=401, message=Unauthorized", "status code: 401, reason phrase: Unauthorized").
# Only a number with a word after it (past separators) can have its reason there: a paste of
# bare numbers is passed over by the regex itself, not number by number.
_ERROR_DIGITS = LazyPattern(r"(?<![0-9])([45]\d\d)(?![0-9])(?=[\s,;:=\-\u2013(\[\"'`]*[A-Za-z_])")
_TO_THE_REASON = re.compile(r"[\s,;:=\-\u2013(\[\"'`]*(?:[A-Za-z_]+(?: [A-Za-z_]+)?\s*[=:]\s*[\"'`]?)?")


def _reason_follows(text: str, end: int, number: int) -> bool:
    """The number's own reason phrase comes right after it, past separators and a label."""
    reason = HTTP_REASONS.get(number)
    if not reason:
        return False
    lead = _TO_THE_REASON.match(text, end)
    start = lead.end() if lead else end
    rest = text[start : start + 40].lower()
    return rest.startswith(reason.lower()) or any(
        code == number and rest.startswith(alias) for alias, code in HTTP_REASON_ALIASES.items()
    )


def _numbers_named_by_their_reason(c: _Collector) -> None:
    """A status in the shape a client prints it, with no room for a bare number's edges: a
    message glued to the code ("HTTP request failed404,Not Found") or the code as a field's
    value beside the reason's field (OkHttp's "code=401, message=Unauthorized"). Its own
    reason phrase right after it names it a status, whatever stands before it."""
    for m in _ERROR_DIGITS.finditer(c.text):
        s, e = m.start(1), m.end(1)
        if c.spans.free(s, e) and _reason_follows(c.text, e, int(m.group(1))):
            _number_reading(c, int(m.group(1)), "http", s, e)


def _canonical(message_class: str, number: int) -> str:
    return f"{message_class.upper()}{number:03d}"


def _dedupe(items: list[Any]) -> tuple[Any, ...]:
    """The distinct items in order of first mention, at most MAX_PER_KIND of them."""
    return tuple(dict.fromkeys(items))[:MAX_PER_KIND]


@dataclass(slots=True)
class _Collector:
    text: str
    index: RouterIndex
    kb: KnowledgeBase
    spans: _Spans = field(default_factory=_Spans)
    message_ids: list[str] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)

    def message(self, cls: str, number: int, context: str, start: int, end: int) -> None:
        mid = _canonical(cls, number)
        self.message_ids.append(mid)
        self.numbers.append(NumberMention(number, context, mid))
        self.spans.add(start, end)

    def known_class(self, name: str) -> str | None:
        """The message class `name` spells, as written or without stray separators.

        Namespaced classes keep their slashes (`/SCWM/MAT` + `062` -> `/SCWM/MAT062`).
        """
        raw = name.upper()
        for upper in dict.fromkeys((raw, raw.rstrip("/_-: "), raw.strip("/_-: "))):
            if upper in self.index.message_classes or upper == DEFAULT_CLASS:
                return upper
        upper = raw.strip("/_-: ")
        if "_" in upper and len(upper) >= 6:
            return closest_name(upper, self.index.class_names, 90.0)
        return None


MAX_CLASSES_PREFILTERED = 64  # a base with more message classes is not tested class by class


def _may_name_a_class(text: str, index: RouterIndex) -> bool:
    """False when no message class can be written in `text`, as one word or as two
    ("SCLNT HTTP"): each part of some class's name must be in it, case aside. The
    bundled base has one class, and most texts never name it; the searches for class
    words are then skipped. (A class's name in a word is in the text's upper case too.)"""
    classes = index.message_classes
    if len(classes) > MAX_CLASSES_PREFILTERED:
        return True
    upper = text.upper()
    return any(all(part in upper for part in name.split("_")) for name in (DEFAULT_CLASS, *classes))


def _explicit_ids(c: _Collector) -> None:
    text = c.text
    for m in _COMPACT_ID.finditer(text):
        if c.spans.free(m.start(), m.end()):
            _compact_id(c, m)
    for m in _TWO_WORD_ID.finditer(text) if _may_name_a_class(text, c.index) else ():
        if not c.spans.free(m.start(), m.end()):
            continue
        if len(m.group(1)) > MAX_CLASS_PART or len(m.group(2)) > MAX_CLASS_PART:
            continue
        cls = f"{m.group(1)}_{m.group(2)}".upper()
        if cls in c.index.message_classes or cls == DEFAULT_CLASS:
            c.message(cls, int(m.group(3)), "explicit", m.start(), m.end())


def _compact_id(c: _Collector, shortest: re.Match[str]) -> None:
    """`CLASS` + 3 digits; a class may end in digits, so two splits can be read.

    "/SCWM/MAT062-001" is /SCWM/MAT + 062 or /SCWM/MAT062 + 001: the split naming a
    message the base has wins (the longer class first), else the shortest known class.
    """
    readings: list[tuple[re.Match[str], str]] = []
    longest = _COMPACT_ID_LONGEST.match(c.text, shortest.start())
    for m in (longest, shortest):
        if m is None or (m is longest and m.end() <= shortest.end()):
            continue
        cls = c.known_class(m.group(1))
        if cls is not None:
            readings.append((m, cls))
    if not readings:
        return
    existing = [r for r in readings if _canonical(r[1], int(r[0].group(2))) in c.kb.messages]
    m, cls = existing[0] if existing else readings[-1]
    c.message(cls, int(m.group(2)), "explicit", m.start(), m.end())


def _class_mentions(c: _Collector) -> None:
    """'message 407 of class SCLNT_HTTP': a class named alone claims nearby numbers."""
    if not _may_name_a_class(c.text, c.index):
        return
    mentions = []
    classes = c.index.message_classes
    for m in _CLASS_WORD.finditer(c.text):
        upper = m.group(1).upper()
        if (upper in classes or upper == DEFAULT_CLASS) and c.spans.free(m.start(), m.end()):
            mentions.append((m.start(), m.end(), upper))
            c.spans.add(m.start(), m.end())
    for start, end, cls in mentions:
        lo, hi = max(0, start - 80), min(len(c.text), end + 80)
        for n in _BARE_NUMBER.finditer(c.text, lo, hi):
            s, e = n.start(1), n.end(1)
            if c.spans.free(s, e) and not _not_a_message_number(c.text, s, e):
                c.message(cls, int(n.group(1)), "explicit", s, e)


def _not_a_message_number(text: str, start: int, end: int) -> bool:
    """Ports, durations and sizes are not message numbers."""
    return bool(_PORT_BEFORE.search(text[max(0, start - 12) : start]) or _UNIT_AFTER.match(text, end))


def _contextual_numbers(c: _Collector) -> None:
    text = c.text
    for pattern in (_RC, _LAST_ERROR, _ERROR_CODE):
        for m in pattern.finditer(text):
            if not c.spans.free(m.start(1), m.end(1)):
                continue
            number = int(m.group(1))
            icm_named = pattern is _ERROR_CODE and icm_constant_follows(text, m.end(1))
            status = _http_reason_at(text, m.end(1), number) or service_ping_rc(text, m.start())
            if pattern is not _LAST_ERROR and not icm_named and status:
                # "HTTP error code 426 - Upgrade Required", a web service ping's "(RC=405)"
                _number_reading(c, number, "http", m.start(1), m.end(1))
                continue
            if pattern is _ERROR_CODE and not icm_named and not _SAP_CODE_WORD.match(m.group(0)):
                # "error code 401", "return code 403": anyone's words; the wording decides (readings.py)
                _number_reading(c, number, "bare", m.start(1), m.end(1))
                continue
            if number in PLAUSIBLE_SCLNT or number in c.index.known_numbers.get(DEFAULT_CLASS, []):
                c.message(DEFAULT_CLASS, number, "icm", m.start(1), m.end(1))
            # else "rc=111" (an errno: connection refused) is no SCLNT_HTTP number at all
    for m in _HTTP_ERROR.finditer(text):
        if not c.spans.free(m.start(1), m.end(1)):
            continue
        number = int(m.group(1))
        context = "icm_http_error" if m.group(2) else "http_word"
        if context == "http_word" and _http_reason_at(text, m.end(1), number):
            context = "http"
        _number_reading(c, number, context, m.start(1), m.end(1))
    for pattern in (_STATUS_LINE, _STATUS_WORDS):
        for m in pattern.finditer(text):
            if c.spans.free(m.start(1), m.end(1)):
                _number_reading(c, int(m.group(1)), "http", m.start(1), m.end(1))
    # A dense paste has thousands of numbers: the patterns are bound once, not looked up
    # through their lazy wrappers per number.
    port_before, unit_after, http_before = _PORT_BEFORE.compiled(), _UNIT_AFTER.compiled(), _HTTP_BEFORE.compiled()
    for m in _BARE_NUMBER.finditer(text):
        s, e = m.start(1), m.end(1)
        if not c.spans.free(s, e):
            continue
        number = int(m.group(1))
        if not 100 <= number <= 599:
            continue
        before = text[max(0, s - 12) : s]
        if port_before.search(before) or unit_after.match(text, e):
            continue  # a port, a duration or a size (as _not_a_message_number)
        if _http_reason_at(text, e, number):
            context = "http"
        elif http_before.search(before):
            context = "http_word"
        else:
            context = "bare"
            if column_or_field_value(text, s, before):
                continue  # a source line, a client, a work process (also in a log row)
        if context == "bare" and number < 400:
            continue
        _number_reading(c, number, context, s, e)


def _number_reading(c: _Collector, number: int, context: str, start: int, end: int) -> None:
    known = number in c.index.known_numbers.get(DEFAULT_CLASS, [])
    plausible = known or number in PLAUSIBLE_SCLNT
    mid = _canonical(DEFAULT_CLASS, number) if plausible else None
    if mid and context != "http":
        c.message_ids.append(mid)
    c.numbers.append(NumberMention(number, context, mid))
    c.spans.add(start, end)


def _looks_like_a_code(text: str, m: re.Match[str]) -> bool:
    """Error codes are written in capitals and stand alone; in a pasted trace, names like
    `SSL_connect()` or `sssl_hdl=` are functions and variables, not codes to explain."""
    token = m.group(1)
    after = text[m.end() : m.end() + 1]
    return token.isupper() and after not in ("(", "=")


def _constants_and_codes(
    c: _Collector,
) -> tuple[list[str], list[str], list[str], list[str]]:
    constants: list[str] = []
    codes: list[str] = []
    unknown: list[str] = []
    causes: list[str] = []
    index = c.index
    for start, end in spaced_constants(c.text, index.constants):
        constants.append(constant_name(c.text[start:end]))
        c.spans.add(start, end)
    for m in _ICM_CONSTANT.finditer(c.text):
        if not c.spans.free(m.start(), m.end()):
            continue
        name = m.group(1).upper().rstrip("_")
        if name in index.constants:
            constants.append(name)
        elif name in index.codes:
            codes.append(index.codes[name])
        else:
            guess = closest_name(name, index.constant_names, 85.0)
            if guess:
                constants.append(guess)
            else:
                unknown.append(name)
        c.spans.add(m.start(), m.end())
    for m in _IDENT.finditer(c.text):
        if not c.spans.free(m.start(), m.end()):
            continue
        token = m.group(1)
        upper = token.upper()
        if upper not in index.codes and _WINDOWS_NI.match(upper):
            upper = _WINDOWS_NI.sub("NIE", upper)
        if upper in index.codes:
            codes.append(index.codes[upper])
        elif token.lower() in c.kb.causes:
            causes.append(token.lower())
        elif _LOW_LEVEL_PREFIX.match(token):
            guess = closest_name(upper, index.code_names, 88.0)
            if guess:
                codes.append(index.codes[guess])
            elif _looks_like_a_code(c.text, m):
                unknown.append(upper)
        else:
            continue
        c.spans.add(m.start(), m.end())
    for m in _ONE_WORD_CODE.finditer(c.text):
        upper = "NIE" + m.group(1)[3:] if m.group(1).startswith("NTE") else m.group(1)
        if upper in index.codes and c.spans.free(m.start(), m.end()):
            codes.append(index.codes[upper])
            c.spans.add(m.start(), m.end())
    for m in _NUMERIC_CODE.finditer(c.text):
        candidates = index.codes_by_numeric.get(int(m.group(1)), [])
        near = c.text[max(0, m.start() - 50) : m.start()]
        before = near.upper()
        # A bare "(-1)" is any program's error number: only after words of the SSL or NI
        # layer ("SapSSLSessionStart failed (-102)", "NiPConnect2 … (-10)") is it their code.
        if len(candidates) == 1 and not any(code in before for code in codes) and _LOW_LEVEL_CONTEXT.search(near):
            codes.append(candidates[0])
    return constants, codes, unknown, causes


def extract_entities(text: str, kb: KnowledgeBase, index: RouterIndex, normalized: str | None = None) -> Entities:
    """All entities in `text` (already cleaned and bounded by the caller); `normalized` is
    `normalize(text)` when the caller has it already."""
    c = _Collector(text, index, kb)
    values = parameter_values(text)
    for v in values:  # "= 400:HIGH" is a parameter value, not SCLNT_HTTP400
        c.spans.add(v.start, v.end)
    _explicit_ids(c)
    constants, codes, unknown, causes = _constants_and_codes(c)
    return_codes = exception_codes(text, kb.codes)  # "sy-subrc 4 after create_by_destination"
    codes += [code for _, _, code in return_codes] + block_codes(text, kb)  # "RC -10" under "COMPONENT NI"
    hosts, urls, ports, proxy_url = find_hosts(text)
    _class_mentions(c)
    _contextual_numbers(c)
    _numbers_named_by_their_reason(c)
    if normalized is None:
        normalized = normalize(without_url_paths(text))  # a URL's path says nothing (parsing.parse_text)
    transactions, parameters, other = glossary_terms(text, normalized, index, kb, MAX_PER_KIND)
    for constant in constants:
        c.message_ids.append(index.constants[constant])
    return Entities(
        message_ids=_dedupe(c.message_ids),
        numbers=_dedupe(c.numbers),
        icm_constants=_dedupe(constants),
        codes=_dedupe(codes),
        unknown_codes=_dedupe(unknown),
        causes=_dedupe(causes),
        hosts=_dedupe(hosts),
        urls=_dedupe(urls),
        ports=_dedupe(ports),
        transactions=tuple(transactions[:MAX_PER_KIND]),
        parameters=tuple(parameters[:MAX_PER_KIND]),
        glossary=tuple(other[:MAX_PER_KIND]),
        proxy=bool(proxy_url) or mentions_proxy(text),
        proxy_url=proxy_url,
        http_phrases=_dedupe(http_phrases(normalized)),
        pasted=bool(_PASTE_MARKERS.search(text)) or text.count("\n") >= 3,
        parameter_values=_dedupe([(v.parameter, v.value) for v in values]),
        return_codes=tuple(return_codes),
    )
