"""Stage 7 of the router: what the user wants, and what the answer may name.

Intents (explain, causes, fix, check, list, compare, help, greeting, thanks,
not_understood) come from wording cues (cues.py); ids the base does not know are
collected with their nearest known ones; a question about the domain itself ("which
profile parameters matter?", "which transactions do I need?") names the kind of
glossary entries it asks for.
"""

from __future__ import annotations

from typing import NamedTuple

from assistant.intent import cues
from assistant.intent.entitytypes import Entities
from assistant.intent.evidence import MessageEvidence
from assistant.intent.fuzzy import best_matches
from assistant.intent.httpstatus import HTTP_REASONS
from assistant.intent.kbindex import RouterIndex, says_it_fails
from assistant.intent.parsing import ParsedText
from assistant.intent.ranking import Ranking
from assistant.intent.result import Scope, UnknownId
from assistant.intent.scope import CLASS_VALUE, SAP, TOOL_ERROR_REASON
from assistant.intent.scopevocab import INDICATIVE
from assistant.intent.state import DialogueState
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.lazyre import LazyPattern

UNDERSTOOD = 0.5  # below this much evidence the text is not understood
QUESTION_WORDS = 16  # a question about the tool or the domain as a whole is no longer than this
POPULAR = ("SCLNT_HTTP407", "SCLNT_HTTP421", "SCLNT_HTTP411", "SCLNT_HTTP402", "SCLNT_HTTP415")

# "which profile parameters matter?", "what transactions do I need", "list the SAP notes"
_DOMAIN = LazyPattern(
    r" (which|what|list|all|show|important|relevant|main|key) ([a-z]+ ){0,4}"
    r"(?P<kind>parameters|profile parameters|params|transactions|tcodes|t codes|notes|sap notes|reports|programs) "
)
# The same question in German ("welche Transaktionen brauche ich?", "wichtige Parameter").
_DOMAIN_DE = LazyPattern(
    r" (welche|welcher|welches|wichtige|wichtigen|relevante|relevanten|alle) ([a-z]+ ){0,4}"
    r"(?P<kind>parameter|profilparameter|profil parameter|transaktionen|sap hinweise|hinweise|reports|programme) "
)
_DOMAIN_KINDS = {
    "parameters": "parameter", "profile parameters": "parameter", "params": "parameter",
    "transactions": "transaction", "tcodes": "transaction", "t codes": "transaction",
    "notes": "note", "sap notes": "note", "reports": "report", "programs": "report",
    "parameter": "parameter", "profilparameter": "parameter", "profil parameter": "parameter",
    "transaktionen": "transaction", "hinweise": "note", "sap hinweise": "note", "programme": "report",
}

# "how do I fix it?", "how to solve …": asks to mend a failure, so it is no how-to of its own.
_FIX_VERB = LazyPattern(r" (fix|fixes|fixing|solve|solving|resolve|repair|workaround|remedy|get rid of|get it working) ")


class IntentDecision(NamedTuple):
    """What the user wants and what the answer may name."""

    intent: str
    unknown: list[UnknownId]
    glossary: list[str]
    suggestions: list[str]
    domain: str | None  # a kind of glossary entries asked about as a whole
    about_terms: bool = False  # a how-to about the terms named, with no failure: their entries answer
    how_to: bool = False  # a how-to or where-to question naming no term and reporting no failure
    how_to_share: float = 1.0  # of a how-to's domain terms, the share its answer's entry names (howtoterms.py)
    place_word: str = ""  # what a where-question asks for, named in its entry's text (placequestion.py)


def domain_question(cue_text: str, entities: Entities, n_words: int) -> str | None:
    """The kind of glossary entries a question asks about as a whole, if it does. Such a
    question is short; in a longer report "all the programs" or "which transactions we
    ran" tells the story, it does not ask for the list."""
    if entities.message_ids or entities.codes or entities.icm_constants or entities.pasted:
        return None
    if n_words > QUESTION_WORDS:
        return None
    m = _DOMAIN.search(cue_text) or _DOMAIN_DE.search(cue_text)
    return _DOMAIN_KINDS[m.group("kind")] if m else None


