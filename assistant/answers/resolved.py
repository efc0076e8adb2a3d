"""A report that states its own resolution: the answer says so first.

"Update: solved by importing the root CA into STRUST", "the problem was the proxy, fixed
now", "das Problem lag am Zwischenzertifikat": the reporter has tried the fix and seen it
work (intent.resolution finds the statement, intent.resolvedcauses the cause it names). An
answer that still says "Next step: raise the ICM trace …" or asks for the error text has not
listened. This one says what the text reports solved it, the cause (and, for the SAP client's
call, the message) that matches, and what the same fix leaves open elsewhere — the base's
own causes, by their titles, never a sentence of ours about the case. A fix said not to have
helped is no resolution (intent.resolution) and keeps the usual answer.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answers.document import AnswerDoc, Section
from assistant.answers.pieces import cause_title, message_ref
from assistant.answers.quoting import user_words
from assistant.intent.clearevidence import wrapping_code
from assistant.intent.importdone import FIXED
from assistant.intent.result import Routed
from assistant.intent.scope import SAP
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause

# What a fix of one kind leaves open elsewhere, as causes of the base: a CA put into one
# trust list (the chain's other certificate, the PSE another call uses, another application
# server) and the server's certificate renewed later; a setting changed (not permanent in
# the profile, another application server).
AFTER_A_TRUST_FIX = ("intermediate_missing", "wrong_client_pse_selected", "one_app_server_differs",
                     "server_cert_expiring_soon")
AFTER_A_SETTING = ("settings_not_active", "one_app_server_differs")
# Causes about the SAP system's own servers and profile: nothing another client's fix leaves open.
_SAP_SYSTEM_ONLY = frozenset({"one_app_server_differs", "settings_not_active"})
# A cause the fix itself took care of is nothing it leaves open: "importing the intermediate"
# or the whole chain already rules out the missing intermediate.
_DONE_BY_THE_FIX = {"intermediate_missing": ("intermediate", "zwischenzertifikat", "chain", "kette")}
_SETTING_MARKS = ("`ssl/", "`icm/", "RZ10")  # a fix step that sets a profile parameter
_ANSWERED_INTENTS = ("explain", "fix", "causes", "not_understood", "thanks")
MAX_QUOTED = 160  # characters of the reporter's words said back
_MESSAGE_CONTEXTS = ("explicit", "icm", "icm_http_error")  # a number written as the ICM's (entities.NumberMention)


def says_it_is_resolved(routed: Routed) -> bool:
    """The turn states its own resolution — a fix seen to work, not a finding — and asks
    nothing else first (a greeting, a list)."""
    return _states_its_outcome(routed) and routed.resolution is not None and routed.resolution.solved


def reports_a_finding(routed: Routed) -> bool:
    """The turn reports what its writer found ("I found out that …"), or a fix said with a
    hedge ("it seems to have solved it": a tentative solution), naming a cause of the base,
    but no fix seen to work (or asks on after it): a finding, not a resolution."""
    r = routed.resolution
    return _states_its_outcome(routed) and r is not None and not r.solved and r.cause is not None


def _states_its_outcome(routed: Routed) -> bool:
    return routed.resolution is not None and routed.intent in _ANSWERED_INTENTS and not routed.how_to


def with_the_finding(routed: Routed, kb: KnowledgeBase, usual: AnswerDoc, unsure_headline: str) -> AnswerDoc:
    """`usual` with the finding said back first (after the one question, when the answer asks
    one): the cause it names is evidence, not a fix seen to work — the usual next step stays."""
    resolution = routed.resolution
    assert resolution is not None
    cause = kb.causes.get(resolution.cause or "")
    if cause is None:
        return usual
    title = cause_title(cause, routed.scope.kind)
    if resolution.tentative:  # "it seems to have solved it": said as what it is, a fix not yet seen to hold
        line = (f"**Your text says this seems to have fixed it:** {_quoted(resolution.names)} — that matches the "
                f"cause: {title}. If the error comes back, the next step below still applies.")
    else:
        line = f"**Your text found:** {_quoted(resolution.names)} — that matches the cause: {title}."
    # The finding names the cause: a "Most likely cause" line would say it twice.
    said = f"**Most likely cause:** {cause_title(cause, routed.scope.kind)}"
    paragraphs = [p for p in usual.verdict.split("\n\n") if not p.startswith(said)]
    at = 1 if usual.headline == unsure_headline else 0
    return replace(usual, verdict="\n\n".join([*paragraphs[:at], line, *paragraphs[at:]]))


def _quoted(names: str) -> str:
    """The reporter's words, said back as every answer quotes a user's words
    (answers.quoting.user_words), cut to MAX_QUOTED."""
    return user_words(names, MAX_QUOTED)


def resolved_doc(routed: Routed, kb: KnowledgeBase, usual: AnswerDoc) -> AnswerDoc:
    """`usual` (the answer the text would get) led by what its resolution says: its verdict
    (a next step to find the cause, a question for the error text) is dropped — the cause is
    found — and its sections stay as details."""
    resolution = routed.resolution
    assert resolution is not None
    cause = kb.causes.get(resolution.cause or "")
    words = " ".join(resolution.names.split())  # masked where it was read (intent.resolvedcauses)
    lines = [f"**Your text reports it solved:** {_quoted(resolution.names)}."]
    message = _message_of(cause, routed, kb) if cause is not None else None
    if cause is not None:
        said = f"**That matches the cause:** {cause_title(cause, routed.scope.kind)}"
        lines.append(f"{said}; the SAP client reports it as {message_ref(kb, message)}." if message else f"{said}.")
    open_after = _left_open(cause, routed.scope.kind, kb, words) if cause is not None else ""
    if open_after:
        lines.append(f"**So it does not come back,** rule out what the same fix leaves open elsewhere: {open_after}.")
    headline = f"Solved, as your text reports — {message}" if message else "Solved, as your text reports"
    if cause is None:
        # Words the base knows no cause by: what the report reads like stays, as the first detail.
        lines.append("The knowledge base knows no cause by those words; what the rest of your text reads like "
                     "is under the first title below.")
        return AnswerDoc(headline, "\n\n".join(lines),
                         (Section(f"lead:{usual.headline}", usual.headline, usual.verdict), *usual.sections))
    return AnswerDoc(headline, "\n\n".join(lines), usual.sections)


def _message_of(cause: Cause, routed: Routed, kb: KnowledgeBase) -> str | None:
    """The SAP client's message for the cause, only when the text shows it (its id, its ICM
    constant, "HTTP error nnn occured") and it lists the cause: a solved report is answered
    with what it says, never with a message guessed for it; none for another kind of failure."""
    if routed.scope.kind != SAP:
        return None
    shown = shown_messages(routed, kb)
    return next((m.id for m in routed.messages if m.id in shown
                 and cause.id in getattr(kb.messages.get(m.id), "causes", ())), None)


def shown_messages(routed: Routed, kb: KnowledgeBase) -> set[str]:
    """The messages the text itself shows: an id or an ICM-read number ("HTTP error 421
    occured", "RC=407"), an ICM constant or a code seen with it — not a status the server sent."""
    e = routed.entities
    read_as_status = {n.message_id for n in e.numbers if n.context not in _MESSAGE_CONTEXTS}
    shown = {n.message_id for n in e.numbers if n.context in _MESSAGE_CONTEXTS}
    shown |= {mid for mid in e.message_ids if mid not in read_as_status}
    constants = set(e.icm_constants)
    shown |= {m.id for m in kb.messages.values() if m.icm_constant and m.icm_constant in constants}
    # A code the text shows (SSSLERR_PEER_CERT_UNTRUSTED) is read as its messages, unless it wraps any failure.
    shown |= {m for c in e.codes if c in kb.codes and not wrapping_code(c, kb) for m in kb.codes[c].messages}
    return {m for m in shown if m}


def _left_open(cause: Cause, kind: str, kb: KnowledgeBase, fix: str) -> str:
    """What the same kind of fix leaves open elsewhere, less what `fix` (the reporter's words
    of what was done) shows it took care of."""
    ids: tuple[str, ...]
    if cause.after_import == FIXED:
        ids = AFTER_A_TRUST_FIX
    elif any(mark in step for step in cause.fix for mark in _SETTING_MARKS):
        ids = AFTER_A_SETTING
    else:
        return ""
    done = {c for c, marks in _DONE_BY_THE_FIX.items() if any(mark in fix.lower() for mark in marks)}
    titles = [cause_title(kb.causes[c], kind) for c in ids
              if c != cause.id and c not in done and c in kb.causes and (kind == SAP or c not in _SAP_SYSTEM_ONLY)]
    return "; ".join(f"*{t[:1].lower()}{t[1:]}*" for t in titles)
