"""Does a report's verdict hold when words that carry no evidence are added or changed?

Real posts carry noise: greetings, thanks and signatures, urgency, a line naming the
system's release, a note on the landscape, the post's own URL, code fences, a quoted earlier
reply, the text in lower case, line breaks moved, typos of common words, negations typed
without an apostrophe, with another one (U+2019, a backtick) or run together ("doesnt"). None of it says
what failed, so none of it should move the verdict. A second round (benchmarks/_posting_habits.py)
dresses the report up as real posts do: the error pasted as the title and again in the body, a
forum tag in brackets ("[SOLVED]", "[ABAP]"), a log of INFO lines around it, the environment
as ``key: value``, bullets, a PDF's hyphens, a word processor's non-breaking spaces and quotes,
a forwarded mail's header, umlauts typed as ae/oe/ue, tabs, Windows line ends, capitals, a
German greeting and closing. Of these, "[ABAP]" does name an area (the ABAP stack), so a
report nothing else placed may move with it; the others carry no evidence. For every dev report
(tests/eval/real/dev.yaml only; the test split is never read) whose scope the router
recognises today, this routes the report with each transform of `TRANSFORMS` (a fixed list
below) and counts, per transform and per labelled scope kind, how often the scope, the first
message or the top cause changes from what the unmodified report got:

    .venv/bin/python benchmarks/scope_invariance.py              # the tables
    .venv/bin/python benchmarks/scope_invariance.py --failures   # every change, with the scope's reason
    .venv/bin/python benchmarks/scope_invariance.py --only lower,typos

A robustness measure, not a test set: fix the classes of change it shows (a structural rule,
tested with invented sentences in the unit tests), never these reports. A change is not always
wrong — a transform that adds words could carry evidence — but every one listed here was
chosen to carry none. Deterministic: no randomness, the same output for the same code.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from assistant.intent import Routed, route  # noqa: E402
from assistant.kb.knowledge_base import KnowledgeBase  # noqa: E402
from assistant.kb.load import load_kb  # noqa: E402
from benchmarks import _posting_habits as habit  # noqa: E402
from tests.support.real_eval import load_real  # noqa: E402

CHECKS = ("scope", "message", "cause")


def _prefix(line: str) -> Callable[[str], str]:
    return lambda text: f"{line}\n{text}"


def _suffix(line: str) -> Callable[[str], str]:
    return lambda text: f"{text.rstrip()}\n{line}\n"


def _fenced(text: str) -> str:
    return f"```\n{text.rstrip()}\n```\n"


def _rewrapped(text: str) -> str:
    """Line breaks moved: the words refilled at 60 columns, as a forum's editor might."""
    return textwrap.fill(" ".join(text.split()), width=60) + "\n"


def _spaced(text: str) -> str:
    """Blank lines between lines and trailing blanks, as a paste from a mail might have."""
    return "\n\n".join(line + "  " for line in text.splitlines()) + "\n"


TYPOS = {"the": "teh", "with": "wiht", "when": "wehn", "have": "ahve", "that": "taht",
         "this": "tihs", "because": "becuase", "which": "whihc", "their": "thier", "receive": "recieve"}
_TYPO_WORD = re.compile(r"\b(" + "|".join(TYPOS) + r")\b")


def _typos(text: str) -> str:
    """Common words mistyped, two letters swapped (every occurrence, lower case only: a fixed map)."""
    return _TYPO_WORD.sub(lambda m: TYPOS[m.group(1)], text)


DROPS = {"the": "th", "with": "wth", "that": "tht", "when": "whn", "have": "hve", "because": "becuse",
         "which": "whch", "does": "dos", "after": "afer", "from": "frm"}
_DROP_WORD = re.compile(r"\b(" + "|".join(DROPS) + r")\b")


def _drops(text: str) -> str:
    """Common words with a letter left out (every occurrence, lower case only: a fixed map)."""
    return _DROP_WORD.sub(lambda m: DROPS[m.group(1)], text)


