"""Answers that do not lead with an SCLNT_HTTP message: another kind of failure (a status
the far server sent, the SAP system as server, RFC/network, another client), an id the base
does not know, and questions about the domain itself ("which profile parameters matter?").

Each leads with what it is and where its fix lives, in a few lines; the base's entries
(glossary terms, causes) give the details. A pointer, not a guide to another product.
"""

from __future__ import annotations

import re

from assistant.answers.document import AnswerDoc, Section
from assistant.answers.pieces import first_paragraph, sources_block
from assistant.answers.quoting import screen_lines
from assistant.answers.reading_notes import statuses_with_an_icm_reading, unknown_block
from assistant.intent.confidence import QUESTIONS
from assistant.intent.httpstatus import HTTP_REASONS
from assistant.intent.layercauses import listed_causes
from assistant.intent.result import Routed, ScoredCause
from assistant.intent.scopetally import TRUST_POINTERS
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import GlossaryEntry, Message
from assistant.textsafe import md_code

KIND_HEADLINES = {
    "http_status_from_server": "Not an SAP HTTP-client error: the server answered with an HTTP status",
    "sap_server_inbound": "Not an SAP HTTP-client error: here the SAP system is the server",
    "rfc_or_network": "Not an SAP HTTP-client error: the RFC / network layer",
    "other_client": "Not an SAP HTTP-client error: another client's own connection, TLS or trust",
    "unknown": "Not sure which system or client failed",
}
OFF_TOPIC_HEADLINE = "Probably not an SAP HTTP-client error"
# Under an unknown kind's question (which program makes the call?): what the other answer leads to.
ANOTHER_CLIENT_HINT = (
    "If another client makes it, its own trust store, proxy and logon settings hold the fix: "
    "name it (and its error text) and the answer points there."
)
# Under the question whether the failing step calls another system at all: what either answer leads to.
NO_CALL_HINT = (
    "If no call to another system is involved, the fix lives with the application, job or tool that reported "
    "it; if one is, its error names the client and the answer points to where that client's fix lives."
)
# Under the question of how a call the text names fails: the program is named, so where the
# fix of its failed call lives is said, not asked.
NAMED_CLIENT_HINT = (
    "If that program's call fails, its own trust store, proxy and logon settings hold the fix — not STRUST "
    "or SM59; its error for the call says which."
)
# Under an off-topic text (a dump, an IDoc, a job): the fix lives with what raised it, and
# what sapassist can answer instead — the other-client hint would name a client there is none of.
OFF_TOPIC_POINTER = (
    "**Where the fix lives:** with the application, job or log that reported it. sapassist "
    "answers SAP HTTP-client errors (SCLNT_HTTP) and says where another client's connection, "
    "TLS or certificate error is fixed."
)
# Kinds whose closest causes are named by title only: the base's explanations describe the
# SAP HTTP client's own call (its ICM, PSEs, proxy settings), which an RFC connection or a
# call *to* the SAP system does not make.
TITLES_ONLY_KINDS = ("rfc_or_network", "sap_server_inbound")
# A pointer answer's sources: those of the cause it names, a few (the pointer's entry has its own).
MAX_SOURCES = 3
DOMAIN_TITLES = {
    "parameter": "Profile parameters that matter for outbound HTTPS",
    "transaction": "Transactions you need for SAP HTTP-client errors",
    "note": "SAP notes the knowledge base refers to",
    "report": "Reports and programs for testing the connection",
}


def causes_that_fit(routed: Routed, kb: KnowledgeBase) -> list[ScoredCause]:
    """The router's causes that do not contradict what the answer says the failure is: those
    `layercauses.listed_causes` lists for the kind — the same the topic keeps. "The server
    answered with a status": only causes that show in an answer (their check step is `http`);
    another client: not the causes that live in the SAP system's own parts; RFC / network:
    not the HTTP client's proxy, TLS, chain, client-certificate or ICM causes; the SAP system
    as server: not the causes of its own outbound call; an unknown kind: those the text
    shows; the SAP client: all of them."""
    return listed_causes(routed.causes, routed.scope.kind, routed.readings, kb,
                         confirmed=routed.state.confirmed_cause)


