"""Import an SE16 download of table T100 (a system's own message texts) as a knowledge pack.

The download is whatever SE16/SE16N/a spreadsheet produced: a header line naming the
columns (technical names SPRSL, ARBGB, MSGNR, TEXT or their English labels, any order),
tab, `;`, `,` or `|` separated, optionally quoted, UTF-8 with or without BOM (UTF-16 and
cp1252/latin-1 are tolerated). Nothing here raises on bad input: problems come back as
data so the command can report `file:line: reason` and carry on with the good rows.

The pack is written with a small hand-written YAML emitter (one flow mapping per message),
because PyYAML's emitter needs seconds for a whole system's T100; every string is written
double-quoted with escapes, so `yaml.safe_load` reads back exactly what was imported.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from assistant.kb import t100read

REQUIRED_COLUMNS = ("SPRSL", "ARBGB", "MSGNR", "TEXT")
MAX_TEXT_CHARS = 73  # T100-TEXT is CHAR 73: a longer "text" is another column or a forgery
MAX_MESSAGES = 2_000_000  # per import (memory stays bounded); --class imports fewer
MAX_PROBLEMS = 10_000  # rejected rows kept with their reason; the rest are only counted

# Header labels as SE16 shows them without "technical names", plus a few German ones.
_COLUMN_ALIASES = {
    "SPRSL": "SPRSL", "LANGUAGE": "SPRSL", "LANGUAGE KEY": "SPRSL", "LANGU": "SPRSL",
    "SPRACHE": "SPRSL", "SPRACHENSCHLÜSSEL": "SPRSL",
    "ARBGB": "ARBGB", "APPLICATION AREA": "ARBGB", "MESSAGE CLASS": "ARBGB",
    "MESSAGE ID": "ARBGB", "ARBEITSGEBIET": "ARBGB", "NACHRICHTENKLASSE": "ARBGB",
    "MSGNR": "MSGNR", "MESSAGE NUMBER": "MSGNR", "NACHRICHTENNUMMER": "MSGNR",
    "TEXT": "TEXT", "MESSAGE TEXT": "TEXT", "MESSAGE SHORT TEXT": "TEXT",
    "NACHRICHTENTEXT": "TEXT",
}

_DELIMITERS = ("\t", ";", ",", "|")

# SE16 may show the one-letter internal language key (E) or the ISO code (EN).
_ISO_LANGUAGE = {
    "E": "EN", "D": "DE", "F": "FR", "S": "ES", "I": "IT", "P": "PT", "N": "NL",
    "J": "JA", "R": "RU", "1": "ZH", "M": "ZF", "3": "KO", "L": "PL", "C": "CS",
    "K": "DA", "V": "SV", "O": "NO", "U": "FI", "T": "TR", "H": "HU", "Q": "SK",
    "A": "AR", "B": "HE", "G": "EL", "W": "BG", "0": "SR", "4": "RO", "5": "SL",
    "6": "HR", "8": "UK", "9": "ET",
}

# ABAP message classes: letters, digits, underscore, optional /NAMESPACE/ prefix; max 20.
_CLASS_RE = re.compile(r"^(?:/[A-Z0-9_]{1,10}/)?[A-Z0-9_]{1,20}$")


@dataclass(frozen=True, slots=True)
class T100Row:
    line: int
    language: str
    message_class: str
    number: int
    text: str

    @property
    def id(self) -> str:
        return f"{self.message_class}{self.number:03d}"


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    reason: str

    def format(self, file_name: str) -> str:
        return f"{file_name}:{self.line}: {self.reason}"


@dataclass(slots=True)
class T100Result:
    """What a download held: the accepted rows and everything that was wrong."""

    rows: list[T100Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)  # rejected rows (the first MAX_PROBLEMS)
    rejected: int = 0
    warnings: list[str] = field(default_factory=list)
    fatal: str | None = None  # the file as a whole is unusable
    rows_read: int = 0
    filtered_out: int = 0
    delimiter: str = ""
    encoding: str = ""

    @property
    def classes(self) -> list[str]:
        return sorted({row.message_class for row in self.rows})


def decode_download(data: bytes) -> tuple[str | None, str, list[str]]:
    """Bytes → (text or None when binary, encoding name, warnings)."""
    from assistant.textsafe import decode_text, looks_binary

    text, encoding, bad = decode_text(data)
    warnings = [] if bad is None else [
        f"not valid UTF-8 (first bad byte at offset {bad}); read as {encoding} — "
        "check umlauts and special characters in the imported texts"
    ]
    return (None if looks_binary(text) else text), encoding, warnings


def split_fields(line: str, delimiter: str) -> list[str]:
    """Split one line; a field is quoted only when it starts and ends with a double quote.

    Quoted fields may hold the delimiter and doubled quotes (""). A quote inside an
    unquoted field is kept literally — SE16 writes T100 texts such as `"&1" is invalid`
    without quoting them, and a CSV reader would silently eat those quotes.
    """
    fields: list[str] = []
    i, n = 0, len(line)
    while True:
        if i < n and line[i] == '"':
            value, end = _quoted_field(line, i, delimiter)
            if end is not None:
                fields.append(value)
                if end >= n:
                    return fields
                i = end + 1
                continue
        j = line.find(delimiter, i)
        if j < 0:
            fields.append(line[i:])
            return fields
        fields.append(line[i:j])
        i = j + len(delimiter)


def _quoted_field(line: str, start: int, delimiter: str) -> tuple[str, int | None]:
    """Parse `"..."` at start; returns (value, index after it) or (_, None) if not quoted."""
    parts: list[str] = []
    i = start + 1
    n = len(line)
    while i < n:
        j = line.find('"', i)
        if j < 0:
            break
        parts.append(line[i:j])
        if j + 1 < n and line[j + 1] == '"':
            parts.append('"')
            i = j + 2
            continue
        k = j + 1
        while k < n and line[k] in " \t" and line[k] != delimiter:
            k += 1  # tolerate blanks between the closing quote and the delimiter
        if k >= n or line.startswith(delimiter, k):
            return "".join(parts), k
        break
    return "", None


def _header_columns(fields: Sequence[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, raw in enumerate(fields):
        name = _COLUMN_ALIASES.get(" ".join(raw.strip().strip('"').upper().split()))
        if name and name not in columns:
            columns[name] = index
    return columns


def _sniff(header: str) -> tuple[str, dict[str, int]]:
    """Pick the delimiter under which the header names the most required columns."""
    best: tuple[int, int, str, dict[str, int]] = (-1, 0, "\t", {})
    for rank, delimiter in enumerate(_DELIMITERS):
        if delimiter not in header:
            continue
        columns = _header_columns(_strip_pipes(split_fields(header, delimiter), delimiter))
        score = (len(columns), -rank)
        if score > best[:2]:
            best = (len(columns), -rank, delimiter, columns)
    if best[0] < 0:  # a single column: no delimiter at all
        return "\t", _header_columns([header])
    return best[2], best[3]


def _strip_pipes(fields: list[str], delimiter: str) -> list[str]:
    """SE16's list format frames rows as `|A|B|`: drop the empty outer fields."""
    if delimiter == "|" and len(fields) >= 2 and not fields[0].strip() and not fields[-1].strip():
        return fields[1:-1]
    return fields


