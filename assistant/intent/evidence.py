"""The router's evidence stages: what the text says for each message and for each cause.

Evidence adds up in raw units (the scores shown to users are squashed to 0..1 later):
ids named in the text, ICM constants, low-level codes and their links, numbers read the
way the wording points (readings.py: ICM code, real HTTP status and the SAP message it
leads to, or an ICM-made page), the signs and titles of each cause (signs.py), and
keyword overlap weighed by how telling each word is. Every weight is generic; nothing
here knows a particular message or test sentence.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import NamedTuple

from assistant.intent.entitytypes import Entities
from assistant.intent.finestates import fine_stems
from assistant.intent.fuzzy import normalize, stem, words
from assistant.intent.httpstatus import reason_phrases
from assistant.intent.icmfailure import only_icm_made, without_a_servers_answer
from assistant.intent.kbindex import RouterIndex
from assistant.intent.parsing import ParsedText
from assistant.intent.phrasewords import word_places
from assistant.intent.proxies import proxy_links_first
from assistant.intent.proxyevidence import (
    codes_about_the_proxy_host,
    configured_proxy_causes,
    is_proxy_message,
    mentions_a_proxy,
    own_proxy_causes,
)
from assistant.intent.readings import ambiguities, demoted_ids, read_numbers
from assistant.intent.resolution import without_resolutions
from assistant.intent.result import EVIDENCE_ORDER, Ambiguity, EvidenceKind, NumberReading
from assistant.intent.settingstates import contradicted_words, stated_causes
from assistant.intent.signs import sign_scores, title_matches
from assistant.intent.state import DialogueState
from assistant.intent.statedcauses import denied_words, shared_names
from assistant.intent.tlsalerts import reports_a_tls_alert, unanswered
from assistant.intent.weights import Weights
from assistant.kb.knowledge_base import KnowledgeBase

# Structural constants (how evidence is shaped); the weights themselves are weights.py.
TEXT_MATCH_MIN = 60.0
W_TEXT_MATCH = 2.0  # an imported message's text found in the paste (score 100 = all of it)
KEYWORD_HALF = 6.0  # keyword evidence at which the squash reaches one half
# A word in one entry in ten or more ("certificate", "PSE", "STRUST") names no cause of its
# own: a cause met only by such words is met by a family's words (idf = log(1 + 1/share)).
ORDINARY_WORD_IDF = math.log(1 + 1 / 0.1)
HTTP_STATUS_CAUSE = "http_status_from_server"
GENERIC_SSL_CONSTANT = "ICM_HTTP_SSL_ERROR"  # the ICM's general SSL error (SCLNT_HTTP407 in the bundled base)
SSL_CONSTANT_PREFIX = "ICM_HTTP_SSL"  # the ICM's SSL errors, general and specific
SAPSSL_PREFIXES = ("SSSLERR_", "SSSLRC_")
INFERRED_MAX = 0.4  # a message inferred from an unknown code: below ranking.EXPLICIT_MIN (0.5)
SSL_STEM = "ssl"
_NONE: Mapping[str, frozenset[str]] = {}  # no cause contradicted


class MessageEvidence(NamedTuple):
    """Stage 1: raw evidence per message id, and how the numbers in the text were read.

    `scores` keeps growing in later stages (titles, the topic, keywords, causes).
    """

    scores: defaultdict[str, float]
    readings: list[NumberReading]
    demoted: frozenset[str]  # ids a number's reading says are not meant (HTTP 404 is not SCLNT_HTTP404)
    ambiguity: list[Ambiguity]
    http_statuses: list[int]  # numbers the wording reads as HTTP statuses
    topic_in_text: bool  # the text names a topic of its own (an id, constant, code or cause)
    copied_title: str | None = None  # the message whose short text is the whole text
    quoted: frozenset[str] = frozenset()  # messages whose short text the text quotes (incl. copied_title)
    # Messages whose title the text meets by one word, with what that added to their score
    # (filled by cause_evidence; ranking: such a message, met by nothing else, lends no causes).
    lone_titles: dict[str, float] | None = None


_RANK_OF_KIND: dict[str, int] = {kind: rank for rank, kind in enumerate(EVIDENCE_ORDER)}
_NO_RANK = len(EVIDENCE_ORDER)


class CauseEvidence(NamedTuple):
    """Stage 2: raw evidence per cause id, the keyword scores per doc key ('m:…', 'c:…'),
    and per cause the strongest kind of evidence that added to its score (a rank in
    result.EVIDENCE_ORDER): an annotation for the answers, never a weight."""

    scores: defaultdict[str, float]
    keywords: dict[str, float]
    kinds: dict[str, int]

    def add(self, cause_id: str, value: float, kind: EvidenceKind) -> None:
        """Add `value` to the cause's evidence, noting its kind (`note_kind`, inlined: a
        trace adds a hundred times)."""
        self.scores[cause_id] += value
        rank, kinds = _RANK_OF_KIND[kind], self.kinds
        if rank < kinds.get(cause_id, _NO_RANK):
            kinds[cause_id] = rank

    def strongest(self, cause_id: str) -> EvidenceKind | None:
        rank = self.kinds.get(cause_id)
        return None if rank is None else EVIDENCE_ORDER[rank]


def note_kind(kinds: dict[str, int], cause_id: str, kind: EvidenceKind) -> None:
    """Keep the stronger of the cause's kinds so far and `kind`."""
    rank = _RANK_OF_KIND[kind]
    if rank < kinds.get(cause_id, len(EVIDENCE_ORDER)):
        kinds[cause_id] = rank


