"""The sapassist chat (Textual).

Start-up order is chosen for speed: the screen is painted with the prompt focused first;
the knowledge base, the router and the answer builders load in a thread worker right
after, and diagnostics/cryptography only when a check or `/cert` needs them.

Nothing slow runs on the UI thread: routing a question (a pasted log can take the router
a second or more), reading a certificate file and live checks all run in thread workers,
so typing never stalls. Questions are answered one at a time in the order they were
sent, because each one can change the topic the next one refers to; questions typed
before the knowledge base is ready wait in the same queue.
"""

from __future__ import annotations

import importlib
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Footer, Input

from assistant.textsafe import md_code
from assistant.tui import bridge
from assistant.tui.checkargs import CheckArgsError, CheckRequest, parse_check_args
from assistant.tui.commands import ChatCommands
from assistant.tui.history import InputHistory, mask_secrets
from assistant.tui.slash import SlashCommand, help_markdown, parse_slash
from assistant.tui.suggest import KBSuggester, SuggestionIndex
from assistant.tui.transcript import Transcript, default_export_path, write_export
from assistant.tui.widgets.check_progress import CheckProgress
from assistant.tui.widgets.conversation import Answer, Conversation, Notice, UserTurn
from assistant.tui.widgets.entry_panel import EntryPanel
from assistant.tui.widgets.prompt import Prompt
from assistant.tui.widgets.topic import TopicBar

if TYPE_CHECKING:
    from assistant.diagnostics.model import CheckReport, Finding
    from assistant.intent import DialogueState, Routed
    from assistant.kb.load import LoadResult
    from assistant.kb.model import KnowledgeBase

WELCOME = """\
## Welcome to sapassist

I help with **SAP HTTP-client errors** (message class `SCLNT_HTTP`): paste the error from \
SM59, `dev_icm` or abapGit, or ask in your own words. I explain the message, rank the \
likely causes, give the fix steps (`STRUST`, `SM59`, `SMICM` …) and can **check the \
endpoint live**: DNS, TCP, proxy, TLS, certificate chain and HTTP.

Try for example:

- *What does SCLNT_HTTP407 mean?*
- *HTTP error 411 occured: ICM_HTTP_CONNECTION_REFUSED — how do I fix it?*
- *SSSLERR_PEER_CERT_UNTRUSTED when calling https://api.example.com*

`/help` lists the commands (`/check URL`, `/lookup ID`, `/cert FILE`, `/export` …); \
keys are in the footer, `Ctrl+P` opens the command palette.
"""

KEYS_HELP = """\
| Key | What it does |
|---|---|
| `Enter` | Send |
| `↑` / `↓` | Earlier / later input |
| `Tab` or `→` | Accept the grey suggestion |
| `Esc` | Cancel a running check |
| `PgUp` / `PgDn` | Scroll the conversation (`Ctrl+Home` / `Ctrl+End`: top / bottom) |
| Paste | A multi-line paste stays whole (line breaks show as `↵`; a very long one as a placeholder) |
| `F1` | This help |
| `F2` | Side panel with the full entry of the current topic |
| `F3` | Light / dark theme |
| `Ctrl+Y` | Copy the last answer |
| `Ctrl+P` | Command palette |
| `Ctrl+Q` | Quit |
"""


@dataclass
class RunningCheck:
    request: CheckRequest
    progress: CheckProgress
    cancel: threading.Event
    thread: threading.Thread | None = None


