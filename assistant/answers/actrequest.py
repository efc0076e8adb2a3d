"""The answer to a request sapassist cannot carry out: "open a ticket at SAP for me", "send
this to my colleague", "call the vendor" (intent.actrequests).

Said plainly, first: what sapassist does (reads, answers, runs live checks from this machine)
and what it does not (contact anyone, open tickets). What it can do towards the request
follows — the conversation written out for a ticket (`/export`, the chat's) — and the topic's
next step, so the conversation goes on where it was. No section: nothing was asked about
the failure, and sections matched on the request's words would answer what nobody asked.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answers.document import NEXT_STEP, AnswerDoc
from assistant.answers.pieces import message_heading
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

CANNOT = ("**sapassist cannot do that:** it reads what you paste or type, answers from its knowledge base and "
          "runs live checks from this machine — it does not contact anyone (SAP, a colleague, a vendor) and "
          "opens no tickets.")
EXPORT = ("**For a ticket or a colleague:** `/export` (in the chat) writes this conversation — your questions, "
          "every answer with all its sections, every check with its steps — as Markdown to attach or send.")
NO_TOPIC_HEADLINE = "What sapassist can do"
NO_TOPIC = "Paste the error text (from SM59, `dev_icm`, abapGit or your program) or ask about an SCLNT_HTTP message."


def act_request_doc(routed: Routed, kb: KnowledgeBase, topic: AnswerDoc, *, for_chat: bool) -> AnswerDoc:
    """The plain answer, under the topic's headline (its message) with its next step; `topic`:
    the answer the turn would have had, whose next step is the topic's."""
    message = kb.messages.get(routed.state.messages[0]) if routed.state.messages else None
    steps = [p for p in topic.verdict.split("\n\n") if p.startswith(NEXT_STEP)] if message is not None else []
    lines = [CANNOT, EXPORT if for_chat and message is not None else "", *(steps[:1] if message is not None else [NO_TOPIC])]
    headline = message_heading(message) if message is not None else NO_TOPIC_HEADLINE
    return replace(topic, headline=headline, verdict="\n\n".join(line for line in lines if line), sections=(),
                   step=topic.step if steps else "")
