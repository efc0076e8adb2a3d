"""Which reading of a number the wording points to, and where that reading leads.

"407" in an SAP HTTP-client error is usually the ICM's code (SCLNT_HTTP407, SSL error),
but the same digits are an HTTP status (407 Proxy Authentication Required), and SAP
reports that status as yet another message (SCLNT_HTTP416). The wording decides: ICM
words ("occured", get_last_error, SSSL*/NIE* codes) point to the ICM code; a status line,
"status code", the reason phrase or its words point to the HTTP status; a page text the
ICM makes itself ("404 Connection Refused") points to neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.intent import cues
from assistant.intent.capitals import any_on_purpose
from assistant.intent.entitytypes import Entities, NumberMention
from assistant.intent.fuzzy import content_words, normalize, stem
from assistant.intent.httpstatus import (
    HTTP_REASONS,
    ICM_PAGES,
    icm_pages_for,
    reason_phrases,
    status_mapping,
)
from assistant.intent.icmfailure import FIRST_SERVER_ERROR, names_the_icms_failure
from assistant.intent.proxies import without_service_proxies
from assistant.intent.result import Ambiguity, NumberReading
from assistant.intent.screenwords import status_text_pattern
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.lazyre import LazyPattern

DEFAULT_CLASS = "SCLNT_HTTP"

ICM_WORDING = (
    " icm ",
    " sclnt ",
    " dev icm ",
    " get last error ",
    " occured ",  # abapGit's own spelling; "occurred" is everyday English ("a 401 error occurred")
    " sssl",
    " nie",
    " http communication failure ",
    " rc ",
)
HTTP_WORDING = (
    " status code ",
    " status ",
    " response code ",
    " get status ",
    " returned ",
    " returns ",
    " responded ",
    " responds ",
    " response ",
    " answers ",
    " answered ",
    " from the server ",
    " server returned ",
    " http 1 1 ",
    " http 1 0 ",
    " http 2 ",
)
# Statuses every server answers daily, whose same-numbered ICM codes are rare (401
# connection broken, 403 service unavailable, 404 no more memory): with nothing in the
# wording to decide, the HTTP status is the likelier reading (a base rate, not a certainty).
EVERYDAY_STATUSES = frozenset({401, 403, 404})
_ICM_MADE = "{n} came with an ICM error: a status the ICM reports after the failed call, not the server's answer"
_CONNECT_METHOD = LazyPattern(r"\bCONNECT\b", literals=("CONNECT",))
_PARENTHESES = re.compile(r"\([^)]*\)")


_NUMBER_AT = LazyPattern(r"(?<!\d)(\d{3})(?!\d)")


def via_proxy(entities: Entities, raw_text: str, normalized: str) -> bool:
    """A proxy is in the picture: named, a proxy product, or the CONNECT method."""
    return (
        entities.proxy
        or any_on_purpose(raw_text, _CONNECT_METHOD.finditer(raw_text))  # not in a line all in capitals
        or bool(cues.PROXY_WORDS.search(normalized))
    )


PROXY_AUTH = 407  # Proxy Authentication Required: a proxy's own status wherever it stands
# 401 Unauthorized asks for the target resource's credentials (RFC 9110, 15.5.2); a proxy
# asks for its own with 407 (15.5.8). A 401 beside a proxy ("with the proxy user set we now
# get 401") is the far server's answer, not the proxy's.
TARGET_AUTH = 401
_NEAR = 60  # characters around a status within which "proxy" says who sent it


def _proxy_near(raw_text: str, number: int) -> bool:
    """A proxy is named close to this status ("the proxy answers 403", "403 from our proxy",
    "Proxy connection … failed: 502"), not only somewhere else in the text ("AI Core proxy
    in Jupyter … the 403 error"): only then is the status the proxy's. A web-service, reverse
    or called proxy ("the Kafka REST proxy API": proxies.py) is no forward proxy's word."""
    lowered = without_service_proxies(raw_text).lower()
    if not _PROXY_WORD.search(lowered):
        return True  # named by its product (Squid, Blue Coat) or by the CONNECT method
    for m in _NUMBER_AT.finditer(lowered):
        if int(m.group(1)) == number and _PROXY_WORD.search(lowered[max(0, m.start() - _NEAR) : m.end() + _NEAR]):
            return True
    return False


_PROXY_WORD = LazyPattern(r"\bprox", literals=("prox",))


def phrase_stems(phrase: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(normalize(_PARENTHESES.sub(" ", phrase))))


def _same_word(a: str, b: str) -> bool:
    """Two stems of one word ("authentic" / "authenticat"): the light stemmer misses some."""
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))


