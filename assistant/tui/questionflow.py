"""Questions in, answers out: the queue between the prompt and the router.

Routing runs in a thread worker (a pasted log can take the router a second or more), so
typing never stalls. Questions are answered one at a time in the order they were sent,
because each one can change the topic the next one refers to; questions typed before
the knowledge base is ready wait in the same queue. An answer whose question named a
host or URL offers a live check, which a short "yes" then starts (by asking the app
for it with a `CheckRequested` message: the check flow is not this flow's business).
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import TYPE_CHECKING

from assistant.tui import bridge
from assistant.tui.checkargs import CheckRequest
from assistant.tui.docs import asked_for, question_doc, term_answered, with_check_offer
from assistant.tui.messages import CheckRequested

if TYPE_CHECKING:
    from assistant.answers.document import AnswerDoc
    from assistant.intent import DialogueState, Routed
    from assistant.kb.knowledge_base import KnowledgeBase
    from assistant.tui.host import ChatHost


class QuestionFlow:
    def __init__(self, host: ChatHost) -> None:
        self.host = host
        self.conversation_id = 0  # /clear starts a new one; late answers to the old are dropped
        self.offered_target: str | None = None  # the check the last answer offered
        self._waiting: deque[str] = deque()  # sent, not yet answered (in order)
        self._answering = False  # a routing worker is busy with the oldest question

    def ask(self, text: str) -> None:
        session = self.host.session
        if session.kb_error:
            self.host.say_notice("No knowledge base, so I cannot answer questions.", severity="error")
            return
        self._waiting.append(text)
        if session.kb is None:
            self.host.say_notice("Loading the knowledge base — the answer follows in a moment.")
        self.next()

    def next(self) -> None:
        """Answer the queued questions one at a time: each may change the topic."""
        session = self.host.session
        while session.kb is not None and not self._answering and self._waiting:
            text = self._waiting.popleft()
            if self.offered_target and bridge.is_affirmative(text):
                target, self.offered_target = self.offered_target, None
                self._request_check(target)
                continue
            self._answering = True
            self.host.run_in_thread(
                partial(self._route, text, session.kb, session.state, self.conversation_id, frozenset(session.shown)),
                name="_route_worker",
                group="answer",
            )

    def drop_waiting(self) -> None:
        """Forget the questions not yet answered (the knowledge base will not come)."""
        self._waiting.clear()

    def new_conversation(self) -> None:
        """After /clear: nothing queued, nothing offered, answers still on the way dropped."""
        self.conversation_id += 1
        self._waiting.clear()
        self.offered_target = None

    def _route(
        self, text: str, kb: KnowledgeBase, state: DialogueState | None, conversation_id: int,
        shown: frozenset[str],
    ) -> None:
        """In the worker thread. `shown`: the sections this conversation showed already."""
        try:
            from assistant.services.answering import answer_question

            answered = answer_question(text, kb, state, for_chat=True, shown=shown)
        except Exception as exc:
            self.host.deliver(self._route_failed, conversation_id, f"{type(exc).__name__}: {exc}")
            return
        self.host.deliver(self._routed, conversation_id, answered.routed, question_doc(answered, shown))

    def _routed(self, conversation_id: int, routed: Routed, doc: AnswerDoc) -> None:
        """Back on the UI thread: show the answer (or start the check it asks for)."""
        self._answering = False
        try:
            if conversation_id == self.conversation_id:  # else asked before /clear
                self._reply(routed, doc)
        finally:
            self.next()

    def _route_failed(self, conversation_id: int, error: str) -> None:
        self._answering = False
        try:
            if conversation_id == self.conversation_id:
                self.host.say_notice(f"Sorry, I could not answer that: {error}", severity="error")
        finally:
            self.next()

    def _reply(self, routed: Routed, doc: AnswerDoc) -> None:
        session = self.host.session
        session.state = routed.state
        session.note_question(routed)
        term = term_answered(doc, routed, session.kb) if session.kb is not None else None
        session.term = (term, routed.state) if term else None
        if routed.intent == "check":
            target = routed.check_target or self.offered_target
            if target:
                self.offered_target = None
                self.host.topic_changed()
                self._request_check(target)
                return
        self.offered_target = bridge.named_target(routed)  # the verdict offers it: "yes" runs it
        if self.offered_target:
            doc = with_check_offer(doc, routed)
        session.shown |= doc.keys
        self.host.say_answer(doc, open_keys=asked_for(doc, routed))
        self.host.topic_changed()

    def _request_check(self, target: str) -> None:
        """A proxy URL the conversation named ("… through proxy http://proxy:3128") goes along."""
        state = self.host.session.state
        proxy = state.proxy_url if state is not None else None
        self.host.post_message(CheckRequested(CheckRequest(url=target, proxy=proxy)))
