"""The answer to a follow-up that names a subject within the topic ("what about TLS 1.3?",
"and SNI?", "does it matter which PSE?"): one verdict line that says what the topic's
base has on it — the cause and the parameters it names — or plainly that the topic's
message lists nothing on it (and where the base has it), and the entries of the terms named.

The router found the subject (`Routed.subject`, intent.subject) and put the topic's causes
on it first; nothing here ranks again.
"""

from __future__ import annotations

from assistant.answers.document import Section
from assistant.answers.pieces import cause_title
from assistant.intent.places import PARAMETER
from assistant.intent.result import Routed
from assistant.intent.subject import names, parameters_named_in
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause
from assistant.textsafe import md_code

MAX_PARAMETERS = 4
SUBJECT_INTENTS = ("explain", "causes", "fix")


def subject_line(routed: Routed, kb: KnowledgeBase) -> str:
    """The verdict's line on the subject, or "" when the turn names none."""
    s = routed.subject
    if s is None or routed.intent not in SUBJECT_INTENTS or (s.topic is None and s.asked_whether):
        return ""
    label = _label(routed, kb)
    kind = routed.scope.kind
    topic = s.topic or "this topic"  # a how-to's topic names no message: its causes are the topic
    if s.causes:
        cause = kb.causes[s.causes[0]]
        head = f"**{label}, within {topic}:**" if label else f"**Within {topic}:**"
        params = _on_the_subject(parameters_of(cause, kb), s.terms, kb)
        named = f" (parameters: {', '.join(f'`{p}`' for p in params)})" if params else ""
        if len(s.causes) == 1:
            return f"{head} the cause on it is *{cause_title(cause, kind)}*{named}."
        second = kb.causes[s.causes[1]]
        return (f"{head} the causes on it are *{cause_title(cause, kind)}*{named} "
                f"and *{cause_title(second, kind)}*.")
    about = label or "that"
    if s.topic is None:
        return ""  # nothing of a how-to's own causes on it: the entries below answer
    if s.elsewhere:
        cause = kb.causes[s.elsewhere[0]]
        reported = [m.id for m in kb.messages.values() if cause.id in m.causes][:2]
        where = f", which SAP reports as {' or '.join(reported)}" if reported else ""
        return (f"**{s.topic} lists no cause on {about}.** The knowledge base has it as "
                f"*{cause_title(cause, kind)}*{where}.")
    if s.words:
        return (f"**The knowledge base has nothing on {md_code(s.words)}** — neither {s.topic} nor any "
                "other message's causes mention it; what follows is the topic as before.")
    return f"**The knowledge base has no cause of {s.topic} on {about}** — only the entry below."


def yes_no_line(routed: Routed, kb: KnowledgeBase) -> str:
    """A yes/no question whether something is the cause ("is it the proxy?"), answered plainly
    first from what the topic holds — a check's finding (its cause, or "probably not" when it
    found another: it ran from this machine, SAP's path may differ), the causes its own words pointed to,
    a proxy it names — never from the question's own words; "" for any other turn. Without
    such evidence it says so, and how to tell (the cause's check)."""
    s = routed.subject
    if s is None or not s.asked_whether or routed.intent not in SUBJECT_INTENTS:
        return ""
    named = [kb.causes[c] for c in (*s.causes, *s.elsewhere) if c in kb.causes]
    state, kind = routed.state, routed.scope.kind
    if not named:
        return ""
    off_path = _not_on_the_path(routed, named, kb)
    if off_path:
        return off_path
    found = next((c for c in named if c.id == state.confirmed_cause), None)
    if found is not None:
        return f"**Yes — {state.confirmed_by} found it:** *{cause_title(found, kind)}*."
    other = kb.causes.get(state.confirmed_cause or "")
    if other is not None:  # a check (or the trace) found the cause, and it is not the one asked about
        return f"**Probably not — {state.confirmed_by} found another cause:** *{cause_title(other, kind)}*."
    said = _said_of_the_topic(named, routed)
    if said:
        return said
    pointed = next((c for c in named if c.id in state.evidenced), None)
    if pointed is not None:
        return f"**Yes — what you reported points to it:** *{cause_title(pointed, kind)}*."
    fits = next((c for c in named if c.id in state.shared), None)
    if routed.entities.proxy and state.proxy:
        where = f" (`{state.proxy_url}`)" if state.proxy_url else ""
        return (f"**Yes — your text names a proxy{where}:** it is in the path, so *{cause_title(named[0], kind)}* "
                "can be the cause.")
    first = fits or named[0]
    how = f" To tell: {first.check.how}" if first.check is not None and first.check.how else ""
    if fits is not None:
        return (f"**Possibly — the code you reported fits it, and other causes as well:** "
                f"*{cause_title(fits, kind)}*.{how}")
    label = _label(routed, kb)
    about = label if label and not label.startswith("A ") else label[:1].lower() + label[1:]
    return f"**Nothing you said points to {about or f'*{cause_title(first, kind)}*'}.**{how}"


