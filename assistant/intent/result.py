"""What the router returns: the intent, ranked messages and causes, and what was unclear."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from assistant.intent.comparisons import comparison_of
from assistant.intent.entitytypes import Entities
from assistant.intent.otherhost import ImportedElsewhere
from assistant.intent.resolution import Resolution
from assistant.intent.screenwords import ScreenWords
from assistant.intent.state import DialogueState
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.intent.lead import Lead
    from assistant.intent.otherwording import OtherWording
    from assistant.intent.statedfacts import StatedFact
    from assistant.intent.subject import Subject

_IP_LITERAL = LazyPattern(r"\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-fA-F:]*:[0-9a-fA-F:]+\]?")  # compiled on first use

INTENTS = (
    "explain",
    "causes",
    "fix",
    "check",
    "list",
    "compare",
    "help",
    "greeting",
    "thanks",
    "not_understood",
)


class Scope(NamedTuple):
    """What kind of failure it is, why, and where its fix lives.

    `pointer`: a glossary id for the fix's home (Java trust store, the SSL server PSE …);
    `not_message`: the SCLNT_HTTP message a number in the text is *not* (HTTP 401 from a
    server is not SCLNT_HTTP401); `margin`: the winning sum minus the runner-up's;
    `strength`: the class of the scope's strongest evidence (1 decisive, 0.5 indicative,
    0 weak or only by situation); `rival`: the same for the runner-up kind (a decisive rival
    means the report is contested); `family`: the vocabulary family whose reason is given
    (None when the reason is of another origin), so an answer can tell which server it is.
    """

    kind: str
    reason: str
    pointer: str | None = None
    not_message: str | None = None
    margin: float = 0.0
    top: float = 0.0
    strength: float = 0.0
    rival: float = 0.0
    family: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "reason": self.reason}
        if self.pointer:
            out["pointer"] = self.pointer
        if self.not_message:
            out["not_message"] = self.not_message
        return out


@dataclass(frozen=True, slots=True)
class ScoredMessage:
    id: str
    score: float


# The kinds of evidence that score a cause, strongest first: a live check's finding, a
# code the cause lists, its id written out, a real HTTP status read as leading to it, one
# of its signs found verbatim, its title, the scope (a far server's status is itself the
# phenomenon of `http_status_from_server`), the dialogue's topic, the cause order of a
# message the text names, a sign found loosely (one word, or a phrase's words in another
# order), a proxy mentioned, and last the words it shares with the text: keywords of its
# explanation and a word naming a family of causes ("SSL", or only the base's ordinary
# words: "certificate", "PSE" — evidence.ordinary_words_only). The last two are what the
# text merely has in common with the cause's long explanation (KEYWORD_EVIDENCE).
EvidenceKind = Literal[
    "confirmed", "code", "literal", "http", "sign", "stated", "title", "scope", "topic", "message",
    "loose_sign", "proxy", "keyword", "family",
]
EVIDENCE_ORDER: tuple[EvidenceKind, ...] = (
    "confirmed", "code", "literal", "http", "sign", "stated", "title", "scope", "topic", "message",
    "loose_sign", "proxy", "keyword", "family",
)
KEYWORD_EVIDENCE: frozenset[EvidenceKind] = frozenset({"keyword", "family"})


@dataclass(frozen=True, slots=True)
class ScoredCause:
    """A ranked cause. `evidence`: the strongest kind of evidence that scored it (None when
    the cause was not scored by the router, e.g. set by a trace's finding)."""

    id: str
    score: float
    evidence: EvidenceKind | None = None

    @property
    def keyword_only(self) -> bool:
        """Met only by words the text shares with the cause's explanation: no code, sign,
        title, status, check or topic of its own."""
        return self.evidence in KEYWORD_EVIDENCE


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """One reading of an ambiguous number: kind is 'http_status' or 'sclnt_http'.

    For an 'http_status' reading, `message` and `cause` say where that status leads in SAP
    terms (HTTP 407 from a proxy -> SCLNT_HTTP416, proxy_auth_failed), when known.
    """

    kind: str
    code: int
    meaning: str
    note: str = ""
    message: str | None = None
    cause: str | None = None


@dataclass(frozen=True, slots=True)
class NumberReading:
    """What the wording makes of one number that is also an HTTP status.

    lean: 'icm' (the ICM's code, SCLNT_HTTPnnn), 'http' (a real status from the server or
    proxy), 'icm_page' (a status page the ICM made itself after a failed call) or
    'unclear'. `decided` is False when the lean is only a default. `message`/`cause` are
    where the favoured reading leads; `via` is 'proxy' or 'target' for HTTP readings.
    """

    number: int
    lean: str
    decided: bool
    message: str | None = None
    cause: str | None = None
    via: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class UnknownId:
    """A message id or code the base does not know, with the nearest known ones."""

    id: str
    kind: str  # "message" | "code"
    nearest: tuple[str, ...] = ()


@dataclass(frozen=True)
class Routed:
    intent: str
    messages: list[ScoredMessage] = field(default_factory=list)
    causes: list[ScoredCause] = field(default_factory=list)
    ambiguity: list[Ambiguity] = field(default_factory=list)
    entities: Entities = field(default_factory=Entities)
    state: DialogueState = field(default_factory=DialogueState)
    unknown_ids: list[UnknownId] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)  # doc keys: "m:ID", "c:ID", "g:ID"
    codes: list[str] = field(default_factory=list)  # code ids in the topic, best first
    glossary: list[str] = field(default_factory=list)  # glossary ids asked about
    follow_up: bool = False  # the topic came from the dialogue state
    empty: bool = False  # the text had nothing in it
    http_statuses: list[int] = field(default_factory=list)  # numbers the wording reads as HTTP statuses
    readings: list[NumberReading] = field(default_factory=list)  # one per ambiguous number
    resolved: list[tuple[str, str]] = field(default_factory=list)  # (as written, taken as) for partial ids
    # Message ids read from a number that the wording reads as something else (an HTTP
    # status, an ICM-made page): the answer must not lead with them.
    demoted_ids: frozenset[str] = frozenset()
    topic_in_text: bool = False  # the text names a topic of its own (else a follow-up may lean on the state)
    scope: Scope = field(default_factory=lambda: Scope("unknown", ""))
    confidence: float = 0.0  # 0..1, calibrated (weights.py, benchmarks/fit_router.py)
    question: str | None = None  # the one question that would decide, when confidence is low
    new_topic: bool = False  # the turn named a different problem than the current topic
    domain: str | None = None  # a question about the domain: "parameter", "transaction" …
    # A how-to or where-to question that names no term and reports no failure: answered
    # with the steps of the causes (or the glossary entries in `suggestions`) it meets.
    how_to: bool = False
    # What a where-question about an entry asks for ("log"), as the entry's text names it: the answer
    # leads with the passage of the entry (`suggestions[0]`) that names it (intent.placequestion).
    place_word: str = ""
    confidence_features: tuple[float, ...] = ()  # what `confidence` was computed from
    reports_problem: bool = False  # says something failed ("SM59 test fails"), not only names a term
    another_client: bool = False  # a non-ABAP client made the call (caller.caller_of)
    # Something places the call in the ABAP system (an SAP-client cue, an SCLNT_HTTP id or ICM
    # wording): without it a far server's status names no ABAP caller. True for a Routed built
    # by hand (a trace's turn): the ABAP side's steps apply as they always did.
    abap_caller: bool = True
    # A pasted screen's own words for the failure (SM59's Status Text, a server's reason
    # phrase, an ST22 Short Text), as written: the answer quotes them (intent.screenwords).
    screen_words: tuple[ScreenWords, ...] = ()
    # What the answer is about and the message it names (intent.lead), decided once by the
    # router; that message is `messages[0]`. None for a Routed built by hand.
    lead: Lead | None = None
    # What a follow-up asks about within the topic ("what about TLS 1.3?"; intent.subject).
    subject: Subject | None = None
    # Where a follow-up asks the fix to be made: transactions it names, or "parameter" (intent.places).
    places: tuple[str, ...] = ()
    # The report's own resolution ("solved by importing the root CA"; intent.resolvedcauses).
    resolution: Resolution | None = None
    # What a short question asks beside the topic: intent.asks' WHO_FIXES, RESTART.
    asks: tuple[str, ...] = ()
    # A turn that points back to an earlier topic that several fit ("the other one" after three
    # problems): the candidates as named (intent.recall.topic_label); the answer asks which.
    which_topic: tuple[str, ...] = ()
    # No cause has evidence beyond the words it shares with the text (intent.wordsonly): none is named.
    words_only: bool = False
    # The host whose call fails and the other hosts certificates were imported for (intent.otherhost).
    imported_elsewhere: ImportedElsewhere | None = None
    # What the text states of a cause's subject ("the firewall blocks port 443", "the proxy is
    # not involved"; intent.statedfacts): the answer says it back beside the causes it concerns.
    stated: tuple[StatedFact, ...] = ()
    # What it says as a belief ("I think the firewall blocks port 443"): no evidence, said back as "you think".
    thought: tuple[StatedFact, ...] = ()
    # The fix step ("cause_id:index") this turn says was done ("did that", "erledigt"):
    # intent.stepdone; the answer says what that step produces next (answers.stepresult).
    step_done: str = ""
    # An SCLNT_HTTP number named beside another cause's own words ("sclnt_http 404 partner not
    # reached"): that other reading (intent.otherwording), named in the answer beside the number's.
    other_wording: OtherWording | None = None

    @property
    def call_statuses(self) -> list[int]:
        """The HTTP statuses of the call the turn is about: the ones it names, or — in a
        follow-up that names none ("how do I fix it?") — its topic's (`state.statuses`)."""
        if self.http_statuses or not self.follow_up:
            return list(self.http_statuses)
        return list(self.state.statuses)

    @property
    def check_target(self) -> str | None:
        """What `sapassist check` should be pointed at: a URL or host[:port] from the text or
        state — without the credentials a URL was typed with, which a check refuses (it asks
        for a proxy's password itself and needs no logon at the target)."""
        url = self._target_named()
        if not url or ("@" not in url and "=" not in url):
            return url
        from assistant.redact import without_credentials  # only for a URL that may hold one

        return without_credentials(url)

    def _target_named(self) -> str | None:
        e = self.entities
        if e.urls:
            return e.urls[0]
        if e.hosts:
            # A name before an address: the destination holds the name, and checking it
            # tests what the SAP system does with it (DNS, SNI, the certificate's names).
            host = next((h for h in e.hosts if not _IP_LITERAL.fullmatch(h)), e.hosts[0])
            port = e.ports[0] if e.ports else None
            return f"{host}:{port}" if port and port != 443 else host
        if self.state.url:
            return self.state.url
        if self.state.host:
            port = self.state.port
            return f"{self.state.host}:{port}" if port and port != 443 else self.state.host
        return None

    @property
    def offered_target(self) -> str | None:
        """The target a live check is offered for: one this very turn names (not one from
        earlier turns), and only when it can be called at all (`hosts.can_be_called`: not
        a single-label name or a reserved example name). Asked for outright ("check …"), the
        check runs on `check_target` all the same."""
        from assistant.intent.hosts import can_be_called

        e = self.entities
        target = self.check_target if e.urls or e.hosts else None
        return target if target and can_be_called(target) else None

    def _entities_json(self) -> dict[str, Any]:
        out = self.entities.to_json()  # URLs hold their passwords masked (intent.hosts)
        if "numbers" in out:
            leans = {r.number: r.lean for r in self.readings}
            out["numbers"] = [_number_json(n, self.demoted_ids, leans) for n in out["numbers"]]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "intent": self.intent,
            "messages": [{"id": m.id, "score": m.score} for m in self.messages],
            "causes": [{"id": c.id, "score": c.score, "evidence": c.evidence} for c in self.causes],
            "ambiguity": [_ambiguity_json(a) for a in self.ambiguity],
            "entities": self._entities_json(),
            "unknown_ids": [
                {"id": u.id, "kind": u.kind, "nearest": list(u.nearest)} for u in self.unknown_ids
            ],
            "suggestions": list(self.suggestions),
            "codes": list(self.codes),
            "glossary": list(self.glossary),
            "follow_up": self.follow_up,
            "http_statuses": list(self.http_statuses),
            "readings": [
                {
                    "number": r.number, "lean": r.lean, "decided": r.decided,
                    "message": r.message, "cause": r.cause, "via": r.via, "note": r.note,
                }
                for r in self.readings
            ],
            "resolved": [{"written": a, "taken_as": b} for a, b in self.resolved],
            "scope": self.scope.to_json(),
            "confidence": self.confidence,
            "question": self.question,
            "how_to": self.how_to,
            "screen_words": _screen_words_json(self.screen_words),
            "subject": _subject_json(self.subject),
            "resolution": _resolution_json(self.resolution),
            "asks": list(self.asks),
            "which_topic": list(self.which_topic),
            "imported_elsewhere": None if self.imported_elsewhere is None else {
                "failing": self.imported_elsewhere.failing, "imported": list(self.imported_elsewhere.imported)},
            "stated": [_stated_json(f.subject, f.affirmed) for f in self.stated],
            "thought": [{"subject": f.subject, "affirmed": f.affirmed} for f in self.thought],
            "step_done": self.step_done or None,
            "other_wording": None if self.other_wording is None else {
                "message": self.other_wording.message, "cause": self.other_wording.cause,
                "words": self.other_wording.words, "reported_as": self.other_wording.reported_as,
                "terms": list(self.other_wording.terms)},
        }


