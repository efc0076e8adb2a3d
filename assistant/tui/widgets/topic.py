"""The small topic indicator: what follow-up questions will refer to, and the base's state."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from assistant.textsafe import escape_control


class TopicBar(Horizontal):
    """Left: the router's current topic (or none). Right: knowledge-base status."""

    def __init__(self) -> None:
        super().__init__(id="topic-bar")
        self.topic: str | None = None
        self.status: str = "loading the knowledge base…"

    def compose(self) -> ComposeResult:
        yield Static(self._topic_content(), id="topic")
        yield Static(Content(self.status), id="kb-status")

    def set_topic(self, topic: str | None) -> None:
        self.topic = topic
        self.query_one("#topic", Static).update(self._topic_content())

    def set_status(self, status: str) -> None:
        self.status = status
        self.query_one("#kb-status", Static).update(Content(status))

    def _topic_content(self) -> Content:
        topic = escape_control(self.topic) if self.topic else "none yet — ask about a message"
        return Content.assemble(("Topic: ", "bold"), topic)
