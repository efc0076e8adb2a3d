"""Scope cues the text itself sets aside: named as unused, as working, or only as an alternative.

Reports name a program or product to rule it out as often as to blame it: "pyrfc is not
used; our python requests call gets Unauthorized", "From abapGit's point of view everything
looks fine", "I can connect with Java/JDBC without any problems", "you're suggesting
switching to @sap/hana-client". The scope vocabulary (scopecues.py) finds such a name
wherever it stands and counted it as evidence of the very kind of failure the text sets
aside. Here each cue is read where it stands — its sentence, part and clause as
finestates.py reads them — and it is no evidence when its clause

- **negates its use**: "not using X", "we don't use X", "without X", "no X" (ending its
  clause, or "no X involved"), "X is not used / involved / needed", "the reason isn't X";
- **says it works** — for a program or product only (a client, library, tool, the ABAP
  caller): "X works", "from X's point of view everything is fine", "tested with X: OK",
  "X connects without problems", with nothing in its part reporting a failure (finestates'
  reading of what is fine). A setting or a failure's words stay evidence: "the certificate
  in STRUST is valid" still places the call in the SAP system;
- **names it only as an alternative or a plan**: "instead of X", "rather than X", "use X
  instead", "suggesting switching to X", "should we use X?".

A decisive cue — a text only its failure prints — is never set aside: it was printed. A
name set aside counts only where a failure is reported with it (`counted_cues`); a family
counts at the strength of its strongest cue left. The older, narrower reading stays first:
a tool or browser said to work elsewhere ("works in Postman", `without_the_tool_that_works`).
Both decide the cues the scope stage (scope.py) and the caller (caller.py) count.

What it costs: only non-decisive hits get a second look, only in the sentences with a word
that can set a cue aside (a negation, a fine word, an alternative's), and only the rows
the scope lookup already found candidates are tried there (scopecues.cues_at).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import islice

from assistant.intent.finestates import (
    FINE_WORDS,
    NEGATORS,
    Clause,
    Part,
    Sentence,
    fails_after_all_in,
    fine_words_of,
    names_a_code,
    parts,
    reports_a_failure,
    sentence_of,
    sentence_spans,
)
from assistant.intent.fuzzy import normalize
from assistant.intent.plainwords import WORKS_ELSEWHERE
from assistant.intent.scopecues import RANK, CueAt, Found, Hit, cues_at
from assistant.intent.scopevocab import DECISIVE, WEAK

# Families whose cues name a program or product that makes calls: said to work, it is not
# the one that fails. The others name a failure's words or a setting (STRUST, a status, a
# CSRF token), which a statement that something is fine does not take out of the report.
PROGRAM_FAMILIES = frozenset({
    "abap_caller", "rfc_lib", "sap_gui", "sap_host_control", "java", "pi_cpi", "node", "dotnet", "python", "go",
    "browser", "hana_client", "db_client", "cloud_connector", "btp", "tools",
})
# Between a negation and the name whose use it negates ("not using the", "don't go through our").
_USE_WORDS = frozenset(
    """use uses using used via through over run running go goes going involve involves involving
    the a an any our my this that their""".split()
)
# After the name: what its negation then says ("X is not used", "X isn't involved", "X is not the cause").
_NOT_ITS_PART = frozenset("used involved needed required relevant reason cause problem culprit".split())
_BE = frozenset("is are was were be been being s isn aren wasn weren does do did doesn don didn has have".split())
_CAUSE_NOUNS = frozenset("reason cause problem culprit issue".split())
_CANNOT = frozenset({"can", "could", "ca", "wo", "able"})  # "can't use X": a failure, not a choice
# "no X" says X is absent only where nothing follows it, or words of its part ("no proxy involved").
_AFTER_NO = frozenset("involved used in between needed required at all".split())
_SUGGESTION = frozenset(
    """suggest suggests suggesting suggested recommend recommends recommending recommended propose proposes
    proposing proposed consider considering advise advises advised advising should shall""".split()
)
_TO_USE = frozenset("switch switching use using try trying migrate migrating move moving go going to with".split())
_ARTICLES = frozenset("the a an our my".split())
# After a fine word that stands before its noun ("a working arrangement", "with correct
# credentials"): these say it is the clause's statement instead ("is working for …", "valid until").
_AFTER_A_STATEMENT = frozenset(
    """for in on with from to at by via through now again too also as when since after before and or but so
    here there fine well properly correctly anymore still all everywhere without except until""".split()
)
_BEFORE_A_NOUN = frozenset("correct valid proper working functioning korrekt richtig gueltig".split())
_TOOL_FAMILIES = frozenset({"tools", "browser"})
_FRONT_ENDS = frozenset({"sap_gui"})  # named by everybody who works in the system


def without_the_tool_that_works(hits: list[Hit], raw: str) -> list[Hit]:
    """A tool's or browser's name only (a weak cue) does not count when the text says that
    tool works: neither for the kind of failure nor for who made the failing call (router)."""
    if not any(h.family in _TOOL_FAMILIES and h.strength == WEAK for h in hits) or not WORKS_ELSEWHERE.search(raw):
        return hits
    return [h for h in hits if not (h.family in _TOOL_FAMILIES and h.strength == WEAK)]


def evidence_cues(hits: list[Hit], found: Found, raw: str) -> list[Hit]:
    """The cues (`hits`, as `found` in `raw`) that are evidence of the kind of failure
    (scope.py) and of who made the failing call (caller.py): not a tool said to work
    elsewhere, nor a cue the text sets aside (`counted_cues`), nor a front end named
    where no failure is reported with it (`front_ends_where_they_fail`)."""
    return front_ends_where_they_fail(counted_cues(without_the_tool_that_works(hits, raw), found), found)


def front_ends_where_they_fail(hits: list[Hit], cues: Found) -> list[Hit]:
    """The SAP GUI is every SAP user's front end: named by the name alone as where the
    reporter works or with its release ("the SAP GUI is 7.70 on Windows 11"), it says
    nothing of the call that failed. Its weak cues count (for its own connection to the
    system) only in a part that reports a failure ("SAP GUI cannot connect", "logging on
    with SAP GUI fails")."""
    weak = frozenset(h.family for h in hits if h.family in _FRONT_ENDS and h.strength == WEAK)
    if not weak:
        return hits
    reader = _Reader(cues.text)
    failing = {cue.family for cue, whole in _read_whole(cues_at(cues, weak)) if reader.reports_failure(whole)}
    return [h for h in hits if h.family not in weak or h.family in failing]


def counted_cues(hits: list[Hit], cues: Found) -> list[Hit]:
    """`hits` (found as `cues`) without what the text sets aside (see the module
    docstring). A name the text sets aside somewhere ("From abapGit's point of view
    everything looks fine") counts only where a part reports a failure with it: a mere
    mention elsewhere ("I installed abapGit") does not bring it back, as finestates.py keeps
    a word said fine as evidence only where a failure is reported with it. Another name of
    the family (VS Code beside Postman) counts as it stands; a family counts at the
    strength of its strongest cue left. Cues are looked for first only in the sentences
    with a word that can set one aside (`_triggers`): most texts end there."""
    second_look = frozenset(h.family for h in hits if h.strength != DECISIVE)
    if not second_look:
        return hits
    triggers = [m.start() for m in _triggers().finditer(cues.text.lower())]
    if not triggers:
        return hits
    reader = _Reader(cues.text)
    within = reader.sentences_at(triggers)
    aside = {_name(cue, cues.text) for cue, whole in _read_whole(cues_at(cues, second_look, within))
             if reader.sets_aside(whole)}
    aside |= _carried_by_pronouns(cues, second_look, reader, within)
    if not aside:
        return hits
    families = frozenset(family for family, _ in aside)
    kept: dict[str, list[str]] = {family: [] for family in families}
    for cue, whole in _read_whole(cues_at(cues, second_look)):
        if cue.family in families and (
            _name(cue, cues.text) not in aside or (not reader.sets_aside(whole) and reader.reports_failure(whole))
        ):
            kept[cue.family].append(cue.strength)
    return [h._replace(strength=min(kept[h.family], key=RANK.__getitem__)) if h.family in families else h
            for h in hits if h.family not in families or kept[h.family]]


# A pronoun that stands for names said before it: "it"/"this"/"that" for the last one, "they"
# and its kin for all of them ("The Cloud Connector and the proxy are in place; they are not
# involved").
_PRONOUN = re.compile(r"(?<![\w'])(it|this|that|they|these|those|both|es|sie|beide)(?![\w'])", re.IGNORECASE)
_PLURAL = frozenset({"they", "these", "those", "both", "sie", "beide"})
MAX_PRONOUNS = 64  # pronouns read per text
# Where the stretch of text a pronoun looks back into ends: a sentence's or clause's end (a
# dot inside "Node.js" is none).
_STRETCH_BREAK = re.compile(r"[.;!?](?=\s|$)\s*|\n\s*")


def _carried_by_pronouns(cues: Found, families: frozenset[str], reader: _Reader,
                         within: list[tuple[int, int]]) -> set[tuple[str, str]]:
    """The names a pronoun carries a ruling to: a pronoun (in a sentence with a word that
    can set a cue aside) whose clause negates it, names it as an alternative or says it works
    (`_sets_aside`, read for the pronoun as it would be for the name) sets aside the names
    said before it — in its own stretch of text before it, else in the stretch before that
    (a sentence or a clause ended by ";"). One general rule, no phrase list: the pronoun
    reads as the names it stands for."""
    text, found, breaks = cues.text, None, None
    carried: set[tuple[str, str]] = set()
    pronouns = (m for start, end in within for m in _PRONOUN.finditer(text, start, end))
    for m in islice(pronouns, MAX_PRONOUNS):  # a long paste's cost stays bounded
        if found is None or breaks is None:  # read once, when a pronoun first asks
            found, breaks = _read_whole(cues_at(cues, families)), [b.end() for b in _STRETCH_BREAK.finditer(text)]
        names = _antecedents(found, breaks, m.start(), plural=m.group(1).lower() in _PLURAL)
        carried |= {_name(cue, text) for cue, whole in names
                    if reader.sets_aside(whole._replace(start=m.start(), end=m.end()))}
    return carried


def _antecedents(found: list[tuple[CueAt, CueAt]], breaks: list[int], at: int, *,
                 plural: bool) -> list[tuple[CueAt, CueAt]]:
    """The names (each cue with the whole name around it) a pronoun at `at` stands for: those
    of its own stretch before it, else those of the stretch before (`breaks`: where each
    stretch of the text starts); all of them for a plural pronoun, those of the last name for
    another."""
    n = bisect_right(breaks, at)
    own_start = breaks[n - 1] if n else 0
    names = [(c, w) for c, w in found if own_start <= w.start and w.end <= at]
    if not names and n:
        before = breaks[n - 2] if n > 1 else 0
        names = [(c, w) for c, w in found if before <= w.start and w.end <= own_start]
    last = max((w.start for _, w in names), default=0)
    return names if plural else [(c, w) for c, w in names if w.start == last]


def _read_whole(found: list[CueAt]) -> list[tuple[CueAt, CueAt]]:
    """Each cue with the longest cue around it, where it is read: "rfc" inside "node-rfc"
    stands where "node-rfc" stands (the words before it are those before the name)."""
    paired: list[tuple[CueAt, CueAt]] = []
    outer: CueAt | None = None
    for cue in sorted(found, key=lambda c: (c.start, -c.end)):
        if outer is None or cue.end > outer.end:
            outer = cue
        paired.append((cue, cue._replace(start=outer.start, end=outer.end)))
    return paired


def _name(cue: CueAt, text: str) -> tuple[str, str]:
    """The cue's family and its words as written (lower-cased): one name of the family."""
    return cue.family, text[cue.start:cue.end].lower()


class _Reader:
    """Reads the sentences of one text lazily: only those that hold a cue, each once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self.starts = [start for start, _, _ in self.spans]
        self.read: dict[int, tuple[Sentence, list[Part]] | None] = {}

    def sentences_at(self, places: list[int]) -> list[tuple[int, int]]:
        """Where the sentences holding these places of the text start and end."""
        found = {bisect_right(self.starts, place) - 1 for place in places}
        return [self.spans[i][:2] for i in sorted(found)]

    def sets_aside(self, cue: CueAt) -> bool:
        """The cue's clause negates it, names it as an alternative, or (a program's) says it works."""
        found = self._place(cue)
        if found is None:
            return False
        sentence, part, start, end = found
        return _sets_aside(sentence, part, start, end, cue.family in PROGRAM_FAMILIES)

    def reports_failure(self, cue: CueAt) -> bool:
        """The part the cue stands in reports a failure."""
        found = self._place(cue)
        if found is None:
            return True  # not read (across a sentence break): as it stands
        sentence, part, start, end = found
        return _part_fails(sentence, part, start, end)

    def _place(self, cue: CueAt) -> tuple[Sentence, Part, int, int] | None:
        """The cue's sentence and part, and its place in that sentence (None when it
        crosses a break)."""
        start, end, asking = self.spans[bisect_right(self.starts, cue.start) - 1]
        if cue.end > end:
            return None
        if start not in self.read:
            sentence = sentence_of(self.text, start, end, asking)
            self.read[start] = (sentence, list(parts(sentence))) if sentence is not None else None
        read = self.read[start]
        if read is None:
            return None
        sentence, its_parts = read
        at, to = cue.start - start, cue.end - start
        part = next((p for p in its_parts if p.start <= at and to <= p.end), None)
        return (sentence, part, at, to) if part is not None else None


@cache
def _triggers() -> re.Pattern[str]:
    """A word without which no reading here sets a cue aside: a negation, a fine word, an
    alternative's or a suggestion's — as a token of finestates' (a run of a-z0-9 of the
    folded text), looked for in the lower-cased text ("gültig" as written: folding alone
    would move the offsets). Compiled when first needed."""
    words = NEGATORS | FINE_WORDS | _SUGGESTION | {"instead", "rather", "gültig"}
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?![a-z0-9])")


def _sets_aside(sentence: Sentence, part: Part, start: int, end: int, program: bool) -> bool:
    """The cue at sentence.text[start:end] is negated or named as an alternative in its
    clause, or — a program's — said to work in a part that reports no failure."""
    at = next((i for i, c in enumerate(part.clauses) if c.start <= start < c.end), None)
    clause_start, clause_end = (part.clauses[at].start, part.clauses[at].end) if at is not None else (part.start, part.end)
    before = normalize(_plain(part, clause_start, start)).split()
    after = normalize(_plain(part, end, clause_end)).split()
    if _negated_use(before, after) or _alternative(before, after):
        return True
    if not program or at is None or _part_fails(sentence, part, start, end):
        return False
    return _said_to_work(part, [_statement_spans(c) for c in part.clauses], at, len(before))


