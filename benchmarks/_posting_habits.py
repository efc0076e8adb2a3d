"""How real posts dress a report up: the habits scope_invariance.py imitates in its second round.

Each function turns a report's text into the same report as someone might have posted it —
the error pasted into the title and again in the body, a forum tag in brackets, a log of
unrelated INFO lines around it, the environment as ``key: value``, bullets, a PDF's hyphens,
a word processor's spaces and quotes, a mail's header, umlauts typed as two letters, tabs,
Windows line ends, capitals, a German greeting. None of them says what failed. Deterministic:
no randomness, so the benchmark prints the same figures for the same code.
"""

from __future__ import annotations

import re

_TITLE_CHARS = 100


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _title_of(text: str) -> str:
    """The report's first line cut at a word end near 100 characters, as a forum's title field keeps it."""
    line = _first_line(text)
    if len(line) <= _TITLE_CHARS:
        return line
    return line[:_TITLE_CHARS].rsplit(" ", 1)[0]


def pasted_twice(text: str) -> str:
    """The error pasted as the post's title and again as the first line of its body."""
    return f"{_title_of(text)}\n\n{text}"


def solved_tag(text: str) -> str:
    """A title line tagged by the forum's status in brackets, as threads are marked when closed."""
    return f"[SOLVED] {_title_of(text)}\n\n{text}"


def area_tag(text: str) -> str:
    """A title line tagged with the forum's area in brackets ("[ABAP] …"), as boards file posts."""
    return f"[ABAP] {_title_of(text)}\n\n{text}"


_LOG_BEFORE = (
    "2024-03-11 10:15:02,114 INFO  [main] Loading configuration from config/app.properties\n"
    "2024-03-11 10:15:02,391 INFO  [main] Job scheduler initialised with 4 worker threads\n"
    "2024-03-11 10:15:03,007 INFO  [worker-2] Picked up job 20240311-0042 for processing\n"
)
_LOG_AFTER = (
    "2024-03-11 10:15:04,550 INFO  [worker-2] Writing job summary to logs/summary.txt\n"
    "2024-03-11 10:15:04,551 INFO  [main] 1 job processed, next run at 11:15:00\n"
)


def log_block(text: str) -> str:
    """The error inside a block of the program's log: INFO lines with timestamps, thread names and
    job numbers that say nothing of the failure, as posters paste the whole screen of a log."""
    return f"{_LOG_BEFORE}{text.rstrip()}\n{_LOG_AFTER}"


def env_line(text: str) -> str:
    """A line of the poster's environment in ``key: value`` form, with release, patch and library versions."""
    return f"{text.rstrip()}\nSystem: S/4HANA 2022, Kernel: 793 PL 100, CommonCryptoLib 8.5.50\n"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def bullets(text: str) -> str:
    """Every sentence a bullet of its own ("- …"), as posters list what they saw and tried."""
    lines: list[str] = []
    for line in text.splitlines():
        parts = [p for p in _SENTENCE_END.split(line.strip()) if p]
        lines.extend(f"- {p}" for p in parts)
    return "\n".join(lines) + "\n"


_PDF_WIDTH = 60
_SPLITTABLE = re.compile(r"[A-Za-z]{8,}")


def pdf_hyphenated(text: str) -> str:
    """Text copied from a PDF: lines of about 60 characters, a long word that crosses the line end
    split with a hyphen ("certifi-\\ncate"), as a PDF viewer's copy keeps the typesetter's breaks."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if len(line) + 1 + len(word) <= _PDF_WIDTH or not line:
            line = f"{line} {word}".strip()
            continue
        room = _PDF_WIDTH - len(line) - 2
        if _SPLITTABLE.fullmatch(word) and room >= 3 and len(word) - room >= 3:
            lines.append(f"{line} {word[:room]}-")
            line = word[room:]
        else:
            lines.append(line)
            line = word
    return "\n".join([*lines, line]) + "\n"


def nbsp(text: str) -> str:
    """Every space a non-breaking one (U+00A0), as text copied out of a word processor or a web page has them."""
    return text.replace(" ", "\u00a0")


_DOUBLE_QUOTED = re.compile(r'"([^"\n]*)"')


def smart_quotes(text: str) -> str:
    """Straight quotes made typographic (“…”, ’), as a word processor or a mail client rewrites them."""
    return _DOUBLE_QUOTED.sub("\u201c\\1\u201d", text).replace("'", "\u2019")


_MAIL_HEADER = (
    "From: Priya Raman <priya.raman@example.com>\n"
    "Sent: Tuesday, March 12, 2024 9:14 AM\n"
    "To: Basis Support <basis-support@example.com>\n"
    "Subject: RE: Ticket 4711\n\n"
)


def mail_header(text: str) -> str:
    """A forwarded mail's ``From:/Sent:/To:/Subject:`` header above the report, as tickets quote a mail."""
    return _MAIL_HEADER + text


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def umlauts_spelt(text: str) -> str:
    """German umlauts and ß typed as ae/oe/ue/ss, as on a keyboard without them."""
    return text.translate(_UMLAUTS)


def tabs(text: str) -> str:
    """Each line indented by a tab and the space after a colon a tab, as a table pasted out of the SAP GUI."""
    return "\n".join("\t" + line.replace(": ", ":\t") for line in text.splitlines()) + "\n"


def crlf(text: str) -> str:
    """Windows line ends (CR LF), as a paste from Windows' clipboard or a file saved there has them."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def german_frame(text: str) -> str:
    """An English report with a German greeting and closing, as German-speaking posters write in English forums."""
    return f"Hallo zusammen,\n\n{text.rstrip()}\n\nVielen Dank im Voraus!\nViele Grüße\nKlaus\n"


def upper(text: str) -> str:
    """The whole report in capitals, as posted with caps lock on or by a ticket tool that shouts."""
    return text.upper()