def _language_matches(value: str, wanted: str) -> bool:
    value, wanted = value.strip().upper(), wanted.strip().upper()
    if value == wanted:
        return True
    return _ISO_LANGUAGE.get(wanted) == value or _ISO_LANGUAGE.get(value) == wanted


def _is_rule(line: str) -> bool:
    """A frame line of SE16's list format (`|-----|`), not data."""
    stripped = line.strip()
    return bool(stripped) and set(stripped) <= {"-", "|", "+", "="}


def parse_t100(
    data: bytes, *, language: str = "E", class_pattern: str | None = None
) -> T100Result:
    """Parse a T100 download held in memory; never raises, whatever the bytes."""
    return parse_t100_stream(io.BytesIO(data), language=language, class_pattern=class_pattern)


def parse_t100_stream(
    stream: BinaryIO, *, language: str = "E", class_pattern: str | None = None
) -> T100Result:
    """Parse a download from a seekable binary stream, line by line (see `t100read`):
    memory holds the accepted rows, never the file. Never raises on bad content."""
    from assistant.kb.t100read import Decoding, Undecodable, fallback, first_encoding
    from assistant.textsafe import decode_text, looks_binary

    head = stream.read(t100read.BINARY_SAMPLE)
    if looks_binary(decode_text(head)[0]):
        return T100Result(fatal="not a text file (binary data) — download T100 from SE16 as text")
    decoding: Decoding | None = Decoding(first_encoding(head))
    while decoding is not None:
        stream.seek(3 if decoding.encoding in ("cp1252", "latin-1") and head.startswith(b"\xef\xbb\xbf") else 0)
        try:
            return _parse_lines(t100read.read_lines(stream, decoding.encoding), decoding,
                                language, class_pattern)
        except Undecodable as exc:
            decoding = fallback(decoding.encoding, exc.offset)
    return T100Result(fatal="the file cannot be decoded as text")  # latin-1 reads any byte