# Negations as people type them: "don't" as "dont", "doesn’t" (U+2019), "it`s"; "does not" run
# together ("doesnt"). Only the negated auxiliaries: a fixed list, every occurrence.
_CONTRACTED = re.compile(r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should|ca|wo)n't\b", re.IGNORECASE)
_SPELT_OUT = re.compile(r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should) not\b", re.IGNORECASE)


def _apostrophe(mark: str) -> Callable[[str], str]:
    """Each "n't" of a negated auxiliary written with `mark` for its apostrophe ("" drops it)."""
    return lambda text: _CONTRACTED.sub(lambda m: f"{m.group(1)}n{mark}t", text)


def _run_together(text: str) -> str:
    """Each spelt-out negation ("does not") typed as one word without an apostrophe ("doesnt")."""
    return _SPELT_OUT.sub(lambda m: f"{m.group(1)}nt", text)


def _contracted(text: str) -> str:
    """Each spelt-out negation ("does not", "cannot") written as its contraction ("doesn't", "can't")."""
    return _SPELT_OUT.sub(lambda m: f"{m.group(1)}n't", re.sub(r"\b([Cc])an ?not\b", r"\1an't", text))


@dataclass(frozen=True)
class Transform:
    name: str
    apply: Callable[[str], str]


TRANSFORMS: tuple[Transform, ...] = (
    Transform("greeting", _prefix("Hi experts,\n")),
    Transform("dear_all", _prefix("Dear all,")),
    Transform("thanks", _suffix("\nThanks in advance.\nRegards,\nPriya")),
    Transform("urgent", _prefix("URGENT!! please help")),
    Transform("help_suffix", _suffix("Any help would be appreciated, please help!")),
    Transform("s4_line", _suffix("We are on S/4HANA 2021 FPS02.")),
    Transform("ecc_line", _suffix("System: ECC 6.0 EHP8 on Oracle 19c, kernel 7.89.")),
    Transform("landscape", _suffix("Our landscape has a DEV, a QAS and a PRD system, each on its own host.")),
    Transform("post_url", _prefix("https://community.sap.com/t5/technology-q-a/qaq-p/13571234")),
    Transform("fenced", _fenced),
    Transform("quoted_reply", _prefix("> Did you check STRUST?\n")),
    Transform("lower", str.lower),
    Transform("rewrapped", _rewrapped),
    Transform("spaced", _spaced),
    Transform("typos", _typos),
    Transform("letter_dropped", _drops),
    Transform("no_apostrophe", _apostrophe("")),
    Transform("curly_apostr", _apostrophe("\u2019")),
    Transform("backtick", _apostrophe("`")),
    Transform("not_run_in", _run_together),
    Transform("contracted", _contracted),
    # round two: how real posts dress a report up (benchmarks/_posting_habits.py)
    Transform("pasted_twice", habit.pasted_twice),
    Transform("solved_tag", habit.solved_tag),
    Transform("area_tag", habit.area_tag),
    Transform("log_block", habit.log_block),
    Transform("env_line", habit.env_line),
    Transform("bullets", habit.bullets),
    Transform("pdf_hyphen", habit.pdf_hyphenated),
    Transform("nbsp", habit.nbsp),
    Transform("smart_quotes", habit.smart_quotes),
    Transform("mail_header", habit.mail_header),
    Transform("umlauts_spelt", habit.umlauts_spelt),
    Transform("tabs", habit.tabs),
    Transform("crlf", habit.crlf),
    Transform("upper", habit.upper),
    Transform("german_frame", habit.german_frame),
)


@dataclass(frozen=True)
class Verdict:
    scope: str
    message: str | None
    cause: str | None
    reason: str

    @classmethod
    def of(cls, routed: Routed) -> Verdict:
        return cls(routed.scope.kind, routed.messages[0].id if routed.messages else None,
                   routed.causes[0].id if routed.causes else None, routed.scope.reason)

    def changed(self, other: Verdict) -> tuple[str, ...]:
        return tuple(c for c in CHECKS if getattr(self, c) != getattr(other, c))


