"""The verdict under an answer's headline: what it is, the likely cause, the one next step,
and the live-check offer — 2 to 4 short lines, each a decision the router already made.

Every line is built from `Routed` and the base; nothing here ranks or re-reads the text.
"""

from __future__ import annotations

import re

from assistant.answers.pieces import cause_title, check_command
from assistant.answers.privateaddress import private_address_note
from assistant.answers.statednote import stated_aside
from assistant.intent.lead import lead_of, leading_cause
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause
from assistant.textsafe import md_code

NEXT_STEP_CHARS = 240
FIRST_ERROR = 400  # statuses from here on are refusals
BEST_MATCH_NOTE = "*(best match for your wording)*"
# Where the error behind an ICM-made page is (the DEV_ICM and GET_LAST_ERROR glossary
# entries): the page's status says only that the call failed.
ICM_PAGE_IN_TRACE = "the real error is in `dev_icm` (`SMICM` → Goto → Trace File → Display End)."
ICM_PAGE_REAL_ERROR = ICM_PAGE_IN_TRACE[:-1] + " or in `get_last_error` of your program."
_SENTENCE_END = re.compile(r"(?<=[.:;])\s")


def short_step(step: str, limit: int = NEXT_STEP_CHARS) -> str:
    """A fix step cut to one line: its first paragraph, up to a sentence end near `limit`."""
    text = " ".join(step.strip().split("\n\n", 1)[0].split())
    if len(text) <= limit:
        return text
    cut = [m.start() for m in _SENTENCE_END.finditer(text, 0, limit)
           if text.count("(", 0, m.start()) == text.count(")", 0, m.start())]  # never inside ( )
    if cut and cut[-1] >= limit // 3:
        if text[cut[-1] - 1] == ".":
            return text[: cut[-1]]
        # A lead-in (":", ";") whose list is left out: say that more follows, never end on it.
        return text[: cut[-1]].rstrip(":;") + " …"
    head = text[:limit].rsplit(" ", 1)[0]
    if head.count("`") % 2:  # never leave a code span open
        head = head[: head.rindex("`")].rstrip()
    return head + " …"


def top_cause(routed: Routed, kb: KnowledgeBase) -> Cause | None:
    """The most likely cause as the router's lead sees it: the cause heading the answer
    when the router chose one (`intent.lead`: a close runner-up the best-ranked message
    lists), so "Best guess", "Most likely cause" and the next step name one cause; else
    the first with evidence of its own, or the one a check confirmed (leading_cause)."""
    confirmed = routed.state.confirmed_cause
    lead = lead_of(routed, kb)
    if lead.kind == "cause" and not confirmed and lead.entry in kb.causes and any(
            c.id == lead.entry for c in routed.causes):
        return kb.causes[lead.entry]
    cause = leading_cause(routed.causes, confirmed, kb)
    return kb.causes[cause] if cause is not None else None


def cause_line(routed: Routed, kb: KnowledgeBase) -> str:
    cause = top_cause(routed, kb)
    if cause is None:
        return ""
    found = routed.state.confirmed_cause == cause.id
    label = f"Cause (found by {routed.state.confirmed_by})" if found else "Most likely cause"
    note = private_address_note(cause.id, routed)  # "a proxy is required" for a private address
    said = "" if found else stated_aside(cause.id, routed)  # "(you said “the firewall blocks port 443”)"
    return f"**{label}:** {cause_title(cause, routed.scope.kind)}{said}.{note.replace(' — ', ' ', 1)}"


def check_offer_line(routed: Routed, *, for_chat: bool) -> str:
    """Only when this turn names an endpoint: the check is then one step away."""
    target = routed.offered_target  # named by this turn, and a name a check can reach
    if not target:
        return ""
    entities = routed.entities
    if for_chat:
        return (
            f"**Live check:** reply **yes** (or *check it*) and I check {md_code(target)} now — "
            "or `/check URL` with options such as `--proxy URL`, `--ca-file FILE`."
        )
    proxy = entities.proxy_url or routed.state.proxy_url
    return f"**Live check:** run {check_command(target, proxy)} to see which cause it is."


def statuses_in_order(routed: Routed, kb: KnowledgeBase) -> str:
    """Two statuses, one the proxy's and one the far server's (407 and 401): both said
    once, and which to fix first — the proxy's: while it refuses the call, nothing reaches
    the far server, whose answer may change once it does. "" for one status, or two of
    one side."""
    by_side: dict[str, int] = {}
    for r in routed.readings:
        if r.lean == "http" and r.decided and r.number in routed.http_statuses and r.number >= FIRST_ERROR:
            by_side.setdefault("proxy" if r.via == "proxy" else "target", r.number)
    if len(by_side) < 2:
        return ""
    proxy, target = by_side["proxy"], by_side["target"]
    leads = next((kb.messages.get(r.message or "") for r in routed.readings if r.number == proxy), None)
    sap = f" (in SAP terms **{leads.id}**)" if leads is not None and routed.scope.kind == "sap_http_client" else ""
    return (f"**Two statuses: HTTP {proxy} is the proxy's answer{sap}, HTTP {target} the far server's.** "
            f"Fix the proxy's first: while the proxy refuses the call, nothing reaches the far server.")


def first_line(routed: Routed, kb: KnowledgeBase, named: bool) -> str:
    """The verdict's first line: what the text is, as the router read it."""
    both = statuses_in_order(routed, kb)
    if both:
        return both
    for r in routed.readings:
        if r.lean == "http" and r.decided and r.number in routed.http_statuses:
            source = "the proxy" if r.via == "proxy" else "the server"
            leads = kb.messages.get(r.message or "")
            if leads is not None:
                return f"**HTTP {r.number}** is {source}'s answer; in SAP terms it is **{leads.id}**."
            return f"**HTTP {r.number} is {source}'s own answer, not an SAP HTTP-client error** — the connection worked."
        if r.lean == "icm_page":
            # An SM59 test has no program: its error is in the trace alone.
            where = ICM_PAGE_IN_TRACE if "SM59" in routed.entities.transactions else ICM_PAGE_REAL_ERROR
            return f"**{r.number} here is a page the ICM made after the call failed**, not the server's answer: {where}"
    undecided = sorted({a.code for a in routed.ambiguity if not any(r.number == a.code and r.decided for r in routed.readings)})
    if undecided:
        return f"**{undecided[0]} can be read two ways** (see below): an ICM code or a real HTTP status."
    if routed.follow_up:
        return "*(about the current topic)*"
    if not named and not routed.readings:
        return BEST_MATCH_NOTE
    return ""