def _said_of_the_topic(named: list[Cause], routed: Routed) -> str:
    """What the user said of the subject earlier in the topic ("the proxy is not involved"),
    said back as the answer: the user's own statement outweighs a code that fits several
    causes; "" when the topic's turns stated nothing of it."""
    from assistant.answers.statednote import you_said
    from assistant.intent.statedcauses import said_of
    from assistant.intent.statedmemory import statements_of

    kept = statements_of(routed.state.stated)
    fact = next((f for f in (said_of(c.id, kept) for c in named) if f is not None), None)
    if fact is None:
        return ""
    if fact.affirmed:
        return f"**Yes — {you_said(fact.said)}.**"
    return f"**{you_said(fact.said)[:1].upper()}{you_said(fact.said)[1:]}** — nothing else you reported points to it."


# The kinds whose path leaves out whole steps of the HTTP client (intent.layercauses): a cause
# of a step the path does not have is plainly not it.
_PATHS = {"rfc_or_network": "An RFC / NI connection opens TCP and logs on: it passes no HTTP proxy, TLS handshake, "
                            "certificate chain or client certificate of the HTTP client"}


def _not_on_the_path(routed: Routed, named: list[Cause], kb: KnowledgeBase) -> str:
    """"No" when no cause on the subject can be behind the topic's kind of failure at all
    ("is it the proxy?" about an RFC connection), unless a check found one; "" otherwise."""
    from assistant.intent.layercauses import cause_can_be_behind

    kind = routed.scope.kind
    path = _PATHS.get(kind)
    if path is None or routed.state.confirmed_cause in {c.id for c in named}:
        return ""
    if any(cause_can_be_behind(c.id, kind, kb) for c in named):
        return ""
    label = _label(routed, kb)
    about = label[:1].lower() + label[1:] if label.startswith("A ") else (label or f"*{cause_title(named[0], kind)}*")
    return f"**No — {about} is not on this call's path.** {path}."


def names_the_likely_cause(routed: Routed) -> bool:
    """The subject line names the cause the answer leads with: a "Most likely cause" line
    would say it again (unless a check found it, which that line says)."""
    s = routed.subject
    if s is None or routed.intent not in SUBJECT_INTENTS or not routed.causes:
        return False
    # Within the topic, or the entry elsewhere the line names ("… lists no cause on SNI; the
    # base has it as …"): called "most likely" again, the latter would read as the topic's.
    named = s.causes[0] if s.causes else (s.elsewhere[0] if s.elsewhere else None)
    return named is not None and routed.causes[0].id == named and routed.state.confirmed_cause != named


