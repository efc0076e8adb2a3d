"""A long conversation for the chat benchmarks: the chat filled with N real answers, and
the naive baseline (a minimal Textual app with the same answers as `Markdown` widgets).

Imported by `bench_tui.py` (headless, Pilot) and run as a script in tmux (a real
terminal):

    python benchmarks/_tui_conversation.py chat|naive N READY_FILE

The script writes READY_FILE once the N answers are on screen. F3 switches the theme in
both apps. The chat is filled the way a user fills it: each question goes through the
prompt's own path (`handle_text`), the router answers it in its worker, and the app shows
the answer; the baseline gets the same answers' Markdown.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Real questions of the kinds people ask: messages, pasted errors, follow-ups, hosts.
QUESTIONS = (
    "What does SCLNT_HTTP407 mean?",
    "how do I fix it?",
    "SM59 connection test to https://api.example.com fails: SSSLERR_PEER_CERT_UNTRUSTED",
    "SCLNT_HTTP411",
    "and through a proxy?",
    "HTTP error 421 occured: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)",
    "what about 415?",
    "ICM_HTTP_TIMEOUT when calling partner.example.org:8443",
    "SCLNT_HTTP416",
    "SSSLERR_SSL_READ",
)


def question(i: int) -> str:
    return QUESTIONS[i % len(QUESTIONS)]


def answer_texts(n: int) -> list[tuple[str, str]]:
    """(question, answer Markdown) for the baseline, from the real router and builders."""
    if n == 0:
        return []
    from assistant.services.answering import answer_question
    from assistant.services.knowledge import load_knowledge

    kb = load_knowledge([]).kb
    state = None
    out = []
    for i in range(n):
        answered = answer_question(question(i), kb, state, for_chat=True)
        state = answered.routed.state
        out.append((question(i), _markdown_of(answered)))
    return out


def _markdown_of(answered: Any) -> str:
    """The answer's Markdown whatever the builder returns (a string or an AnswerDoc)."""
    value = answered.markdown if hasattr(answered, "markdown") and isinstance(answered.markdown, str) else None
    if value is not None:
        return value
    doc = getattr(answered, "doc", None)
    return doc.markdown() if doc is not None else str(answered)


def naive_app_class(answers: list[tuple[str, str]]) -> Any:
    """The baseline: what the chat looked like before, reduced to the parts that cost."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import VerticalScroll
    from textual.content import Content
    from textual.widgets import Footer, Input, Markdown, Static

    class NaiveChat(App[int]):
        CSS = """
        VerticalScroll { height: 1fr; padding: 0 1; }
        .question { margin: 1 0 0 8; padding: 0 1; background: $primary 15%; }
        Markdown { margin: 1 4 0 0; padding: 0 1; border-left: outer $success; }
        Input { margin: 0 1; }
        """
        BINDINGS = [Binding("f3", "toggle_theme", "Light/dark")]

        def compose(self) -> ComposeResult:
            with VerticalScroll(id="conversation"):
                for text, markdown in answers:
                    yield Static(Content(text), classes="question")
                    yield Markdown(markdown, open_links=False)
            yield Input(placeholder="Ask about an SCLNT_HTTP error, paste one, or type /help", id="prompt")
            yield Footer()

        def on_mount(self) -> None:
            prompt = self.query_one(Input)
            prompt.cursor_blink = False  # as the chat in the benchmark: a still screen is a done one
            prompt.focus()

        def action_toggle_theme(self) -> None:
            self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"

    return NaiveChat


def answer_count(app: Any) -> int:
    """Answers in the conversation (the welcome is not one), painted by widgets or by
    the conversation's archive."""
    conversation = app.conversation
    if hasattr(conversation, "answer_count"):
        return int(conversation.answer_count)
    from assistant.tui.widgets.conversation import Answer  # the chat before the archive

    return sum(1 for a in app.query(Answer) if not a.has_class("welcome"))


def chat_app(history: Path) -> Any:
    from assistant.tui.app import ChatApp

    return ChatApp(history_path=history, deterministic=True)


def fill_chat(app: Any, n: int) -> None:
    """Queue n questions as if typed (the question flow answers them one by one)."""
    for i in range(n):
        app.handle_text(question(i))


def run_in_terminal(kind: str, n: int, ready_file: Path) -> None:
    """The script mode (tmux): fill, then write `ready_file` once everything is shown."""
    import tempfile

    ready_file.unlink(missing_ok=True)
    if kind == "naive":
        base: Any = naive_app_class(answer_texts(n))
        args: tuple[Any, ...] = ()
    else:
        from assistant.tui.app import ChatApp

        base, args = ChatApp, ()
    filled = False

    def is_ready(app: Any) -> bool:
        nonlocal filled
        if kind == "naive":
            return True
        if app.kb is None:
            return False
        if not filled:
            filled = True
            fill_chat(app, n)
        return answer_count(app) >= n

    class Filled(base):  # type: ignore[misc, valid-type]
        def on_ready(self) -> None:
            self._fill_timer = self.set_interval(0.05, self._poll)

        def _poll(self) -> None:
            if is_ready(self):
                self._fill_timer.stop()
                self.call_after_refresh(lambda: self.call_after_refresh(ready_file.write_text, "ready"))

    if kind == "naive":
        app = Filled(*args)
    else:
        app = Filled(history_path=Path(tempfile.mkdtemp()) / "history.jsonl", deterministic=True)
    app.run()


if __name__ == "__main__":
    run_in_terminal(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]))