class ChatApp(App[int]):
    """The chat: conversation, prompt, topic bar, side panel, live checks."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "sapassist"
    COMMANDS = App.COMMANDS | {ChatCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("escape", "cancel_check", "Cancel check"),
        Binding("f1", "help", "Help"),
        Binding("f2", "toggle_panel", "Topic panel"),
        Binding("f3", "toggle_theme", "Light/dark"),
        Binding("ctrl+y", "copy_answer", "Copy answer"),
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
    ) -> None:
        """`deterministic` hides timings and the cursor blink (snapshot tests)."""
        super().__init__()
        self.kb_dirs = list(kb_dirs)
        self.deterministic = deterministic
        self.kb: KnowledgeBase | None = None
        self.kb_error: str | None = None
        self.kb_status = "loading the knowledge base…"
        self.state: DialogueState | None = None
        self.transcript = Transcript()
        self.history = InputHistory.load(history_path)
        self.suggester = KBSuggester()
        self.check: RunningCheck | None = None
        self.last_export: Path | None = None
        self._offered_target: str | None = None
        self._questions: deque[str] = deque()  # sent, not yet answered (in order)
        self._answering = False  # a routing worker is busy with the oldest question
        self._conversation_id = 0  # /clear starts a new one; late answers to the old are dropped

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopicBar()
        with Horizontal(id="main"):
            with Conversation(id="conversation"):
                yield Answer(WELCOME, classes="welcome")
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
        self._load_kb()

    def on_unmount(self) -> None:
        # The interpreter waits for worker threads before it exits: a check against a
        # silent server would keep the process alive for the rest of its timeout.
        if self.check is not None:
            self.check.cancel.set()

    # -- knowledge base -----------------------------------------------------------------

    @work(thread=True, group="kb", exit_on_error=False)
    def _load_kb(self) -> None:
        try:
            from assistant.tui.bridge import load_knowledge

            result = load_knowledge(self.kb_dirs)  # also primes the cached search indexes
            index = SuggestionIndex.from_kb(result.kb)
        except Exception as exc:
            self._from_thread(self._kb_failed, f"{type(exc).__name__}: {exc}")
            return
        # Import the router and answer builders here, off the UI thread; a failure shows
        # up (as a notice) when they are used.
        for module in ("assistant.intent", "assistant.answers.markdown"):
            try:
                importlib.import_module(module)
            except Exception as exc:
                self.log.warning(f"cannot preload {module}: {exc!r}")
        self._from_thread(self._kb_ready, result, index)

    def _kb_ready(self, result: LoadResult, index: SuggestionIndex) -> None:
        self.kb = result.kb
        self.suggester.set_index(index)
        for problem in result.problems[:20]:
            self.say_notice(f"Knowledge base problem: {problem}", severity="error")
        for warning in result.warnings[:20]:
            self.say_notice(f"Knowledge base: {warning}", severity="warning")
        self._set_kb_status(f"{len(self.kb.messages)} messages known")
        self._next_question()

    def _kb_failed(self, error: str) -> None:
        self.kb_error = error
        self._set_kb_status("knowledge base not available")
        self.say_notice(
            f"The knowledge base could not be loaded ({error}). Checks (/check, /cert) still work.",
            severity="error",
        )
        self._questions.clear()

    def _set_kb_status(self, status: str) -> None:
        self.kb_status = status
        self.query_one(TopicBar).set_status(status)

    # -- output helpers -----------------------------------------------------------------

    @property
    def conversation(self) -> Conversation:
        return self.query_one("#conversation", Conversation)

    def say_user(self, text: str) -> None:
        """Echo what was sent; a password in it is masked on screen and in the transcript."""
        shown = mask_secrets(text)
        self.transcript.add("user", shown)
        self.conversation.follow()
        self.conversation.add(UserTurn(shown))

    def say_answer(self, markdown: str, *, reveal_from: Widget | None = None) -> Answer:
        self.transcript.add("assistant", markdown)
        answer = Answer(markdown, reveal=True, reveal_from=reveal_from)
        self.conversation.add(answer)
        return answer

    def say_notice(self, text: str, *, severity: str = "information") -> None:
        self.transcript.add("notice", text)
        self.conversation.add(Notice(text, severity=severity))

    def _guard(self, func: Callable[..., object], *args: object) -> None:
        """Run a handler; any error becomes a line in the conversation, never a crash."""
        try:
            func(*args)
        except Exception as exc:
            self.log.error(f"handler failed: {exc!r}")
            self.say_notice(f"Sorry, that failed: {type(exc).__name__}: {exc}", severity="error")

    def _from_thread(self, func: Callable[..., object], *args: object) -> None:
        """Hand a worker's result to the UI thread (`_guard` shows errors there)."""
        try:
            self.call_from_thread(self._guard, func, *args)
        except Exception:  # the app is gone or going (RuntimeError, CancelledError): no one to tell
            pass

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
        if event.is_printable and event.character and isinstance(self.focused, (Conversation, EntryPanel)):
            event.stop()
            self.query_one(Prompt).insert_typed(event.character)

    def handle_text(self, text: str) -> None:
        """One line from the prompt: a slash command or a question."""
        self.say_user(text)
        if text.lstrip().startswith("/"):
            self._guard(self._slash, text.strip())
            return
        if self.kb_error:
            self.say_notice("No knowledge base, so I cannot answer questions.", severity="error")
            return
        self._questions.append(text)
        if self.kb is None:
            self.say_notice("Loading the knowledge base — the answer follows in a moment.")
        self._next_question()

    def _next_question(self) -> None:
        """Answer the queued questions one at a time: each may change the topic."""
        while self.kb is not None and not self._answering and self._questions:
            text = self._questions.popleft()
            if self._offered_target and bridge.is_affirmative(text):
                target, self._offered_target = self._offered_target, None
                self.start_check(CheckRequest(url=target, proxy=self._state_proxy()))
                continue
            self._answering = True
            self._route_worker(text, self.kb, self.state, self._conversation_id)

    @work(thread=True, group="answer", exit_on_error=False)
    def _route_worker(
        self, text: str, kb: KnowledgeBase, state: DialogueState | None, conversation_id: int
    ) -> None:
        try:
            from assistant.answers.markdown import build_answer
            from assistant.intent import route

            routed = route(text, kb, state)
            markdown = build_answer(routed, kb, for_chat=True)  # the chat offers checks itself
        except Exception as exc:
            self._from_thread(self._route_failed, conversation_id, f"{type(exc).__name__}: {exc}")
            return
        self._from_thread(self._routed, conversation_id, routed, markdown)

    def _routed(self, conversation_id: int, routed: Routed, markdown: str) -> None:
        """Back on the UI thread: show the answer (or start the check it asks for)."""
        self._answering = False
        try:
            if conversation_id == self._conversation_id:  # else asked before /clear
                self._reply(routed, markdown)
        finally:
            self._next_question()

    def _route_failed(self, conversation_id: int, error: str) -> None:
        self._answering = False
        try:
            if conversation_id == self._conversation_id:
                self.say_notice(f"Sorry, I could not answer that: {error}", severity="error")
        finally:
            self._next_question()

    def _reply(self, routed: Routed, markdown: str) -> None:
        self.state = routed.state
        if routed.intent == "check":
            target = routed.check_target or self._offered_target
            if target:
                self._offered_target = None
                self._update_topic()
                self.start_check(CheckRequest(url=target, proxy=self._state_proxy()))
                return
        named = bridge.named_target(routed)
        self._offered_target = named
        if named:
            markdown += (
                f"\n\n---\n\n**Live check:** reply **yes** (or *check it*) and I check "
                f"{md_code(mask_secrets(named))} now — or type `/check URL` with options such as "
                "`--proxy URL`, `--ca-file FILE`, `--no-sni`."
            )
        self.say_answer(markdown)
        self._update_topic()

    def _state_proxy(self) -> str | None:
        """A proxy URL the conversation named ("… through proxy http://proxy:3128")."""
        return self.state.proxy_url if self.state is not None else None

    def _update_topic(self) -> None:
        label = bridge.topic_label(self.kb, self.state) if self.kb is not None else None
        self.query_one(TopicBar).set_topic(label)
        panel = self.query_one(EntryPanel)
        if panel.display:
            panel.show(self._topic_markdown())

    def _topic_markdown(self) -> str | None:
        if self.kb is None:
            return None
        entry = bridge.topic_entry(self.kb, self.state)
        return bridge.entry_markdown(self.kb, entry) if entry is not None else None

    # -- slash commands -----------------------------------------------------------------

    def palette_slash(self, command: SlashCommand) -> None:
        """From the command palette: run it, or put it in the prompt when it needs an argument."""
        prompt = self.query_one(Prompt)
        if command.needs_argument:
            prompt.value = f"/{command.name} "
            prompt.cursor_position = len(prompt.value)
            prompt.focus()
        else:
            self.handle_text(f"/{command.name}")

    def _slash(self, text: str) -> None:
        parsed = parse_slash(text)
        if parsed.command is None:
            self.say_notice(f"Unknown command /{parsed.name} — /help lists the commands.", severity="error")
            return
        if parsed.error:
            self.say_notice(f"{parsed.command.usage}: {parsed.error}", severity="error")
            return
        name, args = parsed.command.name, parsed.args
        if name == "help":
            self.action_help(echo=False)
        elif name == "list":
            if self._need_kb():
                assert self.kb is not None
                self.say_answer(bridge.list_markdown(self.kb))
        elif name == "lookup":
            self._lookup(args)
        elif name == "check":
            try:
                request = parse_check_args(args)
            except CheckArgsError as exc:
                self.say_notice(f"/check: {exc}", severity="error")
                return
            self.start_check(request)
        elif name == "cert":
            if len(args) != 1:
                self.say_notice("Usage: /cert FILE (quote a path with spaces)", severity="error")
                return
            self._inspect_cert(args[0])
        elif name == "export":
            self._export(args)
        elif name == "clear":
            self.action_clear()
        elif name == "quit":
            self.exit(0)

    def _need_kb(self) -> bool:
        if self.kb is None:
            message = (
                "No knowledge base."
                if self.kb_error
                else "The knowledge base is still loading — try again in a moment."
            )
            self.say_notice(message, severity="warning")
            return False
        return True

    def _lookup(self, args: list[str]) -> None:
        if not args:
            self.say_notice("Usage: /lookup ID (e.g. 407, SCLNT_HTTP407, STRUST)", severity="error")
            return
        if not self._need_kb():
            return
        assert self.kb is not None
        ident = " ".join(args)
        entry = bridge.find_entry(self.kb, ident)
        if entry is None:
            near = bridge.nearest_ids(self.kb, ident)
            hint = f" Nearest known ids: {', '.join(near)}." if near else " Try /list."
            self.say_notice(f"Nothing in the knowledge base is called {ident!r}.{hint}", severity="warning")
            return
        self.say_answer(bridge.entry_markdown(self.kb, entry))
        from assistant.intent import route

        self.state = route(entry.id, self.kb, self.state).state
        self._update_topic()

    def _export(self, args: list[str]) -> None:
        if len(args) > 1:
            self.say_notice("Usage: /export [FILE]", severity="error")
            return
        path = Path(args[0]) if args else default_export_path()
        try:
            written = write_export(self.transcript.to_markdown(), path)
        except OSError as exc:
            self.say_notice(f"Could not write {path}: {exc.strerror or exc}", severity="error")
            return
        self.last_export = written
        self.say_notice(f"Conversation saved as Markdown to {written}")

    # -- /cert ----------------------------------------------------------------------------

    def _inspect_cert(self, path: str) -> None:
        self.query_one(TopicBar).set_status("reading the certificate file…")
        self._cert_worker(path)

    @work(thread=True, group="cert", exit_on_error=False)
    def _cert_worker(self, path: str) -> None:
        try:
            markdown = bridge.cert_file_markdown(path)
        except Exception as exc:  # CertFileError, OSError, …: say it, in words
            self._from_thread(self._cert_done, None, f"/cert: {exc}")
            return
        self._from_thread(self._cert_done, markdown, None)

    def _cert_done(self, markdown: str | None, error: str | None) -> None:
        self.query_one(TopicBar).set_status(self.kb_status)
        if error:
            self.say_notice(error, severity="error")
        elif markdown:
            self.say_answer(markdown)

    # -- live checks ----------------------------------------------------------------------

    def start_check(self, request: CheckRequest) -> None:
        if self.check is not None:
            self.say_notice("A check is already running — Esc cancels it.", severity="warning")
            return
        if request.ca_file and not Path(request.ca_file).expanduser().is_file():
            self.say_notice(f"/check: --ca-file {request.ca_file!r} is not a readable file", severity="error")
            return
        progress = CheckProgress(request.shown_url, show_timings=not self.deterministic)
        self.conversation.add(progress)
        self.check = RunningCheck(request, progress, threading.Event())
        self.transcript.add("notice", f"Live check of {request.shown_url}")
        self.refresh_bindings()
        # A daemon thread, not a Textual thread worker: a step blocked on a silent server
        # only notices the cancel flag when its socket times out, and the executor behind
        # thread workers is joined at exit — quitting would hang for the rest of --timeout.
        self.check.thread = threading.Thread(
            target=self._run_check, args=(self.check,), name="sapassist-check", daemon=True
        )
        self.check.thread.start()

    def _run_check(self, run: RunningCheck) -> None:
        """The check itself, in its own thread; results go back to the UI thread unless
        the check was cancelled (Esc said so already; on quit there is no UI left)."""

        def deliver(func: Callable[..., object], *args: object) -> None:
            if not run.cancel.is_set():
                self._from_thread(func, run, *args)

        try:
            from assistant.diagnostics import run_check
            from assistant.diagnostics.model import CheckOptions
            from assistant.diagnostics.runner import CheckSetupError

            options = CheckOptions(
                url=run.request.url,
                ca_file=str(Path(run.request.ca_file).expanduser()) if run.request.ca_file else None,
                proxy=run.request.proxy,
                proxy_user=run.request.proxy_user,
                timeout=run.request.timeout,
                sni=run.request.sni,
            )
            report = run_check(
                options, on_finding=lambda finding: deliver(self._check_finding, finding), cancel=run.cancel
            )
        except CheckSetupError as exc:  # bad options: the message says what is wrong
            deliver(self._check_failed, str(exc))
            return
        except Exception as exc:
            deliver(self._check_failed, f"{type(exc).__name__}: {exc}")
            return
        deliver(self._check_done, report)

    def _check_finding(self, run: RunningCheck, finding: Finding) -> None:
        if run is self.check:
            run.progress.add_finding(finding)

    def _check_failed(self, run: RunningCheck, error: str) -> None:
        if run is not self.check:
            return
        self.check = None
        self.refresh_bindings()
        run.progress.finish("the check could not run", "failed")
        self.say_notice(f"The check of {run.request.shown_url} could not run: {error}", severity="error")

    def _check_done(self, run: RunningCheck, report: CheckReport) -> None:
        if run is not self.check:  # cancelled meanwhile: the user was already told
            return
        self.check = None
        self.refresh_bindings()
        if self.deterministic:
            report.elapsed_ms = 0.0
            for finding in report.findings:
                finding.elapsed_ms = 0.0
        for finding in report.findings[len(run.progress.findings) :]:
            run.progress.add_finding(finding)  # findings the callback did not deliver
        took = "" if self.deterministic else f" in {report.elapsed_ms:.0f} ms"
        run.progress.finish(f"done{took} — verdict: {report.verdict}", "done", str(report.verdict))
        if self.kb is None:
            self.say_notice("No knowledge base: only the raw findings are shown above.", severity="warning")
            return
        from assistant.answers.check import build_check_answer

        reported = self.state.messages[:1] if self.state is not None else ()  # the user's topic
        self.say_answer(
            build_check_answer(report, self.kb, reported=reported, steps=False),
            reveal_from=run.progress,
        )
        if report.sclnt_http:
            from assistant.intent import route

            # The topic becomes what the check found; follow-ups put its cause first.
            found = route(report.sclnt_http, self.kb, self.state).state
            self.state = found.with_confirmed_cause(report.cause)
        self._update_topic()

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_check":
            return self.check is not None
        return True

    def action_cancel_check(self) -> None:
        run = self.check
        if run is None:
            return
        run.cancel.set()
        self.check = None
        self.refresh_bindings()
        run.progress.finish("cancelled (Esc)", "cancelled")
        self.say_notice(
            f"Check of {run.request.shown_url} cancelled — no result. To try again: {run.request.as_command()}"
        )

    def action_help(self, echo: bool = True) -> None:
        if echo:
            self.transcript.add("user", "/help")
        self.say_answer(
            "## What I can do\n\nAsk about an `SCLNT_HTTP` message or paste an error; follow-up "
            "questions (*how do I fix it?*, *and through a proxy?*) stay on the current topic "
            "shown at the top. When a question names a host or URL I offer a live check.\n\n"
            "### Commands\n\n" + help_markdown() + "\n### Keys\n\n" + KEYS_HELP
        )

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
        if panel.display:
            panel.show(self._topic_markdown())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"

    def action_copy_answer(self) -> None:
        text = self.transcript.last_answer()
        if text is None:
            self.notify("No answer to copy yet.", severity="warning")
            return
        self.copy_to_clipboard(text)
        self.notify(f"Copied the last answer ({len(text)} characters) to the clipboard.")

    def action_clear(self) -> None:
        if self.check is not None:
            self.action_cancel_check()
        self._conversation_id += 1
        self._questions.clear()
        self.conversation.remove_children()
        self.conversation.add(Answer(WELCOME, classes="welcome"))
        self.transcript.clear()
        self.state = None
        self._offered_target = None
        self._update_topic()
        self.notify("Conversation cleared: a new topic starts with your next question.")
