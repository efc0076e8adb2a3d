"""What the admin states about a cause counts: affirmed, as evidence; denied, the cause after the rest.

intent.statedfacts reads statements such as "the firewall blocks port 443", "the proxy is not
involved", "telnet to the port works". Here a small table maps each subject and polarity to
the base's causes, with the reason each row is right. An affirmed statement is evidence for
its causes (`Weights.stated`, shared among them when a row names several: the statement shows
one of them, not which), of the kind "stated". A denied one puts its causes after the others
(`denied_causes_last`), as intent.stagereached does with a step the text shows as passed —
unless the text shows that cause itself (a code, a sign, its title: intent.clearevidence):
the admin may be wrong, and what the system printed stands. A cause the text both affirms and
denies is neither. The answer says back what the user said (`said_of`).

A CA certificate said to be imported is read by intent.importdone, and a report's own
resolution ("the problem was the firewall") by intent.resolvedcauses: neither is read again here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from assistant.intent.clearevidence import shows_the_cause
from assistant.intent.comparisons import COMPARISONS
from assistant.intent.fuzzy import STOPWORDS, normalize, stem
from assistant.intent.statedfacts import StatedFact, stated_facts

if TYPE_CHECKING:
    from assistant.intent.entitytypes import Entities
    from assistant.intent.evidence import CauseEvidence
    from assistant.intent.result import ScoredCause
    from assistant.intent.weights import Weights
    from assistant.kb.knowledge_base import KnowledgeBase

_PROXY_ON_THE_PATH = ("proxy_auth_failed", "proxy_refused", "proxy_host_unknown", "proxy_http_error")
_TCP_CONNECT = ("connection_refused", "connect_timeout", "firewall_blocking")
_BEFORE_TCP_PASSED = ("dns_failure", "connection_refused", "connect_timeout")
SHARED_NAME_CAUSES = 3  # a code or ICM constant that fits this many causes proves none of them
# The kinds of evidence by which the text shows a cause in words of its own: a statement of it adds nothing.
RESTATED: frozenset[str | None] = frozenset({"confirmed", "literal", "http", "sign", "title"})


class StatedRow(NamedTuple):
    """One row of the table: a subject stated with a polarity, the causes it concerns, and why."""

    subject: str
    affirmed: bool
    causes: tuple[str, ...]
    why: str


STATED_CAUSES: tuple[StatedRow, ...] = (
    StatedRow("firewall", True, ("firewall_blocking",),
              "a firewall said to block, drop or be closed is that cause itself, in the admin's words"),
    StatedRow("firewall", False, ("firewall_blocking",),
              "a firewall said open, opened for the call, not blocking or not involved is not what stops it"),
    StatedRow("port", True, ("firewall_blocking",),
              "a port said blocked or filtered is blocked on the way: something between filters it"),
    StatedRow("port", False, ("firewall_blocking",),
              "a port said open or opened (freigeschaltet) is not filtered on the way; whether anything "
              "listens there (a refused connect) is not said, so that cause stays"),
    StatedRow("proxy_block", True, ("proxy_refused", "proxy_http_error"),
              "a proxy said to block, refuse or not let the call through is on the path and stops it: it "
              "refuses the connection or answers with a status of its own (a URL filter's 403)"),
    StatedRow("proxy_need", True, ("proxy_required",),
              "a proxy said required or mandatory for outbound calls is the claim of that cause's title"),
    StatedRow("proxy_need", False, ("proxy_required",),
              "no proxy in the network, or the proxy said not involved or not needed: outbound access needs none"),
    StatedRow("proxy_path", False, _PROXY_ON_THE_PATH,
              "no proxy on the call's path (not used, not involved, none): no proxy can refuse it, fail its "
              "logon, or answer with a status of its own"),
    StatedRow("direct_access", False, ("proxy_required", *_PROXY_ON_THE_PATH),
              "a server said to have direct internet access (a direct connection) needs and passes no proxy"),
    StatedRow("certificate", True, ("server_cert_expired",),
              "a (server or CA) certificate said to have expired is that cause; a client or SAML certificate "
              "is not read as the server's"),
    StatedRow("certificate", False, ("server_cert_expired",),
              "a certificate said valid (until a date) or not expired has not expired"),
    StatedRow("clock", True, ("server_cert_not_yet_valid",),
              "a wrong system clock is named in that cause's title: a certificate looks not yet valid"),
    StatedRow("clock", False, ("server_cert_not_yet_valid",),
              "a clock said correct or synchronised (NTP) takes out that cause's clock half, and a "
              "certificate not yet valid is rare beside it"),
    StatedRow("name_resolution", True, ("dns_failure",),
              "a name said not to resolve (nslookup finds no address, host unknown) is that cause itself"),
    StatedRow("name_resolution", False, ("dns_failure",),
              "a name said to resolve (nslookup returns the address, DNS works) is resolved"),
    StatedRow("tcp_probe", True, _TCP_CONNECT,
              "a TCP probe from the SAP server (telnet, niping, nc) that fails or times out shows the connect "
              "itself fails there: refused, timed out or filtered, not which"),
    # What works on the SAP server's own path (intent.comparisons): what it proves goes last.
    *(StatedRow(c.subject, False, c.rules_out, c.why) for c in COMPARISONS if c.rules_out),
    StatedRow("reachability", True, _TCP_CONNECT,
              "a port or host said not reachable fails at the TCP connect: refused, timed out or filtered"),
    StatedRow("reachability", False, _BEFORE_TCP_PASSED,
              "a host or port said reachable (not from the admin's own PC) resolved and accepts connections"),
    StatedRow("root_ca", True, ("server_cert_untrusted",),
              "a root CA said missing or not imported in the PSE leaves the chain untrusted: that cause itself"),
    StatedRow("intermediate_ca", True, ("intermediate_missing",),
              "an intermediate said missing or not imported is that cause itself"),
)

_ROWS = {(row.subject, row.affirmed): row for row in STATED_CAUSES}
_NO_PROXY_SUBJECTS = frozenset({"proxy_path", "direct_access"})


def causes_stated(facts: Iterable[StatedFact]) -> tuple[dict[str, float], frozenset[str]]:
    """The causes the facts affirm (each with its share of one statement: 1 / the causes its
    row names, the largest over the facts) and those they deny; a cause both affirmed and
    denied is in neither."""
    affirmed: dict[str, float] = {}
    denied: set[str] = set()
    for fact in facts:
        row = _ROWS.get((fact.subject, fact.affirmed))
        if row is None:
            continue
        if fact.affirmed:
            for cause_id in row.causes:
                affirmed[cause_id] = max(affirmed.get(cause_id, 0.0), 1.0 / len(row.causes))
        else:
            denied.update(row.causes)
    both = denied & affirmed.keys()
    return {c: s for c, s in affirmed.items() if c not in both}, frozenset(denied - both)


def with_stated(causes: CauseEvidence, text: str, kb: KnowledgeBase, w: Weights) -> CauseEvidence:
    """`causes` with `Weights.stated` (times its share) added to each cause the text affirms —
    unless the text already shows that cause in words of its own (`RESTATED`: a sign, its
    title): "HTTP error 417 … nslookup finds no address" or a pasted "certificate has expired"
    states what the sign already counted, and counting it twice would push the other causes
    of the message off the list. A code is no such word: most codes fit several causes."""
    facts = stated_facts(text)
    if not facts:
        return causes
    affirmed, _ = causes_stated(facts)
    for cause_id, share in affirmed.items():
        if cause_id in kb.causes and causes.strongest(cause_id) not in RESTATED:
            causes.add(cause_id, w.stated * share, "stated")
    return causes


def denied_causes_last(causes: list[ScoredCause], text: str, entities: Entities,
                       kb: KnowledgeBase) -> list[ScoredCause]:
    """The ranked causes with those the text denies — a stated fact, or a setting stated the
    other way than the cause ("SSL (Active) is set") — after the rest, unless the text shows
    the cause itself (`_shown_despite`); the order is otherwise kept."""
    from assistant.intent.settingstates import contradicted_causes  # a setting stated the other way

    denied = causes_stated(stated_facts(text))[1] | contradicted_causes(text, kb)
    late = {c.id for c in causes if c.id in denied and not _shown_despite(c, entities, kb)}
    if not late or len(late) == len(causes):
        return causes
    return [c for c in causes if c.id not in late] + [c for c in causes if c.id in late]


def _shown_despite(cause: ScoredCause, entities: Entities, kb: KnowledgeBase) -> bool:
    """The text shows the cause itself (intent.clearevidence) — by more than the name of a
    code or ICM constant that fits several causes: ICM_HTTP_CONNECTION_FAILED is a sign of a
    missing proxy and fits six other causes as well; it proves none of them against what the
    admin says. A code of one or two causes (ICM_HTTP_SSL_PEER_CERT_EXPIRED) is that phenomenon."""
    if not shows_the_cause(cause, entities, kb):
        return False
    if cause.evidence not in ("sign", "code"):
        return True
    known = kb.causes.get(cause.id)
    shared = shared_names(entities, kb)
    return known is None or not shared or (
        shared.isdisjoint(s.lower() for s in known.signs) and shared.isdisjoint(c.lower() for c in known.codes))


def shared_names(entities: Entities, kb: KnowledgeBase) -> frozenset[str]:
    """The codes and ICM constants the text names that fit `SHARED_NAME_CAUSES` causes or more
    (lower-cased, with a code's aliases)."""
    names: set[str] = set()
    for code_id in entities.codes:
        code = kb.codes.get(code_id)
        if code is not None and len(code.causes) >= SHARED_NAME_CAUSES:
            names.update(n.lower() for n in (code_id, *code.aliases))
    for message in kb.messages.values():
        if message.icm_constant in entities.icm_constants and len(message.causes) >= SHARED_NAME_CAUSES:
            names.add(message.icm_constant.lower())
    return frozenset(names)


def denied_words(text: str, cause_ids: Iterable[str]) -> dict[str, frozenset[str]]:
    """Per cause of `cause_ids`, the stems of the words of the text's denials ("the proxy is
    not involved": proxy, involv) that the text uses nowhere else: said only to rule a
    subject out, they are no evidence for any cause — not for the denied ones (as
    settingstates' contradicted words are not), nor for one that shares the word ("TLS
    inspection (corporate proxy/SIEM)" is no likelier for "the proxy is not involved").
    Read by intent.evidence."""
    facts = [f for f in stated_facts(text) if not f.affirmed]
    if not facts:
        return {}
    _, denied = causes_stated(facts)
    rest = list(text)
    for f in facts:
        rest[f.start:f.end] = " " * (f.end - f.start)
    elsewhere = {stem(t) for t in normalize("".join(rest)).split()}
    said = frozenset(stem(t) for f in facts if _ROWS.get((f.subject, False)) is not None
                     for t in f.words if t not in STOPWORDS) - elsewhere
    return dict.fromkeys(cause_ids, said) if said and denied else {}


def says_no_proxy(facts: Iterable[StatedFact]) -> bool:
    """The text says no proxy is on the call's path ("we have no proxy", "the proxy is not
    involved", "direct internet access"): a proxy it names is not one the call goes through."""
    return any(not f.affirmed and f.subject in _NO_PROXY_SUBJECTS for f in facts)


def said_of(cause_id: str, facts: Sequence[StatedFact]) -> StatedFact | None:
    """The first statement that concerns the cause (affirmed or denied), for the answer to
    say back; None when the text states nothing of it, or states both."""
    affirmed, denied = causes_stated(facts)
    if cause_id not in affirmed and cause_id not in denied:
        return None
    return next((f for f in facts if (row := _ROWS.get((f.subject, f.affirmed))) is not None
                 and cause_id in row.causes and f.affirmed == (cause_id in affirmed)), None)