def _part_fails(sentence: Sentence, part: Part, start: int, end: int) -> bool:
    """The part says what works fails after all, names an error's code (not the cue itself,
    which may be written like one: ZABAPGIT_TEST_SSL), or has a clause that reports a
    failure outside a statement of what is fine."""
    if fails_after_all_in(sentence) or names_a_code(sentence.text[part.start:start] + " " + sentence.text[end:part.end]):
        return True
    return any(not _statement_spans(c) and reports_a_failure(c.tokens) for c in part.clauses)


def _plain(part: Part, start: int, end: int) -> str:
    """The part's text from `start` to `end` (sentence offsets), identifiers blanked."""
    return part.plain[max(0, start - part.start):max(0, end - part.start)]


def _negated_use(before: list[str], after: list[str]) -> bool:
    """ "not using X", "don't use X", "without X", "no X", "X is not used", "the reason isn't X"."""
    i = len(before)
    while i > 0 and before[i - 1] in _USE_WORDS:
        i -= 1
    if i > 0 and before[i - 1] in NEGATORS and not (i > 1 and before[i - 2] in _CANNOT):
        if before[i - 1] != "no" or i < len(before) or not after or after[0] in _AFTER_NO:
            return True
    if _cause_denied(before):
        return True
    j = 0
    while j < len(after) and after[j] in _BE:
        j += 1
    return 0 < j < len(after) - 1 and after[j] in NEGATORS and _NOT_ITS_PART.intersection(after[j + 1:j + 3]) != set()


