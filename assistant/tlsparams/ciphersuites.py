"""What an `ssl/ciphersuites` or `ssl/client_ciphersuites` value means, as far as it is known.

A value is `<number>:<suite selection>::<groups>` (e.g. `150:PFS:HIGH::EC_P256:EC_HIGH`);
without a number it is a cipher string alone (the default `HIGH:MEDIUM:+e3DES:!aNULL`).
The number is a sum of option bits (SAST's summary of SAP Note 510007). Public sources
explain one bit (1, the server's "BC" option) and let one more be inferred (1024, TLS 1.3
as well); every other bit is reported as *not publicly documented* — never guessed.
What the sources do give exactly are whole values with a purpose (135, 150, 918, 400,
545, 1569, 1174): a value is matched against them, and an unknown one is compared with
the nearest ("150 plus bit 1024"). docs/research/ciphersuites.md holds the evidence.

Pure and cheap: no imports beyond the standard library; never raises on any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Role = Literal["server", "client"]
Status = Literal["confirmed", "inferred", "unknown"]

SERVER_PARAMETER = "ssl/ciphersuites"
CLIENT_PARAMETER = "ssl/client_ciphersuites"
DEFAULT_STRING = "HIGH:MEDIUM:+e3DES:!aNULL"
MAX_DIGITS = 12  # a flag value is a few thousand; longer digit runs are not one number
KNOWN_BITS = tuple(1 << i for i in range(11))  # 1 … 1024: the bits documented values use

_PARAMETERS: dict[str, tuple[str, Role]] = {
    "ssl/ciphersuites": (SERVER_PARAMETER, "server"),
    "sapssl_ciphersuites": (SERVER_PARAMETER, "server"),
    "ssl/client_ciphersuites": (CLIENT_PARAMETER, "client"),
    "sapssl_client_ciphersuites": (CLIENT_PARAMETER, "client"),
}
_NUMBER = re.compile(r"\s*(\d+)\s*$")
_SIGNED = re.compile(r"\s*[-+]\s*\d")


@dataclass(frozen=True, slots=True)
class Bit:
    """One set bit of the number and what is known about it."""

    value: int
    meaning: str
    status: Status
    sources: tuple[str, ...] = ()  # keys of `sources.SOURCES`
    seen_in: tuple[int, ...] = ()  # documented values that contain it


@dataclass(frozen=True, slots=True)
class DocumentedValue:
    """A whole value with a documented purpose."""

    value: int
    role: Role
    purpose: str
    sources: tuple[str, ...]
    caveat: str = ""  # what goes wrong when it is copied blindly
    observed: str = ""  # what a public trace showed it doing


@dataclass(frozen=True, slots=True)
class Nearest:
    """The documented value closest to an unknown one, in bits."""

    documented: DocumentedValue
    added: tuple[int, ...]  # bits the given value has and the documented one lacks
    removed: tuple[int, ...]  # bits the documented value has and the given one lacks


@dataclass(frozen=True, slots=True)
class CipherString:
    """The part after the number: suite selection and, after `::`, the groups."""

    text: str
    selection: tuple[str, ...]
    groups: tuple[str, ...]
    pfs: bool


@dataclass(frozen=True, slots=True)
class Decoded:
    """Everything `decode` could say about one value."""

    raw: str
    parameter: str | None  # ssl/ciphersuites | ssl/client_ciphersuites | None (not said)
    role: Role | None
    number: int | None  # None: no number (a cipher string alone), or not readable
    bits: tuple[Bit, ...]
    cipher: CipherString
    documented: DocumentedValue | None
    nearest: Nearest | None
    notes: tuple[str, ...]  # warnings for this value on this parameter
    problems: tuple[str, ...]  # what could not be read

    @property
    def default(self) -> bool:
        """No number and no cipher string: the parameter's default applies."""
        return self.number is None and not self.cipher.text and not self.problems


