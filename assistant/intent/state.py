"""The dialogue state: what the conversation is about, carried between questions.

Frozen, so a turn can never change the state it was given; `route()` returns the next one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DialogueState:
    messages: tuple[str, ...] = ()  # current topic: message ids, best first
    causes: tuple[str, ...] = ()  # cause ids ranked in the last answer
    codes: tuple[str, ...] = ()  # low-level code ids in the topic
    host: str | None = None  # last host named (the target of "check it")
    url: str | None = None
    port: int | None = None
    proxy: bool = False  # the user said a proxy is involved
    proxy_url: str | None = None
    last_intent: str | None = None
    turns: int = 0
    # The cause a live check found: follow-ups on the same topic ("how do I fix it?")
    # put it first instead of the message's usual suspects. Set by the caller that ran
    # the check (`with_confirmed_cause`), kept only while the conversation stays on topic.
    confirmed_cause: str | None = None
    confirmed_by: str = "the live check"  # or "the SAP system's trace (dev_icm)"
    # What the check itself said to do first, from what it saw ("cut on every try: a firewall
    # …"), when that is more than the cause's first fix: a follow-up's next step stays it.
    confirmed_step: str = ""
    scope: str | None = None  # the kind of failure the topic is (scope.py)
    scope_strength: float = 0.0  # the class of the topic's scope evidence (Scope.strength)
    scope_reason: str = ""  # why the topic is of that kind (Scope.reason), said again in follow-ups
    scope_pointer: str = ""  # where its fix lives (Scope.pointer, a glossary id), "" for none
    another_client: bool = False  # a non-ABAP client made the topic's call (Routed.another_client)
    abap_caller: bool = True  # the topic's call was placed in the ABAP system (Routed.abap_caller)
    caller_pse: str = ""  # the SSL client PSE the topic's caller is known to use (callerpse), "" if unknown
    # A turn of the topic said the CA import was done, and the causes that import ruled out
    # (importmemory): "and now?" after "imported, didn't help" does not get the import back.
    import_done: bool = False
    ruled_by_import: tuple[str, ...] = ()
    # The HTTP statuses the topic's text reported: a follow-up that names none ("how do I fix
    # it?") is still about them (the SAP system's 403 keeps SICF as the place to look).
    statuses: tuple[int, ...] = ()
    # The question the last answer asked (confidence.QUESTIONS key) and the text it was
    # about: the next turn is read as the answer to it, together with that text.
    pending: str | None = None
    pending_text: str = ""
    # The turn the topic began (which of the conversation's topics came first), and the earlier
    # topics, the latest first, each without earlier topics of its own: a turn that points back
    # ("back to the first error") continues one of them (recall.py). At most a few are kept.
    began: int = 0
    # The causes the topic's own words pointed to (a code, a sign, a title, a proxy named, a
    # check's finding — not a message's usual order, not words shared with an explanation):
    # what "is it the proxy?" is answered from, yes or no. A question itself adds none.
    evidenced: tuple[str, ...] = ()
    said: str = ""  # the last turn's text (its end, bounded): the names a pronoun's ruling may mean
    # What the topic's turns stated of a cause's subject ("the proxy is not involved"), kept
    # masked and bounded (intent.statedmemory): a later "is it the proxy?" answers from it.
    stated: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()  # … and those a code of the topic points to along with others
    # The fix step the last answer gave as its next step ("cause_id:index" into the cause's
    # `fix`; set by services.answering from the answer), and the steps the admin said were
    # done on this topic ("did that", "erledigt"): a step said done is no longer the next step.
    step_given: str = ""
    steps_done: tuple[str, ...] = ()
    # What the admin said they cannot use on this topic (intent.statedlimits: a transaction id,
    # "OS", "RESTART"): the next step never names it (answers.limitedsteps).
    cannot_use: tuple[str, ...] = ()
    earlier: tuple[DialogueState, ...] = ()

    def with_confirmed_cause(self, cause_id: str | None, by: str = "the live check", step: str = "") -> DialogueState:
        from dataclasses import replace

        return replace(self, confirmed_cause=cause_id, confirmed_by=by, confirmed_step=step if cause_id else "")

    @property
    def has_topic(self) -> bool:
        # Another kind of failure with the place of its fix (a trace of server-role errors:
        # the SSL server PSE) is a topic too: "how do I fix it?" asks about it.
        return bool(self.messages or self.codes or self.causes or (self.scope and self.scope_pointer))
