"""Reading a turn in its conversation: a reply to the question the last answer asked, a
bare number said in a conversation about an SAP HTTP-client error, and whether the turn
continues the topic, names a new problem, or could be either.

The router (router.py) calls these before and after its evidence stages; they decide what
text is read and how, never what it means.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from assistant.intent import cues
from assistant.intent.evidence import CauseEvidence, MessageEvidence
from assistant.intent.fuzzy import normalize
from assistant.intent.hosts import without_url_paths
from assistant.intent.httpstatus import HTTP_REASONS
from assistant.intent.importdone import says_import_done
from assistant.intent.kbindex import RouterIndex, says_it_fails
from assistant.intent.outsidetalk import OUTSIDE_TALK_WORDS, talks_outside
from assistant.intent.parsing import ParsedText
from assistant.intent.plainwords import WORKS_ELSEWHERE
from assistant.intent.questionform import asks_a_question  # noqa: F401  (its readers import it from here)
from assistant.intent.result import Scope
from assistant.intent.scope import HTTP as HTTP_SCOPE
from assistant.intent.scope import SAP
from assistant.intent.scopecues import Hit
from assistant.intent.scopevocab import FAMILIES, OTHER, TRUST_WORDED, WEAK
from assistant.intent.state import DialogueState
from assistant.intent.toolerror import only_tool_errors
from assistant.intent.typednegations import retyped_negations
from assistant.lazyre import LazyPattern

FOLLOW_UP_WORDS = 12
NEW_PROBLEM = 1.5  # cause evidence off the current topic that makes a turn a new problem
_YES = LazyPattern(r"^\s*(y|yes|yep|yeah|ja|sure|correct|right|it does|we do)\b[\s.!]*", re.IGNORECASE)
_NO = LazyPattern(r"^\s*(n|no|nope|nein|not|it does not|we do not|direct(ly)?)\b[\s.!]*", re.IGNORECASE)
# A reply that is a question of its own, not an answer to the one asked.
_ASKS_BACK = LazyPattern(
    r"^\s*(?:which|what|how|why|where|when|who|can|could|should|do|does|is|are|welche|was|wie|warum)\b[^\n]*\?\s*$",
    re.IGNORECASE,
)
# Where a reply to "where does the number come from?" says the number was seen: an SAP
# error text or the place it was shown, or the server's (or a proxy's) answer.
_SAP_ORIGIN = LazyPattern(
    r"\b(?:sm59|get_last_error|last error|abapgit|occur+ed|icm|dev_icm|smicm|sclnt|se38|report|program"
    r"|error (?:text|message|code)|sap|abap|st22|sm21)\b",
    re.IGNORECASE,
)
_SERVER_ORIGIN = LazyPattern(
    r"\b(?:server|status|respon\w*|answer\w*|returned|proxy|browser|postman|curl)\b",
    re.IGNORECASE,
)
# The admin says the turn is another problem ("another thing: …", "a different issue", "noch
# etwas", "anderes Problem"): with a failure of its own it is a new topic, however short.
_ANOTHER_PROBLEM = LazyPattern(
    r"\b(?:another|a different|a separate|a second|one more|a new|other) (?:thing|problem|issue|error|topic)\b"
    r"|\b(?:noch (?:etwas|was|ein(?:e|en)?)|(?:ein )?(?:anderes|neues) (?:problem|thema)|andere sache)\b",
    re.IGNORECASE,
)
# The turn narrows where or when the topic's failure happens ("it only happens in the
# background job", "only on one application server", "nur im Hintergrund"): the same call,
# a clue to its cause — not a new problem.
# "worked until last week, now it fails": the failure is the topic's, said against what worked.
_ONLY_THEN_FAILED = LazyPattern(r"\b(?:until|till|bis|used\s+to)\b", re.IGNORECASE)
_NARROWS = LazyPattern(
    r"^\W*(?:but |and |yes,? )?(?:(?:it|this|that|the (?:error|problem|issue|failure|call)|es|das|der fehler)\s+"
    r"(?:\w+\s+){0,2}?)?(?:only|just|nur)\s+(?:(?:happens?|occurs?|fails?|comes?|appears?|passiert|kommt)\s+)?"
    r"(?:in|on|from|with|when|for|during|via|through|at|im|in|auf|bei|wenn|mit)\b",
    re.IGNORECASE,
)
# The ABAP system named as the caller by "SAP" alone, in a conditional about the topic's call
# ("and if SAP calls it?", "what if our SAP system makes the call?", "SAP as the client?"):
# the vocabulary's ABAP-caller words need a class, a report or a transaction.
_SAP_AS_CALLER = LazyPattern(
    r"\b(?:if|when|once)\s+(?:the\s+|our\s+|an?\s+)?(?:SAP|ABAP)(?:\s+(?:system|server|side))?\s+"
    r"(?:calls?|makes?\s+the\s+(?:call|request)|sends?|connects?|does\s+(?:it|the\s+call)|is\s+the\s+(?:caller|client))\b"
    r"|\b(?:SAP|ABAP)(?:\s+system)?\s+as\s+the\s+(?:caller|client)\b",
    re.IGNORECASE,
)
_WHAT_IF = LazyPattern(r"^ (?:and |so |but )?what if ", re.IGNORECASE)
_ABAP_CALLER = "abap_caller"  # the vocabulary's family of words naming the ABAP system as the caller
# A reply to "which program makes the call: the SAP system (SM59, abapGit, ABAP) or another
# client (Java, Node.js, .NET, browser, BTP, Cloud Connector)?" that names one of its choices
# ("Java", "our .NET service", "Chrome", "the SAP system") or another client the scope
# vocabulary has a family for (Python, curl, Postman): read as that choice. The family is the
# reply's own cue (`PendingReply.chosen`): a name the user gives in answer to the question
# decides the kind, whether or not the vocabulary lists it as a cue (".NET" and "browser" are
# none: those families' cues are their runtimes' error texts).
_CALLER_CHOICES = (
    (LazyPattern(r"\bjava\b", re.IGNORECASE), "java"),
    (LazyPattern(r"\bnode(?:\.?js)?\b", re.IGNORECASE), "node"),
    (LazyPattern(r"(?:^|[\s(])\.net\b|\bdotnet\b|\bc#|\bpowershell\b", re.IGNORECASE), "dotnet"),
    (LazyPattern(r"\b(?:browsers?|chrome|firefox|edge|safari)\b", re.IGNORECASE), "browser"),
    (LazyPattern(r"\bpython\b", re.IGNORECASE), "python"),
    (LazyPattern(r"\b(?:curl|wget|openssl)\b", re.IGNORECASE), "openssl_client"),
    (LazyPattern(r"\b(?:postman|soapui)\b", re.IGNORECASE), "tools"),
    (LazyPattern(r"\bbtp\b", re.IGNORECASE), "btp"),
    (LazyPattern(r"\bcloud connector\b", re.IGNORECASE), "cloud_connector"),
    (LazyPattern(r"\b(?:sap|abap|abapgit|sm59|s/?4\s?hana|s/?4|ecc)\b", re.IGNORECASE), _ABAP_CALLER),
)
# How each choice is said in the reply's text (the SAP system's in the vocabulary's words).
# Names that alone do not say who made the failing call: the ABAP system is no other program,
# and a browser is where people try the URL ("from my laptop the URL answers in the browser",
# "I tested the URL also directly with a browser": SAP-archive/How-Tos, the authored set).
_NOT_NAMED_ALONE = frozenset({_ABAP_CALLER, "browser"})
# The choices a text may name as the tool that works beside the failing call (WORKS_ELSEWHERE).
_TOOL_NAMES = frozenset({"browser", "openssl_client", "tools"})
_CHOICE_WORDS = {_ABAP_CALLER: "the SAP system (ABAP, SM59)", "openssl_client": "curl or another OpenSSL-based client",
                 "tools": "a tool outside the ABAP stack"}
_REPLY_MEANINGS = {  # what a bare yes / no means, per question asked
    "proxy": ("the call goes through a proxy", "no proxy, direct connection"),
    "same_topic": ("", ""),
}


# A yes/no question whether something is the cause ("is it the proxy?", "could it be the
# firewall?", "is the proxy the problem?", "liegt es am Proxy?", "ist es die Firewall?"): asked,
# not reported — the answer is about that subject, and the topic's own order of causes stays.
# The class is its form, not its verb: any modal (is, could, can, might, may, would) in either
# order ("could it be …", "might the proxy be the cause"), after a lead-in of belief ("do you
# think it's …", "maybe it is …") and with a hedge inside ("is it maybe …"). `s`: what is asked about.
_MODALS = r"is|are|was|could|can|might|may|would|will"
_LEAD_IN = r"(?:do\s+you\s+think|you\s+think|maybe|perhaps|possibly|glaubst\s+du)\s*,?\s*(?:that\s+|dass\s+)?"
_HEDGED = r"(?:(?:maybe|perhaps|possibly|really|also|then|actually)\s+)?"
_ASKS_WHETHER = LazyPattern(
    r"^\W*(?:and |so |but |also |und |oder )?(?:"
    rf"(?:(?:{_MODALS})\s+(?:it|this|that|the\s+(?:problem|issue|error|cause|failure))"
    rf"|{_LEAD_IN}(?:it|this|that)\s*(?:is|'s|was|(?:could|might|may|would|can)\s+be))\s+{_HEDGED}"
    r"(?:be\s+)?(?:caused\s+by\s+|because\s+of\s+|due\s+to\s+|related\s+to\s+|from\s+)?(?P<s>[^?\n]{0,60})"
    rf"|(?:{_LEAD_IN})?(?:{_MODALS})\s+(?P<t>(?:the|our|a|an)\s+[\w/. -]{{1,40}}?)\s+(?:be\s+)?{_HEDGED}"
    r"(?:the\s+(?:problem|cause|culprit|reason|issue)|to\s+blame|involved|responsible)[^?\n]{0,60}"
    r"|(?:liegt|läge|kommt|kann|könnte|koennte)\s+(?:es|das)\s+(?:vielleicht\s+)?(?:am|an\s+der|an\s+dem|an|vo[nm])\s+"
    r"(?P<u>[^?\n]{0,60})"
    r"|(?:ist|könnte|koennte|kann)\s+es\s+(?:(?:sein|vielleicht)\s+)?(?P<v>(?:der|die|das|ein|eine)\s+[^?\n]{0,60})"
    r")\?\s*$",
    re.IGNORECASE,
)
# Words around what is asked about that are no part of its name.
_ASKED_FILLERS = frozenset("""the a an our my their this that some maybe perhaps possibly really be it sein liegen
    der die das den dem ein eine einen am an""".split())


def asks_whether_it_is(raw: str) -> bool:
    """The turn only asks whether something is the cause ("is it the proxy?"): a question
    the answer takes up within the topic, no evidence that moves the topic's causes."""
    return bool(_ASKS_WHETHER.search(raw.strip()))


