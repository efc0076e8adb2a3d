"""Internationalised host names: what IDNA 2003 would silently change, and the Unicode
form beside an `xn--` name.

Python's `idna` codec (the one `socket` and `ssl` use for a str host) is IDNA 2003
(RFC 3490, nameprep RFC 3491): it drops invisible characters (a zero-width space pasted
with the name: `x\\u200b.org` becomes `x.org`) and maps letters to others (`ß` → `ss`,
`ς` → `σ`, `ﬁ` → `fi`). Browsers follow IDNA 2008 / UTS 46 (https://unicode.org/reports/tr46/,
"Deviations"), which keep `ß` and `ς`: `straße.de` is `xn--strae-oqa.de` there, not
`strasse.de`. A check must never look at another host than the one typed without saying
so, so such a name is refused with the change named and the form to type instead.
"""

from __future__ import annotations

import stringprep
import unicodedata
from encodings.idna import nameprep
from urllib.parse import urlsplit

# UTS 46's deviation characters that are visible: IDNA 2003 maps them, IDNA 2008 keeps them.
_KEPT_BY_IDNA2008 = frozenset("\u00df\u03c2")


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}"


def _invisible(ch: str) -> bool:
    """Characters nameprep maps to nothing (RFC 3454 table B.1) and format characters."""
    return stringprep.in_table_b1(ch) or unicodedata.category(ch) == "Cf"


def _nameprep(text: str) -> str:
    try:
        return nameprep(text)
    except UnicodeError:
        return text


def _idna2008_label(label: str) -> str:
    """The label as IDNA 2008 writes it: deviation letters kept, the rest as nameprep maps
    it (case folded, NFKC), punycode-encoded (RFC 3492)."""
    kept = "".join(ch if ch in _KEPT_BY_IDNA2008 else _nameprep(ch) for ch in label)
    kept = unicodedata.normalize("NFC", kept)
    return kept if kept.isascii() else "xn--" + kept.encode("punycode").decode("ascii")


def _idna2003_label(label: str) -> str:
    return "".join(_nameprep(ch) for ch in label)


MAX_HOST_CHARS = 253  # the longest name DNS carries (RFC 1035, in its text form)


def silent_change(host: str) -> str | None:
    """Why `host` must not be looked up as IDNA 2003 encodes it, or None when nothing but
    case is changed. The message says the change and the name to type. A name longer than
    DNS allows (253 characters) is left to the name check, which says so: the message
    repeats the host several times, and stays bounded so."""
    if len(host) > MAX_HOST_CHARS:
        return None
    labels = host.split(".")
    for label in labels:
        hidden = [ch for ch in label if _invisible(ch)]
        if hidden:
            seen = ", ".join(dict.fromkeys(_char_name(ch) for ch in hidden))
            marked = "".join(f"\\u{ord(ch):04x}" if _invisible(ch) else ch for ch in host)
            without = "".join(ch for ch in host if not _invisible(ch))
            return (f"the host name '{marked}' holds an invisible character ({seen}) — most often "
                    f"copied along with the name; IDNA 2003 would drop it silently and check "
                    f"'{without}' instead: type the host name again")
    changed = {ch: _nameprep(ch) for label in labels for ch in label
               if not ch.isascii() and _nameprep(ch) != ch.lower()}
    if not changed:
        return None
    said = ", ".join(f"{ch!r} ({_char_name(ch)}) into {to!r}" for ch, to in changed.items())
    as_2003 = ".".join(_idna2003_label(label) for label in labels)
    text = (f"IDNA 2003, the encoding Python's resolver uses, would turn {said} and check "
            f"{as_2003!r} — another name than the one typed")
    ascii_2003 = _ascii(as_2003)
    if any(ch in _KEPT_BY_IDNA2008 for ch in changed):
        as_2008 = ".".join(_idna2008_label(label) for label in labels)
        return (f"{text}, and not the host browsers reach (IDNA 2008 / UTS 46 keep {''.join(changed)!r}: "
                f"{as_2008}). Give the host you mean in ASCII: {as_2008} or {ascii_2003}")
    return f"{text}. If that is the host you mean, give it so: {ascii_2003}"


def _ascii(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def with_unicode_form(host: str) -> str:
    """`xn--bcher-kva.example` → `xn--bcher-kva.example (bücher.example)`: the looked-up
    ASCII form first, the name as people write it beside it. Anything that does not
    decode to printable letters is left as it is (the ASCII form is what was used)."""
    written = unicode_form(host)
    return host if written is None else f"{host} ({written})"


def unicode_form(host: str) -> str | None:
    """The name as people write it when `host` holds an `xn--` label that decodes to
    printable non-ASCII letters, else None: every place that shows a host the check used
    (the resolve step, the name check, the report's header) says which name it is."""
    labels = host.split(".")
    if not any(label.lower().startswith("xn--") for label in labels):
        return None
    shown = []
    for label in labels:
        if not label.lower().startswith("xn--"):
            shown.append(label)
            continue
        try:
            decoded = label[4:].lower().encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            return None
        if decoded.isascii() or not all(ch.isprintable() and not _invisible(ch) for ch in decoded):
            return None
        shown.append(decoded)
    return ".".join(shown)


def url_host_unicode_form(url: str) -> str | None:
    """`unicode_form` of a URL's host: the report's header names the URL it checked, the
    check offer and the chat's progress note the target as typed (a URL or host[:port])."""
    try:
        host = urlsplit(url if "://" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    return unicode_form(host)


def with_url_host_unicode_form(url: str) -> str:
    """`url` with its host's Unicode form beside it when that is an `xn--` name
    (`https://xn--bcher-kva.example/ (bücher.example)`), else `url` as it is."""
    written = url_host_unicode_form(url)
    return url if written is None else f"{url} ({written})"