def _cause_denied(before: list[str]) -> bool:
    """ "the reason isn't (the new version of) X": a cause noun, its verb and a negation
    a few words before the name."""
    window = before[-10:]
    for i, token in enumerate(window):
        tail = window[i + 1:]
        if token in _CAUSE_NOUNS and len(tail) >= 2 and tail[0] in _BE and (tail[1] in NEGATORS or tail[0] in ("isn", "wasn")):
            return not reports_a_failure(tail)
    return False


def _alternative(before: list[str], after: list[str]) -> bool:
    """ "instead of X", "rather than X", "X instead", "suggesting switching to X", "should we use X"."""
    words = [t for t in before if t not in _ARTICLES]
    i = len(words)
    while i > 0 and words[i - 1] in _USE_WORDS:  # "instead of (going) through X"
        i -= 1
    if words[max(0, i - 2):i] in (["instead", "of"], ["rather", "than"]):
        return True
    if "instead" in after[:3]:  # "use X instead", "set 'Use default X truststore' instead"
        i = after.index("instead")
        return after[i + 1:i + 2] != ["of"] and not reports_a_failure(after[:i])
    tail = words[-4:]
    for i, token in enumerate(tail):
        if token in _SUGGESTION:
            rest = [t for t in tail[i + 1:] if t not in ("we", "i", "you", "they")]
            return bool(rest) and all(t in _TO_USE for t in rest)
    return False


def _said_to_work(part: Part, readings: list[list[tuple[int, int]]], at: int, index: int) -> bool:
    """The cue (token `index` of clause `at`) is what a statement of its part says works:
    inside the span of a fine word of its clause, or in a clause of its own right before a
    clause that says it ("From X's point of view, everything looks fine"; "tested with X: OK")."""
    if any(start <= index < end for start, end in readings[at]):
        return True
    return (not readings[at] and at + 1 < len(part.clauses)
            and any(start == 0 for start, _ in readings[at + 1]) and part.clauses[at].fact)


def _statement_spans(clause: Clause) -> list[tuple[int, int]]:
    """What each of the clause's fine words (finestates.py) says is fine: the whole clause
    ("The connection from BTP to the backend through the destination is OK", "works
    correctly when executed from X"), or for a fine word before its noun ("a working
    arrangement", "with correct credentials") only the words after it."""
    spans = []
    for i in fine_words_of(clause):
        tokens = clause.tokens
        if tokens[i] in _BEFORE_A_NOUN and i + 1 < len(tokens) and tokens[i + 1] not in _AFTER_A_STATEMENT:
            spans.append((i + 1, min(len(tokens), i + 4)))
        else:
            spans.append((0, len(tokens)))
    return spans
