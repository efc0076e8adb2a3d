"""A forwarded mail's header names people and teams, not the failed call.

Tickets and posts quote the mail a problem came in: "From: …", "Sent: …", "To: Basis Team",
"Subject: RE: …" (the header fields of RFC 5322 — From, To, Cc, Date, Subject — as Outlook
writes a reply's header, with "Sent:", and its German "Von:/Gesendet:/An:/Betreff:"). Who
wrote and to which team ("To: SAP Basis") says nothing of which system made the call, yet its
words place a call in an ABAP system. The subject is the poster's own title and stays (its
"RE:", "FW:", "AW:" aside). Only a block of two header lines or more is a header: one line
that starts "To:" is a sentence, and a block is a mail's header only with its sender and a
subject or "Sent:" line (a trace's "From: 10.0.0.1 / To: 10.0.0.2" is not).
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

_FIELD = (r"from|sent|date|to|cc|bcc|reply-to|subject|von|gesendet|datum|an|betreff")
# Two header lines or more in a row (blank lines not between them).
_HEADER_BLOCK = LazyPattern(
    rf"^[ \t]*(?:{_FIELD})[ \t]*:[^\n]*(?:\n[ \t]*(?:{_FIELD})[ \t]*:[^\n]*)+",
    re.IGNORECASE | re.MULTILINE,
    literals=(":",),
)
_SUBJECT = re.compile(r"^[ \t]*(?:subject|betreff)[ \t]*:((?:[ \t]*(?:re|fw|fwd|aw|wg)[ \t]*:)*)", re.IGNORECASE)
_SENDER = ("from", "von")
_MAIL_ONLY = ("sent", "subject", "gesendet", "betreff")  # a log's "From: 10.0.0.1 / To: …" has none


def without_mail_headers(text: str) -> str:
    """`text` with each mail header block's lines left empty but its subject's own words."""
    if ":" not in text:
        return text
    return _HEADER_BLOCK.sub(_subject_only, text)


def _subject_only(block: re.Match[str]) -> str:
    lines = block.group().split("\n")
    fields = {line.split(":", 1)[0].strip().lower() for line in lines}
    if not (fields & set(_SENDER) and fields & set(_MAIL_ONLY)):
        return block.group()  # a mail's header has a sender and a subject or a "Sent:" line
    return "\n".join(_SUBJECT.sub("", line) if _SUBJECT.match(line) else "" for line in lines)