def asked_subject(raw: str) -> str:
    """What a yes/no question asks about, as written without its articles ("could it be the
    host name?" -> "host name"); "" when the turn is no such question."""
    m = _ASKS_WHETHER.search(raw.strip())
    if m is None:
        return ""
    said = next((g for g in m.group("s", "t", "u", "v") if g), "")
    words = said.split()
    while words and words[0].lower() in _ASKED_FILLERS:
        words.pop(0)
    while words and words[-1].lower() in _ASKED_FILLERS:
        words.pop()
    return " ".join(words)


def says_another_problem(raw: str) -> bool:
    """The admin says the turn is another problem ("another thing: …", "noch etwas"): more
    than a new failure of the same call ("the certificate expired yesterday"), most often
    another call — so the earlier endpoint is not this problem's check target."""
    return bool(_ANOTHER_PROBLEM.search(raw))


class Turn(NamedTuple):
    follow_up: bool  # continues the current topic
    new_topic: bool  # names a different problem than the current topic
    unsure: bool  # could be either: ask
    caller_corrected: bool = False  # the topic's call is the ABAP system's, not another client's
    outside: bool = False  # a question about something else entirely: the topic waits (outsidetalk)


# The words that name the ABAP system as the caller (vocabulary families of the SAP client).
_ABAP_CALLER_FAMILIES = frozenset({"abap_caller", "abap_client"})