def _parse_lines(lines: Iterator[t100read.Line], decoding: t100read.Decoding, language: str,
                 class_pattern: str | None) -> T100Result:
    result = T100Result(encoding=decoding.encoding, warnings=list(decoding.warnings))
    header = next((line for line in lines if line.too_long or (line.text.strip() and not _is_rule(line.text))), None)
    if header is None:
        result.fatal = "the file is empty: expected a header line naming SPRSL, ARBGB, MSGNR, TEXT"
        return result
    if header.too_long:
        result.fatal = (f"line {header.number}: the header line has {header.too_long:,} characters "
                        "(expected a header line naming SPRSL, ARBGB, MSGNR, TEXT)")
        return result
    delimiter, columns = _sniff(header.text)
    result.delimiter = delimiter
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        result.fatal = (
            f"line {header.number}: header does not name the column(s) {', '.join(missing)} "
            f"(expected a header line with {', '.join(REQUIRED_COLUMNS)}, "
            "tab, ';' or ',' separated)"
        )
        return result
    rows = _Rows(result, delimiter, columns, language, class_pattern.upper() if class_pattern else None)
    for line in lines:
        if not rows.add(line):
            break
    return result


class _Rows:
    """The data rows after the header: each accepted, filtered out or rejected with a reason."""

    def __init__(self, result: T100Result, delimiter: str, columns: dict[str, int], language: str,
                 pattern: str | None) -> None:
        self.result, self.delimiter, self.columns = result, delimiter, columns
        self.language, self.pattern = language, pattern
        self.seen: dict[tuple[str, str, int], int] = {}
        self.needed = max(columns[name] for name in REQUIRED_COLUMNS) + 1

    def reject(self, lineno: int, reason: str) -> None:
        self.result.rejected += 1
        if len(self.result.problems) < MAX_PROBLEMS:
            self.result.problems.append(RowProblem(lineno, reason))

    def add(self, line: t100read.Line) -> bool:
        """Take one line; False when the import must stop (too many messages)."""
        result, columns = self.result, self.columns
        if line.too_long:
            result.rows_read += 1
            self.reject(line.number, f"line too long ({line.too_long:,} characters; a T100 row "
                                     f"has about 100, at most {t100read.MAX_LINE_CHARS:,} are read)")
            return True
        text = line.text
        if not text.strip() or _is_rule(text):
            return True
        lineno = line.number
        result.rows_read += 1
        fields = _strip_pipes(split_fields(text, self.delimiter), self.delimiter)
        lang = fields[columns["SPRSL"]].strip() if len(fields) > columns["SPRSL"] else ""
        msg_class = fields[columns["ARBGB"]].strip().upper() if len(fields) > columns["ARBGB"] else ""
        if lang and msg_class and (
            not _language_matches(lang, self.language)
            or (self.pattern and not fnmatch.fnmatchcase(msg_class, self.pattern))
        ):
            result.filtered_out += 1
            return True
        row, reason = _row(fields, columns, self.needed, lineno, lang, msg_class)
        if row is None:
            self.reject(lineno, reason)
            return True
        key = (lang.upper(), row.message_class, row.number)
        if key in self.seen:
            self.reject(lineno, f"duplicate key {key[0]}/{row.id} (first seen on line {self.seen[key]})")
            return True
        if len(result.rows) >= MAX_MESSAGES:
            result.fatal = (f"line {lineno}: more than {MAX_MESSAGES:,} messages — import fewer "
                            "message classes at a time with --class")
            result.rows.clear()
            return False
        self.seen[key] = lineno
        result.rows.append(row)
        return True


def _row(
    fields: list[str], columns: dict[str, int], needed: int, lineno: int, lang: str, msg_class: str
) -> tuple[T100Row | None, str]:
    if len(fields) < needed:
        return None, f"missing columns: expected at least {needed} fields, found {len(fields)}"
    if not lang:
        return None, "missing language (SPRSL)"
    if not msg_class:
        return None, "missing message class (ARBGB)"
    if not _CLASS_RE.match(msg_class):
        return None, f"invalid message class {_shown(msg_class)}"
    raw_number = fields[columns["MSGNR"]].strip()
    if not raw_number.isascii() or not raw_number.isdigit():
        return None, f"MSGNR {_shown(raw_number)} is not a number"
    number = int(raw_number)
    if number > 999:
        return None, f"MSGNR {number} is out of range (000–999)"
    text = fields[columns["TEXT"]].strip()
    if not text:
        return None, "empty message text (TEXT)"
    if len(text) > MAX_TEXT_CHARS:
        return None, (f"message text has {len(text):,} characters; a T100 text has at most "
                      f"{MAX_TEXT_CHARS} (is TEXT the right column?)")
    return T100Row(lineno, lang, msg_class, number, text), ""


