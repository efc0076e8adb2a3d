"""route(): text + dialogue state -> intent, ranked messages and causes. A pure function.

The ranking adds up evidence: ids named in the text, ICM constants, low-level codes and
their links, the signs of each cause found in the text, keyword overlap (with typos
corrected by rapidfuzz), and the current topic for follow-ups. Every weight is generic;
nothing here knows a particular message or test sentence.
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
    NumberMention,
    bounded,
    clean,
    extract_entities,
)
from assistant.intent.fuzzy import best_matches, content_words, correct_words, normalize, stem
from assistant.intent.httpstatus import HTTP_REASONS
from assistant.intent.kbindex import RouterIndex, index_for
from assistant.intent.result import Ambiguity, Routed, ScoredCause, ScoredMessage, UnknownId
from assistant.intent.state import DialogueState
from assistant.kb.model import KnowledgeBase

# Evidence weights (raw units; scores shown to users are squashed to 0..1).
W_EXPLICIT = 3.0  # message id, RC=, get_last_error, ICM constant
W_BARE = 2.4  # "407", "HTTP 407": probably the message, maybe an HTTP status
W_HTTP_READING = 0.8  # the wording says HTTP status; the message reading stays as an option
W_CODE_LINK = 1.0  # a low-level code that the message lists
W_STATE = 2.5  # the current topic, for follow-ups
W_SIGN = 2.0  # a cause's sign found verbatim
W_SIGN_ALL_WORDS = 1.6  # every word of a sign found, in another order or form
W_SIGN_LOOSE = 1.0  # most words of a sign found
W_CAUSE_CODE = 1.5  # a code the cause lists
W_CAUSE_LITERAL = 3.0  # the cause id written out
W_KEYWORD_CAUSE = 1.5
W_KEYWORD_MESSAGE = 1.2
OFF_TOPIC_KEYWORDS = 0.35  # keyword weight of causes the named message does not list
W_PROPAGATE = 0.6  # cause evidence lifting the messages that list the cause
W_PRIOR = 1.2  # a message's own cause ranking
W_HTTP_CAUSE = 2.0
W_PROXY_MENTION = 0.8
W_TEXT_MATCH = 2.0  # an imported message's text found in the paste (score 100 = all of it)
TEXT_MATCH_MIN = 60.0  # the wording points to a real HTTP status from the server
COMMON_IDF = 0.3  # weight of a word too common to be indexed ("http", "error")
MIN_LOOSE_IDF = 2.0
KEYWORD_HALF = 6.0  # keyword evidence at which the squash reaches one half
UNDERSTOOD = 0.5  # below this much evidence the text is not understood
MAX_MESSAGES = 8
MAX_CAUSES = 10
FOLLOW_UP_WORDS = 12
FOLLOW_UP_FOCUS = 2.5
HTTP_STATUS_CAUSE = "http_status_from_server"
POPULAR = ("SCLNT_HTTP407", "SCLNT_HTTP421", "SCLNT_HTTP411", "SCLNT_HTTP402", "SCLNT_HTTP415")

_ICM_WORDING = (
    " icm ",
    " sclnt ",
    " sm59 ",
    " dev icm ",
    " get last error ",
    " occured ",
    " occurred ",
    " abapgit ",
    " sssl",
    " nie",
    " http communication failure ",
    " rc ",
)
_HTTP_WORDING = (
    " status code ",
    " status ",
    " response code ",
    " get status ",
    " returned ",
    " responded ",
    " from the server ",
    " server returned ",
    " http 1 1 ",
    " http 1 0 ",
    " http 2 ",
)


def _squash(raw: float) -> float:
    """Map raw evidence to 0..1 for display; monotone, so rankings are unchanged."""
    return round(1.0 - math.exp(-raw / 2.0), 3)


def _keyword_scores(stems: set[str], index: RouterIndex) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    for s in stems:
        posting = index.postings.get(s)
        if not posting:
            continue
        idf = index.idf[s]
        for key, weight in posting.items():
            scores[key] += idf * weight
    return {key: raw / (raw + KEYWORD_HALF) for key, raw in scores.items()}


def _sign_scores(normalized: str, stems: set[str], index: RouterIndex) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    idf = index.idf
    for sign in index.signs:
        if sign.text in normalized:
            scores[sign.cause] += W_SIGN * sign.weight
        elif len(sign.stems) >= 2 and sign.stems & stems:
            # Any order / other word forms: weigh the words found by how telling they are,
            # so "http … failure" does not count like "peer certificate untrusted".
            total = sum(idf.get(s, COMMON_IDF) for s in sign.stems)
            if total < MIN_LOOSE_IDF:
                continue  # made of common words only: too vague to count out of order
            found = sum(idf.get(s, COMMON_IDF) for s in sign.stems & stems) / total
            if found >= 0.999:
                scores[sign.cause] += W_SIGN_ALL_WORDS * sign.weight
            elif found >= 0.75:
                scores[sign.cause] += W_SIGN_LOOSE * sign.weight * found
    # Many signs of one cause should not drown a different, precisely named cause.
    return {cause: min(score, 2.5 * W_SIGN) for cause, score in scores.items()}


def _lean(entities: Entities, normalized: str, mention: NumberMention) -> str:
    """Which reading of an ambiguous number the wording points to: icm, http or unclear."""
    icm = mention.context == "icm_http_error" or bool(
        entities.icm_constants or entities.codes or entities.unknown_codes
    )
    icm = icm or any(cue in normalized for cue in _ICM_WORDING)
    http = mention.context == "http" or mention.number in entities.http_phrases
    if not http and mention.context != "icm_http_error":
        http = any(cue in normalized for cue in _HTTP_WORDING)
    if http and not icm:
        return "http"
    if icm and not http:
        return "icm"
    if icm and http:
        return "icm" if mention.context == "icm_http_error" else "http" if mention.context == "http" else "unclear"
    return "unclear"


def _ambiguities(
    entities: Entities, normalized: str, kb: KnowledgeBase
) -> tuple[list[Ambiguity], set[int]]:
    out: list[Ambiguity] = []
    http_leaning: set[int] = set()
    seen: set[int] = set()
    for mention in entities.numbers:
        if mention.context in ("explicit", "icm") or mention.number in seen:
            continue
        seen.add(mention.number)
        reason = HTTP_REASONS.get(mention.number)
        if reason and not mention.message_id:
            http_leaning.add(mention.number)  # only one reading: an HTTP status
        if not reason or not mention.message_id:
            continue
        message = kb.messages.get(mention.message_id)
        lean = _lean(entities, normalized, mention)
        if lean == "http":
            http_leaning.add(mention.number)
        meaning = message.display_text if message else "not in the knowledge base"
        if lean == "http":
            http_note = "the wording points to this reading (a real HTTP status from the server or proxy)"
            icm_note = "less likely here; it applies when the number came from the ICM (SM59, get_last_error)"
        elif lean == "icm":
            http_note = "less likely here: the wording reads like an ICM/HTTP-client error, not a server's status"
            icm_note = "the wording points to this reading (ICM error code from the SAP HTTP client)"
        else:
            http_note = "possible if a server or proxy answered with this status"
            icm_note = (
                "nothing in the wording decides; in SAP HTTP-client errors (SM59 test, "
                "get_last_error, abapGit's 'HTTP error … occured') it is usually this one"
            )
        out.append(Ambiguity("http_status", mention.number, reason, http_note))
        out.append(Ambiguity("sclnt_http", mention.number, meaning, icm_note))
    return out, http_leaning


def _neighbours(index: RouterIndex, message_id: str) -> tuple[str, ...]:
    cls, number = message_id[:-3], int(message_id[-3:])
    known = index.known_numbers.get(cls, [])
    below = [n for n in known if n < number][-2:]
    above = [n for n in known if n > number][:2]
    return tuple(f"{cls}{n:03d}" for n in [*below, *above])


def _unknown(entities: Entities, kb: KnowledgeBase, index: RouterIndex) -> list[UnknownId]:
    out = [
        UnknownId(mid, "message", _neighbours(index, mid))
        for mid in entities.message_ids
        if mid not in kb.messages
    ]
    for name in entities.unknown_codes:
        near = best_matches(name, index.code_names + index.constant_names, limit=3, cutoff=60)
        out.append(UnknownId(name, "code", tuple(_code_or_constant(index, n) for n, _ in near)))
    return out


def _code_or_constant(index: RouterIndex, name: str) -> str:
    return index.codes.get(name) or index.constants.get(name) or name


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
    normalized = original = normalize(raw_text)
    # Words of the ids themselves ("ICM_HTTP_SSL_ERROR" -> ssl, error) would count twice;
    # keywords come from the rest of the text.
    tokens = content_words(normalize(_without_ids(raw_text, entities)))
    fixes = correct_words(tokens, index.vocabulary, index.vocabulary_list)
    if fixes:
        tokens = [fixes.get(t, t) for t in tokens]
        normalized = normalize(" ".join(fixes.get(w, w) for w in normalized.split()))
        entities = replace(entities, corrections=tuple(sorted(fixes.items())))
    stems = {stem(t) for t in tokens}
    n_words = len(original.split())
    # Intent cues look at the words as written and as corrected ("difference" must not
    # lose its meaning because the fuzzy step mapped it to a knowledge-base word).
    cue_text = original if original == normalized else original + normalized

    # 1. Direct evidence for messages.
    ambiguity, http_leaning = _ambiguities(entities, normalized, kb)
    msg: dict[str, float] = defaultdict(float)
    for mention in entities.numbers:
        if mention.message_id and mention.message_id in kb.messages:
            weight = {
                "explicit": W_EXPLICIT,
                "icm": W_EXPLICIT,
                "icm_http_error": W_EXPLICIT,
                "http": W_HTTP_READING,
            }.get(mention.context, W_BARE)
            if mention.number in http_leaning:
                weight = W_HTTP_READING
            msg[mention.message_id] = max(msg[mention.message_id], weight)
    for constant in entities.icm_constants:
        msg[index.constants[constant]] = max(msg[index.constants[constant]], W_EXPLICIT)
    for mid in entities.message_ids:
        if mid in kb.messages and mid not in msg:
            msg[mid] = W_BARE
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

    # 2. Evidence for causes: signs, codes, literal ids, keywords.
    keyword = _keyword_scores(stems, index)
    cause_ev: dict[str, float] = defaultdict(float)
    numbers = {w for w in normalized.split() if w.isdigit()}
    for cause_id, score in _sign_scores(normalized, stems | numbers, index).items():
        cause_ev[cause_id] += score
    for code in entities.codes:
        for rank, cause_id in enumerate(index.causes_by_code.get(code, [])):
            cause_ev[cause_id] += W_CAUSE_CODE / (1 + 0.3 * rank)
    for cause_id in entities.causes:
        cause_ev[cause_id] += W_CAUSE_LITERAL
    # With a message named, words alone may reorder its causes but hardly add others.
    named_causes = {
        cause_id
        for mid, weight in msg.items()
        if weight >= W_BARE
        for cause_id in index.causes_of_message.get(mid, ())
    }
    for key, score in keyword.items():
        if key.startswith("c:"):
            damp = 1.0 if not named_causes or key[2:] in named_causes else OFF_TOPIC_KEYWORDS
            cause_ev[key[2:]] += W_KEYWORD_CAUSE * score * damp
    if entities.proxy:
        # "through a proxy", a proxy host: the proxy causes are in play.
        for cause_id in index.proxy_causes:
            cause_ev[cause_id] += W_PROXY_MENTION
    if http_leaning and HTTP_STATUS_CAUSE in kb.causes:
        cause_ev[HTTP_STATUS_CAUSE] += W_HTTP_CAUSE
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
    cause_total = defaultdict(float, cause_ev)
    for mid, score in ranked_msgs[:3]:
        share = score / top_raw if top_raw else 0.0
        if share < 0.5:
            continue
        for rank, cause_id in enumerate(index.causes_of_message.get(mid, ())):
            if cause_id in kb.causes:
                cause_total[cause_id] += W_PRIOR * share / (1 + rank)
    ranked_causes = sorted(cause_total.items(), key=lambda x: (-x[1], x[0]))
    top_cause = ranked_causes[0][1] if ranked_causes else 0.0
    ranked_causes = [(c, s) for c, s in ranked_causes if s >= max(0.25, 0.15 * top_cause)][:MAX_CAUSES]

    strength = max([top_raw, *cause_ev.values(), 0.0])
    unknown = _unknown(entities, kb, index)
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
        http_statuses=sorted(http_leaning),
    )


_IDENTIFIER = re.compile(r"[A-Za-z0-9]*_[A-Za-z0-9_]*")


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