BROAD_CODE = 4  # a code that many messages list (the ABAP exception http_communication_failure)


def _code_share(rank: int, listed: int) -> float:
    """How much a code says for the message at `rank` of the `listed` ones that list it. A
    code few messages list points to them in their order; one that most messages list (an
    ABAP exception every transport failure raises) says little about which: an equal, small
    share each, so the causes in evidence pick the message."""
    return 1.0 / listed if listed >= BROAD_CODE else 1.0 / (1 + 0.3 * rank)


def message_evidence(text: ParsedText, kb: KnowledgeBase, index: RouterIndex, w: Weights) -> MessageEvidence:
    """Direct evidence for messages; numbers are read the way the wording points."""
    entities = text.entities
    readings = read_numbers(entities, text.normalized, text.stems, text.raw, kb)
    demoted = demoted_ids(entities, readings)
    scores: defaultdict[str, float] = defaultdict(float)
    _number_evidence(entities, readings, kb, scores, w)
    for constant in entities.icm_constants:
        scores[index.constants[constant]] = max(scores[index.constants[constant]], w.explicit)
    for mid in entities.message_ids:
        if mid in kb.messages and mid not in scores and mid not in demoted:
            scores[mid] = w.bare
    for reading in readings:
        related = reading.message
        if reading.lean in ("http", "icm_page") and related and related in kb.messages:
            scores[related] = max(scores[related], w.related)
    proxy_host = codes_about_the_proxy_host(text)
    for code in entities.codes:
        linked = index.messages_by_code.get(code, [])
        if proxy_host:
            linked = proxy_links_first(linked, lambda mid: is_proxy_message(mid, kb))
        for rank, mid in enumerate(linked):
            if mid in kb.messages:
                scores[mid] += _code_share(rank, len(linked)) * w.code_link
    generic_ssl = index.constants.get(GENERIC_SSL_CONSTANT)
    if generic_ssl is not None and generic_ssl in kb.messages and unknown_sapssl_code(entities):
        # A SapSSL code the base does not know still failed the handshake: the ICM's
        # general SSL error is the likelier message, weakly (its own id is unknown first).
        # Kept below what counts as named (ranking.EXPLICIT_MIN): an inferred message lends
        # no cause order of its own.
        scores[generic_ssl] += min(w.code_link, 1.0) * INFERRED_MAX
    # The whole text is SAP's short text of a message ("SSL error"): copied from the SAP
    # screen, most likely (the answer asks, see router). Or the short text is quoted inside
    # a sentence ("… fails with SSL error"). Either way the same words say little on their
    # own: the message is only suggested, below what counts as named.
    copied = _copied_title(text.normalized, index)
    copied = copied if copied in kb.messages and not scores else None
    quoted = {mid for mid in _quoted_titles(text.normalized, index) if mid in kb.messages and mid not in demoted}
    if copied:
        quoted.add(copied)
    for mid in quoted:
        scores[mid] = max(scores[mid], INFERRED_MAX)
    if index.imported_messages:
        _imported_text_evidence(text.raw, kb, scores)
    return MessageEvidence(
        scores=scores,
        readings=readings,
        demoted=frozenset(demoted),
        ambiguity=ambiguities(entities, readings, kb, text.raw, text.normalized),
        http_statuses=sorted(r.number for r in readings if r.lean == "http"),
        topic_in_text=bool(
            entities.message_ids or entities.icm_constants or entities.codes or entities.causes
            or entities.unknown_codes or _status_naming_a_message(readings, kb)
        ),
        copied_title=copied,
        quoted=frozenset(quoted),
        lone_titles={},
    )


