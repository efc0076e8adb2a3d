"""Which of a cause's fix steps apply when another client made the call.

The base's fixes are written for the ABAP HTTP client: most steps are done in the SAP
system (an SM59 destination, a STRUST PSE, a profile parameter, an ABAP method). When a
Java, Node, BTP … client got the answer (`Routed.another_client`), those steps are not
its fix — that client's fix lives in that client — so only the steps that name nothing of
the ABAP side are shown ("Confirm with the target's owner which logon method it
expects."). No step is reworded or invented: a cause with none left shows no fix.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answers.document import Section
from assistant.answers.pieces import SHOWN_BY_THE_TEXT, numbered
from assistant.answers.situation import in_situation_order
from assistant.intent.refusalagent import FAR_REFUSAL_REASON
from assistant.intent.result import Routed
from assistant.intent.scopevocab import FAMILIES
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, Source

# Glossary kinds that live in the ABAP system: transactions, profile parameters, reports.
ABAP_SIDE_KINDS = ("transaction", "parameter", "report")
# Words of the ABAP side that are terms, not ids: the PSE, the ICM and its trace.
ABAP_SIDE_WORDS = ("PSE", "ICM", "dev_icm", "application server")
_ABAP_CALL = r"->|=>|\w\( \)"  # an ABAP method call: IF_HTTP_CLIENT->SEND, get_status( )
# An SAP product or note by name: "SAP Business ByDesign", "SAP S/4HANA Cloud", "SAP Note
# 510007" — never the bare word ("for every client, not just SAP.").
_SAP_PRODUCT = r"\bSAP (?=[A-Z0-9])"


# A step written for one status or a few, said first: "For an HTTP 426 Upgrade Required …",
# "403: ask the proxy team …", "502/503/504: the proxy cannot reach …".
_STATUS_LED = re.compile(r"^(?:For an? HTTP ((?:[1-5]\d\d/)*[1-5]\d\d)\b|((?:[1-5]\d\d/)*[1-5]\d\d):)")


# Kinds of failure where the call may be anyone's: a far server's status, another client's
# own failure. In the others the SAP system is the caller (or the server) by the kind itself.
CALLER_OPEN_KINDS = ("http_status_from_server", "other_client")
SAP_AS_SERVER = "sap_server_inbound"  # the SAP system answered: someone else made the call


def abap_side_applies(routed: Routed) -> bool:
    """Whether the ABAP side's steps (SM59, STRUST …) are this call's fix: not for another
    client's call, nor for a far server's status that names no ABAP caller at all
    (`Routed.abap_caller`): "pyodata … status code: 401" or "a Node script gets 401" is that
    program's logon, and SM59 would be a guess about a destination nobody mentioned."""
    if routed.another_client:
        return False
    return routed.abap_caller or routed.scope.kind not in CALLER_OPEN_KINDS


def fix_steps(cause: Cause, routed: Routed, kb: KnowledgeBase) -> tuple[str, ...]:
    """The cause's fix steps for this turn: all of them (those written for the situation
    the text reports first), or — when the ABAP side is not this call's (`abap_side_applies`)
    — only those that name nothing of it. When the text has a real HTTP status, a step
    written for other statuses is not for this one (a 403's answer has no step for a 426)."""
    steps = _for_the_statuses(cause, routed.call_statuses, _fitting_statuses(routed))
    if abap_side_applies(routed):
        return in_situation_order(steps, routed)
    pattern = _abap_side_pattern(kb)
    return tuple(step for step in steps if not pattern.search(step))


# A refusal: the server would not serve this caller — HTTP 401 Unauthorized or 403 Forbidden
# (RFC 9110, 15.5.2 and 15.5.4). A far server's refusal told in words, with no number, is one
# of them: a step written for a 429 or a 426 is not for it.
REFUSAL_STATUSES = (401, 403)


def _fitting_statuses(routed: Routed) -> list[int]:
    """The statuses a status-led step must name to be kept: the call's; with none, those of a
    refusal when the scope read the text as a far server's refusal in words; else any."""
    if routed.call_statuses or routed.scope.reason != FAR_REFUSAL_REASON:
        return routed.call_statuses
    return list(REFUSAL_STATUSES)


# A source about one status: its note leads with it ("429 Too Many Requests (RFC 6585 …)"),
# or its address is that status's page (…/Status/429) — as a step is led by its status.
_STATUS_SOURCE = re.compile(r"^((?:[1-5]\d\d/)*[1-5]\d\d)\s+[A-Z]")
_STATUS_PAGE = re.compile(r"/Status/([1-5]\d\d)/?$")


def source_fits(source: Source, routed: Routed) -> bool:
    """A source about a status is listed only where a step for that status is: the answer's
    Sources list what it shows (a refusal's answer has no 429 step, so no 429 page)."""
    led = _STATUS_SOURCE.match(source.note.strip()) or _STATUS_PAGE.search(source.url)
    fitting = _fitting_statuses(routed)
    return led is None or not fitting or bool({int(n) for n in led.group(1).split("/")} & set(fitting))