def _shown(value: str) -> str:
    from assistant.textsafe import escape_control

    return repr(escape_control(value[:40]))


def read_t100_file(
    path: Path, *, language: str = "E", class_pattern: str | None = None
) -> T100Result:
    """Read and parse a download (a regular file within `MAX_T100_BYTES`, streamed); an
    unusable file comes back as `fatal`."""
    from assistant.safefile import FileReadError, open_regular

    try:
        stream = open_regular(path, t100read.MAX_T100_BYTES, "T100 download")
    except FileReadError as exc:
        return T100Result(fatal=exc.reason)
    try:
        with stream:
            return parse_t100_stream(stream, language=language, class_pattern=class_pattern)
    except FileReadError as exc:  # it grew past the limit, or a read failed
        return T100Result(fatal=exc.reason)


# --- writing the pack -------------------------------------------------------------------

_YAML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]')


def yaml_quote(value: str) -> str:
    """A YAML double-quoted scalar that safe_load reads back as exactly `value`."""

    def escape(match: re.Match[str]) -> str:
        ch = match.group(0)
        return _YAML_ESCAPES.get(ch) or f"\\u{ord(ch):04x}"

    return '"' + _NEEDS_ESCAPE.sub(escape, value) + '"'


def pack_file_name(source_name: str) -> str:
    """`SE16 export (T100).txt` → `t100_se16_export_t100.yaml`."""
    stem = Path(source_name).stem.lower()
    safe = re.sub(r"[^a-z0-9_-]+", "_", stem).strip("_-")[:60] or "download"
    if safe.startswith("t100_"):
        safe = safe[5:] or "download"
    return f"t100_{safe}.yaml"


PART_SIZE = 10_000  # messages per file: YAML loaders build a whole file in memory first


def emit_pack(rows: Iterable[T100Row], source_name: str, date: _dt.date) -> str:
    """The pack's YAML text: one flow mapping per message, so each has its own line.

    The sources list is written once with an anchor and referred to by alias after
    that: the same data for safe_load, a fraction of the parsing work.
    """
    url = yaml_quote(f"file:{source_name}")
    note = yaml_quote(f"imported from {source_name} on {date.isoformat()}")
    out = [
        f"# Message texts imported from the T100 download {yaml_quote(source_name)} "
        f"on {date.isoformat()} by `sapassist kb import-t100`.",
        "# SAP's wording from the user's own system; placeholders (&, &1 … &4) are kept.",
        "messages:",
    ]
    sources = f"&src [{{url: {url}, note: {note}}}]"
    for row in rows:
        text = yaml_quote(row.text)
        out.append(
            f"- {{id: {yaml_quote(row.id)}, message_class: {yaml_quote(row.message_class)}, "
            f"number: {row.number}, title: {text}, short_text: {text}, status: imported, "
            f"sap_wording: imported, sources: {sources}}}"
        )
        sources = "*src"
    if len(out) == 3:
        out[-1] = "messages: []"
    return "\n".join(out) + "\n"


def pack_files(output_dir: Path, source_name: str, parts: int) -> list[Path]:
    """`t100_<name>.yaml`, then `t100_<name>.part002.yaml` … for big imports."""
    first = output_dir / pack_file_name(source_name)
    return [first] + [
        first.with_name(f"{first.stem}.part{n:03d}.yaml") for n in range(2, parts + 1)
    ]


def write_pack(
    rows: Sequence[T100Row], output_dir: Path, source_name: str, date: _dt.date | None = None
) -> list[Path]:
    """Write the pack (sorted by id, split every PART_SIZE messages); returns the files.

    Each file is written to a temp name and renamed, and parts left over from an earlier,
    bigger import of the same download are removed, so the directory never holds a
    half-written or stale pack.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    day = date or _dt.date.today()
    ordered = sorted(rows, key=lambda r: (r.message_class, r.number))
    chunks = [ordered[i : i + PART_SIZE] for i in range(0, len(ordered), PART_SIZE)] or [[]]
    targets = pack_files(output_dir, source_name, len(chunks))
    for target, chunk in zip(targets, chunks, strict=True):
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(emit_pack(chunk, source_name, day), encoding="utf-8")
        tmp.replace(target)
    for stale in output_dir.glob(f"{targets[0].stem}.part*.yaml"):
        if stale not in targets:
            stale.unlink()
    return targets