def _covered(phrase: str, stems: set[str]) -> bool:
    """Most of the phrase's words are in the text (two of three, or the only one)."""
    wanted = phrase_stems(phrase)
    found = sum(1 for w in wanted if any(_same_word(w, s) for s in stems))
    return bool(wanted) and 3 * found >= 2 * len(wanted)


def _lean(
    entities: Entities, normalized: str, stems: set[str], mention: NumberMention, kb: KnowledgeBase
) -> tuple[str, bool]:
    """('icm' | 'http' | 'unclear', decided) for a number that has both readings."""
    n = mention.number
    named_icm = bool(entities.icm_constants or entities.codes or entities.unknown_codes)
    icm = mention.context == "icm_http_error" or named_icm
    icm = icm or any(cue in normalized for cue in ICM_WORDING)
    http = mention.context == "http" or n in entities.http_phrases
    reason = HTTP_REASONS.get(n, "")
    if not named_icm and mention.context != "icm_http_error" and reason and _covered(reason, stems):
        # "Unauthorized access to resource (HTTP 401)": the status's own words beat the
        # ICM-ish context (abapGit shows real statuses too, only not as "HTTP error … occured").
        return "http", True
    if not http and mention.context != "icm_http_error":
        http = any(cue in normalized for cue in HTTP_WORDING) or bool(cues.HTTP_SOURCE.search(normalized))
    if http != icm:
        return ("http", True) if http else ("icm", True)
    if icm and http:
        if mention.context == "icm_http_error":
            return "icm", True
        if mention.context == "http":
            return "http", True
        return "unclear", False
    # Nothing telling: the words of either reading, and the plain shape "HTTP <n>".
    http_words = bool(reason) and _covered(reason, stems)
    http_words = http_words or (mention.context == "http_word" and f" http {n} " in normalized)
    message = kb.messages.get(mention.message_id or "")
    icm_words = message is not None and len(phrase_stems(message.title)) >= 1 and _covered(
        message.title, stems
    )
    if http_words != icm_words:
        return ("http", True) if http_words else ("icm", True)
    if n in EVERYDAY_STATUSES or message is None:
        # An everyday status, or a number the base knows no SCLNT_HTTP message for (429,
        # 422): the status is the likelier reading.
        return "http", False
    return "unclear", False


# SM59's connection test result: "Status Text" with the text the response came with
# (screenwords.STATUS_TEXT_FIELD), up to 80 characters, a closing full stop left off.
_STATUS_TEXT = status_text_pattern(80, ".")


# A status text that names an ICM error itself ("HTTP error 407 occured: SSSLERR_…",
# ICM_HTTP_SSL_ERROR, SCLNT_HTTP421, NIECONN_REFUSED) is the ICM's page, whatever else it says.
_ICM_NAMES_ITSELF = LazyPattern(
    r"\b(?:ICM_HTTP_\w+|SSSL(?:ERR|RC)_\w+|SCLNT_HTTP\d{3}|NIE[A-Z_]+|HTTP error \d{3} occ?ur+ed)",
    re.IGNORECASE,
    literals=("icm_http_", "sssl", "sclnt_http", "nie", "http error"),
)


