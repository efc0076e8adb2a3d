"""Read the SAP ICM's own trace (`dev_icm`): each TLS handshake, why it failed, what to import.

The admin's machine often sees another network path than the application server; the
ICM trace is the server's own view. This package reads it offline, streaming and bounded:

- `detect`    — is a paste a trace? (regexes only: runs on every question);
- `lines`     — safe, bounded reading of files and pastes (regular files only, size
                limit, CRLF, stray non-UTF-8 bytes);
- `scan`      — the few lines of a chunk that hold a keyword, found at C speed;
- `patterns`  — the line shapes seen in public traces (docs/research/dev_icm_formats.md);
- `assemble`  — one open handshake per thread, across interleaved threads;
- `pem`       — the certificate chain of a level-3 dump;
- `codes`     — SapSSL code → SCLNT_HTTP message and cause, PSE file → STRUST node;
- `chaincheck`, `analysis` — the live check's chain analysis (with root or
                intermediate, `assistant.diagnostics.issuer`), offline;
- `reader`    — entry points; `extract` — dumped certificates as PEM files.

The names below are imported on first use (PEP 562), so `assistant.trace.detect` costs
nothing more than its regexes; `cryptography` loads only when certificates are analysed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.trace.detect import looks_like_dev_icm
    from assistant.trace.model import (
        AnalyzedHandshake,
        Handshake,
        ImportAdvice,
        TraceFile,
        TraceReport,
    )
    from assistant.trace.reader import analyze_files, analyze_text, read_files, read_text

_HOMES = {
    "AnalyzedHandshake": "model",
    "Handshake": "model",
    "ImportAdvice": "model",
    "TraceFile": "model",
    "TraceReport": "model",
    "analyze_files": "reader",
    "analyze_text": "reader",
    "looks_like_dev_icm": "detect",
    "read_files": "reader",
    "read_text": "reader",
}

__all__ = [
    "AnalyzedHandshake",
    "Handshake",
    "ImportAdvice",
    "TraceFile",
    "TraceReport",
    "analyze_files",
    "analyze_text",
    "looks_like_dev_icm",
    "read_files",
    "read_text",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'assistant.trace' has no attribute {name!r}")
    return getattr(import_module(f"assistant.trace.{home}"), name)
