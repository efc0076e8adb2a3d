"""What the user said works elsewhere, said back as the comparison an expert makes of it.

"curl from the app server works" is read (intent.comparisons) as proving the path and a TLS
handshake from the SAP server; the answer says so in one line right after its lead — the
user's words (masked, literal), what they show, and what is left that differs — so the admin
sees why the firewall went to the end and SAP's own TLS client leads. A follow-up that only
states such a fact leads with that line and the cause now first, not the topic's answer again.
"""

from __future__ import annotations

from assistant.answers.pieces import cause_title
from assistant.answers.statednote import you_said
from assistant.answers.verdict import top_cause
from assistant.intent.comparisons import Comparison, comparison_of
from assistant.intent.result import Routed
from assistant.intent.scope import SAP as SAP_CLIENT
from assistant.kb.knowledge_base import KnowledgeBase

SAID_BACK = "**You said** "  # how a comparison's line starts (answers.document keeps it in a follow-up)
NOW_FIRST = "**Now first:** "


def comparison_lines(routed: Routed, kb: KnowledgeBase) -> list[str]:
    """One line per comparison the turn states ("You said “…”: …, so what differs is …"),
    and on a follow-up the cause that now leads and those the comparisons moved to the end."""
    if routed.scope.kind != SAP_CLIENT or routed.another_client:
        return []  # what differs is said of the SAP system as the client: another client's call has other parts
    stated = [(f, row) for f in routed.stated if not f.affirmed and (row := comparison_of(f.subject)) is not None]
    lines: list[str] = []
    ruled_out: list[str] = []
    for fact, row in stated:
        if _covered(row, [r for _, r in stated]):
            continue  # "telnet works" beside "curl works": the curl line says more, and holds its words
        said = you_said(fact.said).removeprefix("you said ")
        also = [you_said(f.said).removeprefix("you said ") for f, r in stated if r is not row and _covered(r, [row])]
        said += f" (and {', '.join(also)})" if also else ""
        lines.append(f"{SAID_BACK}{said}: {row.shows}, so what differs is {row.differs}.")
        ruled_out += [c for c in row.rules_out if c not in ruled_out]
    if lines and routed.follow_up:
        lines.append(_now_first(routed, kb, ruled_out))
    return [line for line in lines if line]


def _covered(row: Comparison, others: list[Comparison]) -> bool:
    """Another comparison stated proves all this one does and more (curl over telnet on the
    same server, a browser over a TCP probe from a PC): this one's line would say less."""
    return any(set(row.proves) < set(other.proves) for other in others if other is not row)


def compared_now(routed: Routed) -> bool:
    """A follow-up that states a comparison: its "Now first" line names the leading cause."""
    return routed.follow_up and routed.scope.kind == SAP_CLIENT and not routed.another_client and any(
        not f.affirmed and comparison_of(f.subject) is not None for f in routed.stated)


def _now_first(routed: Routed, kb: KnowledgeBase, ruled_out: list[str]) -> str:
    """The topic's cause that leads after the comparison, and the ones it put last."""
    kind = routed.scope.kind
    first = top_cause(routed, kb)
    if first is None:
        return ""
    listed = {c.id for c in routed.causes}
    moved = [cause_title(kb.causes[c], kind) for c in ruled_out if c in listed and c in kb.causes and c != first.id]
    last = f" {_joined(moved)} moved to the end of the list." if moved else ""
    return f"{NOW_FIRST}{cause_title(first, kind)}.{last}"


def _joined(titles: list[str]) -> str:
    quoted = [f"“{t}”" for t in titles]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