def _status_text_source(raw_text: str, kb: KnowledgeBase) -> str | None:
    """Who wrote the SM59 result's status text: 'icm', 'server', or None (no such field, or
    the standard reason phrase, which either may send).

    The ICM's own pages after a failed call say what failed in its words — a page it
    makes ("Native SSL Error") or an SCLNT_HTTP message's ("SSL Peer Certificate
    Untrusted"). Any other text is the server's own reason phrase: Azure Blob answers
    "400 The HTTP version specified is not supported for this operation by the server"
    and "403 Server failed to authenticate the request. …" — statuses the server sent."""
    found = _STATUS_TEXT.search(raw_text)
    if found is None:
        return None
    text = " ".join(normalize(found.group(1)).split())
    if not text or text in reason_phrases():
        return None
    padded = f" {text} "
    if any(page.phrase in padded for page in ICM_PAGES) or _ICM_NAMES_ITSELF.search(found.group(1)):
        return "icm"
    stems = set(phrase_stems(text))
    titles = (m.title for mid, m in kb.messages.items() if mid.startswith(DEFAULT_CLASS))
    return "icm" if any(_covered(title, stems) for title in titles) else "server"


def _succeeded(number: int) -> bool:
    """A 2xx status says a call succeeded ("200 OK from https://www.google.com", a test
    call that works): no far server's failing answer and no SCLNT_HTTP code (they are all
    4xx). Reports quote one for the call that works beside the one that fails; read as a
    status, it outweighed the failure's own words and made the report a far server's."""
    return 200 <= number <= 299


def read_numbers(
    entities: Entities, normalized: str, stems: set[str], raw_text: str, kb: KnowledgeBase
) -> list[NumberReading]:
    """One reading per number that is also an HTTP status (explicit ids are not read)."""
    out: list[NumberReading] = []
    seen: set[int] = set()
    proxy = via_proxy(entities, raw_text, normalized)
    icm_codes = bool(entities.icm_constants or entities.codes or entities.unknown_codes)
    icm_worded = {m.number for m in entities.numbers if m.context in ("icm", "icm_http_error", "explicit")}
    status_text = _status_text_source(raw_text, kb)
    icm_failed = names_the_icms_failure(normalized, raw_text)
    for mention in entities.numbers:
        # ICM evidence besides this number: "HTTP error 500 occured" is worded like an ICM
        # error, but no ICM error has the number 500 — its own wording is not evidence.
        concrete_icm = icm_codes or bool(icm_worded - {mention.number})
        n = mention.number
        # A 5xx beside the ICM's words for a failed call (or SSL said off) is the ICM's own
        # status (icmfailure); a proxy's 5xx stays the proxy's.
        concrete_icm = concrete_icm or (
            icm_failed and n >= FIRST_SERVER_ERROR and not (proxy and _proxy_near(raw_text, n))
        )
        if mention.context in ("explicit", "icm") or n in seen or n not in HTTP_REASONS or _succeeded(n):
            continue
        seen.add(n)
        page = next((p for p in icm_pages_for(n) if p.phrase in normalized), None)
        if page is not None and mention.context != "icm_http_error":
            message = f"{DEFAULT_CLASS}{page.message_number:03d}" if page.message_number else None
            out.append(
                NumberReading(
                    n, "icm_page", True, message, page.cause, "",
                    f'{n} "{page.title}" is a page the ICM made itself after the call failed',
                )
            )
            continue
        # (A number worded "HTTP error 407 occured" is read by its own wording, not by the
        # status text it may stand in.)
        error_status = 400 <= n <= 599 and mention.context != "icm_http_error"
        if status_text == "icm" and error_status:
            # SM59's "Status Text" in the ICM's words ("SSL Peer Certificate Untrusted"):
            # the ICM's own page after a failed call.
            out.append(NumberReading(n, "icm_page", True, None, None, "", _ICM_MADE.format(n=n)))
            continue
        if status_text == "server" and error_status:
            lean, decided = "http", True  # the server's own words came with it
        elif mention.message_id:
            lean, decided = _lean(entities, normalized, stems, mention, kb)
        elif concrete_icm:
            # "Status HTTP Response 500" next to an SSSL code: the ICM's own answer to a
            # failed call, not the server's.
            out.append(NumberReading(n, "icm_page", True, None, None, "", _ICM_MADE.format(n=n)))
            continue
        else:
            lean, decided = "http", True  # no ICM code has these digits
        via = "proxy" if n == PROXY_AUTH or (proxy and n != TARGET_AUTH and _proxy_near(raw_text, n)) else "target"
        mapping = status_mapping(n, via_proxy=via == "proxy")
        if lean == "http":
            target = (
                f"{DEFAULT_CLASS}{mapping.message_number:03d}"
                if mapping and mapping.message_number
                else None
            )
            out.append(
                NumberReading(
                    n, "http", decided, target, mapping.cause if mapping else None, via,
                    mapping.note if mapping else "",
                )
            )
        else:
            out.append(NumberReading(n, lean, decided, mention.message_id, None, via, ""))
    return out


