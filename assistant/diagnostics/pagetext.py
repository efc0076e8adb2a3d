"""What an error page says, in a line: its title and the start of its visible text.

A proxy that refuses a CONNECT (403, 502 …) often says why only on its page — the rule
or category that blocked the host ("Access denied by policy 'Social Media'"), the name
it could not resolve. The admin needs those words for the proxy team, so the check shows
them: markup, scripts and styles left out, entities decoded, whitespace collapsed, the
secrets of the check scrubbed (`redact.untrusted`), control characters made visible and
the whole cut short — server text shown literally, never rendered or obeyed.
"""

from __future__ import annotations

import html
import re

from assistant.diagnostics.model import Finding
from assistant.redact import untrusted
from assistant.textsafe import decode_text, escape_control

PAGE_GIST_CHARS = 200  # of a page's text, this much is shown

_HIDDEN = re.compile(r"<(script|style|head)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)(?:</title\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*(?:>|\Z)")
_SPACE = re.compile(r"\s+")


def _plain(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def page_gist(page: bytes, limit: int = PAGE_GIST_CHARS) -> str:
    """The page's title and visible text as one escaped line ("" when it says nothing).

    The title leads, as a browser shows it; the body's text follows unless it only
    repeats the title. Plain-text pages are taken as they are."""
    text, _, _ = decode_text(page)
    title_match = _TITLE.search(text)
    title = _plain(title_match.group(1)) if title_match else ""
    body = _plain(_HIDDEN.sub(" ", text))
    if title and body.startswith(title):
        body = body[len(title):].lstrip(" :—-")
    gist = " — ".join(part for part in (title, body) if part)
    safe = escape_control(untrusted(gist))
    if len(safe) <= limit:
        return safe
    return safe[:limit].rstrip() + " …"


def with_page_words(found: Finding, page: bytes, *, cut: bool = False,
                    hand_to: str = "Give the proxy team the words of its page") -> Finding:
    """A proxy's refusal with what its page says (for the proxy team), and whether it
    closed before its header block ended — its status still is its answer."""
    if cut:
        found.data["head_cut"] = True
        found.detail += ("; then it closed the connection before its header block ended — the "
                         "status line is its answer, the headers after it were lost")
    gist = page_gist(page) if page else ""
    if not gist:
        return found
    found.data["proxy_page"] = gist
    found.detail += f"; its page says: '{gist}'"
    step = found.data.get("next_step")
    if isinstance(step, str) and step:
        found.data["next_step"] = f"{step} {hand_to}: '{gist}'."
    return found
