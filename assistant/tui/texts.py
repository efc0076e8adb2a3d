"""The chat's own fixed texts: the welcome and the /help answer.

Kept apart from the app so the wording can be read (and changed) in one place. Pure
Python (no Textual).
"""

from __future__ import annotations

from assistant.tui.checkargs import OPTIONS
from assistant.tui.slash import help_markdown

WELCOME = """\
## Welcome to sapassist

I help with **SAP HTTP-client errors** (message class `SCLNT_HTTP`): paste the error from \
SM59, `dev_icm` or abapGit, or ask in your own words. I explain the message, rank the \
likely causes, give the fix steps (`STRUST`, `SM59`, `SMICM` …) and can **check the \
endpoint live**: DNS, TCP, proxy, TLS, certificate chain and HTTP.

Try for example:

- *What does SCLNT_HTTP407 mean?*
- *HTTP error 411 occured: ICM_HTTP_CONNECTION_REFUSED — how do I fix it?*
- *HTTP error 421 occured: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)* — \
an error that names its server gets a live check of it offered

`/help` lists the commands (`/check URL`, `/lookup ID`, `/cert FILE`, `/export` …); \
keys are in the footer, `Ctrl+P` opens the command palette.
"""

KEYS_HELP = """\
| Key | What it does |
|---|---|
| `Enter` | Send |
| `↑` / `↓` | Earlier / later input |
| `Tab` or `→` | Accept the grey suggestion |
| `Esc` | Cancel a running check; back to the prompt |
| `Ctrl+O` | Open or close the details of the answer on screen (or click a ▸ title) |
| `Shift+Tab` | Move into the answers (`↑`/`↓` between sections, `Enter` opens one) |
| `PgUp` / `PgDn` | Scroll the conversation (`Ctrl+Home` / `Ctrl+End`: top / bottom) |
| Paste | A multi-line paste stays whole (line breaks show as `↵`; a very long one as a placeholder) |
| `F1` | This help |
| `F2` | Side panel with the full entry of the current topic |
| `F3` | Light / dark theme |
| `Ctrl+Y` | Copy the last answer (says where it went) |
| `Ctrl+P` | Command palette |
| `Ctrl+Q` | Quit |
"""


CHECK_OPTIONS = [(f"{flag} {value}".strip(), text) for flag, value, text in OPTIONS]


def help_answer() -> str:
    """What F1 and /help show: what the chat does, its commands and its keys."""
    return (
        "## What I can do\n\nAsk about an `SCLNT_HTTP` message or paste an error; follow-up "
        "questions (*how do I fix it?*, *and through a proxy?*) stay on the current topic "
        "shown at the top. When a question names a host or URL I offer a live check.\n\n"
        "### Commands\n\n" + help_markdown({"check": CHECK_OPTIONS}) + "\n### Keys\n\n" + KEYS_HELP
    )