def demoted_ids(entities: Entities, readings: Iterable[NumberReading]) -> set[str]:
    """Message ids read from a number that the wording reads as something else.

    "HTTP 404" read as a server's status is not SCLNT_HTTP404 (no more memory); an ICM-made
    "404 Connection Refused" page is neither. Ids written out in full are never demoted.
    """
    elsewhere = {r.number for r in readings if r.lean in ("http", "icm_page")}
    explicit = {m.message_id for m in entities.numbers if m.context in ("explicit", "icm")}
    return {
        m.message_id
        for m in entities.numbers
        if m.message_id and m.number in elsewhere and m.message_id not in explicit
        and m.context not in ("explicit", "icm")
    }


def ambiguities(
    entities: Entities, readings: list[NumberReading], kb: KnowledgeBase, raw_text: str, normalized: str
) -> list[Ambiguity]:
    """Both readings of every number that has both, with where each one leads."""
    out: list[Ambiguity] = []
    proxy = via_proxy(entities, raw_text, normalized)
    with_icm = {m.number: m.message_id for m in entities.numbers if m.message_id}
    for r in readings:
        mid = with_icm.get(r.number)
        if r.lean == "icm_page" or not mid:
            continue
        reason = HTTP_REASONS[r.number]
        mapping = status_mapping(r.number, via_proxy=proxy or r.number == 407)
        message = kb.messages.get(mid)
        meaning = message.display_text if message else "not in the knowledge base"
        if r.lean == "http" and not r.decided:
            http_note = (
                "more likely: nothing in the wording decides, and servers answer with this "
                "status every day"
            )
            icm_note = (
                "possible if the number came from the ICM (get_last_error, an SM59 test, "
                "abapGit's 'HTTP error … occured'); this ICM code is rare"
            )
        elif r.lean == "http":
            http_note = "the wording points to this reading (a real HTTP status from the server or proxy)"
            icm_note = "less likely here; it applies when the number came from the ICM (SM59, get_last_error)"
        elif r.lean == "icm":
            http_note = "less likely here: the wording reads like an ICM/HTTP-client error, not a server's status"
            icm_note = "the wording points to this reading (ICM error code from the SAP HTTP client)"
        else:
            http_note = "possible if a server or proxy answered with this status"
            icm_note = (
                "nothing in the wording decides; in SAP HTTP-client errors (SM59 test, "
                "get_last_error, abapGit's 'HTTP error … occured') it is usually this one"
            )
        related = (
            f"{DEFAULT_CLASS}{mapping.message_number:03d}"
            if mapping and mapping.message_number and f"{DEFAULT_CLASS}{mapping.message_number:03d}" in kb.messages
            else None
        )
        cause = mapping.cause if mapping and mapping.cause in kb.causes else None
        out.append(Ambiguity("http_status", r.number, reason, http_note, related, cause))
        out.append(Ambiguity("sclnt_http", r.number, meaning, icm_note))
    return out
