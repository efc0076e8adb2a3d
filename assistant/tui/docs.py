"""Answers as `AnswerDoc`s for the chat: what the builders return, or Markdown made into one.

The question builder returns Markdown today and an `AnswerDoc` once branch h-router lands;
`question_doc` is the one place that knows, so switching is one line. Markdown pages that
are read whole (`/help`, `/list`, `/lookup`, `/cert`, the welcome) become a doc with no
sections (`page_doc`). Pure Python (no Textual).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answers.document import AnswerDoc, Section

if TYPE_CHECKING:
    from assistant.services.answering import Answered

# A section starts at a `### Title` heading or a paragraph that is only `**Title**`
# (optionally followed by a parenthesis: `**Likely causes** (most likely first …)`).
_SECTION = re.compile(r"^(?:#{3}\s+(?P<h>.+?)\s*#*|\*\*(?P<b>[^*\n]+)\*\*(?P<tail>[^\n]*))$")
VERDICT_PARAGRAPHS = 1  # interim: more intro than this moves into a section of its own
_LABEL = re.compile(r"^\*(?P<label>[^*\n]{1,40})\*$")  # a lone `*SapSSL*` under the headline


def page_doc(markdown: str) -> AnswerDoc:
    """A page read as a whole: everything shown, nothing to open."""
    return AnswerDoc(headline="", verdict=markdown)


def question_doc(answered: Answered) -> AnswerDoc:
    """The answer to a question as a doc (the builder's, or its Markdown split up)."""
    doc = getattr(answered, "doc", None)
    if isinstance(doc, AnswerDoc):
        return doc
    return split_markdown(answered.markdown)


def with_offer(doc: AnswerDoc, offer: str) -> AnswerDoc:
    """The live-check offer belongs to the verdict: it is the one next step to take."""
    return replace(doc, verdict=f"{doc.verdict.rstrip()}\n\n{offer.strip()}")


def split_markdown(markdown: str) -> AnswerDoc:
    """An answer written as one Markdown text, as a verdict and keyed sections.

    The headline is the first `## ` heading; the verdict what comes before the first
    section (at most `VERDICT_PARAGRAPHS` paragraphs: the rest becomes "More about it");
    sections start at `### ` headings and paragraphs that are only a bold title.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", markdown.strip()) if p.strip()]
    headline = ""
    intro: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for paragraph in paragraphs:
        first_line = paragraph.split("\n", 1)[0].strip()
        if not headline and not sections and first_line.startswith("## ") and "\n" not in paragraph.strip():
            headline = first_line[3:].strip()
            continue
        label = _LABEL.match(paragraph.strip())
        if headline and not intro and not sections and label and not label.group("label").startswith("("):
            headline += f" · {label.group('label').strip()}"  # no lone label line
            continue
        match = _SECTION.match(first_line)
        if match and (match.group("h") or not match.group("tail").strip() or match.group("tail").lstrip().startswith("(")):
            title = (match.group("h") or match.group("b") or "").strip()
            rest = paragraph.split("\n", 1)[1] if "\n" in paragraph else ""
            tail = (match.group("tail") or "").strip()
            sections.append((title, [tail] if tail else []))
            if rest.strip():
                sections[-1][1].append(rest)
            continue
        (sections[-1][1] if sections else intro).append(paragraph)
    verdict, more = intro[:VERDICT_PARAGRAPHS], intro[VERDICT_PARAGRAPHS:]
    built = [Section(_key(title), title, "\n\n".join(body)) for title, body in sections]
    if more:
        built.insert(0, Section("more", "More about it", "\n\n".join(more)))
    return AnswerDoc(headline=headline, verdict="\n\n".join(verdict), sections=tuple(built))


def _key(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"