def _for_the_statuses(cause: Cause, statuses: list[int], fitting: list[int] | None = None) -> tuple[str, ...]:
    """The cause's steps without those written for statuses the call did not get (`fitting`,
    when given, says which fit), the ones for a status it got first."""
    kept = tuple(s for s in cause.fix if _for_these_statuses(s, statuses if fitting is None else fitting))
    return _status_steps_first(kept, statuses)


def _status_steps_first(steps: tuple[str, ...], statuses: list[int]) -> tuple[str, ...]:
    """A step written for a status the text reports leads (a 429's "wait as Retry-After
    says"); one written for a status the text does not name (kept when it names none) comes
    after the general steps — never the next step of an answer about another status."""
    def rank(step: str) -> int:
        led = _STATUS_LED.match(step.strip())
        if led is None:
            return 1
        return 0 if statuses else 2
    return tuple(sorted(steps, key=rank))  # stable: the base's order within each rank


def _for_these_statuses(step: str, statuses: list[int]) -> bool:
    """A step led by statuses fits when the text has no status, or has one of them."""
    led = _STATUS_LED.match(step.strip())
    if led is None or not statuses:
        return True
    named = {int(n) for n in (led.group(1) or led.group(2)).split("/")}
    return bool(named & set(statuses))


def names_the_abap_side(step: str, kb: KnowledgeBase) -> bool:
    """The step names something of the ABAP side (a transaction, parameter, report, the PSE,
    the ICM, an ABAP call, an SAP product by name)."""
    return bool(_abap_side_pattern(kb).search(step))


def _abap_side_pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    ids = tuple(sorted(g.id for g in kb.glossary.values() if g.kind in ABAP_SIDE_KINDS))
    return _pattern(ids)