def _stated_json(subject: str, affirmed: bool) -> dict[str, Any]:
    """A statement's subject and polarity; for something said to work (a comparison:
    intent.comparisons) also the layers it proves, the causes it rules out and what differs."""
    out: dict[str, Any] = {"subject": subject, "affirmed": affirmed}
    row = None if affirmed else comparison_of(subject)
    if row is not None:
        out.update(shows=row.shows, proves=list(row.proves), rules_out=list(row.rules_out), differs=row.differs)
    return out


def _resolution_json(resolution: Resolution | None) -> dict[str, Any] | None:
    """The report's own resolution: its words (secrets masked where they were read, cut) and
    the cause they name."""
    if resolution is None:
        return None
    return {"names": resolution.names[:SCREEN_WORDS_JSON_CHARS], "cause": resolution.cause,
            "solved": resolution.solved, "tentative": resolution.tentative}


def _subject_json(subject: Subject | None) -> dict[str, Any] | None:
    if subject is None:
        return None
    return {"terms": list(subject.terms), "causes": list(subject.causes), "elsewhere": list(subject.elsewhere),
            "topic": subject.topic}


SCREEN_WORDS_JSON_CHARS = 500  # a field of a pasted screen, as the JSON repeats it


def _screen_words_json(found: tuple[ScreenWords, ...]) -> list[dict[str, Any]]:
    """The pasted screen's own fields (SM59's Status Text, a status line, an ST22 Short
    Text) as written — secrets masked where they were read (intent.screenwords), cut — for a
    script that wants the server's words."""
    return [{"label": w.label, "number": w.number or None, "text": w.text[:SCREEN_WORDS_JSON_CHARS]}
            for w in found]


def _number_json(number: dict[str, Any], demoted: frozenset[str], leans: dict[int, str]) -> dict[str, Any]:
    """One number of `entities.numbers` as the answer read it: `reading` says what the
    number is in its context, and `message_id` stays the message it names — null when the
    wording reads it as something else (an HTTP status a server or proxy sent, a page the
    ICM made itself), so 407 Proxy Authentication Required is not shown as SCLNT_HTTP407."""
    mid = number.get("message_id")
    lean = leans.get(number["number"])
    if mid and mid in demoted and lean in ("http", "icm_page"):
        return {**number, "message_id": None, "reading": "http_status" if lean == "http" else "icm_page"}
    if not mid and lean in ("http", "icm_page"):  # a status no SCLNT_HTTP number shares (502)
        return {**number, "reading": "http_status" if lean == "http" else "icm_page"}
    return {**number, "reading": "message" if mid else "unknown"}


def _ambiguity_json(a: Ambiguity) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": a.kind, "code": a.code, "meaning": a.meaning, "note": a.note}
    if a.message:
        out["message"] = a.message
    if a.cause:
        out["cause"] = a.cause
    return out