def verdict_lines(routed: Routed, kb: KnowledgeBase, *, asks: bool, off_topic: bool) -> list[str]:
    """What it is and where its fix lives. Off-topic: that, and what sapassist answers
    instead; an unknown kind with its question: only what the other answer leads to."""
    if off_topic:
        return [*scope_lines(routed, kb), OFF_TOPIC_POINTER]
    if not asks:
        return scope_lines(routed, kb)
    if routed.question == QUESTIONS["no_call"]:
        return [NO_CALL_HINT]
    return [NAMED_CLIENT_HINT if routed.question == QUESTIONS["named_client"] else ANOTHER_CLIENT_HINT]


def not_said(routed: Routed, kb: KnowledgeBase, *, asks: bool) -> frozenset[str]:
    """The SCLNT_HTTP messages the verdict's one "Not …" line names (scope_lines), if any."""
    return frozenset(m.id for m in _not_messages(routed, kb)) if not asks else frozenset()


def _not_messages(routed: Routed, kb: KnowledgeBase) -> list[Message]:
    """The scope's `not_message` and, beside it, the message of every other number read as a
    real status that also has an SCLNT_HTTP reading: one not-line names them all (a second
    "Not SCLNT_HTTP403" in the reading notes said the same in another style)."""
    first = kb.messages.get(routed.scope.not_message or "")
    if first is None:
        return []
    others = [kb.message_by_number(n) for n in statuses_with_an_icm_reading(routed) if n != first.number]
    return [first, *(m for m in others if m is not None and m.id != first.id)]


def scope_lines(routed: Routed, kb: KnowledgeBase) -> list[str]:
    """The verdict's lines for a kind of failure other than the SAP HTTP client."""
    scope = routed.scope
    lines = [f"**What it is:** {scope.reason[0].upper()}{scope.reason[1:]}." if scope.reason else ""]
    lines += screen_lines(routed)  # what the server (or the screen) said, right under it
    pointer = kb.glossary.get(scope.pointer or "")
    # A calling client's trust store, as the pointer or named by a product word: not this server's fix.
    trust_store = next((kb.glossary[g] for g in (scope.pointer or "", *routed.glossary)
                        if g in kb.glossary and calling_clients_trust(g, scope.kind)), None)
    if trust_store is not None and (pointer is None or pointer is trust_store):
        lines.append(_server_side_home(trust_store))
    elif pointer is not None:
        sentence = first_sentence(pointer.text)
        # A list's lead-in, or a paragraph cut short, says nothing alone: the section has it whole.
        gist = "" if sentence.endswith((":", "…")) else f" — {sentence}"
        named = "" if pointer.id in pointer.title else f" (`{pointer.id}`)"  # its id once
        lines.append(f"**Where the fix lives:** {pointer.title}{named}{gist}")
    not_messages = _not_messages(routed, kb)
    if not_messages:
        lines.append(_not_line(not_messages, routed))
    return lines


def _not_line(messages: list[Message], routed: Routed) -> str:
    """The verdict's one "Not SCLNT_HTTPnnn" line: what each number is instead. A status the
    wording shows (HTTP 401 Unauthorized) is named as one beside every kind — the called
    SAP system's or another client's server answered with it — not only as "not the ICM's code"."""
    head = " ".join(f"**{'Not' if n == 0 else 'or'} {m.id}** ({m.display_text})" for n, m in enumerate(messages)) + ":"
    code = "those are the ICM's own codes" if len(messages) > 1 else "that is the ICM's own code"
    https = [_http(m.number) for m in messages]
    if routed.scope.kind == "http_status_from_server":
        verb = "are not errors" if len(messages) > 1 else "is not an error"
        return f"{head} {code}; here {_and(https)} {verb} of the SAP HTTP client."
    statuses = [n for n in (m.number for m in messages) if n in routed.http_statuses and n in HTTP_REASONS]
    if not statuses:
        return f"{head} the number{'s are' if len(messages) > 1 else ' is'} not the ICM's code here."
    by_who: dict[str, list[str]] = {}
    for n in statuses:
        by_who.setdefault(_who(n, routed), []).append(_http(n))
    said = [f"{_and(https)} {'are the statuses' if len(https) > 1 else 'is the status'} {who} answered with"
            for who, https in by_who.items()]
    return f"{head} {code}; here {'; '.join(said)}."


