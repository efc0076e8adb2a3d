"""The schema of knowledge entries, and the check of one entry against it.

`SCHEMA` says, per kind (messages, causes, codes, glossary), which fields an entry may
have, which are required, their types and allowed values, and which fields refer to
entries of another kind; docs/ARCHITECTURE.md describes the same schema for authors.
`check_entry()` checks one YAML mapping field by field, reports each problem with its
`file:line`, and builds the `assistant.kb.model` dataclass when the entry is fine. What
needs the whole pack (references, duplicate ids, raw HTML in Markdown) is left to
`assistant.kb.parse`, which collects the `Reference`s and `MarkdownText`s found here.

Nothing here raises on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.kb.model import (
    CHECK_STEPS,
    GLOSSARY_KINDS,
    MESSAGE_STATUS_VALUES,
    WORDING_VALUES,
    Cause,
    CheckRef,
    Code,
    GlossaryEntry,
    Message,
    Source,
)
from assistant.kb.problem import Problem
from assistant.yamlfile import type_name

# Bounds per entry, so one entry's memory is bounded whatever a pack holds (the bundled
# base's longest text has ~1,800 characters, its longest list 17 items).
MAX_LINE_FIELD = 1_000  # ids, titles, short texts, signs, keywords, aliases, URLs
MAX_TEXT_FIELD = 20_000  # Markdown texts and fix steps
MAX_LIST_ITEMS = 1_000

KINDS = ("messages", "causes", "codes", "glossary")
MESSAGE_TYPES = ("A", "E", "I", "S", "W", "X")
SEVERITIES = ("error", "warning")
# A cause after a report that says the CA certificates were imported: an import is its fix
# ("fixed"), or it is why an import did not help ("remains").
AFTER_IMPORT = ("fixed", "remains")
_BAD = object()  # marks a field value that failed its check
# A cause's neutral title is shown to the reader of another client's failure (Java, Node,
# the Cloud Connector): short enough for the chat's topic bar beside "Another client: ",
# and naming nothing of the SAP side, which that reader's call does not have.
MAX_NEUTRAL_TITLE = 80
SAP_SIDE_WORDS = re.compile(
    r"\b(?:SAP|ABAP|PSEs?|ICM|STRUST|SM59|SMICM|SICF|CommonCryptoLib|saphttp|application servers?)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S.*")  # a scheme, then anything on one line


@dataclass(frozen=True, slots=True)
class Field:
    kind: str  # id | str | text | opt_str | md | int | opt_int | ids | strs | md_list | sources | check
    required: bool = False
    allowed: tuple[str, ...] = ()
    ref: str = ""  # for kind "ids": the kind the ids point to


_COMMON = {
    "id": Field("id", required=True),
    "sap_wording": Field("str", required=True, allowed=WORDING_VALUES),
    "sources": Field("sources", required=True),
}

SCHEMA: dict[str, dict[str, Field]] = {
    "messages": {
        **_COMMON,
        "message_class": Field("id", required=True),
        "number": Field("int", required=True),
        "type": Field("opt_str", allowed=MESSAGE_TYPES),
        "status": Field("str", required=True, allowed=MESSAGE_STATUS_VALUES),
        "short_text": Field("opt_str"),
        "title": Field("str", required=True),
        "icm_constant": Field("opt_str"),
        "meaning": Field("md"),
        "system_response": Field("md"),
        "causes": Field("ids", ref="causes"),
        "codes": Field("ids", ref="codes"),
        "pitfalls": Field("md_list"),
        "keywords": Field("strs"),
        "imported_text": Field("opt_str"),
    },
    "causes": {
        **_COMMON,
        "title": Field("str", required=True),
        "neutral_title": Field("opt_str"),
        "explanation": Field("md"),
        "other_clients": Field("md"),
        "signs": Field("strs"),
        "codes": Field("ids", ref="codes"),
        "fix": Field("md_list"),
        "check": Field("check"),
        "severity": Field("str", allowed=SEVERITIES),
        "after_import": Field("opt_str", allowed=AFTER_IMPORT),
    },
    "codes": {
        **_COMMON,
        "numeric": Field("opt_int"),
        "layer": Field("text"),
        "aliases": Field("strs"),
        "meaning": Field("md"),
        "messages": Field("ids", ref="messages"),
        "causes": Field("ids", ref="causes"),
    },
    "glossary": {
        **_COMMON,
        "kind": Field("str", required=True, allowed=GLOSSARY_KINDS),
        "title": Field("str", required=True),
        "text": Field("md"),
        "aliases": Field("strs"),
        "shared_aliases": Field("strs"),
        "next_step": Field("md"),
    },
}

_BUILDERS: dict[str, Callable[..., Any]] = {
    "messages": Message,
    "causes": Cause,
    "codes": Code,
    "glossary": GlossaryEntry,
}


@dataclass(slots=True)
class Reference:
    """An id that must name an entry of another kind: resolved by the parser once the
    whole pack and the layers below it are known."""

    file: str
    line: int
    owner: str  # "message SCLNT_HTTP407"
    target_kind: str
    target_id: str


@dataclass(slots=True)
class MarkdownText:
    """A Markdown field's text, checked for raw HTML by the parser in one batch (so
    markdown-it is imported at most once per pack, and only when a `<` is seen)."""

    file: str
    line: int
    where: str
    text: str


def show_value(value: object, limit: int = 60) -> str:
    """A value quoted for a problem message, cut short (a pack may hold a 1 MB string or a
    list of a million items: only a bounded part of it is ever turned into text)."""
    if isinstance(value, str):
        text = repr(value[: limit + 1])
    else:
        import reprlib

        short = reprlib.Repr()
        short.maxlevel, short.maxlist, short.maxdict, short.maxstring, short.maxother = 2, 4, 4, limit, limit
        text = repr(short.repr(value))
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def line_of_item(container: Any, index: int, default: int) -> int:
    """The line of a list item; `default` for a list that does not record lines."""
    line_of = getattr(container, "line_of", None)
    return int(line_of(index)) if line_of is not None else default


class EntryChecker:
    """Checks one entry mapping field by field and collects what it needs to build it."""

    def __init__(self, kind: str, entry: Any, file: str, owner: str) -> None:
        self.kind = kind
        self.entry = entry
        self.file = file
        self.owner = owner
        self.problems: list[Problem] = []
        self.refs: list[Reference] = []
        self.markdown: list[MarkdownText] = []
        self.values: dict[str, Any] = {}

    def line(self, key: str) -> int:
        return int(self.entry.line_of(key))

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, f"{self.owner}: {message}"))

    def run(self) -> None:
        spec = SCHEMA[self.kind]
        for key in self.entry:
            if key not in spec:
                self.problem(self.line(key), f"unknown field {show_value(key)} (known: {', '.join(spec)})")
        for name, f in spec.items():
            if name not in self.entry:
                if f.required:
                    self.problem(self.entry.line, f"missing required field {name!r}")
                continue
            value = self.entry[name]
            checked = self._check(name, f, value, self.line(name))
            if checked is not _BAD:
                self.values[name] = checked

    def _check(self, name: str, f: Field, value: Any, line: int) -> Any:
        bad = len(self.problems)
        result = self._check_type(name, f, value, line)
        return _BAD if len(self.problems) > bad else result

    def _check_str(self, name: str, value: Any, line: int, *, empty_ok: bool, allowed: Sequence[str] = (),
                   max_chars: int = MAX_LINE_FIELD) -> str | None:
        if not isinstance(value, str):
            self.problem(line, f"{name} must be a string, not {type_name(value)}")
            return None
        if len(value) > max_chars:
            self.problem(line, f"{name} has {len(value):,} characters; at most {max_chars:,}")
            return None
        if not empty_ok and not value.strip():
            self.problem(line, f"{name} must not be empty")
            return None
        if allowed and value not in allowed:
            self.problem(line, f"{name} {show_value(value)} is not one of: {', '.join(allowed)}")
            return None
        return value

    def _check_list(self, name: str, value: Any, line: int) -> list[Any] | None:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(line, f"{name} must be a list, not {type_name(value)}")
            return None
        return value

    def _check_type(self, name: str, f: Field, value: Any, line: int) -> Any:
        k = f.kind
        if k in ("str", "text", "md"):
            text = self._check_str(name, value, line, empty_ok=k != "str", allowed=f.allowed,
                                   max_chars=MAX_LINE_FIELD if k == "str" else MAX_TEXT_FIELD)
            if text and k == "md":
                self.markdown.append(MarkdownText(self.file, line, f"{self.owner}: {name}", text))
            return text
        if k == "id":
            text = self._check_str(name, value, line, empty_ok=False)
            if text is not None and any(ch.isspace() for ch in text):
                self.problem(line, f"{name} {show_value(text)} must not contain spaces")
            return text
        if k == "opt_str":
            if value is None:
                return None
            return self._check_str(name, value, line, empty_ok=False, allowed=f.allowed)
        if k in ("int", "opt_int"):
            if value is None and k == "opt_int":
                return None
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(line, f"{name} must be a whole number, not {type_name(value)}")
                return None
            return value
        if k in ("ids", "strs", "md_list"):
            items = self._check_list(name, value, line)
            if items is None:
                return None
            if len(items) > MAX_LIST_ITEMS:
                self.problem(line, f"{name} has {len(items):,} items; at most {MAX_LIST_ITEMS:,}")
                return None
            out: list[str] = []
            for i, item in enumerate(items):
                item_line = line_of_item(value, i, line)
                text = self._check_str(f"{name}[{i + 1}]", item, item_line, empty_ok=False,
                                       max_chars=MAX_TEXT_FIELD if k == "md_list" else MAX_LINE_FIELD)
                if text is None:
                    continue
                out.append(text)
                if k == "ids":
                    self.refs.append(Reference(self.file, item_line, self.owner, f.ref, text))
                elif k == "md_list":
                    self.markdown.append(MarkdownText(self.file, item_line, f"{self.owner}: {name}[{i + 1}]", text))
            return tuple(out)
        if k == "sources":
            return self._check_sources(value, line)
        if k == "check":
            return self._check_checkref(value, line)
        raise AssertionError(f"unknown field kind {k}")  # a bug in SCHEMA, not bad input

    def _check_sources(self, value: Any, line: int) -> tuple[Source, ...] | None:
        items = self._check_list("sources", value, line)
        if items is None:
            return None
        if len(items) > MAX_LIST_ITEMS:
            self.problem(line, f"sources has {len(items):,} items; at most {MAX_LIST_ITEMS:,}")
            return None
        if not items:
            self.problem(line, "sources must list at least one {url: ...}")
            return None
        out: list[Source] = []
        for i, item in enumerate(items):
            item_line = line_of_item(value, i, line)
            if isinstance(item, str):
                item = {"url": item}
            if not isinstance(item, dict):
                self.problem(item_line, f"sources[{i + 1}] must be a mapping {{url: ..., note: ...}}, not {type_name(item)}")
                continue
            for key in item:
                if key not in ("url", "note"):
                    self.problem(item_line, f"sources[{i + 1}]: unknown field {show_value(key)} (known: url, note)")
            url = item.get("url")
            if not isinstance(url, str) or not _URL.fullmatch(url.strip()):
                self.problem(item_line, f"sources[{i + 1}].url must be a URL such as https://..., not {show_value(url)}")
                continue
            note = item.get("note", "")
            if note is None:
                note = ""
            if not isinstance(note, str):
                self.problem(item_line, f"sources[{i + 1}].note must be a string, not {type_name(note)}")
                continue
            out.append(Source(url.strip(), note))
        return tuple(out)

    def _check_checkref(self, value: Any, line: int) -> CheckRef | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(line, f"check must be a mapping {{step: ..., how: ...}}, not {type_name(value)}")
            return None
        for key in value:
            if key not in ("step", "how"):
                self.problem(line, f"check: unknown field {show_value(key)} (known: step, how)")
        step = self._check_str("check.step", value.get("step"), line, empty_ok=False, allowed=CHECK_STEPS)
        how = value.get("how", "")
        how = "" if how is None else self._check_str("check.how", how, line, empty_ok=True)
        if step is None or how is None:
            return None
        if how:
            self.markdown.append(MarkdownText(self.file, line, f"{self.owner}: check.how", how))
        return CheckRef(step, how)

    def check_rules(self) -> None:
        """Rules beyond one field's type: a message's fields together, a cause's neutral title."""
        if self.problems:
            return
        if self.kind == "messages":
            self._message_rules()
        elif self.kind == "causes":
            self._neutral_title_rules()

    def _neutral_title_rules(self) -> None:
        neutral = self.values.get("neutral_title")
        if neutral is None:
            return
        line = self.line("neutral_title")
        if "\n" in neutral.strip():
            self.problem(line, "neutral_title must be one line (a title, not a text)")
        elif len(neutral) > MAX_NEUTRAL_TITLE:
            self.problem(line, f"neutral_title has {len(neutral):,} characters; at most {MAX_NEUTRAL_TITLE} "
                               "(a short title: the chat's topic bar shows it)")
        side = SAP_SIDE_WORDS.search(neutral)
        if side is not None:
            self.problem(line, f"neutral_title {show_value(neutral)} names the SAP side ({side.group(0)!r}): "
                               "say it without naming who (it is shown for another client's failure)")

    def _message_rules(self) -> None:
        v = self.values
        number, cls = v["number"], v["message_class"]
        if not 0 <= number <= 999:
            self.problem(self.line("number"), f"number must be between 0 and 999, not {number}")
        elif v["id"] != f"{cls}{number:03d}":
            self.problem(self.line("id"), f"id must be message_class + 3-digit number: {cls}{number:03d}")
        short = v.get("short_text")
        if v["status"] == "confirmed" and short is None:
            self.problem(self.entry.line, "a confirmed message needs its short_text (SAP's exact wording)")
        if v["status"] == "inferred" and short is not None:
            self.problem(self.line("short_text"), "an inferred message must not have a short_text (SAP's wording is not known)")


_NOUNS = {"messages": "message", "causes": "cause", "codes": "code", "glossary": "glossary entry"}


def check_entry(kind: str, entry: Any, file: str) -> tuple[Any | None, EntryChecker]:
    raw_id = entry.get("id")
    noun = _NOUNS[kind]
    owner = f"{noun} {raw_id[:80]}" if isinstance(raw_id, str) else f"{noun} (no id)"
    checker = EntryChecker(kind, entry, file, owner)
    checker.run()
    checker.check_rules()
    if checker.problems:
        return None, checker
    values = dict(checker.values)
    values["origin"] = f"{file}:{entry.line}"
    return _BUILDERS[kind](**values), checker
