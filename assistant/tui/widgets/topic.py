"""The small topic indicator: what follow-up questions will refer to, and the base's state."""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from assistant.textsafe import escape_control

LABEL = "Topic: "
NO_TOPIC = "none yet — ask about a message"
_TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)$")


def fit_topic(topic: str, width: int) -> str:
    """The topic as it fits `width` cells: whole; else without its trailing aside (the ICM
    constant in parentheses — the message number and title say which message it is); else
    cut after a whole word. Never cut inside an identifier ("(ICM_HT…")."""
    if cell_len(topic) <= width:
        return topic
    short = _TRAILING_ASIDE.sub("", topic)
    if short and cell_len(short) <= width:
        return short
    words = short.split(" ")
    while len(words) > 1:
        words.pop()
        kept = " ".join(words).rstrip(" —-:,")
        if cell_len(kept) + 1 <= width:
            return kept + "…"
    return Content(short).truncate(max(1, width), ellipsis=True).plain


class TopicLine(Widget):
    """The topic, fitted to the width it has (re-fitted on every resize)."""

    def __init__(self) -> None:
        super().__init__(id="topic")
        self.topic: str | None = None

    def render(self) -> Content:
        width = self.content_size.width
        if not self.topic:
            return Content.assemble((LABEL, "bold"), NO_TOPIC).truncate(width, ellipsis=True)
        shown = fit_topic(escape_control(self.topic), max(1, width - len(LABEL)))
        return Content.assemble((LABEL, "bold"), shown)


STATUS_GAP = 2  # #kb-status's left padding (app.tcss)
# The room a cut topic keeps beside the count before the count gives way: enough for the
# message and most of its title ("SCLNT_HTTP415 — Invalid host name in SSL…"), so at 80
# columns both stay; at 60 only "SCLNT_HTTP411 — Connection…" would be left, and the count goes.
TOPIC_ROOM = 40


class TopicBar(Horizontal):
    """Left: the router's current topic (or none). Right: knowledge-base status.

    A status that only says all is well ("21 messages known") stays while the topic, cut
    after a whole word with an ellipsis, keeps TOPIC_ROOM cells beside it (at 80 columns); it
    gives way when the topic would be cut shorter: at 60 columns it left "SCLNT_HTTP411 —
    Connection…", the one word that tells the message lost to a count nobody needs then."""

    def __init__(self) -> None:
        super().__init__(id="topic-bar")
        self.topic: str | None = None
        self.status: str = "loading the knowledge base…"
        self.status_yields = False

    def compose(self) -> ComposeResult:
        yield TopicLine()
        yield Static(Content(self.status), id="kb-status")

    def set_topic(self, topic: str | None) -> None:
        self.topic = topic
        line = self.query_one(TopicLine)
        line.topic = topic
        line.refresh(layout=True)
        self._give_way()

    def set_status(self, status: str, *, yields: bool = False) -> None:
        """`yields`: the status is only the base's count, hidden when the topic needs the room."""
        self.status, self.status_yields = status, yields
        self.query_one("#kb-status", Static).update(Content(status))
        self._give_way()

    def on_resize(self) -> None:
        self._give_way()

    def _give_way(self) -> None:
        room = self.content_size.width - len(LABEL)
        beside = room - cell_len(self.status) - STATUS_GAP
        topic = escape_control(self.topic or "")
        cut = bool(topic) and fit_topic(topic, max(1, beside)).endswith("…") and beside < TOPIC_ROOM
        self.query_one("#kb-status", Static).display = not (self.status_yields and cut)

    @property
    def shown_topic(self) -> str:
        """The topic line as painted now (tests)."""
        return self.query_one(TopicLine).render().plain
