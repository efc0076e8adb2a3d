"""The answer for a tool's own error (intent/toolerror.py: a KeyError, "Cannot read
properties of undefined", a required field missing), raised before any request was sent.

Why: such a report has no failed call — no connection, TLS or SAP HTTP-client fault — so
the question "which of its calls fails?" and the causes that share words with it
(connect_timeout, a certificate entry) pointed away from its fix. The fix is in that
tool's own configuration or input, at the name the error quotes. The answer says that
first, quotes the error line as the report shows it (untrusted: literal, Markdown inert)
and gives one next step at that name; no SCLNT_HTTP message, no causes.
"""

from __future__ import annotations

import re

from assistant.answers.document import AnswerDoc
from assistant.answers.quoting import user_words
from assistant.intent.result import Routed
from assistant.intent.scope import TOOL_ERROR_REASON
from assistant.intent.toolerror import quoted_names, tool_error_line
from assistant.textsafe import md_code

HEADLINE = "Not an SAP HTTP-client error: the tool's own error"
WHAT_IT_IS = (
    "**What it is:** the tool raised this error itself, before any request was sent — no connection, "
    "TLS or SAP HTTP-client fault (no SCLNT_HTTP message applies)."
)
QUOTE_LIMIT = 200
# A file the error names that holds a tool's settings (ui5.yaml, package.json, .env, xs-app.json …).
_SETTINGS_FILE = re.compile(r"(?<![\w/.-])(?:[\w-]+\.)*[\w-]*\.(?:ya?ml|json|properties|env|ini|toml|cfg|conf|xml)\b")
# A file the tool looked for and did not find (Node's ENOENT, Python's and Java's FileNotFound).
_FILE_MISSING = re.compile(r"\bENOENT\b|no such file or directory|file ?not ?found", re.IGNORECASE)
# Names of a runtime's own classes an error quotes beside the name it failed on ('KeyError' object …).
_RUNTIME_CLASS = re.compile(r"^[A-Z]\w*(?:Error|Exception)$")
AFTER_THE_STEP = (
    "**If a call fails once this is fixed:** paste that call's error — the answer then says where its fix lives."
)


def is_tool_error_answer(routed: Routed) -> bool:
    """The scope found no failed call, only the tool's own error."""
    return routed.scope.kind == "unknown" and routed.scope.reason == TOOL_ERROR_REASON


def tool_error_doc(routed: Routed) -> AnswerDoc:
    """What it is, the error as written, and the one step in that tool's configuration."""
    # The text as the router kept it for the question it would ask (passwords masked).
    found = tool_error_line(routed.state.pending_text)
    lines = [WHAT_IT_IS]
    if found is None:
        lines += [_next_step("", "", missing_file=False), AFTER_THE_STEP]
        return AnswerDoc(HEADLINE, "\n\n".join(lines), ())
    line, sentence = found
    shown = line if len(line) <= QUOTE_LIMIT else sentence
    names = [n for n in quoted_names(sentence) if not _RUNTIME_CLASS.match(n)]
    files = _SETTINGS_FILE.findall(line)
    name = names[-1] if names else ""
    lines += [f"**The error:** {user_words(shown, QUOTE_LIMIT)}",
              _next_step(name, files[0] if files else "", missing_file=bool(_FILE_MISSING.search(sentence))),
              AFTER_THE_STEP]
    return AnswerDoc(HEADLINE, "\n\n".join(lines), ())


def _next_step(name: str, settings_file: str, *, missing_file: bool) -> str:
    """One step at the name the error quotes, in that tool's own configuration or input."""
    where = f"that tool's own configuration ({md_code(settings_file)})" if settings_file else (
        "that tool's own configuration (its settings file, parameters or environment)")
    untouched = "nothing on the SAP side (SM59, STRUST) or the network changes this error"
    if missing_file:
        what = md_code(name) if name else "the file it names"
        return (f"**Next step:** make sure {what} exists where the tool looks for it — the path in {where} "
                f"or its working directory; {untouched}.")
    what = md_code(name) if name else "what the error names"
    return (f"**Next step:** find {what} where the tool reads it — {where} or the input it is given: the error "
            f"says it is missing, misspelt or of the wrong form there. Set it as that tool's documentation "
            f"says and run it again; {untouched}.")
