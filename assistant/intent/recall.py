"""Going back to an earlier topic of the conversation.

A conversation moves between problems: "SM59 fails with SCLNT_HTTP421 …", then "ICM_HTTP_
CONNECTION_REFUSED for the SII destination", then "back to the first error, which PSE do I
import into?". The dialogue state keeps a few earlier topics (`DialogueState.earlier`, at most
`EARLIER_TOPICS`, so a turn costs the same however long the conversation), and a turn that
points back continues the topic it points to:

- by its place: "the first error", "the previous problem", "the other one", "zurück zum ersten
  Fehler" (the first is the one that began first; the previous, the one before this);
- by what it was: "the certificate one", "back to the refused connection" — words of an earlier
  topic's message title, short text, codes or lead cause;
- by its id or code: "back to the 421", "what about ICM_HTTP_CONNECTION_REFUSED again?" — a
  short turn naming an earlier topic's message, code or ICM constant, or the HTTP status it
  reported ("back to the 401": a far server's status has no message to be named by).

When the pointer fits several topics (or a "back to …" fits none), nothing is switched: the
turn asks which one, naming the candidates. Nothing here reads what the turn asks beyond that:
the router reads it on the recalled topic as on any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.intent.fuzzy import normalize, stem
from assistant.intent.parsing import ParsedText
from assistant.intent.state import DialogueState
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.lazyre import LazyPattern

EARLIER_TOPICS = 4  # earlier topics kept: enough to go back, and a turn's cost stays bounded
SHORT_TURN = 12  # words: a turn that names an earlier id without saying "back" is a follow-up's length

# "back to …", "let's go back to …", "zurück zum …": at the start of the turn or of a clause
# ("the call falls back to TLS 1.0" reports a fallback, not a way back).
_BACK = LazyPattern(
    r"(?:^|[,.;:!?(]\s*)(?:(?:and|so|ok(?:ay)?|now|then|und|also)[,\s]+)?(?:let'?s\s+|can\s+we\s+)?"
    r"(?:(?:go|get|come|going|coming)\s+)?back\s+to\b|(?:^|[,.;:!?(]\s*)(?:(?:und|also|jetzt|nochmal)[,\s]+)?"
    r"(?:noch\s*mal\s+)?zur(?:ü|ue)ck\s+zu(?:m|r)?\b",
    re.IGNORECASE,
)
_FIRST, _PREVIOUS, _OTHER = "first", "previous", "other"
_PLACES = {
    "first": _FIRST, "original": _FIRST, "initial": _FIRST, "erste": _FIRST, "ersten": _FIRST, "erstes": _FIRST,
    "earlier": _PREVIOUS, "previous": _PREVIOUS, "last": _PREVIOUS, "former": _PREVIOUS, "prior": _PREVIOUS,
    "vorige": _PREVIOUS, "vorigen": _PREVIOUS, "vorherige": _PREVIOUS, "vorherigen": _PREVIOUS,
    "fruehere": _PREVIOUS, "frueheren": _PREVIOUS, "letzte": _PREVIOUS, "letzten": _PREVIOUS,
    "other": _OTHER, "andere": _OTHER, "anderen": _OTHER, "anderes": _OTHER,
}
_TOPIC_NOUNS = r"(?:error|problem|issue|one|topic|message|question|failure|fehler|problem|thema|frage|meldung)"
# "the first error", "the previous one", "zum ersten Fehler", and a bare "the first (one)" as a whole turn.
_PLACE = LazyPattern(
    r"\b(?:the|der|die|das|dem|den|zum|zur|my|our|unser\w*)\s+(" + "|".join(_PLACES) + r")\s+" + _TOPIC_NOUNS + r"\b"
    r"|^\W*(?:the\s+)?(" + "|".join(_PLACES) + r")(?:\s+one)?\W*$",
    re.IGNORECASE,
)
# "the certificate one", "the proxy problem" after "back to": what the earlier topic was about.
_THE_X_ONE = LazyPattern(r"\bthe\s+((?:[\w/.-]+\s+){0,2}?[\w/.-]+)\s+one\b", re.IGNORECASE)
_BACK_TO_WHAT = LazyPattern(r"\bback\s+to\s+([^,.;:!?\n]{1,60})|zur(?:ü|ue)ck\s+zu\w*\s+([^,.;:!?\n]{1,60})",
                            re.IGNORECASE)
# Words of a pointer that say it points, not what it points to.
_POINTER_WORDS = frozenset(
    """the a an to back go get come let lets s we can again please now then and so ok okay one that this it
    error errors problem problems issue issues topic message question failure call first earlier previous last
    other former original initial zum zur zu zurueck der die das dem den fehler thema frage meldung noch mal
    nochmal""".split()
)


@dataclass(frozen=True, slots=True)
class Recall:
    """How a turn reads the conversation's earlier topics. `state`: the state to read the turn
    with (an earlier topic made current when the turn points back to it); `candidates`: the
    topics a pointer fits when it fits several (or a "back to …" fits none): asked which;
    `text`: what is left to read once the pointer is taken out ("which PSE do I import
    into?"; "?" when nothing is: a bare continuation), None when the turn is read as it is.
    The pointer's own words are no evidence: "the first" is no "first certificate"."""

    state: DialogueState
    candidates: tuple[DialogueState, ...] = ()
    text: str | None = None


def recall(parsed: ParsedText, state: DialogueState, kb: KnowledgeBase) -> Recall:
    """The earlier topic the turn points back to, made current; or the candidates to ask about."""
    if not state.earlier:
        return Recall(state)
    raw = parsed.raw
    back = _BACK.search(raw)
    near = back is not None or parsed.n_words <= SHORT_TURN
    place = _PLACE.search(raw) if near or parsed.n_words <= 2 * SHORT_TURN else None
    if place is not None:
        chosen = _by_place(_PLACES[(place.group(1) or place.group(2)).lower()], state)
        return _pointed(chosen, state, raw, back.start() if back else place.start(), place.end())
    named = _named_ids(parsed, statuses=back is not None)
    if named and near:
        named_in = [t for t in state.earlier if named & _ids_of(t, kb)]
        if len(named_in) == 1 and not named & _ids_of(state, kb):
            if back is None:  # the id is what the turn says ("SCLNT_HTTP416 fixed by …"): read it whole
                return Recall(_made_current(named_in[0], state))
            return _pointed((named_in[0],), state, raw, *_clause(raw, back.start()))
    said = _THE_X_ONE.search(raw) or _BACK_TO_WHAT.search(raw)
    words = _pointer_words(said)
    if said is not None and words:
        fits = _best_fits(words, (state, *state.earlier), kb)
        if fits:
            return _pointed(fits, state, raw, back.start() if back else said.start(), said.end())
    if back is not None:
        return Recall(state, (state, *state.earlier))
    return Recall(state)


def _pointed(fits: tuple[DialogueState, ...], state: DialogueState, raw: str, start: int, end: int) -> Recall:
    """The one topic the pointer fits made current, read without the pointer (raw[start:end]
    and the rest of its clause); several fits: asked which."""
    if len(fits) > 1:
        return Recall(state, fits)
    if fits[0] is state:
        return Recall(state)
    start, end = _clause(raw, start) if end <= start else (start, max(end, _clause(raw, start)[1]))
    rest = (raw[:start] + " " + raw[end:]).strip(" \t,;:.-–—")
    return Recall(_made_current(fits[0], state), text=rest if re.search(r"\w", rest) else "?")


def _clause(raw: str, start: int) -> tuple[int, int]:
    """From `start` to the end of its clause (the next , ; : . ! ? or line break)."""
    stop = re.compile(r"[,;:.!?\n]").search(raw, start)
    return start, stop.start() if stop else len(raw)


def _by_place(place: str, state: DialogueState) -> tuple[DialogueState, ...]:
    """The topics a place points to: the one that began first, the one before this, or the
    other one (all the others when there are several: asked which)."""
    if place == _FIRST:
        return (min((state, *state.earlier), key=lambda t: t.began),)
    if place == _PREVIOUS or len(state.earlier) == 1:
        return state.earlier[:1]
    return state.earlier


def _made_current(topic: DialogueState, state: DialogueState) -> DialogueState:
    """`topic` current again, and the current topic among the earlier ones; what belongs to
    the conversation rather than a topic (the turn count) stays."""
    others = (state, *(t for t in state.earlier if t is not topic))
    earlier = tuple(without_history(t) for t in others)[:EARLIER_TOPICS]
    return replace(topic, earlier=earlier, turns=state.turns, pending=None, pending_text="")


def _best_fits(words: frozenset[str], topics: tuple[DialogueState, ...], kb: KnowledgeBase) -> tuple[DialogueState, ...]:
    """The topics that share the most of the pointer's words (none when no topic shares one)."""
    shared = [len(words & topic_words(t, kb)) for t in topics]
    best = max(shared)
    return tuple(t for t, n in zip(topics, shared, strict=True) if n == best) if best else ()


def topic_key(state: DialogueState) -> tuple[object, ...]:
    """What tells one topic from another: its message (or code), its kind and why."""
    return state.messages[:1], state.codes[:1], state.scope, state.scope_reason


def with_the_earlier_topics(before: DialogueState, after: DialogueState) -> DialogueState:
    """`after` (the next state) with the earlier topics: the topic `before` had is kept among
    them when the turn replaced it, the latest first, at most EARLIER_TOPICS."""
    if not after.has_topic or topic_key(before) == topic_key(after):
        return replace(after, earlier=before.earlier, began=before.began)
    if not before.has_topic:
        return replace(after, earlier=before.earlier, began=after.turns)
    new = topic_key(after)
    kept = (before, *(t for t in before.earlier if topic_key(t) not in (new, topic_key(before))))
    return replace(after, earlier=tuple(without_history(t) for t in kept[:EARLIER_TOPICS]), began=after.turns)


def without_history(state: DialogueState) -> DialogueState:
    """A topic as kept among the earlier ones: no earlier topics of its own, no question pending."""
    return replace(state, earlier=(), pending=None, pending_text="")


def _pointer_words(found: re.Match[str] | None) -> frozenset[str]:
    """What a pointer says the earlier topic was about ("the certificate one" → certificate)."""
    if found is None:
        return frozenset()
    said = next(g for g in found.groups() if g)
    return frozenset(stem(w) for w in normalize(said).split() if w not in _POINTER_WORDS)


def topic_words(topic: DialogueState, kb: KnowledgeBase) -> frozenset[str]:
    """The words a topic can be pointed to by: its message's id, number, title and short text,
    its codes, its lead cause's title."""
    texts = [*topic.messages[:1], *topic.codes, *map(str, topic.statuses)]
    for mid in topic.messages[:1]:
        message = kb.messages.get(mid)
        if message is not None:
            texts += [str(message.number), message.title, message.short_text or ""]
    for cause_id in topic.causes[:1]:
        cause = kb.causes.get(cause_id)
        if cause is not None:
            texts.append(cause.title)
    return frozenset(stem(w) for t in texts for w in normalize(t).split() if w not in _POINTER_WORDS)


def _named_ids(parsed: ParsedText, *, statuses: bool) -> frozenset[str]:
    """The ids, codes and numbers the turn names; with `statuses` (a turn that says "back
    to"), a number as a status too: "SM59 meldet 401" is a report of its own, not a way back."""
    e = parsed.entities
    numbered = {n.message_id for n in e.numbers if n.message_id}
    said = {_status_id(n.number) for n in e.numbers} | {_status_id(n) for n in e.http_phrases} if statuses else set()
    return frozenset({*e.message_ids, *numbered, *said, *e.codes, *e.icm_constants})


def _status_id(status: int) -> str:
    """How a topic's HTTP status is pointed to by its number ("back to the 401")."""
    return f"HTTP {status}"


def _ids_of(topic: DialogueState, kb: KnowledgeBase) -> frozenset[str]:
    """The ids and codes a topic's message is known by (its ICM constant among them), and
    the HTTP statuses it reported."""
    ids = {*topic.messages[:1], *topic.codes, *map(_status_id, topic.statuses)}
    for mid in topic.messages[:1]:
        message = kb.messages.get(mid)
        if message is not None:
            ids |= set(re.findall(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", message.short_text or ""))
    return frozenset(ids)


def topic_label(topic: DialogueState, kb: KnowledgeBase) -> str:
    """How a candidate is named when the turn asks which topic is meant."""
    for mid in topic.messages[:1]:
        if mid in kb.messages:
            return f"{mid} — {kb.messages[mid].title}"
    cause = next((kb.causes[c] for c in topic.causes[:1] if c in kb.causes), None)
    title = (cause.neutral_title or cause.title) if cause is not None else ""
    what = topic.scope_reason.split(":")[0].strip() if topic.scope_reason else ""
    statuses = " and ".join(_status_id(n) for n in topic.statuses[:2])
    return " — ".join(p for p in (statuses, what, title) if p) or ", ".join(topic.codes) or "an earlier problem"


def which_topic_question(candidates: tuple[DialogueState, ...], kb: KnowledgeBase) -> str | None:
    """The question a pointer that fits several topics asks (None when it fits one or none)."""
    if not candidates:
        return None
    labels = [topic_label(t, kb) for t in candidates]
    named = ", ".join(labels[:-1]) + f" or {labels[-1]}" if len(labels) > 1 else labels[0]
    return f"Which problem do you mean: {named}?"
