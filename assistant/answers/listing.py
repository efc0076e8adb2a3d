"""The list of known messages: one table for every front end.

`sapassist list`, the chat's `/list` and the answer to "list all messages" all show this
table. The chat renders its Markdown; `sapassist list` prints `message_list_text`, the
same table as plain text — exactly what the Markdown renders to, but without markdown-it,
because listing must stay as cheap as `ask --json`.
"""

from __future__ import annotations

from typing import NamedTuple

from assistant.answers.pieces import cell, message_text
from assistant.answers.tables import plain_table
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Message
from assistant.textsafe import escape_control, md_code
from assistant.wording import WORDING

LIST_LIMIT = 500  # rows in an answer; `sapassist list` shows them all
HEADER = ("Id", "Text", "Wording")
MORE = "… and {n} more ({cmd})."
MORE_COMMAND = "sapassist list --class CLASS"
HINT = "Ask about one, or {cmd} for its full entry."
LOOKUP = {True: "/lookup ID", False: "sapassist lookup ID"}  # by for_chat
EMPTY = "The knowledge base has no messages."


class MessageList(NamedTuple):
    """The messages to show, in order, and how many the base (or the class) has."""

    messages: list[Message]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.messages)


def messages_to_list(
    kb: KnowledgeBase, message_class: str | None = None, limit: int | None = LIST_LIMIT
) -> MessageList:
    """Up to `limit` messages (None: all), SCLNT_HTTP first, then by class and number.

    Builds only the classes it shows, so a 100,000-message T100 pack stays cheap.
    """
    if message_class is not None:
        chosen = sorted(kb.messages.values_of_class(message_class), key=lambda m: m.number)
        return MessageList(chosen[:limit], len(chosen))
    classes = sorted(kb.message_classes(), key=lambda c: (c != "SCLNT_HTTP", c))
    out: list[Message] = []
    for name in classes:
        if limit is not None and len(out) >= limit:
            break
        out += sorted(kb.messages.values_of_class(name), key=lambda m: m.number)
    return MessageList(out[:limit], len(kb.messages))


def message_list_markdown(listing: MessageList, *, for_chat: bool) -> str:
    """The table as Markdown; `for_chat` names `/lookup` instead of `sapassist lookup`."""
    if not listing.messages:
        return EMPTY
    rows = [f"| {md_code(m.id)} | {cell(message_text(m))} | {WORDING[m.text_origin]} |" for m in listing.messages]
    parts = [
        f"## Known messages ({listing.total})",
        f"| {' | '.join(HEADER)} |\n|---|---|---|\n" + "\n".join(rows),
    ]
    if listing.more > 0:
        parts.append(MORE.format(n=listing.more, cmd=f"`{MORE_COMMAND}`"))
    parts.append(HINT.format(cmd=f"`{LOOKUP[for_chat]}`"))
    return "\n\n".join(parts)


def message_list_text(listing: MessageList) -> str:
    """What `render_plain(message_list_markdown(listing, for_chat=False))` prints, built
    without a Markdown parser (tests hold the two to each other)."""
    if not listing.messages:
        return EMPTY + "\n"
    heading = f"Known messages ({listing.total})"
    rows = [list(HEADER)] + [
        [escape_control(m.id), " ".join(escape_control(m.display_text).split()), WORDING[m.text_origin]]
        for m in listing.messages
    ]
    parts = [f"{heading}\n{'=' * min(72, len(heading))}", plain_table(rows, header_rows=1)]
    if listing.more > 0:
        parts.append(MORE.format(n=listing.more, cmd=MORE_COMMAND))
    parts.append(HINT.format(cmd=LOOKUP[False]))
    return "\n\n".join(parts) + "\n"