def corrects_the_caller(parsed: ParsedText, hits: list[Hit], state: DialogueState, causes: CauseEvidence) -> bool:
    """After another client's topic, a turn that only names the ABAP system as the caller
    ("no — it is our ABAP report that calls it, with cl_http_client") corrects who makes the
    call: the same failure, now the SAP client's. A turn with a failure of its own ("SM59
    test connection fails") is a new problem instead (names_another_kind). A status is the
    far server's answer whoever called, so a status topic is corrected only when another
    client got it: the kind stays, the caller becomes the ABAP system (router)."""
    if state.scope in (None, "", SAP, "unknown") or not state.has_topic:
        return False
    if state.scope == HTTP_SCOPE and not state.another_client:
        return False
    named = any(h.scope == SAP and h.family in _ABAP_CALLER_FAMILIES for h in hits)
    if not (named or _SAP_AS_CALLER.search(parsed.raw)):
        return False
    if any(h.scope != SAP and h.strength != WEAK for h in hits):
        return False
    own = max(causes.scores.values(), default=0.0)
    return own < NEW_PROBLEM and not says_it_fails(parsed.stems, parsed.normalized)



class PendingReply(NamedTuple):
    """A turn read as the reply to the question the last answer asked."""

    text: str  # the text to read: the question's text and the reply
    told: str | None  # where a reply to "where does the number come from?" says it came from
    state: DialogueState  # the state with the question answered
    chosen: Hit | None = None  # the client a reply to "which program makes the call?" names