def decide_intent(
    parsed: ParsedText,
    messages: MessageEvidence,
    ranking: Ranking,
    follow_up: bool,
    state: DialogueState,
    kb: KnowledgeBase,
    index: RouterIndex,
    keywords: dict[str, float],
) -> IntentDecision:
    """The intent the cues say, unless the text was not understood at all."""
    entities = parsed.entities
    domain = domain_question(parsed.cue_text, entities, parsed.n_words)
    unknown = _unknown(entities, kb, index, messages.demoted)
    glossary = [*entities.transactions, *entities.parameters, *entities.glossary]
    readable_numbers = any(n.message_id or n.number in HTTP_REASONS for n in entities.numbers)
    understood = (
        messages.topic_in_text or follow_up or readable_numbers or ranking.strength >= UNDERSTOOD
    )
    intent = intent_of(
        parsed.cue_text, parsed.n_words, entities, state, messages.topic_in_text, len(ranking.messages),
        describes_problem=ranking.strength >= UNDERSTOOD,
    )
    if domain and intent in ("explain", "not_understood", "list"):
        return IntentDecision("explain", unknown, glossary, [], domain)
    if intent == "list" and glossary and not cues.LIST_OF_MESSAGES.search(parsed.cue_text):
        # "which entries do I need in reginfo?" asks about the term it names, not for the
        # list of every message.
        intent = "explain"
    # "how do I fix it in STRUST?", "what do I need to do in STRUST?" after a topic ask to fix
    # that failure there: no term question ("what do" is not "what does STRUST mean").
    fixes_the_topic = follow_up and (_FIX_VERB.search(parsed.cue_text) is not None
                                     or cues.WHAT_TO_DO.search(parsed.cue_text) is not None)
    if glossary and intent in ("explain", "fix") and _asks_about_terms(parsed) and not fixes_the_topic:
        return IntentDecision(intent, unknown, glossary, [], None, about_terms=True)
    if intent == "compare" and not (follow_up or state.messages):
        if len([m for m in entities.message_ids if m in kb.messages]) < 2:
            intent = "explain"
    if intent == "explain" and not understood and not glossary and not entities.hosts:
        intent = "not_understood"
    if intent == "explain" and not (understood or glossary or ranking.messages or unknown):
        intent = "not_understood"
    if intent in ("causes", "fix") and not understood and not glossary:
        intent = "not_understood"
    met = _entries_met(keywords)
    if not glossary and not follow_up and asks_how_to(parsed) and intent in ("explain", "fix", "not_understood"):
        # Answered by the steps of the causes (or the glossary entries) its words meet — or,
        # naming none of the domain's terms ("how can I debug a BAdI?"), as outside (howtoterms.py).
        return IntentDecision("fix", unknown, glossary, met, None, how_to=True)
    suggestions = _suggestions(parsed.raw, keywords, kb, index) if intent == "not_understood" else []
    return IntentDecision(intent, unknown, glossary, suggestions, None)




def _short_question_without_a_failure(parsed: ParsedText) -> bool:
    """A short text that names no id, code or constant, pastes nothing and says nothing
    failed: the ground both a question about terms and a how-to stand on."""
    e = parsed.entities
    if e.message_ids or e.codes or e.icm_constants or e.pasted or parsed.n_words > QUESTION_WORDS:
        return False
    return not says_it_fails(parsed.stems, parsed.normalized)


def _asks_about_terms(parsed: ParsedText) -> bool:
    """A short what-is, how-to or where-to question that reports no failure ("what is SNI?",
    "how do I import a certificate in STRUST?"): the answer is the named terms' entries, not
    a message guessed from the causes the term shares words with."""
    if parsed.entities.numbers or not _short_question_without_a_failure(parsed):
        return False
    return bool(cues.HOW_TO.search(parsed.cue_text) or cues.EXPLAIN.search(parsed.cue_text))


