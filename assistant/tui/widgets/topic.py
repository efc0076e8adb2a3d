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


class TopicBar(Horizontal):
    """Left: the router's current topic (or none). Right: knowledge-base status."""

    def __init__(self) -> None:
        super().__init__(id="topic-bar")
        self.topic: str | None = None
        self.status: str = "loading the knowledge base…"

    def compose(self) -> ComposeResult:
        yield TopicLine()
        yield Static(Content(self.status), id="kb-status")

    def set_topic(self, topic: str | None) -> None:
        self.topic = topic
        line = self.query_one(TopicLine)
        line.topic = topic
        line.refresh(layout=True)

    def set_status(self, status: str) -> None:
        self.status = status
        self.query_one("#kb-status", Static).update(Content(status))

    @property
    def shown_topic(self) -> str:
        """The topic line as painted now (tests)."""
        return self.query_one(TopicLine).render().plain
