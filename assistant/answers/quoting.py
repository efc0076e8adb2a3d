"""The failure's own words, quoted where the answer says what it is.

"HTTP 400 is the far server's own answer" says who answered, not what it disliked; the
Status Text SM59 showed, the server's reason phrase or the dump's Short Text says that.
The router keeps those fields as written (`Routed.screen_words`); here each becomes one
verdict line, with who wrote it as the router read it: the server (its status read as a
real status), the ICM (a page it made after the call failed) or the dump. The words are
untrusted: shown literally (controls escaped, Markdown inert), cut to `QUOTE_CHARS`; their
passwords were masked where the router took them.
"""

from __future__ import annotations

from assistant.intent.result import Routed
from assistant.intent.screenwords import ScreenWords
from assistant.textsafe import escape_control, md_inline

QUOTE_CHARS = 160
MAX_QUOTES = 2
# Who wrote a screen's words that come with no status of their own.
_SCREENS = {
    "short_text": "The dump's Short Text",
    "monitor_error": "The message monitor's error (SAP:Stack)",
    "web_service_error": "The web service runtime said",
}


def quoted(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` as a literal quotation: controls escaped, cut near `limit` (its secrets were
    masked where the router took it, intent.screenwords)."""
    safe = escape_control(text)
    if len(safe) > limit:
        safe = safe[:limit].rsplit(" ", 1)[0] + " …"
    return f"“{md_inline(safe)}”"


def user_words(said: str, limit: int = QUOTE_CHARS) -> str:
    """The user's own words said back ("you said …", "Your text found: …"), the one way every
    answer quotes them: passwords masked (redact.mask_said; again where the router masked
    already), spaces made single, the clause's edge punctuation dropped, controls escaped,
    cut near `limit`, Markdown inert, in quotation marks."""
    from assistant.redact import mask_said  # only when a user's words are said back

    return quoted(" ".join(mask_said(said).split()).strip(" ,;:."), limit)


def screen_lines(routed: Routed) -> list[str]:
    """One line per field of the pasted screen that carries the failure's own words."""
    lines = []
    for words in routed.screen_words:
        label = _label(words, routed)
        if label:
            lines.append(f"**{label}:** {quoted(words.text)}")
    return lines[:MAX_QUOTES]


def _label(words: ScreenWords, routed: Routed) -> str:
    """Who wrote the words, as the router read the status they came with; '' when the
    quote would contradict that reading (a status line whose number is no server status)."""
    lean = next((r.lean for r in routed.readings if r.number == words.number), "")
    if words.label in _SCREENS:
        return _SCREENS[words.label]
    if words.label == "response_body":
        return "The server's answer said" if any(r.lean == "http" for r in routed.readings) else ""
    if words.label == "quoted_status":  # a log's or a tool's line, not the body the server sent
        return "The line you quote says" if lean == "http" else ""
    if words.label == "status_line":
        return "The server's own words" if lean == "http" else ""
    if lean == "http":
        return "The server's own words (SM59 Status Text)"
    if lean == "icm_page":
        return "The ICM's page said (SM59 Status Text)"
    return "SM59's Status Text"