def step_on_subject(steps: tuple[str, ...] | list[str], cause: Cause, routed: Routed, kb: KnowledgeBase) -> str | None:
    """Of the cause's fix steps, the first that names what the follow-up asks about — a
    term it names (its id or an alias: "TLS 1.3") or a parameter of the cause that term's
    entry names (ssl/client_ciphersuites) — else None. A proxy is no term: the cause on it
    is titled by it, and "through the proxy" in a later step is no better a start.
    "what about TLS 1.3?" is answered by the step that sets the cipher-suite strings, not
    by the step the topic's answer led with."""
    s = routed.subject
    if s is None or routed.intent not in SUBJECT_INTENTS:
        return None
    wanted = [n for t in s.terms if t in kb.glossary for n in (t, *kb.glossary[t].aliases)]
    texts = [kb.glossary[t].text for t in s.terms if t in kb.glossary]
    params = [p for p in parameters_of(cause, kb) if p not in s.terms and any(names(p, text) for text in texts)]
    wanted += [n for p in params for n in (p, *kb.glossary[p].aliases)]
    return next((step for step in steps if any(names(n, step) for n in wanted if n.strip())), None)


def subject_sections(routed: Routed, kb: KnowledgeBase) -> list[Section]:
    """The entries of the glossary terms the subject names (TLS 1.3 on AS ABAP, SNI),
    under the keys a glossary answer uses: a term the conversation has shown is not
    shown again."""
    s = routed.subject
    if s is None or routed.intent not in SUBJECT_INTENTS:
        return []
    from assistant.answers.replies import glossary_sections  # only subject answers need it

    return [sec for sec in glossary_sections(routed, kb, s.terms[:2]) if not sec.key.startswith("sources:")]


def _label(routed: Routed, kb: KnowledgeBase) -> str:
    """The subject as the base titles it: the first named term's title, else "" (a
    subject found by the turn's words alone is named by its cause)."""
    s = routed.subject
    if s is not None and s.terms:
        return kb.glossary[s.terms[0]].title
    if routed.entities.proxy:
        return "A proxy"
    if s is not None and s.words:
        return md_code(s.words)
    return ""


def _on_the_subject(params: list[str], terms: tuple[str, ...], kb: KnowledgeBase) -> list[str]:
    """Of the cause's parameters, those the named term's own entry names too (TLS 1.3: the
    cipher-suite strings, not the SNI switches the same fix also sets); all of them when
    the term names none, or no term was named."""
    texts = [kb.glossary[t].text for t in terms if t in kb.glossary]
    if not texts or any(p in terms for p in params):
        return [p for p in params if p in terms] or params
    shared = [p for p in params if any(names(p, text) for text in texts)]
    return shared or params


def parameters_of(cause: Cause, kb: KnowledgeBase) -> list[str]:
    """The profile parameters the cause's text names, in the order it names them."""
    return parameters_named_in("\n".join((cause.explanation, *cause.fix)), kb)[:MAX_PARAMETERS]


def step_in_place(steps: tuple[str, ...] | list[str], routed: Routed, kb: KnowledgeBase) -> str | None:
    """Of the cause's fix steps, the first done where the follow-up asks ("how do I fix it
    in STRUST?": the import, not the trace the topic's answer led with; "where is that
    parameter?": the step that sets a profile parameter), else None."""
    if routed.intent not in SUBJECT_INTENTS:
        return None
    for place in routed.places:
        step = next((s for s in steps if _done_in(place, s, kb)), None)
        if step is not None:
            return step
    return None


def place_line(steps: tuple[str, ...] | list[str], cause: Cause | None, routed: Routed, kb: KnowledgeBase) -> str:
    """When the follow-up asks for a place none of the cause's steps uses ("where is that
    parameter?" about an expired certificate), that said plainly — not the same answer
    again, as if the question were not heard."""
    if cause is None or not routed.places or routed.intent not in SUBJECT_INTENTS:
        return ""
    if step_in_place(steps, routed, kb) is not None:
        return ""
    asked = routed.places[0]
    what = "sets no profile parameter" if asked == PARAMETER else f"has no step in {md_code(asked)}"
    return f"**The fix of *{cause_title(cause, routed.scope.kind)}* {what}** — its next step stays the one below."


def _done_in(place: str, step: str, kb: KnowledgeBase) -> bool:
    if place == PARAMETER:
        return bool(parameters_named_in(step, kb))
    entry = kb.glossary.get(place)
    names_of = (place, *entry.aliases) if entry is not None else (place,)
    return any(names(n, step) for n in names_of if n.strip())