@dataclass
class Tally:
    """Changes per (transform, check) and per (transform, labelled kind) for the scope."""

    reports: int = 0
    per_kind: dict[str, int] = field(default_factory=dict)
    changes: dict[tuple[str, str], int] = field(default_factory=dict)
    scope_by_kind: dict[tuple[str, str], int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, name: str, item: dict[str, Any], before: Verdict, after: Verdict) -> None:
        changed = after.changed(before)
        for check in changed:
            self.changes[(name, check)] = self.changes.get((name, check), 0) + 1
        if "scope" in changed:
            key = (name, item["scope"])
            self.scope_by_kind[key] = self.scope_by_kind.get(key, 0) + 1
        if changed:
            self.failures.append(_failure_line(name, item, before, after, changed))

    def lines(self, names: list[str]) -> list[str]:
        kinds = sorted(self.per_kind)
        short = [k[:12] for k in kinds]
        rows = [f"{self.reports} dev reports whose scope is recognised today (per kind: "
                + ", ".join(f"{k} {self.per_kind[k]}" for k in kinds) + ")", "",
                "changes from the unmodified report's verdict",
                f"{'transform':14}" + "".join(f"{c:>9}" for c in CHECKS) + "   scope changes per labelled kind",
                f"{'':14}" + " " * 27 + "   " + " ".join(f"{s:>12}" for s in short)]
        totals = dict.fromkeys(CHECKS, 0)
        for name in names:
            cells = "".join(f"{self.changes.get((name, c), 0):>9}" for c in CHECKS)
            per_kind = " ".join(f"{self.scope_by_kind.get((name, k), 0):>12}" for k in kinds)
            rows.append(f"{name:14}{cells}   {per_kind}")
            for c in CHECKS:
                totals[c] += self.changes.get((name, c), 0)
        rows.append(f"{'all':14}" + "".join(f"{totals[c]:>9}" for c in CHECKS)
                    + f"   of {self.reports * len(names)} routed texts")
        return rows


def _failure_line(name: str, item: dict[str, Any], before: Verdict, after: Verdict, changed: tuple[str, ...]) -> str:
    parts = [f"{c}: {getattr(before, c)} -> {getattr(after, c)}" for c in changed]
    line = f"{name:13} {item['id'][:50]:50} [{item['source']}] " + "; ".join(parts)
    if "scope" in changed:
        line += f"\n{'':14}reason before: {before.reason[:110]}\n{'':14}reason after:  {after.reason[:110]}"
    return line


def run(kb: KnowledgeBase, transforms: tuple[Transform, ...]) -> Tally:
    tally = Tally()
    for item in load_real("dev"):
        before = Verdict.of(route(item["text"], kb))
        if before.scope != item["scope"]:
            continue
        tally.reports += 1
        tally.per_kind[item["scope"]] = tally.per_kind.get(item["scope"], 0) + 1
        for transform in transforms:
            tally.add(transform.name, item, before, Verdict.of(route(transform.apply(item["text"]), kb)))
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every change, with the scope's reason")
    parser.add_argument("--only", default="", help="comma-separated transform names (default: all)")
    args = parser.parse_args()
    wanted = {n for n in args.only.split(",") if n}
    unknown = wanted - {t.name for t in TRANSFORMS}
    if unknown:
        parser.error(f"unknown transform(s): {', '.join(sorted(unknown))}")
    transforms = tuple(t for t in TRANSFORMS if not wanted or t.name in wanted)
    started = time.perf_counter()
    tally = run(load_kb().kb, transforms)
    if args.failures:
        print("\n".join(tally.failures) + "\n")
    print("\n".join(tally.lines([t.name for t in transforms])))
    print(f"\n({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