DOCUMENTED: tuple[DocumentedValue, ...] = (
    DocumentedValue(
        135, "server",
        "SAP Note 510007's server recommendation for TLS 1.2 interoperability (2016 onward), with "
        "`PFS:HIGH::EC_P256:EC_HIGH` (today `…::EC_X25519:EC_P256:EC_HIGH`); needs CommonCryptoLib 8.4.38 or later",
        ("510007-QUOTE", "SAST", "ABAPGIT-SSL"),
        observed="a public trace shows a server with 135 accepting TLS 1.0, 1.1 and 1.2 plus BC "
                 "(`pvflags=897 (TLSv1.2,TLSv1.1,TLSv1.0,BC)`, abapGit issue 3360)",
    ),
    DocumentedValue(
        150, "client",
        "SAP Note 510007's client recommendation for TLS 1.2 interoperability, with "
        "`PFS:HIGH::EC_P256:EC_HIGH` (today `…::EC_X25519:EC_P256:EC_HIGH`); needs CommonCryptoLib "
        "8.4.38 or later (8.4.48 or later against old Windows SChannel servers)",
        ("510007-QUOTE", "SAST", "ABAPGIT-SSL", "STECHIES-8"),
        caveat="Do not apply 150 blindly: on SAP Solution Manager 7.0, 7.1 or 7.2, SAP Note 510007 "
               "prescribes 918 instead; and 150 does not switch TLS 1.0/1.1 off (a public trace shows it "
               "offering TLS 1.0 to 1.2)",
        observed="a public trace shows a client with 150 offering TLS 1.0, 1.1 and 1.2 "
                 "(`pvflags=896 (TLSv1.2,TLSv1.1,TLSv1.0)`, abapGit issue 5589)",
    ),
    DocumentedValue(
        918, "client",
        "SAP Note 510007's client value for **SAP Solution Manager 7.0, 7.1 and 7.2** only "
        "(`918:PFS:HIGH::EC_P256:EC_HIGH`; the note's \"SAP Solution Manager System 7.[012]\" as quoted "
        "on a public page, SAST: \"SAP Solution Manager (deviates)\")",
        ("SAST", "I4964"),
        caveat="Only for Solution Manager 7.0–7.2: on other systems use 150 (or 1174 where note "
               "3346659 applies); do not copy 918 from a Solution Manager",
    ),
    DocumentedValue(
        400, "client",
        "SAP Note 510007 section 8's less recommended fallback for old Windows SChannel servers: "
        "caps the SAP client at TLS 1.1 (`400:HIGH`)",
        ("STECHIES-8",),
        caveat="A workaround for old servers, not a value for today's systems; the preferred fix "
               "is CommonCryptoLib 8.4.48 or later with `150:PFS:HIGH`",
    ),
    DocumentedValue(
        545, "server",
        "the server value of the SAP Security Baseline Template 2.4 and of SAP's S/4HANA 2022 "
        "parameter recommendations (note 3198351)",
        ("FRUN-32", "CoE"),
    ),
    DocumentedValue(
        1569, "server",
        "the S/4HANA 2025 server recommendation from SAP Note 3346659, which covers TLS 1.3 next to TLS 1.2",
        ("CoE", "TG13"),
        caveat="Needs a kernel and CommonCryptoLib that support TLS 1.3 (notes 3318423, 3532801)",
    ),
    DocumentedValue(
        1174, "client",
        "the S/4HANA 2025 client recommendation from SAP Note 3346659, which covers TLS 1.3 next to TLS 1.2",
        ("CoE", "TG13"),
        caveat="Needs a kernel and CommonCryptoLib that support TLS 1.3 (notes 3318423, 3532801)",
    ),
)
_BY_VALUE = {d.value: d for d in DOCUMENTED}

_MEANINGS: dict[int, tuple[str, Status, tuple[str, ...]]] = {
    1: ("the \"BC\" option: accept a ClientHello in the old SSL 2.0 format (SSLv2Hello) — a server option",
        "confirmed", ("SAST", "I3360")),
    1024: ("probably \"offer TLS 1.3 as well\": the only documented values with it (1569, 1174) are the "
           "earlier recommendations plus 1024, from the note that enables TLS 1.3 next to TLS 1.2",
           "inferred", ("CoE", "TG13")),
}
UNKNOWN_MEANING = "not publicly documented"


def parameter_role(name: str | None) -> tuple[str | None, Role | None]:
    """(canonical parameter, role) for `ssl/ciphersuites`, `ssl/client_ciphersuites` and
    their environment forms `SAPSSL_CIPHERSUITES`, `SAPSSL_CLIENT_CIPHERSUITES`."""
    if not name:
        return None, None
    return _PARAMETERS.get(name.strip().lower(), (None, None))


def split_value(value: str) -> tuple[str | None, str]:
    """(the leading number's digits or None, the cipher string after it).

    `150:PFS:HIGH::EC_P256` → ("150", "PFS:HIGH::EC_P256"); `HIGH:MEDIUM` → (None, "HIGH:MEDIUM");
    `918` → ("918", "")."""
    text = value.strip().strip("\"'`")
    head, sep, rest = text.partition(":")
    m = _NUMBER.match(head)
    if m is not None:
        return m.group(1), rest.strip() if sep else ""
    return None, text