REPLY_BREAK = "\n\n"  # between the text a question was about and the reply to it: always a sentence's end


def with_pending_question(raw_text: str, state: DialogueState) -> PendingReply:
    """The last answer asked a question: this turn is read as its answer, together with
    the text the question was about ("yes" to "through a proxy?" adds the proxy). Also
    returns how a reply to "where does the number come from?" reads the number ("icm" or
    "http"; None when it does not say), and the client a reply to "which program makes the
    call?" chose, as a cue of its family."""
    if not state.pending or not state.pending_text:
        return PendingReply(raw_text, None, state)
    cleared = replace(state, pending=None, pending_text="")
    said = normalize(raw_text)
    if any(p.search(said) for p in (cues.GREETING, cues.THANKS, cues.HELP, cues.LIST, cues.CHECK_REQUEST)):
        return PendingReply(raw_text, None, cleared)  # not an answer to the question: a turn of its own
    read = retyped_negations(raw_text).text  # read before the parse stage: "it doesnt", "we dont" too
    if _ASKS_BACK.match(raw_text) and not (_YES.match(read) or _NO.match(read)):
        return PendingReply(raw_text, None, cleared)  # a question of its own ("which transactions do I need?")
    told = _origin_told(raw_text) if state.pending == "reading" else None
    if state.pending == "reading" and told is None and not _SAP_ORIGIN.search(raw_text):
        return PendingReply(raw_text, None, cleared)  # says nothing of where the number came from: a new turn
    meanings = _REPLY_MEANINGS.get(state.pending)
    reply = raw_text
    if meanings is not None:
        if _YES.match(read):
            reply = _YES.sub(meanings[0] + " ", read, count=1)
        elif _NO.match(read):
            reply = _NO.sub(meanings[1] + " ", read, count=1)
    if state.pending == "same_topic":
        return PendingReply(raw_text, None, cleared)
    chosen = caller_chosen(raw_text) if state.pending in ("client", "no_call") else None
    if chosen is not None:
        reply = f"the call is made by {_choice_words(chosen)}: {raw_text}"
    # A blank line between: the reply is a sentence of its own (intent.sentencebreaks reads a
    # single line break before a small letter as a soft wrap, and "curl … also fails" + "it
    # works in the browser" became one statement that curl works).
    return PendingReply(f"{state.pending_text}{REPLY_BREAK}{reply}", told, cleared, chosen)


def caller_chosen(reply: str) -> Hit | None:
    """The choice a reply to the question of who makes the call names, as a cue of its
    family ("Chrome" → the browser's); None when it names none, or both the SAP system and
    another client ("our Java app calls the SAP system")."""
    families = [family for pattern, family in _CALLER_CHOICES if pattern.search(reply)]
    if not families or len({FAMILIES[family].scope for family in families}) > 1:
        return None
    return Hit(families[0], FAMILIES[families[0]].scope, WEAK)


def names_a_client(text: str) -> bool:
    """The text names, as the question's choices do, a program other than the ABAP system
    ("curl", "our Java application", "Chrome") — not only a tool it says works ("in Postman
    it works"), nor a word of a URL's path ("…/btp-app-work-zone-subscribe.html"): asking which
    program makes the call would ask what it says already."""
    text = without_url_paths(text)
    named = [Hit(f, OTHER, WEAK) for pattern, f in _CALLER_CHOICES
             if f not in _NOT_NAMED_ALONE and pattern.search(text)]
    return bool(named) and not (WORKS_ELSEWHERE.search(text) and all(h.family in _TOOL_NAMES for h in named))


def with_the_chosen_caller(hits: list[Hit], chosen: Hit | None) -> list[Hit]:
    """The text's cues and the client the reply chose, as one cue of its family more (none
    when the reply's words are that family's cue already)."""
    if chosen is None or any(h.family == chosen.family for h in hits):
        return hits
    return [*hits, chosen]