def _http(number: int) -> str:
    reason = HTTP_REASONS.get(number)
    return f"HTTP {number} {reason}" if reason else str(number)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _who(number: int, routed: Routed) -> str:
    # 407 Proxy Authentication Required is always a proxy's answer (RFC 9110, 15.5.8).
    if number == 407:
        return "a proxy"
    return ("the called SAP system (or what stands in front of it)" if routed.scope.kind == "sap_server_inbound"
            else "a server")


def first_sentence(text: str, limit: int = 220) -> str:
    """The first sentence, or the first paragraph cut near `limit` — never inside a code
    span (an open backtick would show raw, and the quoted text runs on without its end)."""
    para = " ".join(first_paragraph(text).split())
    end = para.find(". ")
    if 0 < end < limit and para.count("`", 0, end) % 2 == 0:
        return para[: end + 1]
    if len(para) <= limit:
        return para
    head = para[:limit].rsplit(" ", 1)[0]
    if head.count("`") % 2:
        head = head[: head.rindex("`")]
    return head.rstrip(" ,;:") + " …"


def _without_first_sentence(text: str) -> str:
    """`text` less the sentence `first_sentence` takes from it, when that is a whole
    sentence of the first paragraph (never leaves the section empty)."""
    shown = first_sentence(text)
    paragraph = text.split("\n\n", 1)[0]
    end = re.search(r"\.\s", paragraph)
    if end is None or " ".join(paragraph[: end.start() + 1].split()) != shown:
        return text
    return text[end.end():].lstrip() or text


def calling_clients_trust(glossary_id: str, kind: str) -> bool:
    """A client's trust store (the Cloud Connector's backend trust store, Java's cacerts …)
    beside a failure whose server is the SAP side or the product itself (the Cloud
    Connector's own administration UI): that is the other direction — what the product
    trusts when it calls — not where this server's fix lives."""
    return kind == "sap_server_inbound" and glossary_id in TRUST_POINTERS


def _server_side_home(trust_store: GlossaryEntry) -> str:
    return (f"**Where the fix lives:** on the server being called — its own certificate and TLS settings. "
            f"{trust_store.title} (`{trust_store.id}`) is the other direction: what it trusts when it calls.")


NEXT_STEP = "**Next step:**"


def pointer_step_line(routed: Routed, kb: KnowledgeBase, verdict: list[str]) -> str:
    """"Next step" from the entry where the fix lives (`GlossaryEntry.next_step`), when the
    verdict has none of its own (a status's step, a client's unplaced error): a pointer
    alone says where, not what to do first there. None for a calling client's trust store
    beside the SAP system as server — that is the other direction."""
    entry = kb.glossary.get(routed.scope.pointer or "")
    if (entry is None or not entry.next_step or calling_clients_trust(entry.id, routed.scope.kind)
            or any(line.startswith(NEXT_STEP) for line in verdict)):
        return ""
    step = " ".join(entry.next_step.split())
    return f"{NEXT_STEP} {step[:1].upper()}{step[1:]}"


def pointer_section(routed: Routed, kb: KnowledgeBase) -> Section | None:
    entry = kb.glossary.get(routed.scope.pointer or "")
    if entry is None or calling_clients_trust(entry.id, routed.scope.kind):
        return None
    body = _without_first_sentence(entry.text.strip())  # the verdict shows it already
    sources = sources_block(entry.sources)
    if sources:
        body += "\n\n" + sources
    # The verdict's line says "Where the fix lives" and names the id (for `sapassist
    # lookup`); both in the heading made it 85–110 characters, two lines of an 80-column
    # screen. The entry's title alone fits (the longest pointer's is 76).
    return Section(f"glossary:{entry.id}", entry.title, body)