def bit_meaning(bit: int) -> Bit:
    """What is known about one bit (any power of two)."""
    seen = tuple(d.value for d in DOCUMENTED if d.value & bit)
    meaning, status, sources = _MEANINGS.get(bit, (UNKNOWN_MEANING, "unknown", ()))
    return Bit(bit, meaning, status, sources, seen)


def bits_of(number: int) -> tuple[int, ...]:
    """The powers of two that add up to `number` (smallest first)."""
    return tuple(1 << i for i in range(number.bit_length()) if number >> i & 1)


def decode(value: str, parameter: str | None = None) -> Decoded:
    """Decode one value; `parameter` (optional) says which direction it configures."""
    raw = value if len(value) <= 400 else value[:400]
    canonical, role = parameter_role(parameter)
    digits, rest = split_value(raw)
    problems: list[str] = []
    number: int | None = None
    if digits is not None and len(digits) > MAX_DIGITS:
        problems.append(f"the leading number has {len(digits)} digits — far more than any flag value; "
                        "check the value for a typing error")
    elif digits is not None:
        number = int(digits)
    elif _SIGNED.match(raw):
        problems.append("a signed number is not a flag value: the leading number is a sum of bits (0 or more)")
        rest = rest.partition(":")[2]
    elif raw.strip() and not _looks_like_cipher_string(rest):
        problems.append("the value does not start with a number and is not a cipher string")
    cipher = parse_cipher_string(rest)
    bits = tuple(bit_meaning(b) for b in bits_of(number)) if number else ()
    documented = _BY_VALUE.get(number) if number is not None else None
    nearest = nearest_documented(number, role) if number and documented is None else None
    notes = _notes(number, role, documented, cipher, digits is not None)
    return Decoded(raw, canonical, role, number, bits, cipher, documented, nearest, notes, tuple(problems))


def _looks_like_cipher_string(text: str) -> bool:
    return bool(text) and re.fullmatch(r"[A-Za-z0-9_:+!\-.@=]+", text) is not None


def parse_cipher_string(text: str) -> CipherString:
    """The suite selection and the groups (after `::`) of a cipher string."""
    selection, _, groups = text.partition("::")
    sel = tuple(t for t in selection.split(":") if t)
    grp = tuple(t for t in groups.split(":") if t)
    return CipherString(text, sel, grp, any(t.upper() == "PFS" for t in sel))


def nearest_documented(number: int, role: Role | None = None) -> Nearest | None:
    """The documented value with the fewest differing bits (same role first, then smaller)."""
    if number <= 0:
        return None

    def distance(d: DocumentedValue) -> tuple[int, int, int]:
        return (bin(number ^ d.value).count("1"), 0 if role in (None, d.role) else 1, d.value)

    best = min(DOCUMENTED, key=distance)
    if bin(number ^ best.value).count("1") > 3:
        return None  # too far from any documented value to be a useful comparison
    return Nearest(best, bits_of(number & ~best.value), bits_of(best.value & ~number))


def _notes(number: int | None, role: Role | None, documented: DocumentedValue | None,
           cipher: CipherString, has_number: bool) -> tuple[str, ...]:
    notes: list[str] = []
    if documented is not None and role is not None and documented.role != role:
        other = CLIENT_PARAMETER if documented.role == "client" else SERVER_PARAMETER
        notes.append(f"{documented.value} is documented for `{other}` ({documented.role} side), "
                     f"not for this parameter")
    if number is not None and number & 1 and role == "client":
        notes.append("bit 1 (BC) is a server option; on the client side the sources give it no effect")
    if number is not None and number >= 2048:
        notes.append("bits above 1024 appear in none of the documented values")
    if has_number and number == 0:
        notes.append("0 sets no option bit at all; no source documents this value")
    if cipher.text and not cipher.pfs:
        notes.append("the cipher string has no `PFS`: SAP Note 510007's recommended values (135, 150, "
                     "918) all select forward-secret suites with `PFS:HIGH`")
    return tuple(notes)


def sum_text(number: int) -> str:
    """`918 = 512 + 256 + 128 + 16 + 4 + 2` (largest first)."""
    parts = [str(b) for b in reversed(bits_of(number))]
    if len(parts) <= 1:
        return str(number)
    return f"{number} = {' + '.join(parts)}"
