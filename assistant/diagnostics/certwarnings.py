"""Python warnings raised while reading a certificate become findings, never stderr noise.

cryptography warns (on stderr, with a source line) about certificates it still reads but
will refuse one day — a negative or zero serial number — and about name attributes longer
than X.509 allows (a CN of more than 64 characters). Both say something real about the
certificate, so they are collected where it is read (`collecting()`) and shown as its
notes or as a chain finding, in our words.

Warnings are process-wide, checks run in threads, and a certificate's fields are read
in many places (chain analysis, trust paths, host matching). So instead of swapping
warning filters around each read (not thread-safe), `install()` routes these warnings
once, for the whole process: to the innermost collector of the thread that raised them,
and nowhere — never to stderr — when none is active (the chain step or the file loader
has recorded the same warning where it could name the certificate).
"""

from __future__ import annotations

import contextvars
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from assistant.lazyre import LazyPattern
from assistant.textsafe import escape_control

_LENGTH = LazyPattern(r"Attribute's length must be >= (\d+) and <= (\d+), but it was (\d+)")
_COLLECTOR: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "sapassist_cert_warnings", default=None)
_ORIGINAL_SHOW = warnings.showwarning
# cryptography warns about a long name only on the first read of it (then it is cached):
# what a certificate warned about is kept by fingerprint, so every later look at the same
# certificate still shows it. Bounded: the oldest are forgotten first.
_BY_CERTIFICATE: dict[bytes, list[str]] = {}
MAX_REMEMBERED = 4096


def remember(fingerprint: bytes, notes: list[str]) -> list[str]:
    """The warnings of one certificate: `notes` with what earlier reads of it warned."""
    known = _BY_CERTIFICATE.get(fingerprint, [])
    merged = list(dict.fromkeys([*known, *notes]))
    if merged != known:
        if len(_BY_CERTIFICATE) >= MAX_REMEMBERED:
            _BY_CERTIFICATE.pop(next(iter(_BY_CERTIFICATE)), None)
        _BY_CERTIFICATE[fingerprint] = merged
    return merged


def describe(message: str) -> str:
    """A warning about a certificate in words an admin can act on."""
    if "serial number" in message and ("positive" in message or "negative" in message):
        return ("its serial number is negative or zero, which RFC 5280 forbids (newer "
                "cryptography libraries refuse such a certificate; reissue it)")
    length = _LENGTH.search(message)
    if length:
        low, high, got = length.groups()
        return (f"a name attribute (such as the CN) has {got} characters; X.509 allows "
                f"{low}–{high} (RFC 5280 upper bounds) — some clients refuse it")
    return f"reading it raised a warning: {escape_control(message)[:200]}"


def _about_certificates(message: Warning | str, category: type[Warning]) -> bool:
    text = str(message)
    return (category.__name__ == "CryptographyDeprecationWarning" or bool(_LENGTH.search(text))
            or ("serial number" in text and "RFC 5280" in text))


def _route(message: Warning | str, category: type[Warning], filename: str, lineno: int,
           file: Any = None, line: str | None = None) -> None:
    notes = _COLLECTOR.get()
    if notes is not None and _about_certificates(message, category):
        note = describe(str(message))
        if note not in notes:
            notes.append(note)
        return
    if _about_certificates(message, category):
        return  # recorded where the certificate could be named; no stderr noise
    _ORIGINAL_SHOW(message, category, filename, lineno, file, line)


def install() -> None:
    """Route certificate warnings as the module docstring says (idempotent, cheap)."""
    if warnings.showwarning is not _route:
        warnings.showwarning = _route
    categories = _categories()
    ours = [("always", None, category, None, 0) for category in reversed(categories)]
    if warnings.filters[:len(ours)] == ours:
        return  # already first: re-adding them cost ~30 µs each, ~16 times a check
    for category in categories:
        warnings.filterwarnings("always", category=category)  # every certificate, not once


def _categories() -> tuple[type[Warning], ...]:
    try:
        from cryptography.utils import CryptographyDeprecationWarning
    except ImportError:  # pragma: no cover - cryptography is a dependency
        return (UserWarning,)
    return (UserWarning, CryptographyDeprecationWarning)


@contextmanager
def collecting() -> Iterator[list[str]]:
    """Collect (described, each once) the certificate warnings this thread raises in the
    block; an inner `collecting()` takes them first."""
    install()
    notes: list[str] = []
    token = _COLLECTOR.set(notes)
    try:
        yield notes
    finally:
        _COLLECTOR.reset(token)