def asks_how_to(parsed: ParsedText) -> bool:
    """A short how-to or where-to question that names no id, code or status and reports no
    failure ("how to enable TLS 1.2 for outbound calls", "where do I set the proxy?"): it
    asks for steps, so no error text is asked for and no message guessed from its words."""
    if not _short_question_without_a_failure(parsed):
        return False
    if any(n.message_id or n.number in HTTP_REASONS for n in parsed.entities.numbers):
        return False
    if _FIX_VERB.search(parsed.cue_text):
        return False  # "how do I fix it?", "how to solve …": a failure to fix, not steps to take
    return cues.HOW_TO.search(parsed.cue_text) is not None or cues.CALL_FROM_ABAP.search(parsed.cue_text) is not None


def _entries_met(keywords: dict[str, float]) -> list[str]:
    """The glossary entries a how-to's words meet, best first: its answer when no cause is
    met ("how can I test an HTTPS endpoint from SAP?" → the HTTP test reports)."""
    return [key for key, _ in sorted(keywords.items(), key=lambda kv: -kv[1]) if key.startswith("g:")][:3]


def _unknown(
    entities: Entities, kb: KnowledgeBase, index: RouterIndex, skip: frozenset[str]
) -> list[UnknownId]:
    unknown_messages = [m for m in entities.message_ids if m not in kb.messages and m not in skip]
    out: list[UnknownId] = []
    if unknown_messages:
        from assistant.intent.lookup import neighbour_ids  # rarely needed: not on every import

        out = [UnknownId(mid, "message", neighbour_ids(index, mid)) for mid in unknown_messages]
    for name in entities.unknown_codes:
        near = best_matches(name, index.code_names + index.constant_names, limit=8, cutoff=60)
        names = list(dict.fromkeys(_code_or_constant(index, n) for n, _ in near))
        out.append(UnknownId(name, "code", tuple(names[:3])))
    return out


def _code_or_constant(index: RouterIndex, name: str) -> str:
    return index.codes.get(name) or index.constants.get(name) or name


def intent_of(
    normalized: str,
    n_words: int,
    entities: Entities,
    state: DialogueState,
    topic_in_text: bool,
    n_messages: int,
    *,
    describes_problem: bool = False,
) -> str:
    """The intent the cues say. "I need help, the SSL handshake fails …" and "we checked
    all errors in dev_icm …" describe a problem: asking for help or a list only counts in
    a short text that describes none."""
    explicit_topic = topic_in_text or bool(entities.numbers)
    chatty = not explicit_topic and not entities.hosts
    about_the_tool = chatty and not describes_problem and n_words <= QUESTION_WORDS
    if chatty and n_words <= 6 and cues.GREETING.search(normalized):
        return "greeting"
    if chatty and n_words <= 10 and cues.THANKS.search(normalized):
        return "thanks"
    if about_the_tool and cues.HELP.search(normalized):
        return "help"
    if cues.COMPARE.search(normalized) and n_messages >= 2:
        return "compare"
    if not entities.message_ids and not entities.codes and n_words <= QUESTION_WORDS and cues.LIST.search(normalized):
        return "list"
    # In a report of a failure, "what to try else", "to test the connection in SM59" are
    # no request for a live check: there it takes "run a check", "is it reachable" or a
    # text that opens with the request ("check https://…").
    request = cues.CHECK_REQUEST_FIRST if describes_problem or explicit_topic else cues.CHECK_REQUEST
    wants_check = bool(
        request.search(normalized)
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


def default_suggestions(kb: KnowledgeBase) -> list[str]:
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
    for key in default_suggestions(kb):
        if len(keys) >= 5:
            break
        if key not in keys:
            keys.append(key)
    return keys[:5]


def understood_by_scope(decision: IntentDecision, scope: Scope) -> IntentDecision:
    """A text whose kind of failure a decisive or indicative cue names is understood, even
    when the base's causes hardly speak to it ("CPI receiver adapter: SSLHandshakeException"):
    the answer is what it is and where its fix lives, not "I did not understand that". So is
    a tool's own error the scope recognised (intent.toolerror), whatever the causes say — mid-topic
    the topic's causes damp its words."""
    indicative = CLASS_VALUE[INDICATIVE]
    if decision.intent != "not_understood":
        return decision
    if scope.reason != TOOL_ERROR_REASON and (scope.kind in (SAP, "unknown") or scope.strength < indicative):
        return decision
    return decision._replace(intent="explain", suggestions=[])