def unknown_lines(routed: Routed, kb: KnowledgeBase) -> tuple[str, list[str], Section | None]:
    """For an id the base does not know: the headline, the verdict, the details."""
    ids = ", ".join(u.id for u in routed.unknown_ids)
    block = unknown_block(routed, kb)
    first, _, rest = block.partition("\n\n")
    near = [n for u in routed.unknown_ids for n in u.nearest]
    if all(u.kind == "code" for u in routed.unknown_ids):
        # Its neighbours follow on their own line, with what each is.
        first = f"**{md_code(ids)} is not in the knowledge base.** I have no meaning for it, so I will not guess."
    verdict = [first]
    shown = [_nearest_line(n, kb) for n in dict.fromkeys(near)]
    shown = [line for line in shown if line]
    if shown:
        verdict.append("**Nearest known:** " + ", ".join(shown[:4]) + ".")
    guess = _family_guess(routed, kb)
    if guess:
        verdict.append(guess)
    if any(u.kind == "message" for u in routed.unknown_ids):
        verdict.append(
            "**Next step:** read its text in your system (`SE91` → message class, or table `T100`) "
            "and add it with `sapassist kb import-t100`."
        )
    elif any(u.id.upper().startswith(SAPSSL_OR_ICM) for u in routed.unknown_ids):
        verdict.append(UNKNOWN_CODE_STEP)
    else:
        verdict.append(UNKNOWN_NI_STEP)
    # The neighbours are in the verdict already; the details say how to get the text.
    rest = "\n\n".join(p for p in rest.split("\n\n") if not p.startswith("Known neighbours"))
    details = Section(f"unknown:{ids}", "How to get its text", rest) if rest else None
    return f"{ids} is not in the knowledge base", verdict, details


# Where an unknown SapSSL / ICM code's own text is: the lines the ICM writes around it
# (the DEV_ICM glossary entry: the error stack after "SSL handshake with … failed").
SAPSSL_OR_ICM = ("SSSL", "ICM_")
UNKNOWN_CODE_STEP = (
    "**Next step:** read the lines around it in `dev_icm` (`SMICM` → Goto → Trace File → "
    "Display End; trace level 2 shows the handshake): the error stack there says what failed."
)
# An NI code is written by whichever program opened the connection: its own trace has it.
UNKNOWN_NI_STEP = (
    "**Next step:** read the lines around it in the trace it came from (`dev_icm` for a call "
    "through the ICM): the text there says what failed."
)


def _nearest_line(ident: str, kb: KnowledgeBase) -> str:
    """A known neighbour as "id (what it is)": a message's text, a code's number."""
    message = kb.messages.get(ident)
    if message is not None:
        return f"{ident} ({message.display_text})"
    code = kb.codes.get(ident)
    if code is not None:
        return f"`{ident}` ({code.numeric})" if code.numeric is not None else f"`{ident}`"
    return ""


def _family_guess(routed: Routed, kb: KnowledgeBase) -> str:
    """The message the router ranks without a named id (a SapSSL code's family: the ICM's
    general SSL error), said as the guess it is, after the unknown id."""
    if not routed.messages or not any(u.kind == "code" for u in routed.unknown_ids):
        return ""
    message = kb.messages.get(routed.messages[0].id)
    if message is None:
        return ""
    return (f"**Not answered as another message:** its family suggests {message.id} "
            f"({message.display_text}), but only its own text says which failure it is.")


def _own_title(ident: str, title: str) -> str:
    """The title without the id it may start with ("RZ10 — Maintain profiles"), as a lead-in."""
    head, sep, rest = title.partition(" — ")
    text = rest if sep and head.strip().lower() == ident.lower() else title
    return "" if text.strip().lower() == ident.lower() else f"{text.strip()}: "


def domain_doc(routed: Routed, kb: KnowledgeBase) -> AnswerDoc:
    """"which profile parameters matter?": the base's entries of that kind, one line each."""
    kind = routed.domain or "parameter"
    entries = sorted((g for g in kb.glossary.values() if g.kind == kind), key=lambda g: g.id.lower())
    if not entries:
        return AnswerDoc(DOMAIN_TITLES.get(kind, "The knowledge base"), f"The knowledge base has no {kind} entries.")
    rows = [f"- **`{g.id}`** — {_own_title(g.id, g.title)}{first_sentence(g.text)}" for g in entries]
    verdict = (
        f"The knowledge base knows {len(entries)} {kind}{'s' if len(entries) != 1 else ''}; "
        "ask about one (*what is …?*) for the whole entry."
    )
    sources = sources_block(s for g in entries for s in g.sources)
    sections = [Section(f"domain:{kind}", DOMAIN_TITLES.get(kind, kind), "\n".join(rows))]
    if sources:
        sections.append(Section(f"sources:domain:{kind}", "Sources", sources.split("\n\n", 1)[1]))
    return AnswerDoc(DOMAIN_TITLES.get(kind, kind), verdict, tuple(sections))