def _status_naming_a_message(readings: list[NumberReading], kb: KnowledgeBase) -> bool:
    """A status the wording decides is the server's or proxy's and that SAP reports as a
    message of its own ("407 Proxy Authentication Required" → SCLNT_HTTP416) names a topic,
    as an id would: "and now it says 407 …" in a conversation is the new error, not a
    question about the old one."""
    return any(r.lean == "http" and r.decided and r.message in kb.messages for r in readings)


_LEADING_LABEL = ("error ", "message ", "fehler ", "meldung ")


def _copied_title(normalized: str, index: RouterIndex) -> str | None:
    """The message whose title or short text is the whole text (an "Error:" label aside)."""
    text = normalized.strip()
    for label in _LEADING_LABEL:
        if text.startswith(label) and text[len(label):].strip() in index.titles:
            return index.titles[text[len(label):].strip()]
    return index.titles.get(text)


def _quoted_titles(normalized: str, index: RouterIndex) -> list[str]:
    """Messages whose title or short text of two words or more stands in the text as a
    phrase — except titles that are also an HTTP status's reason phrase ("Not found",
    "Service unavailable"): in a sentence, those are the server's status more often."""
    reasons = reason_phrases()
    return [
        mid for title, mid in index.titles.items()
        if " " in title and title not in reasons and f" {title} " in normalized
    ]


def _number_evidence(
    entities: Entities, readings: list[NumberReading], kb: KnowledgeBase, scores: dict[str, float], w: Weights
) -> None:
    """Numbers that are message ids, weighed by how they were written and read."""
    by_number = {r.number: r for r in readings}
    by_context = {"explicit": w.explicit, "icm": w.explicit, "icm_http_error": w.explicit, "http": w.http_reading}
    for mention in entities.numbers:
        if not (mention.message_id and mention.message_id in kb.messages):
            continue
        weight = by_context.get(mention.context, w.bare)
        reading = by_number.get(mention.number)
        if reading is not None and mention.context not in ("explicit", "icm"):
            if reading.lean == "icm_page":
                continue  # the ICM's own page: neither the status nor this message
            if reading.lean == "http":
                weight = w.http_reading
        scores[mention.message_id] = max(scores[mention.message_id], weight)


def _imported_text_evidence(raw_text: str, kb: KnowledgeBase, scores: dict[str, float]) -> None:
    """Messages imported from the user's T100 are matched by their text (placeholders
    filled in, typos) through the scalable text index."""
    from assistant.kb.textindex import TextIndex

    for mid, score in TextIndex.for_kb(kb).search(raw_text, limit=5):
        if score >= TEXT_MATCH_MIN and mid in kb.messages:
            scores[mid] += W_TEXT_MATCH * score / 100.0