def _choice_words(chosen: Hit) -> str:
    return _CHOICE_WORDS.get(chosen.family) or TRUST_WORDED[chosen.family]


def _origin_told(reply: str) -> str | None:
    """Where a reply says the number came from: an SAP error text ("icm"), the server's or
    proxy's answer ("http"), or None when it says neither or both."""
    sap, server = bool(_SAP_ORIGIN.search(reply)), bool(_SERVER_ORIGIN.search(reply))
    if sap == server:
        return None
    return "icm" if sap else "http"


def names_another_kind(hits: list[Hit], state: DialogueState) -> bool:
    """The turn shows, by a decisive or indicative cue, another kind of failure than the
    topic's (another client's own error after an SAP HTTP-client topic): a new problem.
    After another client's or the RFC layer's topic, even a weak cue of the SAP client
    ("SM59 test connection fails") is one: the ABAP side is this tool's own ground. (After a
    status, the ABAP caller's words only say who got the answer — rule 2.)"""
    if not state.scope:
        return False
    back_to_sap = state.scope not in (SAP, HTTP_SCOPE)
    return any(h.scope != state.scope and (h.strength != WEAK or (back_to_sap and h.scope == SAP)) for h in hits)


def numbers_read_by_the_conversation(parsed: ParsedText, state: DialogueState, told: str | None) -> ParsedText:
    """Bare numbers read the way the conversation says. A reply to "where does the number
    come from?" says it (`told`). Otherwise, in a conversation about an SAP HTTP-client
    error, a short turn that names only a bare number ("what about 417?") means the message
    with that number, as an expert reads it: like an ICM code, not a status of unknown origin.
    That holds after an SCLNT_HTTP id the base does not know ("SCLNT_HTTP419?") too: the
    conversation is about the SAP client's messages even though it has no topic entry."""
    entities = parsed.entities
    if not any(m.context == "bare" and m.message_id for m in entities.numbers):
        return parsed
    if told is None:
        told = _read_as_the_conversation(parsed, state)
        if told is None:
            return parsed
    numbers = tuple(replace(m, context=told) if m.context == "bare" else m for m in entities.numbers)
    return parsed._replace(entities=replace(entities, numbers=numbers))


def _read_as_the_conversation(parsed: ParsedText, state: DialogueState) -> str | None:
    """How a short turn naming only bare numbers reads them in this conversation: like ICM
    codes after an SAP HTTP-client topic; like statuses after a far server's status ("HTTP
    403 Forbidden" … "what about 401?" asks about the status 401, not SCLNT_HTTP401); None
    when the conversation does not say."""
    numbers = parsed.entities.numbers
    if parsed.n_words > FOLLOW_UP_WORDS or any(m.context != "bare" or not m.message_id for m in numbers):
        return None
    if state.scope == SAP:
        return "icm"
    if state.scope == HTTP_SCOPE and all(m.number in HTTP_REASONS for m in numbers):
        return "http"
    return None


