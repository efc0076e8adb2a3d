"""The sapassist chat (Textual): the composition root.

`ChatApp` owns the screen, the keys and the shared `Session` (knowledge base, dialogue
state, transcript). The flows do the work; each sees the app only as a `ChatHost`
(`host.py`: say things, run work off the UI thread, update the session) and asks for
another flow's work with a Textual message (`messages.py`) that the app passes on:

- `kbloader.KnowledgeLoader`: the knowledge base, loaded after the first paint
  (-> `KnowledgeReady`: suggestions and the question queue start);
- `questionflow.QuestionFlow`: questions routed one at a time, off the UI thread
  (-> `CheckRequested` on a "yes" to an offered check);
- `slashflow.SlashFlow`: the slash commands (and `/cert`'s file reading);
- `checkflow.CheckFlow`: live checks, their progress, Esc and their answer.

Start-up order is chosen for speed: the screen is painted with the prompt focused first;
the knowledge base, the router and the answer builders load in a thread worker right
after, and diagnostics/cryptography only when a check or `/cert` needs them. Nothing slow
runs on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Footer, Input

from assistant.answers.document import AnswerDoc
from assistant.tui import bridge
from assistant.tui.checkflow import CheckFlow, RunningCheck
from assistant.tui.commands import ChatCommands
from assistant.tui.conversations import ConversationStore, new_id, state_from_json
from assistant.tui.docs import page_doc
from assistant.tui.history import InputHistory, mask_said
from assistant.tui.kbloader import KnowledgeLoader
from assistant.tui.messages import (
    CheckRequested,
    ConversationLoaded,
    KnowledgeReady,
    KnowledgeUnavailable,
)
from assistant.tui.questionflow import QuestionFlow
from assistant.tui.resumeflow import ResumeFlow
from assistant.tui.saving import ConversationSaver
from assistant.tui.session import Session
from assistant.tui.slash import SlashCommand
from assistant.tui.slashflow import SlashFlow
from assistant.tui.suggest import KBSuggester
from assistant.tui.texts import WELCOME, help_answer
from assistant.tui.transcript import Transcript
from assistant.tui.widgets.conversation import Answer, Conversation, Notice, UserTurn
from assistant.tui.widgets.entry_panel import EntryPanel
from assistant.tui.widgets.prompt import Prompt
from assistant.tui.widgets.topic import TopicBar

if TYPE_CHECKING:
    from assistant.intent import DialogueState
    from assistant.kb.knowledge_base import KnowledgeBase
    from assistant.tui.kbloader import LoadKnowledge

NOTICE_CHARS = 600  # of one notice, which may quote what was typed

class ChatApp(App[int]):
    """The chat: conversation, prompt, topic bar, side panel, live checks."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    # Below 80 columns the side panel and the conversation cannot both be read side by
    # side: the open panel takes the whole width (app.tcss, `Screen.-narrow`).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    TITLE = "sapassist"
    COMMANDS = App.COMMANDS | {ChatCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("escape", "cancel_check", "Cancel check"),
        Binding("f1", "help", "Help"),
        Binding("f2", "toggle_panel", "Topic"),
        Binding("f3", "toggle_theme", "Theme"),
        Binding("ctrl+o", "toggle_details", "Details"),
        Binding("ctrl+y", "copy_answer", "Copy"),
        Binding("pageup", "page_conversation(-1)", "Scroll up", show=False),
        Binding("pagedown", "page_conversation(1)", "Scroll down", show=False),
        Binding("ctrl+home", "conversation_top", "Top", show=False),
        Binding("ctrl+end", "conversation_bottom", "Bottom", show=False),
    ]

    def __init__(
        self,
        kb_dirs: Sequence[str | Path] = (),
        *,
        deterministic: bool = False,
        history_path: Path | None = None,
        theme: str | None = None,
        load: LoadKnowledge | None = None,
        resume: str | None = None,
        conversations: ConversationStore | None = None,
    ) -> None:
        """`deterministic` hides timings and the cursor blink (snapshot tests); `theme`
        is the one to start with (the config file's `theme`); `load` replaces
        `services.knowledge.load_knowledge` (tests that hold the loading state); `resume`:
        a saved conversation to continue ("latest" or its id); `conversations`: where
        conversations are saved (the data directory's `conversations/`)."""
        super().__init__()
        self.deterministic = deterministic
        self.initial_theme = theme
        self.session = Session(conversation_id=new_id())
        self.history = InputHistory.load(history_path)
        self.store = conversations if conversations is not None else ConversationStore()
        self.saver = ConversationSaver(
            self.session, self.store,
            schedule=lambda delay, callback: self.set_timer(delay, callback),
            in_thread=lambda work: self.run_in_thread(work, name="_save_worker", group="save"),
            on_error=lambda error: self.deliver(partial(self.say_notice, severity="warning"), error),
        )
        self.resume_wanted = resume
        self.resuming = ResumeFlow(self, self.store)
        self.suggester = KBSuggester()
        self.knowledge = KnowledgeLoader(self, kb_dirs, load)
        self.questions = QuestionFlow(self)
        self.checks = CheckFlow(self, deterministic=deterministic)
        self.slash = SlashFlow(
            self,
            {"help": lambda: self.action_help(echo=False), "clear": self.action_clear, "quit": lambda: self.exit(0)},
            resume=self.resume,
        )

    # -- what the session holds -------------------------------------------------------------

    @property
    def kb(self) -> KnowledgeBase | None:
        return self.session.kb

    @property
    def kb_error(self) -> str | None:
        return self.session.kb_error

    @property
    def state(self) -> DialogueState | None:
        return self.session.state

    @property
    def transcript(self) -> Transcript:
        return self.session.transcript

    @property
    def check(self) -> RunningCheck | None:
        """The live check in progress, if any."""
        return self.checks.running

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopicBar()
        with Horizontal(id="main"):
            with Conversation(id="conversation"):
                yield Answer(page_doc(WELCOME), classes="welcome")
            yield EntryPanel()
        yield Prompt(self.history, self.suggester)
        yield Footer()

    def on_mount(self) -> None:
        prompt = self.query_one(Prompt)
        if self.deterministic:
            prompt.cursor_blink = False
        prompt.focus()
        if self.history.last_error:
            self.notify(self.history.last_error, title="History", severity="warning", markup=False)
        self._apply_initial_theme()
        self.knowledge.start()
        if self.resume_wanted is not None:
            self.resume(self.resume_wanted)

    def _apply_initial_theme(self) -> None:
        """The config file's theme; a name Textual does not know gets a notice, like the
        config file's other problems (they come with the knowledge base)."""
        wanted = self.initial_theme
        if not wanted:
            return
        if wanted in self.available_themes:
            self.theme = wanted
            return
        known = ", ".join(sorted(self.available_themes))
        self.say_notice(f"Config: unknown theme {wanted!r}, keeping {self.theme}. Known: {known}.",
                        severity="warning")

    def on_unmount(self) -> None:
        self.checks.abandon()
        self.saver.flush()  # what the last half second changed

    # -- output helpers -----------------------------------------------------------------

    @property
    def conversation(self) -> Conversation:
        return self.query_one("#conversation", Conversation)

    def say_user(self, text: str) -> None:
        """Echo what was sent; a password in it is masked on screen and in the transcript."""
        shown = mask_said(text)
        self.transcript.add("user", shown)
        self.saver.changed()
        self.conversation.follow()
        self.conversation.add(UserTurn(shown))

    def say_answer(
        self, answer: str | AnswerDoc, *, reveal_from: Widget | None = None, hide: frozenset[str] = frozenset(),
        open_keys: frozenset[str] = frozenset(),
    ) -> Answer:
        """Show an answer (a doc, or Markdown read as a whole page); the transcript keeps all
        of it, also the sections in `hide` (shown elsewhere on screen, e.g. a check's steps).
        `open_keys`: sections shown open (what the question asked for)."""
        doc = answer if isinstance(answer, AnswerDoc) else page_doc(answer)
        self.transcript.add("assistant", doc.markdown(), doc)
        self.saver.changed()
        if hide:
            doc = AnswerDoc(doc.headline, doc.verdict, tuple(s for s in doc.sections if s.key not in hide))
        widget = Answer(doc, reveal=True, reveal_from=reveal_from, open_keys=open_keys)
        self.conversation.add(widget)
        return widget

    def say_notice(self, text: str, *, severity: str = "information") -> None:
        """A notice may quote what was typed (an error's message): shown as the transcript
        keeps it, passwords masked, and cut at NOTICE_CHARS (a pasted 50 KB line after
        /lookup is no screenful of one notice)."""
        text = mask_said(text)
        if len(text) > NOTICE_CHARS:
            text = f"{text[:NOTICE_CHARS]} … ({len(text) - NOTICE_CHARS:,} more characters)"
        self.transcript.add("notice", text)
        self.saver.changed()
        self.conversation.add(Notice(text, severity=severity))

    def guarded(self, func: Callable[..., object], *args: object) -> None:
        """Run a handler; any error becomes a line in the conversation, never a crash."""
        try:
            func(*args)
        except Exception as exc:
            self.log.error(f"handler failed: {exc!r}")
            self.say_notice(f"Sorry, that failed: {type(exc).__name__}: {exc}", severity="error")

    # -- ChatHost: what the flows may ask of the app (host.py) -------------------------------

    def show(self, widget: Widget, *, note: str) -> None:
        self.conversation.add(widget)
        self.transcript.add("notice", note)
        self.saver.changed()

    def ask_secret(self, prompt: str, then: Callable[[str | None], None]) -> None:
        from assistant.tui.widgets.secret_prompt import SecretPrompt

        self.push_screen(SecretPrompt(prompt), callback=lambda value: self.guarded(then, value))

    def set_status(self, status: str | None) -> None:
        # The base's own status ("21 messages known") gives the topic its room when needed.
        quiet = status is None and self.kb is not None
        self.query_one(TopicBar).set_status(status if status is not None else self.session.kb_status, yields=quiet)

    def run_in_thread(self, work: Callable[[], None], *, name: str, group: str) -> None:
        self.run_worker(work, name=name, group=group, thread=True, exit_on_error=False)

    def deliver(self, func: Callable[..., object], *args: object) -> None:
        """Hand a worker's result to the UI thread (`guarded` shows errors there)."""
        try:
            self.call_from_thread(self.guarded, func, *args)
        except Exception:  # the app is gone or going (RuntimeError, CancelledError): no one to tell
            pass

    # -- what one flow asks of another (messages.py) ----------------------------------------

    @on(KnowledgeReady)
    def _knowledge_ready(self, event: KnowledgeReady) -> None:
        self.suggester.set_index(event.suggestions)
        self.topic_changed()  # a resumed conversation's topic, now that it can be named
        self.guarded(self.questions.next)

    @on(KnowledgeUnavailable)
    def _knowledge_unavailable(self, event: KnowledgeUnavailable) -> None:
        self.questions.drop_waiting()

    @on(CheckRequested)
    def _check_requested(self, event: CheckRequested) -> None:
        self.guarded(self.checks.start, event.request)

    @on(ConversationLoaded)
    def _conversation_loaded(self, event: ConversationLoaded) -> None:
        self.guarded(self.restore, event)

    def action_resume_picker(self) -> None:
        self.resume(None)

    def resume(self, wanted: str | None = None) -> None:
        """`/resume ID` and `--resume`: that conversation (or the latest); `/resume`: pick."""
        if wanted:
            self.resuming.resume(wanted)
        else:
            self.resuming.open_picker()

    def restore(self, event: ConversationLoaded) -> None:
        """Show a saved conversation in place of this one (which stays saved) and go on
        from its topic; its answers open their sections like fresh ones."""
        saved = event.saved
        self.saver.flush()
        self.checks.cancel()
        self.questions.new_conversation()
        self.session.forget(saved.id)
        self.session.started = saved.started or self.session.started
        widgets: list[Widget] = [Answer(page_doc(WELCOME), classes="welcome")]
        for turn in saved.turns:
            self.transcript.add(turn.role, turn.text, turn.doc)
            if turn.role == "user":
                widgets.append(UserTurn(turn.text))
            elif turn.role == "assistant":
                widgets.append(Answer(turn.doc or page_doc(turn.text)))
            else:
                widgets.append(Notice(turn.text))
        self.session.state = state_from_json(saved.state)
        self.session.reported, self.session.shown = saved.reported, set(saved.shown)
        conversation = self.conversation
        conversation.reset(widgets)
        conversation.follow()
        self.topic_changed()
        self.notify(f"Resumed the conversation of {event.info.when} ({len(saved.turns)} turns).", markup=False)

    def run_palette_command(self, command: SlashCommand) -> None:
        """From the command palette: run it, or put it in the prompt when it needs an argument."""
        if command.needs_argument:
            prompt = self.query_one(Prompt)
            prompt.value = f"/{command.name} "
            prompt.cursor_position = len(prompt.value)
            prompt.focus()
        else:
            self.handle_text(f"/{command.name}")

    # -- input --------------------------------------------------------------------------

    @on(Input.Submitted, "#prompt")
    def _submitted(self, event: Input.Submitted) -> None:
        prompt = self.query_one(Prompt)
        text = prompt.text
        prompt.clear_draft()
        if not text.strip():
            return
        if not self.history.add(text) and self.history.last_error:
            self.notify(self.history.last_error, title="History not saved", severity="warning", markup=False)
        self.handle_text(text)

    def on_resize(self, event: events.Resize) -> None:
        self.conversation.keep_reading_position()

    def on_key(self, event: events.Key) -> None:
        """Typing while the conversation or the side panel has focus goes to the prompt."""
        if event.is_printable and event.character and isinstance(self.focused, (Conversation, EntryPanel, Answer)):
            event.stop()
            self.query_one(Prompt).insert_typed(event.character)

    def handle_text(self, text: str) -> None:
        """One line from the prompt: a slash command or a question."""
        self.say_user(text)
        if text.lstrip().startswith("/"):
            self.guarded(self.slash.run, text.strip())
            return
        self.questions.ask(text)

    # -- topic --------------------------------------------------------------------------

    def topic_changed(self) -> None:
        """Show the session's topic in the topic bar (and the side panel, when open)."""
        term = self.session.term
        current = term[0] if term is not None and term[1] is self.state else None
        label = bridge.topic_label(self.kb, self.state, current) if self.kb is not None else None
        self.query_one(TopicBar).set_topic(label)
        panel = self.query_one(EntryPanel)
        if panel.display:
            panel.show(self._topic_markdown())

    def _topic_markdown(self) -> str | None:
        return bridge.topic_page(self.kb, self.state) if self.kb is not None else None

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_check":
            return self.check is not None
        return True

    def action_cancel_check(self) -> None:
        self.checks.cancel()

    def action_help(self, echo: bool = True) -> None:
        """F1 is "/help" without typing: echoed like a sent line, so the pane follows to the
        help even when the user was reading an earlier answer from its top."""
        if echo:
            self.say_user("/help")
        self.say_answer(help_answer())

    def action_page_conversation(self, pages: int) -> None:
        """Page through the conversation without leaving the prompt (2 lines overlap)."""
        conversation = self.conversation
        height = max(1, conversation.scrollable_content_region.height - 2)
        conversation.scroll_to(y=conversation.scroll_target_y + pages * height, animate=False)

    def action_conversation_top(self) -> None:
        self.conversation.scroll_home(animate=False)

    def action_conversation_bottom(self) -> None:
        self.conversation.follow()

    def action_toggle_panel(self) -> None:
        panel = self.query_one(EntryPanel)
        self.conversation.keep_reading_position()
        panel.display = not panel.display
        self.query_one("#main").set_class(panel.display, "-with-panel")
        if panel.display:
            panel.show(self._topic_markdown())

    def action_toggle_details(self) -> None:
        """Open (or, when all are open, close) the sections of the answer being read: the
        focused one, else the newest answer with sections that is on screen."""
        answer = self.focused if isinstance(self.focused, Answer) else self.conversation.answer_in_view()
        if answer is None:
            self.notify("No answer with details on screen.", severity="warning")
        elif isinstance(answer, Answer):
            answer.set_all(not answer.all_open)
        else:  # painted by the archive
            self.conversation.archive.toggle_all(answer)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"

    def action_copy_answer(self) -> None:
        """Ctrl+Y: through a clipboard tool when there is one (it confirms), else OSC 52,
        which nothing confirms: then the chat says so and saves the answer to a file."""
        text = self.transcript.last_answer()
        if text is None:
            self.notify("No answer to copy yet.", severity="warning")
            return
        self.run_in_thread(partial(self._copy, text), name="_copy_worker", group="copy")

    def _copy(self, text: str) -> None:
        """In a worker thread."""
        from assistant.tui.clipboard import copy_with_tool

        tool = copy_with_tool(text)
        self.deliver(self._copied, text, tool)

    def _copied(self, text: str, tool: str | None) -> None:
        if tool is not None:
            self.notify(f"Copied the last answer ({len(text):,} characters) to the clipboard ({tool}).")
            return
        import os

        from assistant.paths import data_dir
        from assistant.tui.clipboard import save_copy, unconfirmed_note

        self.copy_to_clipboard(text)
        saved = save_copy(text, data_dir())
        self.notify(unconfirmed_note(saved, under_tmux=bool(os.environ.get("TMUX"))),
                    title="Copy", severity="warning", timeout=10, markup=False)

    def action_clear(self) -> None:
        """A new conversation; the cleared one stays saved and `/resume` brings it back."""
        self.checks.cancel()  # if one is running: it says so
        self.saver.flush()
        kept = any(t.role == "user" for t in self.transcript.turns)
        self.questions.new_conversation()
        self.conversation.reset([Answer(page_doc(WELCOME), classes="welcome")])
        self.session.forget(new_id())
        self.topic_changed()
        back = " The cleared one is saved: /resume brings it back." if kept else ""
        self.notify(f"New conversation: a new topic starts with your next question.{back}", markup=False)
