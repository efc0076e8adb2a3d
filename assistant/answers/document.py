"""An answer as every front end shows it: the verdict first, then the details.

The builders (questions, checks, traces) return an `AnswerDoc`; the CLI prints
`doc.markdown()`, the chat shows the verdict at once and the sections collapsible, and a
follow-up can leave out the sections the conversation has already shown (their `key`).
No markdown-it here: this is plain data and string joining.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

SOURCES_TITLE = "Sources"
SHOWN_ABOVE = "**Shown above in this conversation:**"
NOTHING_NEW = "**Nothing new to add to the answers above.**"
NEXT_STEP = "**Next step:**"
LIVE_CHECK = "**Live check:**"
# Verdict paragraphs a turn's own words call for (answers.comparison, a step said done:
# answers.nextstep): kept in a follow-up.
NEW_IN_THE_TURN = ("**You said** ", "**Now first:** ", "**Done:** ")


@dataclass(frozen=True, slots=True)
class Section:
    """One block of details under its own heading.

    `key` names what the section is about (e.g. "fix:server_cert_untrusted",
    "sources:SCLNT_HTTP421"), so a later answer in the same conversation can tell that it
    was shown already; `title` is the heading text without Markdown marks.
    """

    key: str
    title: str
    markdown: str


@dataclass(frozen=True, slots=True)
class AnswerDoc:
    """`verdict`: Markdown of 2–4 short lines under a one-line `headline` — what it is (the
    message, or "not an SAP HTTP-client error"), the most likely cause, the one next step,
    and the live-check offer when an endpoint is known. `sections`: the details."""

    headline: str
    verdict: str
    sections: tuple[Section, ...] = field(default=())
    # The fix step the verdict gives as its next step ("cause_id:index", answers.nextstep):
    # kept with the conversation, so a turn that says it was done is known to mean it.
    step: str = ""

    def markdown(self, *, skip: frozenset[str] = frozenset()) -> str:
        """The whole answer as Markdown; sections whose key is in `skip` are left out."""
        parts = [f"## {self.headline}".rstrip(), self.verdict.strip()]
        for section in self.sections:
            if section.key in skip or not section.markdown.strip():
                continue
            parts.append(f"### {section.title}\n\n{section.markdown.strip()}")
        return "\n\n".join(p for p in parts if p.strip("# ")) + "\n"

    def details_markdown(self, *, skip: frozenset[str] = frozenset()) -> str:
        """Only the sections (for a collapsible part under the verdict)."""
        return "\n\n".join(
            f"### {s.title}\n\n{s.markdown.strip()}"
            for s in self.sections
            if s.key not in skip and s.markdown.strip()
        )

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(s.key for s in self.sections)

    def without(self, keys: frozenset[str]) -> AnswerDoc:
        """The answer without the sections a conversation has shown already (their `keys`):
        a follow-up shows only what is new. When that leaves none, it says so plainly, names
        the sections above that answer it and gives the one next step — neither the verdict
        repeated as if new nor one that leaves the question ("which log shows why?") looking
        unanswered."""
        if not keys & self.keys:
            return self
        kept = tuple(s for s in self.sections if s.key not in keys)
        if kept:
            return AnswerDoc(self.headline, self.verdict, kept, self.step)
        titles = [s.title for s in self.sections if s.markdown.strip() and s.title != SOURCES_TITLE]
        if not titles:
            return AnswerDoc(self.headline, self.verdict, kept, self.step)
        above = "; ".join(f"*{t}*" for t in titles)
        paragraphs = self.verdict.split("\n\n")
        if not any(p.startswith(NEXT_STEP) for p in paragraphs):
            return AnswerDoc(self.headline, f"{self.verdict.rstrip()}\n\n{SHOWN_ABOVE} {above}.".strip(), kept, self.step)
        # the verdict again would read as a new answer: say there is nothing new, and the one
        # step (with the live check's offer, which is what to do next as well) — unless the
        # turn said something new that the verdict answers (what works elsewhere, and the
        # cause that now leads: answers.comparison), which then leads.
        said = [p for p in paragraphs if p.startswith(NEW_IN_THE_TURN)]
        steps = "\n\n".join(p for p in paragraphs if p.startswith((NEXT_STEP, LIVE_CHECK)))
        lead = "\n\n".join(said) if said else NOTHING_NEW
        return AnswerDoc(self.headline, f"{lead}\n\n{SHOWN_ABOVE} {above}.\n\n{steps}", kept, self.step)


def assemble(headline: str, verdict: list[str], sections: Sequence[Section | None], *, step: str = "") -> AnswerDoc:
    """The answer with its verdict lines, and its sections without any paragraph said before
    (in the verdict or an earlier section) and without empty ones."""
    lines = [line.strip() for line in verdict if line and line.strip()]
    seen = {" ".join(line.split()) for line in lines}
    out: list[Section] = []
    for section in sections:
        if section is None or not section.markdown.strip():
            continue
        kept = []
        for paragraph in section.markdown.strip().split("\n\n"):
            norm = " ".join(paragraph.split())
            if len(norm) > 40 and norm in seen:
                continue
            seen.add(norm)
            kept.append(paragraph)
        if kept:
            out.append(Section(section.key, section.title, "\n\n".join(kept)))
    return AnswerDoc(headline, "\n\n".join(lines), tuple(out), step)
