"""`--extract DIR`: each dumped certificate as a PEM file named after its subject.

Ready for STRUST's "Import certificate". Names come from untrusted certificate text, so a
file name keeps only letters, digits, `.`, `_` and `-`; files are created exclusively
(never overwriting, never following a symbolic link), and a certificate already written
under its name is not written twice.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.trace.model import TraceReport

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 80


class ExtractError(Exception):
    """The directory cannot take the files; `str(err)` is meant for the user."""


@dataclass(frozen=True, slots=True)
class Extracted:
    path: str
    subject: str
    fingerprint: str
    written: bool  # False: the same certificate was already there

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "subject": self.subject, "fingerprint": self.fingerprint,
                "written": self.written}


def file_stem(subject: str, common_name: str | None) -> str:
    """`CN=Example Root CA,O=Example` → `Example_Root_CA` (the CN, else the whole subject)."""
    stem = _UNSAFE.sub("_", common_name or subject).strip("._-")[:MAX_NAME]
    return stem or "certificate"


def extract_certificates(report: TraceReport, directory: str) -> list[Extracted]:
    """Write every distinct dumped certificate of the report into `directory`."""
    from cryptography.hazmat.primitives import serialization

    from assistant.diagnostics.certinfo import common_names, fingerprint_sha256, subject_str
    from assistant.trace.pem import parse_dumped

    target = _directory(directory)
    done: dict[str, Extracted] = {}
    for a in report.handshakes:
        for cert in parse_dumped(a.handshake.certs).certificates:
            fp = fingerprint_sha256(cert)
            if fp in done:
                continue
            pem = cert.public_bytes(serialization.Encoding.PEM)
            subject = subject_str(cert)
            names = common_names(cert)
            done[fp] = _write(target, file_stem(subject, names[0] if names else None), pem, subject, fp)
    return list(done.values())


def _directory(directory: str) -> Path:
    path = Path(directory)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ExtractError(f"{directory} exists and is not a directory") from None
    except OSError as exc:
        raise ExtractError(f"cannot create {directory}: {exc.strerror or exc}") from None
    if not path.is_dir():
        raise ExtractError(f"{directory} is not a directory")
    return path


def _write(directory: Path, stem: str, pem: bytes, subject: str, fp: str) -> Extracted:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for n in range(1, 100):
        path = directory / (f"{stem}.pem" if n == 1 else f"{stem}-{n}.pem")
        try:
            fd = os.open(path, flags, 0o644)
        except FileExistsError:
            if path.is_file() and not path.is_symlink() and _same_content(path, pem):
                return Extracted(str(path), subject, fp, written=False)
            continue
        except OSError as exc:
            raise ExtractError(f"cannot write {path}: {exc.strerror or exc}") from None
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        return Extracted(str(path), subject, fp, written=True)
    raise ExtractError(f"too many files named {stem}*.pem in {directory}")


def _same_content(path: Path, pem: bytes) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(pem) + 1) == pem
    except OSError:
        return False