def _not_counted(text: ParsedText, messages: MessageEvidence, kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Per cause, the text's words that do not count for it. A setting the text states the
    other way ("fails with SSL active") is no evidence for the cause that is that setting
    off (settingstates.py), nor the words of a statement that rules a cause out ("the proxy
    is not involved", statedcauses.py); a handshake that ended in an alert answered no logon or status
    (tlsalerts.py); a status that is only the ICM's own page is no server's answer
    (icmfailure.py)."""
    contradicted = _merged(contradicted_words(text.raw, kb), denied_words(text.raw, kb.causes))
    alert, icm_only = reports_a_tls_alert(text.raw), only_icm_made(messages.readings)
    if not (alert or icm_only):
        return contradicted
    every_word = frozenset(text.stems | {stem(w) for w in words(text.normalized)})
    if alert:
        contradicted = unanswered(contradicted, every_word)
    return without_a_servers_answer(contradicted, messages.readings, every_word) if icm_only else contradicted


def _merged(first: dict[str, frozenset[str]], second: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Two per-cause word sets as one (most texts have neither)."""
    if not second:
        return first
    return {c: first.get(c, frozenset()) | second.get(c, frozenset()) for c in first.keys() | second.keys()}


def cause_evidence(
    text: ParsedText,
    messages: MessageEvidence,
    state: DialogueState,
    kb: KnowledgeBase,
    index: RouterIndex,
    w: Weights,
) -> CauseEvidence:
    """Evidence for causes: signs, titles, codes, literal ids, keywords, HTTP readings.

    With a message named (or, for a short follow-up, the current topic), loose evidence
    (words, one-word signs, a proxy mentioned in passing) may reorder its causes but
    hardly add others. Message titles found in the text add to `messages.scores`.
    """
    entities = text.entities
    contradicted = _not_counted(text, messages, kb)
    # "the CSRF token is correct": no evidence for any entry (finestates.py); "after importing
    # the root it works" says what fixed it (resolution.py), not what is fine.
    fine = fine_stems(without_resolutions(text.raw))
    keywords = keyword_scores(text.weights, index, text.corrected, contradicted, fine)
    numbers = {n for n in text.normalized.split() if n.isdigit()}
    linked = {c for code in entities.codes for c in index.causes_by_code.get(code, ())}
    read_statuses = {r.number for r in messages.readings if r.lean in ("http", "icm_page")}
    strong, soft = sign_scores(
        text.normalized, text.raw, text.stems | numbers, index, text.tables,
        _named_code_texts(entities, kb), linked, read_statuses, w, text.corrected, contradicted, fine,
    )
    found = CauseEvidence(defaultdict(float), keywords, {})
    for cause_id, score in strong.items():
        found.add(cause_id, score, "sign")
    for cause_id in stated_causes(text.raw, kb):
        # The text states the setting the cause is ("SSL set to inactive"): a sign's worth,
        # beside a constant many causes share (which proves none of them: statedcauses).
        own = strong.get(cause_id, 0.0) - _shared_sign_part(cause_id, entities, kb, index, w)
        found.add(cause_id, max(0.0, w.sign - own), "sign")
    proxy_causes = frozenset(configured_proxy_causes(kb, index)) if codes_about_the_proxy_host(text) else None
    for code in entities.codes:
        code_causes = index.causes_by_code.get(code, [])
        if proxy_causes is not None:
            code_causes = proxy_links_first(code_causes, proxy_causes.__contains__)
        # A code most messages list (http_communication_failure) wraps any failure: its
        # links are the base's order, as a named message's are, not the text showing the cause.
        code_kind: EvidenceKind = "message" if len(index.messages_by_code.get(code, ())) >= BROAD_CODE else "code"
        for rank, cause_id in enumerate(code_causes):
            found.add(cause_id, w.cause_code / (1 + 0.3 * rank), code_kind)
    for cause_id in entities.causes:
        found.add(cause_id, w.cause_literal, "literal")
    for reading in messages.readings:
        _reading_causes(reading, found, w)
    damp = _damping(messages, state, index, w)
    for cause_id, score in soft.items():
        found.add(cause_id, score * damp(cause_id), "loose_sign")
    _title_evidence(text, fine, messages, found, damp, kb, index, w)
    ordinary = ordinary_words_only(keywords, text.weights, index, fine)
    for key, score in keywords.items():
        if key.startswith("c:"):
            kind: EvidenceKind = "family" if key in ordinary else "keyword"
            found.add(key[2:], w.keyword_cause * score * damp(key[2:]), kind)
    written = text.stems - text.corrected - fine
    if unknown_sapssl_code(entities):
        written = written | {SSL_STEM}  # an unknown SapSSL code names the SSL family all the same
    for cause_id, score in family_scores(written, index, contradicted).items():
        found.add(cause_id, w.family * score * damp(cause_id), "family")
    if entities.proxy:
        # "through a proxy", a proxy host: the proxy causes are in play.
        for cause_id in own_proxy_causes(kb, index):
            found.add(cause_id, w.proxy_mention * damp(cause_id), "proxy")
    scores = found.scores
    if not mentions_a_proxy(text):
        # A cause about a configured proxy (its logon, its host, its answer) needs a proxy in
        # the text: without one, words it shares with it ("host … resolved") count less.
        for cause_id in configured_proxy_causes(kb, index):
            if cause_id in scores and cause_id not in strong and cause_id not in linked:
                scores[cause_id] *= w.off_topic
    known = defaultdict(float, {c: s for c, s in scores.items() if c in kb.causes})
    return CauseEvidence(scores=known, keywords=keywords, kinds={c: k for c, k in found.kinds.items() if c in kb.causes})


def _title_evidence(text: ParsedText, fine: frozenset[str], messages: MessageEvidence, found: CauseEvidence,
                    damp: Callable[[str], float], kb: KnowledgeBase, index: RouterIndex, w: Weights) -> None:
    """Titles the text meets: a cause's is evidence for it, a message's adds to its score —
    noted when one telling word met it ("timeout: 5000" → "Timeout error"), as that alone
    does not name it (ranking)."""
    for key, met in title_matches(text.stems, index, text.tables, w, text.corrected, fine,
                                    word_places(text.raw)).items():
        if key.startswith("c:"):
            found.add(key[2:], met.score * damp(key[2:]), "title")
        elif key[2:] in kb.messages:
            messages.scores[key[2:]] += w.title_message * met.score
            if met.words == 1 and messages.lone_titles is not None:
                messages.lone_titles[key[2:]] = w.title_message * met.score


def unknown_sapssl_code(entities: Entities) -> bool:
    """The text names a SapSSL code (SSSLERR_…, SSSLRC_…) the base does not know."""
    return any(code.upper().startswith(SAPSSL_PREFIXES) for code in entities.unknown_codes)


def family_scores(
    stems: set[str] | frozenset[str], index: RouterIndex, contradicted: Mapping[str, frozenset[str]] = _NONE
) -> dict[str, float]:
    """A common word that names a family of causes ("SSL") as written in the text: each
    cause of the family gets how telling the word is among causes (kbindex._families),
    unless the word only states a setting the cause contradicts (`contradicted`)."""
    out: dict[str, float] = defaultdict(float)
    for s in stems & index.families.keys():
        ids, telling = index.families[s]
        for cause_id in ids:
            if s not in contradicted.get(cause_id, ()):
                out[cause_id] += telling
    return out


def _damping(
    messages: MessageEvidence, state: DialogueState, index: RouterIndex, w: Weights
) -> Callable[[str], float]:
    """How much loose evidence counts for a cause: fully for the causes of the named
    message (or of the current topic, for a follow-up without a topic of its own)."""
    named_causes = {
        cause_id
        for mid, weight in messages.scores.items()
        if weight >= w.bare
        for cause_id in index.causes_of_message.get(mid, ())
    }
    if not named_causes and not messages.topic_in_text and state.messages:
        # A follow-up ("and through a proxy?") refines the current topic the same way.
        named_causes = set(index.causes_of_message.get(state.messages[0], ()))
    generic_ssl = index.constants.get(GENERIC_SSL_CONSTANT)
    if generic_ssl is not None and messages.scores.get(generic_ssl, 0.0) >= w.bare:
        # The general SSL error stands for every SSL failure ("HTTP error 407 occured: SSL
        # handshake … failed: <the SapSSL code>"): the causes of the specific SSL messages
        # (expired, name mismatch, untrusted, no credentials) are its causes too.
        for constant, mid in index.constants.items():
            if constant.startswith(SSL_CONSTANT_PREFIX):
                named_causes.update(index.causes_of_message.get(mid, ()))

    def damp(cause_id: str) -> float:
        return 1.0 if not named_causes or cause_id in named_causes else w.off_topic

    return damp


def keyword_scores(
    weights: dict[str, float],
    index: RouterIndex,
    corrected: frozenset[str] = frozenset(),
    contradicted: Mapping[str, frozenset[str]] = _NONE,
    fine: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """Overlap of the text's words with each entry's words, weighed by how telling they
    are. An entry met only through typo-corrected words is no match: a correction alone
    never creates one. `contradicted`: per cause, words that state a setting the other
    way than the cause is ("SSL active" for SSL switched off): they do not count for it.
    `fine`: words of things the text says are fine (finestates.py): they count for no entry."""
    scores: dict[str, float] = defaultdict(float)
    written: set[str] = set()
    typo_hits: dict[str, int] = defaultdict(int)
    against = {f"c:{c}": words for c, words in contradicted.items()}
    for s, weight_of_word in weights.items():
        posting = index.postings.get(s)
        if not posting or s in fine:
            continue
        idf = index.idf[s] * weight_of_word
        if against:
            posting = {k: v for k, v in posting.items() if s not in against.get(k, ())}
        for key, weight in posting.items():
            scores[key] += idf * weight
        if s not in corrected:
            written.update(posting)
        else:
            for key in posting:
                typo_hits[key] += 1
    return {
        key: raw / (raw + KEYWORD_HALF)
        for key, raw in scores.items()
        if key in written or typo_hits[key] >= 2
    }


def ordinary_words_only(
    keywords: Mapping[str, float], weights: Mapping[str, float], index: RouterIndex, fine: frozenset[str] = frozenset()
) -> set[str]:
    """The entries (doc keys) the text meets only through ordinary words of the base — each
    in one entry in ten or more (`ORDINARY_WORD_IDF`): "Certificate not exist in PSE" shares
    "certificate" and "PSE" with a dozen causes, and that says none of them. The evidence
    stays what it weighs; only its kind says so (`family`), so such a cause never heads an
    answer beside one the text shows (intent.lead). Words said fine (`fine`) meet nothing."""
    telling: set[str] = set()
    for s in weights:
        if index.idf.get(s, 0.0) > ORDINARY_WORD_IDF and s not in fine:
            telling.update(index.postings.get(s, ()))
    return {key for key in keywords if key not in telling}


def _reading_causes(reading: NumberReading, found: CauseEvidence, w: Weights) -> None:
    """A real HTTP status (or an ICM-made page) names its cause; see httpstatus.status_mapping."""
    if reading.lean not in ("http", "icm_page") or not reading.cause:
        return
    found.add(reading.cause, w.http_cause, "http")
    if reading.lean == "http" and reading.via == "target" and reading.cause != HTTP_STATUS_CAUSE:
        found.add(HTTP_STATUS_CAUSE, w.http_cause / 2, "http")  # the target did answer, after all


def _shared_sign_part(cause_id: str, entities: Entities, kb: KnowledgeBase, index: RouterIndex, w: Weights) -> float:
    """What the cause's signs that are a code or constant many causes share
    (ICM_HTTP_CONNECTION_FAILED: seven causes) gave it: no evidence of a setting the text
    states, so a statement of that setting is not already counted by them."""
    shared = {normalize(name) for name in shared_names(entities, kb)}
    if not shared:
        return 0.0
    return sum(w.sign * sign.weight for sign in index.signs if sign.cause == cause_id and sign.text in shared)


def _named_code_texts(entities: Entities, kb: KnowledgeBase) -> set[str]:
    """The named codes and constants as sign text ("ssslerr peer cert untrusted")."""
    names: list[str] = [*entities.icm_constants]
    for code_id in entities.codes:
        code = kb.codes.get(code_id)
        names += [code_id, *(code.aliases if code else ())]
    return {normalize(n) for n in names}