def read_turn(
    parsed: ParsedText,
    messages: MessageEvidence,
    causes: CauseEvidence,
    state: DialogueState,
    index: RouterIndex,
    hits: list[Hit],
) -> Turn:
    """Stage 4: a turn with no topic of its own continues the current topic when it only
    asks about it ("how do I fix it?", "and through a proxy?", "what about 415?" names its
    own id and so is a topic of its own); a turn whose evidence points to causes the topic
    does not list names a new problem ("the certificate expired yesterday"). A report that
    the import was done ("ok imported the root ca in strust ssl client standard, didnt help")
    is about the topic's call at any length: it answers the topic's own fix step."""
    entities, cue_text = parsed.entities, parsed.cue_text
    # "and …", "what about …", and a hypothesis about the same call ("what if the certificate
    # is self-signed?"): the topic's conversation goes on, whatever cause the turn names.
    # So does a question whether something is the cause ("is it the CSRF token?"): it asks
    # about the same call, even about a cause the topic's answer did not list.
    continuing = bool(cues.CONTINUATION.search(cue_text) or _WHAT_IF.search(cue_text) or asks_whether_it_is(parsed.raw))
    if messages.topic_in_text or not state.has_topic:
        # "what about 415?" asks about another id within the same conversation.
        return Turn(False, messages.topic_in_text and state.has_topic and not continuing, False)
    from assistant.intent.intents import intent_of

    probe = intent_of(cue_text, parsed.n_words, entities, state, False, len(messages.scores))
    asks_glossary = bool(entities.transactions or entities.parameters or entities.glossary)
    pointing_back = bool(cues.ANAPHORA.search(cue_text) or cues.CONTINUATION.search(cue_text))
    continues = (
        probe not in ("greeting", "thanks", "help", "list")
        and not (asks_glossary and probe == "explain" and cues.EXPLAIN.search(cue_text))
        and (parsed.n_words <= FOLLOW_UP_WORDS or pointing_back or says_import_done(parsed.raw))
    )
    if corrects_the_caller(parsed, hits, state, causes):
        return Turn(True, False, False, caller_corrected=True)
    if talks_outside(parsed, hits, state.has_topic, index):
        return Turn(False, False, False, outside=True)  # "what time is it in Walldorf?": no follow-up
    if is_a_short_tool_error(parsed):
        return Turn(False, False, False)  # "TypeError: … (reading 'url')": the tool's own, the topic waits
    if not continues:
        return Turn(False, False, False)
    if names_another_kind(hits, state):
        return Turn(False, True, False)  # "CPI receiver adapter: SSLHandshakeException" after an SAP topic
    if parsed.entities.proxy and not says_it_fails(parsed.stems, parsed.normalized):
        return Turn(True, False, False)  # "we are behind a proxy": the topic's situation, not a new problem
    if _NARROWS.search(parsed.raw):
        return Turn(True, False, False)  # "it only happens in the background job": the same call
    if _compares_the_same_call(parsed):
        return Turn(True, False, False)  # "it worked until last week", "in the browser it works": the same call
    topic_causes = set(state.causes)
    for mid in state.messages[:1]:
        topic_causes |= set(index.causes_of_message.get(mid, ()))
    off_topic = max((s for c, s in causes.scores.items() if c not in topic_causes), default=0.0)
    on_topic = max((s for c, s in causes.scores.items() if c in topic_causes), default=0.0)
    if says_another_problem(parsed.raw) and (off_topic > 0 or says_it_fails(parsed.stems, parsed.normalized)):
        return Turn(False, True, False)  # "another thing: the job fails with timeout"
    if off_topic >= NEW_PROBLEM and off_topic > on_topic and not continuing:
        if pointing_back:
            return Turn(False, True, True)  # "it also says …": new, but ask
        return Turn(False, True, False)
    return Turn(True, False, False)


def is_a_short_tool_error(parsed: ParsedText) -> bool:
    """The turn is a tool's own error and nothing else, in a few words (intent.toolerror): it
    is no question about the topic's call but another failure, before any call was sent —
    answered as it is on its own, the topic kept (nextstate) as for a question outside."""
    return parsed.n_words <= OUTSIDE_TALK_WORDS and only_tool_errors(parsed.raw)


def _compares_the_same_call(parsed: ParsedText) -> bool:
    """The turn only says what worked elsewhere or before (intent.comparisons: "it worked until
    last week", "in Postman it works"): that is the topic's call seen from another place or
    time, never a new problem — unless the turn also reports a failure of its own."""
    from assistant.intent.comparisons import comparison_of
    from assistant.intent.statedfacts import stated_facts

    facts = stated_facts(parsed.raw)
    return bool(facts) and all(not f.affirmed and comparison_of(f.subject) is not None for f in facts) and not (
        says_it_fails(parsed.stems, parsed.normalized) and not _ONLY_THEN_FAILED.search(parsed.raw))


def scope_of_the_turn(scope: Scope, turn: Turn, messages: MessageEvidence, state: DialogueState) -> Scope:
    """A follow-up keeps the topic's kind, and the strength of the evidence that set it
    (unless it names a topic of its own or corrects who made the call). A status stays the
    far server's answer when the caller turns out to be the ABAP system, said as such."""
    status_kept = turn.caller_corrected and state.scope == HTTP_SCOPE
    if turn.follow_up and state.scope and state.scope != "unknown" and not messages.topic_in_text \
            and (status_kept or not turn.caller_corrected):
        reason = FAMILIES["status"].reason if status_kept else state.scope_reason or "the current topic"
        if state.scope == HTTP_SCOPE and scope.kind == HTTP_SCOPE and messages.http_statuses:
            reason = scope.reason  # "and 502?": the status this turn names, not the topic's
        return Scope(state.scope, reason, state.scope_pointer or None,
                     margin=scope.margin, top=scope.top, strength=max(scope.strength, state.scope_strength))
    return scope
