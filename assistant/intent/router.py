"""route(): text + dialogue state -> intent, ranked messages and causes. A pure function.

The ranking adds up evidence: ids named in the text, ICM constants, low-level codes and
their links, numbers read the way the wording points (readings.py: ICM code, real HTTP
status and the SAP message it leads to, or an ICM-made page), the signs and titles of
each cause found in the text (signs.py), keyword overlap weighed by how telling each word
is (typos corrected by rapidfuzz, German domain words rendered in English), and the
current topic for follow-ups. Every weight is generic; nothing here knows a particular
message or test sentence.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import replace

from assistant.intent import cues
from assistant.intent.entities import (
    DEFAULT_CLASS,
    Entities,
    bounded,
    clean,
    extract_entities,
)
from assistant.intent.fuzzy import (
    CORRECTED_FACTOR,
    best_matches,
    content_words,
    correct_words,
    normalize,
    stem,
    word_weight,
)
from assistant.intent.german import english
from assistant.intent.httpstatus import HTTP_REASONS
from assistant.intent.kbindex import RouterIndex, index_for
from assistant.intent.lookup import neighbour_ids
from assistant.intent.readings import ambiguities, demoted_ids, read_numbers
from assistant.intent.result import (
    NumberReading,
    Routed,
    ScoredCause,
    ScoredMessage,
    UnknownId,
)
from assistant.intent.signs import sign_scores, tables_for, title_scores
from assistant.intent.state import DialogueState
from assistant.kb.model import KnowledgeBase

# Evidence weights (raw units; scores shown to users are squashed to 0..1).
W_EXPLICIT = 3.0  # message id, RC=, get_last_error, ICM constant
W_BARE = 2.4  # "407", "HTTP 407": probably the message, maybe an HTTP status
W_HTTP_READING = 0.8  # the wording says HTTP status; the message reading stays as an option
W_RELATED = 2.4  # the message SAP reports for a real HTTP status (HTTP 407 -> SCLNT_HTTP416)
W_CODE_LINK = 1.0  # a low-level code that the message lists
W_STATE = 2.5  # the current topic, for follow-ups
W_CONFIRMED = 4.0  # the cause a live check found, for follow-ups on its topic
W_CAUSE_CODE = 1.5  # a code the cause lists
W_CAUSE_LITERAL = 3.0  # the cause id written out
W_KEYWORD_CAUSE = 1.5
W_KEYWORD_MESSAGE = 1.2
W_TITLE_MESSAGE = 1.0  # share of a message title match (the cause side counts fully)
OFF_TOPIC_KEYWORDS = 0.35  # weight of loose evidence for causes the named message does not list
W_PROPAGATE = 0.6  # cause evidence lifting the messages that list the cause
W_PRIOR = 1.2  # a message's own cause ranking
W_HTTP_CAUSE = 2.0
W_PROXY_MENTION = 0.8
W_TEXT_MATCH = 2.0  # an imported message's text found in the paste (score 100 = all of it)
TEXT_MATCH_MIN = 60.0
KEYWORD_HALF = 6.0  # keyword evidence at which the squash reaches one half
UNDERSTOOD = 0.5  # below this much evidence the text is not understood
WHERE_FACTOR = 0.1  # a transaction named as the place of the error ("in SM59")
MIN_PREFIX = 6  # shortest partial code name that is completed ("SSSLERR_PEER")
MAX_MESSAGES = 8
MAX_CAUSES = 10
FOLLOW_UP_WORDS = 12
FOLLOW_UP_FOCUS = 2.5
HTTP_STATUS_CAUSE = "http_status_from_server"
POPULAR = ("SCLNT_HTTP407", "SCLNT_HTTP421", "SCLNT_HTTP411", "SCLNT_HTTP402", "SCLNT_HTTP415")


def _squash(raw: float) -> float:
    """Map raw evidence to 0..1 for display; monotone, so rankings are unchanged."""
    return round(1.0 - math.exp(-raw / 2.0), 3)


def _keyword_scores(weights: dict[str, float], index: RouterIndex) -> dict[str, float]:
    """Overlap of the text's words with each entry's words, weighed by how telling they are."""
    scores: dict[str, float] = defaultdict(float)
    for s, w in weights.items():
        posting = index.postings.get(s)
        if not posting:
            continue
        idf = index.idf[s] * w
        for key, weight in posting.items():
            scores[key] += idf * weight
    return {key: raw / (raw + KEYWORD_HALF) for key, raw in scores.items()}


def _stem_weights(
    tokens: list[str], fixes: dict[str, str], where_words: frozenset[str]
) -> dict[str, float]:
    """Stem -> weight: a typo-corrected word is a guess, an ordinary word or a transaction
    name ("in SM59") says little about the cause."""
    out: dict[str, float] = {}
    for token in tokens:
        corrected = fixes.get(token)
        s = stem(corrected or token)
        w = WHERE_FACTOR if (corrected or token) in where_words else word_weight(s)
        w *= CORRECTED_FACTOR if corrected else 1.0
        out[s] = max(out.get(s, 0.0), w)
    return out


def _unknown(
    entities: Entities, kb: KnowledgeBase, index: RouterIndex, skip: set[str]
) -> list[UnknownId]:
    out = [
        UnknownId(mid, "message", neighbour_ids(index, mid))
        for mid in entities.message_ids
        if mid not in kb.messages and mid not in skip
    ]
    for name in entities.unknown_codes:
        near = best_matches(name, index.code_names + index.constant_names, limit=8, cutoff=60)
        names = list(dict.fromkeys(_code_or_constant(index, n) for n, _ in near))
        out.append(UnknownId(name, "code", tuple(names[:3])))
    return out


def _code_or_constant(index: RouterIndex, name: str) -> str:
    return index.codes.get(name) or index.constants.get(name) or name


def _complete_prefixes(
    entities: Entities, index: RouterIndex
) -> tuple[Entities, list[tuple[str, str]]]:
    """A unique prefix of a known code or ICM constant ("SSSLERR_PEER") is taken as it."""
    if not entities.unknown_codes:
        return entities, []
    codes, constants, message_ids = list(entities.codes), list(entities.icm_constants), list(entities.message_ids)
    unknown: list[str] = []
    resolved: list[tuple[str, str]] = []
    for name in entities.unknown_codes:
        upper = name.upper()
        targets: set[tuple[str, str]] = set()
        if len(upper) >= MIN_PREFIX:
            targets |= {("code", cid) for key, cid in index.codes.items() if key.startswith(upper)}
            targets |= {("constant", c) for c in index.constant_names if c.startswith(upper)}
        if len(targets) != 1:
            unknown.append(name)
            continue
        kind, target = targets.pop()
        resolved.append((name, target))
        if kind == "code" and target not in codes:
            codes.append(target)
        elif kind == "constant" and target not in constants:
            constants.append(target)
            message_ids.append(index.constants[target])
    entities = replace(
        entities,
        codes=tuple(codes),
        icm_constants=tuple(constants),
        message_ids=tuple(dict.fromkeys(message_ids)),
        unknown_codes=tuple(unknown),
    )
    return entities, resolved


def _proxy_causes(kb: KnowledgeBase, index: RouterIndex) -> list[str]:
    """Causes about the proxy itself: "proxy" in the title proper, not in an aside
    ("TLS inspection (corporate proxy/SIEM) …" is about the certificate)."""
    return [
        c for c in index.proxy_causes
        if c in kb.causes and "proxy" in _ASIDE.sub(" ", kb.causes[c].title).lower()
    ]


def _named_code_texts(entities: Entities, kb: KnowledgeBase) -> set[str]:
    """The named codes and constants as sign text ("ssslerr peer cert untrusted")."""
    names: list[str] = [*entities.icm_constants]
    for code_id in entities.codes:
        code = kb.codes.get(code_id)
        names += [code_id, *(code.aliases if code else ())]
    return {normalize(n) for n in names}


def _intent(
    normalized: str,
    n_words: int,
    entities: Entities,
    state: DialogueState,
    topic_in_text: bool,
    n_messages: int,
) -> str:
    explicit_topic = topic_in_text or bool(entities.numbers)
    chatty = not explicit_topic and not entities.hosts
    if chatty and n_words <= 6 and cues.GREETING.search(normalized):
        return "greeting"
    if chatty and n_words <= 10 and cues.THANKS.search(normalized):
        return "thanks"
    if chatty and cues.HELP.search(normalized):
        return "help"
    if cues.COMPARE.search(normalized) and n_messages >= 2:
        return "compare"
    if not entities.message_ids and not entities.codes and cues.LIST.search(normalized):
        return "list"
    wants_check = bool(
        cues.CHECK_REQUEST.search(normalized)
        or cues.CHECK_RUN.search(normalized)
        or cues.REACHABLE.search(normalized)
    )
    if wants_check and (
        entities.hosts or entities.urls or (state.host and (n_words <= 6 or cues.ANAPHORA.search(normalized)))
        or (n_words <= 3 and cues.ANAPHORA.search(normalized))
        or cues.CHECK_RUN.search(normalized)
    ):
        return "check"
    if cues.FIX.search(normalized):
        return "fix"
    if cues.CAUSES.search(normalized):
        return "causes"
    if cues.EXPLAIN.search(normalized):
        return "explain"
    if cues.CONTINUATION.search(normalized) and state.last_intent in ("explain", "causes", "fix"):
        return state.last_intent
    return "explain"


def route(text: str, kb: KnowledgeBase, state: DialogueState | None = None) -> Routed:
    """Understand one user turn. Pure: same text, base and state give the same result."""
    state = state or DialogueState()
    index = index_for(kb)
    raw_text = clean(bounded(text if isinstance(text, str) else str(text)))
    if not raw_text.strip():
        return Routed(
            intent="not_understood",
            state=replace(state, turns=state.turns + 1),
            suggestions=_default_suggestions(kb),
            empty=True,
        )

    entities = extract_entities(raw_text, kb, index)
    entities, resolved = _complete_prefixes(entities, index)
    normalized = original = normalize(raw_text)
    # Words of the ids themselves ("ICM_HTTP_SSL_ERROR" -> ssl, error) would count twice;
    # keywords come from the rest of the text.
    tokens = content_words(normalize(_without_ids(raw_text, entities)))
    german = english(raw_text)  # "Zertifikat abgelaufen" meets the sign "certificate expired"
    if german:
        tokens += content_words(normalize(german))
    fixes = correct_words(tokens, index.vocabulary, index.vocabulary_list)
    tables = tables_for(kb, index)
    weights = _stem_weights(tokens, fixes, tables.where_words)
    if fixes:
        normalized = normalize(" ".join(fixes.get(w, w) for w in normalized.split()))
        entities = replace(entities, corrections=tuple(sorted(fixes.items())))
    if german:
        # A line break keeps phrases from forming across the two parts.
        normalized = normalized + "\n" + normalize(german)
    stems = set(weights)
    n_words = len(original.split())
    # Intent cues look at the words as written and as corrected ("difference" must not
    # lose its meaning because the fuzzy step mapped it to a knowledge-base word).
    cue_text = original if original == normalized else original + normalized

    # 1. Direct evidence for messages; numbers are read the way the wording points.
    readings = read_numbers(entities, normalized, stems, raw_text, kb)
    by_number = {r.number: r for r in readings}
    demoted = demoted_ids(entities, readings)
    ambiguity = ambiguities(entities, readings, kb, raw_text, normalized)
    http_leaning = sorted(r.number for r in readings if r.lean == "http")
    msg: dict[str, float] = defaultdict(float)
    for mention in entities.numbers:
        if mention.message_id and mention.message_id in kb.messages:
            weight = {
                "explicit": W_EXPLICIT,
                "icm": W_EXPLICIT,
                "icm_http_error": W_EXPLICIT,
                "http": W_HTTP_READING,
            }.get(mention.context, W_BARE)
            reading = by_number.get(mention.number)
            if reading is not None and mention.context not in ("explicit", "icm"):
                if reading.lean == "icm_page":
                    continue  # the ICM's own page: neither the status nor this message
                if reading.lean == "http":
                    weight = W_HTTP_READING
            msg[mention.message_id] = max(msg[mention.message_id], weight)
    for constant in entities.icm_constants:
        msg[index.constants[constant]] = max(msg[index.constants[constant]], W_EXPLICIT)
    for mid in entities.message_ids:
        if mid in kb.messages and mid not in msg and mid not in demoted:
            msg[mid] = W_BARE
    for reading in readings:
        related = reading.message
        if reading.lean in ("http", "icm_page") and related and related in kb.messages:
            msg[related] = max(msg[related], W_RELATED)
    for code in entities.codes:
        for rank, mid in enumerate(index.messages_by_code.get(code, [])):
            if mid in kb.messages:
                msg[mid] += W_CODE_LINK / (1 + 0.3 * rank)

    if index.imported_messages:
        # Messages imported from the user's T100 are matched by their text (placeholders
        # filled in, typos) through the scalable text index.
        from assistant.kb.textindex import TextIndex

        for mid, score in TextIndex.for_kb(kb).search(raw_text, limit=5):
            if score >= TEXT_MATCH_MIN and mid in kb.messages:
                msg[mid] += W_TEXT_MATCH * score / 100.0

    topic_in_text = bool(
        entities.message_ids or entities.icm_constants or entities.codes or entities.causes
        or entities.unknown_codes
    )

    # 2. Evidence for causes: signs, titles, codes, literal ids, keywords, HTTP readings.
    keyword = _keyword_scores(weights, index)
    numbers = {w for w in normalized.split() if w.isdigit()}
    linked = {c for code in entities.codes for c in index.causes_by_code.get(code, ())}
    read_statuses = {r.number for r in readings if r.lean in ("http", "icm_page")}
    strong, soft = sign_scores(
        normalized, raw_text, stems | numbers, index, tables, _named_code_texts(entities, kb), linked,
        read_statuses,
    )
    titles = title_scores(stems, index, tables)
    cause_ev: dict[str, float] = defaultdict(float, strong)
    for code in entities.codes:
        for rank, cause_id in enumerate(index.causes_by_code.get(code, [])):
            cause_ev[cause_id] += W_CAUSE_CODE / (1 + 0.3 * rank)
    for cause_id in entities.causes:
        cause_ev[cause_id] += W_CAUSE_LITERAL
    for reading in readings:
        _reading_causes(reading, cause_ev)
    # With a message named, loose evidence (words, one-word signs, a proxy mentioned in
    # passing) may reorder its causes but hardly add others.
    named_causes = {
        cause_id
        for mid, weight in msg.items()
        if weight >= W_BARE
        for cause_id in index.causes_of_message.get(mid, ())
    }
    if not named_causes and not topic_in_text and state.messages:
        # A follow-up ("and through a proxy?") refines the current topic the same way.
        named_causes = set(index.causes_of_message.get(state.messages[0], ()))

    def damp(cause_id: str) -> float:
        return 1.0 if not named_causes or cause_id in named_causes else OFF_TOPIC_KEYWORDS

    for cause_id, score in soft.items():
        cause_ev[cause_id] += score * damp(cause_id)
    for key, score in titles.items():
        if key.startswith("c:"):
            cause_ev[key[2:]] += score * damp(key[2:])
        elif key[2:] in kb.messages:
            msg[key[2:]] += W_TITLE_MESSAGE * score
    for key, score in keyword.items():
        if key.startswith("c:"):
            cause_ev[key[2:]] += W_KEYWORD_CAUSE * score * damp(key[2:])
    if entities.proxy:
        # "through a proxy", a proxy host: the proxy causes are in play.
        for cause_id in _proxy_causes(kb, index):
            cause_ev[cause_id] += W_PROXY_MENTION * damp(cause_id)
    cause_ev = defaultdict(float, {c: s for c, s in cause_ev.items() if c in kb.causes})

    # 3. Follow-up: no topic of its own, short or pointing back -> the current topic.
    intent_probe = _intent(cue_text, n_words, entities, state, topic_in_text, len(msg))
    asks_glossary = bool(entities.transactions or entities.parameters or entities.glossary)
    follow_up = (
        not topic_in_text
        and state.has_topic
        and intent_probe not in ("greeting", "thanks", "help", "list")
        and not (asks_glossary and intent_probe == "explain" and cues.EXPLAIN.search(cue_text))
        and (
            n_words <= FOLLOW_UP_WORDS
            or bool(cues.ANAPHORA.search(cue_text))
            or bool(cues.CONTINUATION.search(cue_text))
        )
    )
    if follow_up:
        for rank, mid in enumerate(state.messages):
            if mid in kb.messages:
                msg[mid] += W_STATE / (1 + rank)
        # A short follow-up ("and through a proxy?") is all about refining: its own
        # words weigh more against the topic's usual cause order.
        cause_ev = defaultdict(float, {c: FOLLOW_UP_FOCUS * ev for c, ev in cause_ev.items()})
        if state.confirmed_cause in kb.causes:
            # A live check established the cause: it leads, whatever the usual order.
            cause_ev[state.confirmed_cause] += W_CONFIRMED

    # 4. Keyword and cause evidence lift messages (weakly next to named ids).
    for key, score in keyword.items():
        if key.startswith("m:"):
            msg[key[2:]] += W_KEYWORD_MESSAGE * score
    for cause_id, ev in cause_ev.items():
        for mid, rank in index.messages_of_cause.get(cause_id, []):
            msg[mid] += W_PROPAGATE * (ev / (ev + 1.0)) / (1 + 0.5 * rank)

    ranked_msgs = sorted(
        ((mid, s) for mid, s in msg.items() if mid in kb.messages), key=lambda x: (-x[1], x[0])
    )
    top_raw = ranked_msgs[0][1] if ranked_msgs else 0.0
    ranked_msgs = [(m, s) for m, s in ranked_msgs if s >= max(0.3, 0.3 * top_raw)][:MAX_MESSAGES]

    # 5. The top messages' own cause ranking as a prior.
    # Several messages listing a cause first are one piece of knowledge, not several: the
    # best prior counts, they do not add up (else the usual suspects drown the wording).
    prior: dict[str, float] = defaultdict(float)
    for mid, score in ranked_msgs[:3]:
        share = score / top_raw if top_raw else 0.0
        if share < 0.5:
            continue
        for rank, cause_id in enumerate(index.causes_of_message.get(mid, ())):
            if cause_id in kb.causes:
                prior[cause_id] = max(prior[cause_id], W_PRIOR * share / (1 + rank))
    cause_total = defaultdict(float, cause_ev)
    for cause_id, value in prior.items():
        cause_total[cause_id] += value
    ranked_causes = sorted(cause_total.items(), key=lambda x: (-x[1], x[0]))
    top_cause = ranked_causes[0][1] if ranked_causes else 0.0
    ranked_causes = [(c, s) for c, s in ranked_causes if s >= max(0.25, 0.15 * top_cause)][:MAX_CAUSES]

    strength = max([top_raw, *cause_ev.values(), 0.0])
    unknown = _unknown(entities, kb, index, demoted)
    glossary_ids = [*entities.transactions, *entities.parameters, *entities.glossary]
    readable_numbers = any(
        n.message_id or n.number in HTTP_REASONS for n in entities.numbers
    )
    understood = topic_in_text or follow_up or readable_numbers or strength >= UNDERSTOOD
    intent = _intent(cue_text, n_words, entities, state, topic_in_text, len(ranked_msgs))
    if intent == "compare" and len([m for m in entities.message_ids if m in kb.messages]) < 2 and not (
        follow_up or state.messages
    ):
        intent = "explain"
    if intent == "explain" and not understood and not glossary_ids and not entities.hosts:
        intent = "not_understood"
    if intent == "explain" and not (understood or glossary_ids or ranked_msgs or unknown):
        intent = "not_understood"
    if intent in ("causes", "fix") and not understood and not glossary_ids:
        intent = "not_understood"

    suggestions: list[str] = []
    if intent == "not_understood":
        suggestions = _suggestions(raw_text, keyword, kb, index)

    codes = list(entities.codes)
    if follow_up and not codes:
        codes = list(state.codes)

    top_message_ids = tuple(m for m, _ in ranked_msgs[:3])
    new_state = DialogueState(
        messages=top_message_ids if (topic_in_text or follow_up or top_message_ids) and intent not in (
            "not_understood", "greeting", "thanks", "help", "list"
        ) else state.messages,
        causes=tuple(c for c, _ in ranked_causes[:5]) if ranked_causes else state.causes,
        codes=tuple(codes) if codes else state.codes,
        host=entities.hosts[0] if entities.hosts else state.host,
        url=entities.urls[0] if entities.urls else (None if entities.hosts else state.url),
        port=entities.ports[0] if entities.ports else (None if entities.hosts else state.port),
        proxy=entities.proxy or state.proxy,
        proxy_url=entities.proxy_url or state.proxy_url,
        last_intent=intent if intent in ("explain", "causes", "fix", "check", "compare") else state.last_intent,
        turns=state.turns + 1,
        confirmed_cause=state.confirmed_cause if follow_up else None,
    )
    if intent == "not_understood":
        new_state = replace(new_state, causes=state.causes)

    return Routed(
        intent=intent,
        messages=[ScoredMessage(m, _squash(s)) for m, s in ranked_msgs],
        causes=[ScoredCause(c, _squash(s)) for c, s in ranked_causes],
        ambiguity=ambiguity,
        entities=entities,
        state=new_state,
        unknown_ids=unknown,
        suggestions=suggestions,
        codes=codes,
        glossary=glossary_ids,
        follow_up=follow_up,
        http_statuses=http_leaning,
        readings=readings,
        resolved=resolved,
        demoted_ids=frozenset(demoted),
    )


def _reading_causes(reading: NumberReading, cause_ev: dict[str, float]) -> None:
    """A real HTTP status (or an ICM-made page) names its cause; see httpstatus.status_mapping."""
    if reading.lean not in ("http", "icm_page") or not reading.cause:
        return
    cause_ev[reading.cause] += W_HTTP_CAUSE
    if reading.lean == "http" and reading.via == "target" and reading.cause != HTTP_STATUS_CAUSE:
        cause_ev[HTTP_STATUS_CAUSE] += W_HTTP_CAUSE / 2  # the target did answer, after all


_ASIDE = re.compile(r"\([^)]*\)")
# Starts only where a word starts: without the look-behind, a long run of letters
# without "_" (a 200 KB paste of one "word") is re-scanned from each of its letters.
_IDENTIFIER = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]*_[A-Za-z0-9_]*")


def _without_ids(text: str, entities: Entities) -> str:
    """The text minus identifier-like tokens (ICM_…, SSSLERR_…, cause ids)."""
    return _IDENTIFIER.sub(" ", text) if "_" in text else text


def _default_suggestions(kb: KnowledgeBase) -> list[str]:
    keys = [f"m:{mid}" for mid in POPULAR if mid in kb.messages]
    if len(keys) < 3:
        keys += [f"m:{mid}" for mid in sorted(kb.messages) if f"m:{mid}" not in keys]
    if not keys:
        keys = [f"c:{cid}" for cid in sorted(kb.causes)]
    return keys[:5]


def _suggestions(
    text: str, keyword: dict[str, float], kb: KnowledgeBase, index: RouterIndex
) -> list[str]:
    """The closest topics: keyword hits first, then fuzzy title matches, then popular ones."""
    keys: list[str] = [
        key for key, _ in sorted(keyword.items(), key=lambda kv: -kv[1]) if key[0] in "mcg"
    ][:3]
    query = " ".join(text.split())[:200]
    if query:
        for label, _ in best_matches(query, index.topic_labels, limit=5, cutoff=55):
            key = index.topic_labels[label]
            if key not in keys:
                keys.append(key)
    for key in _default_suggestions(kb):
        if len(keys) >= 5:
            break
        if key not in keys:
            keys.append(key)
    return keys[:5]


__all__ = ["DEFAULT_CLASS", "route"]