@lru_cache(maxsize=8)
def _pattern(ids: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the ids or words as a whole word, a profile parameter of the same family
    (`ssl/*`, `icm/server_port_<xx>`: the part before the slash), or an ABAP call."""
    families = sorted({i.split("/", 1)[0] for i in ids if "/" in i})
    words = sorted({*(re.escape(i) for i in ids if "/" not in i), *ABAP_SIDE_WORDS})
    alternatives = [
        rf"(?<![\w/])(?:{'|'.join(words)})(?!\w)" if words else "",
        rf"(?<![\w/])(?:{'|'.join(map(re.escape, families))})/" if families else "",
        _ABAP_CALL,
        _SAP_PRODUCT,
    ]
    return re.compile("|".join(f"(?:{a})" for a in alternatives if a))


CLIENT_FIX_TITLE = "How to fix it — in the client that made the call"
SAP_CALLS_TITLE = "If the SAP system makes the call"
# Where another client's fix lives, by the step of the call a cause is seen at (the base's
# `check.step`): that client's own settings and the path from its machine, not the SAP side.
CLIENT_FIX_BY_STEP = {
    "resolve": ("The name", "the host name in that client's own configuration, the DNS (or hosts file) of "
                "the machine it runs on, or — where the network lets it out only through a proxy — "
                "that client's proxy settings"),
    "connect": ("The connection", "the host and port in that client's own configuration, a firewall on the "
                "path from its machine, or a proxy that client must be told to use"),
    "proxy": ("The proxy", "that client's own proxy settings (host, port, user and password)"),
    "tls": ("TLS", "that client's own TLS settings (protocol versions, cipher suites, the host name it sends)"),
    "chain": ("Trust", "that client's own trust store (the CA certificates it trusts), not STRUST"),
    "client_cert": ("The client certificate", "that client's own client certificate and key"),
    "http": ("The request", "what that client sends (URL, logon, headers) against what the server expects"),
}
MAX_CLIENT_CAUSES = 2
# Kinds of another client's failure whose reason says where the fix is (no glossary entry
# is lent for them: `Family.pointer == ""`).
_REASONS_WITH_THEIR_PLACE = frozenset(f.reason for f in FAMILIES.values() if f.pointer == "")
# The steps of a call whose fix place another client's own settings name; a status the server
# answered (`http`) is said by the reading of that status instead.
BEFORE_THE_ANSWER = ("resolve", "connect", "proxy", "tls", "chain", "client_cert")


# Another client's failure that nothing in the text places at a step of the call: the one
# thing that would (its own error text), not a place guessed from loose words.
# The report has usually quoted that error already ("database server not found", "Object is
# closed", "TokenRequestFailedException"): what it quotes is the top of the error, and the step
# is named under it, not in it.
UNPLACED_CLIENT_STEP = (
    "**Next step:** the error your text shows names no step of the call: read the lines under it "
    "in that client's log (the first *Caused by*, the socket or TLS message) for the step that "
    "failed — name, connection, TLS, certificate or the server's answer; that step says where in "
    "that client the fix lives."
)


def client_fix_line(routed: Routed, kb: KnowledgeBase) -> str:
    """The verdict's "Where the fix lives" for another client's failure that names no home
    of its own (a client library's TLS error, a tool): where that client's fix lives for the
    step of the call the first cause the text shows (`SHOWN_BY_THE_TEXT`: a code, a sign, a
    title …) is seen at — its trust store, its host and port, its proxy. A cause met only by
    a one-word sign or shared words places nothing: a sign-in page is no trust failure. With
    no such cause, the next step is that client's own error text. Nothing when the scope's
    reason says the place already (a client's own network error, its key store), or when the
    cause shown is the server's answer."""
    if routed.scope.reason in _REASONS_WITH_THEIR_PLACE:
        return ""
    step = first_shown_stage(routed, kb)
    if not step:
        return UNPLACED_CLIENT_STEP
    if step not in BEFORE_THE_ANSWER:
        return ""
    return f"**Where the fix lives:** {CLIENT_FIX_BY_STEP[step][1]}."


def first_shown_stage(routed: Routed, kb: KnowledgeBase) -> str:
    """The stage of the call (`check.step`) of the first cause the text shows
    (`SHOWN_BY_THE_TEXT`) and its reason does not rule out; '' when none is shown."""
    denied = _steps_the_reason_denies(routed.scope.reason)
    shown = next((kb.causes[c.id] for c in routed.causes if c.id in kb.causes and c.evidence in SHOWN_BY_THE_TEXT
                  and _step_of(kb.causes[c.id]) not in denied), None)
    return _step_of(shown) if shown is not None else ""


# A reason that says where the fix is *not* ("no certificate failure in the text: not its trust
# store"; "the TLS versions … it offers, not its trust store") rules out the step whose place
# that is: a "Where the fix lives: that client's own trust store" under it contradicted it.
_NOT_ITS_TRUST_STORE = re.compile(r"\bnot (?:its|their) (?:own )?trust store\b", re.IGNORECASE)


def _steps_the_reason_denies(reason: str) -> frozenset[str]:
    return frozenset({"chain"}) if _NOT_ITS_TRUST_STORE.search(reason or "") else frozenset()


def _step_of(cause: Cause) -> str:
    return cause.check.step if cause.check is not None else ""


AS_LIKELY = 0.8  # a second cause is named beside the leading one from this share of its score


def client_fix_sections(routed: Routed, kb: KnowledgeBase) -> list[Section]:
    """"How do I fix it?" about another client's call with no pointer of its own (a Node
    `getaddrinfo ENOTFOUND`): where that client's fix lives first — per leading cause, by
    the step of the call it is seen at, with what the base says about other clients and
    the steps that name nothing of the ABAP side — and, after it, the leading cause's ABAP
    fix only as what applies if the SAP system makes the call. Beside the leading cause,
    only one about as likely (`AS_LIKELY` of its score) is named."""
    scored = [c for c in routed.causes if c.id in kb.causes]
    top = scored[0].score if scored else 0.0
    causes = [kb.causes[c.id] for i, c in enumerate(scored) if i == 0 or c.score >= AS_LIKELY * top]
    denied = _steps_the_reason_denies(routed.scope.reason)
    shown: list[Cause] = []
    lines: list[str] = []
    for cause in causes:
        step = _step_of(cause)
        if step not in CLIENT_FIX_BY_STEP or step in denied or any(c.check is not None and c.check.step == step for c in shown):
            continue
        label, where = CLIENT_FIX_BY_STEP[step]
        lines.append(f"- **{label}** (`{cause.id}`): {where}.")
        shown.append(cause)
        if len(shown) == MAX_CLIENT_CAUSES:
            break
    if not shown:
        return []
    extra = [cause.other_clients.strip() for cause in shown if cause.other_clients.strip()]
    steps = [step for cause in shown for step in fix_steps(cause, routed, kb)]
    body = "\n\n".join(["\n".join(lines), *extra, numbered(steps) if steps else ""]).strip()
    sections = [Section("fix:client:" + ",".join(c.id for c in shown), CLIENT_FIX_TITLE, body)]
    sap_case = sap_calls_section(shown[0], routed)
    return sections + ([sap_case] if sap_case else [])


def sap_calls_section(cause: Cause, routed: Routed) -> Section | None:
    """The cause's fix as what applies if the SAP system makes the call: all its ABAP-side
    steps, but — as in every fix — none written for a status the call did not get (a 403 has
    no "For an HTTP 429" step). None where the SAP system is the server: it makes no call."""
    steps = in_situation_order(_for_the_statuses(cause, routed.call_statuses, _fitting_statuses(routed)), routed)
    if not steps or routed.scope.kind == SAP_AS_SERVER:
        return None
    # The heading stays short (an 80-column chat shows it whole); the cause opens the body.
    return Section(f"fix:{cause.id}:if-sap-calls", SAP_CALLS_TITLE, f"**If:** {cause.title}\n\n{numbered(steps)}")
