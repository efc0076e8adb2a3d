"""Load certificate files as admins get them: PEM, DER, PKCS#7 (.p7b) and PKCS#12 (.pfx).

STRUST exports, CA downloads and server keystores come in all of these formats, often
with wrong extensions, so the format is detected from the content, never from the name.
Errors are `CertFileError` with a message meant for the user. PKCS#12 passwords are only
passed through to `cryptography`; they are never stored, printed or put in messages.
This module only parses files; reading a server's chain is `serverchain`'s job.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm

MAX_FILE_BYTES = 20 * 1024 * 1024

_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 #]+)-----(.*?)-----END \1-----", re.S)
_PEM_BEGIN = re.compile(rb"-----BEGIN ([A-Z0-9 #]+)-----")
_CERT_LABELS = {b"CERTIFICATE", b"X509 CERTIFICATE", b"TRUSTED CERTIFICATE"}
_PKCS7_LABELS = {b"PKCS7", b"PKCS #7 SIGNED DATA", b"CERTIFICATE CHAIN"}
_KEY_LABELS = {b"PRIVATE KEY", b"RSA PRIVATE KEY", b"EC PRIVATE KEY", b"DSA PRIVATE KEY",
               b"ENCRYPTED PRIVATE KEY"}


class CertFileError(Exception):
    """A certificate file cannot be used; `str(err)` is meant for the user."""

    def __init__(self, message: str, *, needs_password: bool = False) -> None:
        super().__init__(message)
        self.needs_password = needs_password

    def with_password_hint(self, password_given: bool) -> str:
        """The message with a hint where the password is missing or does not fit: it
        names the variable that gives it (the caller names the option or file)."""
        from assistant.diagnostics.model import PKCS12_PASSWORD_ENV

        hint = ""
        if self.needs_password:
            hint = (f" (check the password from {PKCS12_PASSWORD_ENV} or the prompt)"
                    if password_given else f" (set {PKCS12_PASSWORD_ENV})")
        return f"{self}{hint}"


@dataclass(slots=True)
class LoadedFile:
    path: str
    format: str  # "PEM", "DER", "PKCS#7 (DER)", "PKCS#7 (PEM)", "PKCS#12"
    certificates: list[x509.Certificate] = field(default_factory=list)
    has_private_key: bool = False
    key_matches: bool | None = None  # None: no key, or an encrypted key we could not open
    key_certificate: int | None = None  # index of the certificate the key belongs to
    notes: list[str] = field(default_factory=list)
    unreadable: int = 0  # certificate/PKCS#7 blocks that could not be parsed (see notes)
    key_locked: bool = False  # an encrypted private key stayed closed (no password given)
    private_key: Any = field(default=None, repr=False)  # the key of key_certificate, if opened


def _read(path: str) -> bytes:
    """The file's bytes: a regular file within MAX_FILE_BYTES (see `assistant.safefile`)."""
    from assistant.safefile import FileReadError, read_bounded

    try:
        return read_bounded(path, MAX_FILE_BYTES, "certificate file")
    except FileReadError as exc:
        raise CertFileError(str(exc)) from None


def _spki(public_key: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return bytes(public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ))


def attach_key(loaded: LoadedFile, key: Any) -> None:
    """Record a private key found with (or given for) the file: which certificate is it for?"""
    loaded.has_private_key = True
    if key is None:
        return
    try:
        want = _spki(key.public_key())
    except Exception:
        return
    for i, cert in enumerate(loaded.certificates):
        try:
            if _spki(cert.public_key()) == want:
                loaded.key_matches, loaded.key_certificate = True, i
                loaded.private_key = key
                return
        except Exception:
            continue
    loaded.key_matches = False


def _looks_like_pkcs12(data: bytes) -> bool:
    """PFX ::= SEQUENCE { version INTEGER (3), ... } — the version right after the header."""
    if len(data) < 8 or data[0] != 0x30:
        return False
    first = data[1]
    offset = 2 if first < 0x80 else 2 + (first & 0x7F) if first != 0x80 else 2
    return data[offset:offset + 3] == b"\x02\x01\x03"


def _where(data: bytes, start: int, number: int) -> str:
    """"block 2 (line 14)": how a note names a PEM block, so the admin finds it."""
    line = data.count(b"\n", 0, start) + 1
    return f"block {number} (line {line})"


def _short_reason(exc: Exception) -> str:
    """cryptography's parse error without its FAQ link (the note names the block)."""
    head, _link, tail = str(exc).partition(" See https://")
    detail = tail.partition("for more details.")[2].strip()
    return (head.rstrip(".") + (f" ({detail})" if detail else ""))[:200]


def _unterminated(data: bytes, blocks: list[re.Match[bytes]], loaded: LoadedFile) -> None:
    """A BEGIN line that no complete block starts with: the file is cut off or two blocks
    are run together — counted and noted, never silently dropped."""
    starts = {b.start() for b in blocks}
    for number, begin in enumerate(_PEM_BEGIN.finditer(data), 1):
        if begin.start() in starts or any(b.start() < begin.start() < b.end() for b in blocks):
            continue
        label = begin.group(1).decode(errors="replace")
        if begin.group(1) in _CERT_LABELS | _PKCS7_LABELS:
            loaded.unreadable += 1
        loaded.notes.append(f"{_where(data, begin.start(), number)}: BEGIN {label} without its END "
                            "line — the file is cut off or damaged; that block was not read")


def _load_pem(path: str, data: bytes, password: bytes | None) -> LoadedFile:
    loaded = LoadedFile(path, "PEM")
    keys: list[Any] = []
    encrypted_key = False
    blocks = list(_PEM_BLOCK.finditer(data))
    _unterminated(data, blocks, loaded)
    begins = [m.start() for m in _PEM_BEGIN.finditer(data)]
    for block in blocks:
        label, _body, pem = block.group(1), block.group(2), block.group(0)
        where = _where(data, block.start(), begins.index(block.start()) + 1)
        if label in _CERT_LABELS:
            try:
                if label == b"TRUSTED CERTIFICATE":  # OpenSSL's cert + trust settings
                    der = base64.b64decode(b"".join(_body.split()))
                    loaded.certificates.append(x509.load_der_x509_certificate(_first_der(der)))
                else:
                    loaded.certificates.append(x509.load_pem_x509_certificate(_normalize(pem, label)))
            except (ValueError, binascii.Error) as exc:
                loaded.unreadable += 1
                loaded.notes.append(f"{where}: a {label.decode()} block cannot be parsed: {_short_reason(exc)}")
        elif label in _PKCS7_LABELS:
            from cryptography.hazmat.primitives.serialization import pkcs7

            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    der = base64.b64decode(b"".join(_body.split()))
                    loaded.certificates.extend(pkcs7.load_der_pkcs7_certificates(der))
                loaded.format = "PKCS#7 (PEM)"
            except (ValueError, binascii.Error) as exc:
                loaded.unreadable += 1
                loaded.notes.append(f"{where}: a PKCS#7 block cannot be parsed: {_short_reason(exc)}")
        elif label in _KEY_LABELS:
            from cryptography.hazmat.primitives import serialization  # keys only: ~10 ms

            try:
                keys.append(serialization.load_pem_private_key(pem, password=password))
            except TypeError:  # encrypted and no password, or a password for a plain key
                if password is None:
                    encrypted_key = True
                    keys.append(None)
                else:
                    try:
                        keys.append(serialization.load_pem_private_key(pem, password=None))
                    except (TypeError, ValueError):
                        keys.append(None)
            except ValueError:
                if label == b"ENCRYPTED PRIVATE KEY" or b"ENCRYPTED" in pem[:200]:
                    raise CertFileError(f"{path}: wrong password for the private key", needs_password=True) from None
                loaded.notes.append("a private key block cannot be parsed")
                keys.append(None)
        elif label == b"CERTIFICATE REQUEST" or label == b"NEW CERTIFICATE REQUEST":
            loaded.notes.append("contains a certificate request (CSR); ignored")
        else:
            loaded.notes.append(f"contains a {label.decode(errors='replace')} block; ignored")
    if not loaded.certificates:
        if keys:
            raise CertFileError(f"{path} holds a private key but no certificate")
        if blocks:
            raise CertFileError(f"{path} holds no readable certificate")
        raise CertFileError(f"{path} is not a certificate file (no PEM certificate found)")
    for key in keys:
        attach_key(loaded, key)
        if loaded.key_matches:
            break
    if encrypted_key and not loaded.key_matches:
        loaded.key_locked = True
        loaded.notes.append("the private key is encrypted; not checked (no password given)")
    return loaded


def _normalize(pem: bytes, label: bytes) -> bytes:
    if label == b"CERTIFICATE":
        return pem
    return pem.replace(b"-----BEGIN " + label, b"-----BEGIN CERTIFICATE").replace(
        b"-----END " + label, b"-----END CERTIFICATE"
    )


def _first_der(der: bytes) -> bytes:
    """The first DER element (a TRUSTED CERTIFICATE has trust settings after it)."""
    if len(der) < 2 or der[0] != 0x30:
        return der
    first = der[1]
    if first < 0x80:
        return der[: 2 + first]
    n = first & 0x7F
    length = int.from_bytes(der[2:2 + n], "big")
    return der[: 2 + n + length]


def _load_binary(path: str, data: bytes, password: bytes | None) -> LoadedFile:
    if _looks_like_pkcs12(data):
        return _load_pkcs12(path, data, password)
    try:
        return LoadedFile(path, "DER", [x509.load_der_x509_certificate(data)])
    except ValueError:
        pass
    from cryptography.hazmat.primitives.serialization import pkcs7

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            certs = pkcs7.load_der_pkcs7_certificates(data)
        if certs:
            return LoadedFile(path, "PKCS#7 (DER)", list(certs))
        raise CertFileError(f"{path} is a PKCS#7 file without certificates")
    except ValueError:
        pass
    from cryptography.hazmat.primitives import serialization

    try:
        serialization.load_der_private_key(data, password=None)
        raise CertFileError(f"{path} holds a private key but no certificate")
    except (ValueError, TypeError):
        pass
    raise CertFileError(
        f"{path} is not a certificate file (not PEM, DER, PKCS#7 or PKCS#12)"
    )


def _load_pkcs12(path: str, data: bytes, password: bytes | None) -> LoadedFile:
    from cryptography.hazmat.primitives.serialization import pkcs12

    # An unprotected file opens with None; some tools protect with an empty password.
    attempts = [password, None, b""] if password is not None else [None, b""]
    p12 = None
    for pw in attempts:
        try:
            p12 = pkcs12.load_pkcs12(data, pw)
            break
        except (ValueError, TypeError):
            continue
        except Exception:  # unsupported algorithms inside the container
            continue
    if p12 is None:
        if password is None:
            raise CertFileError(f"{path} is a password-protected PKCS#12 file; a password is needed",
                                needs_password=True)
        raise CertFileError(f"{path}: wrong password for the PKCS#12 file (or the file is damaged)",
                            needs_password=True)
    loaded = LoadedFile(path, "PKCS#12")
    if p12.cert is not None:
        loaded.certificates.append(p12.cert.certificate)
    loaded.certificates.extend(c.certificate for c in p12.additional_certs)
    if not loaded.certificates:
        raise CertFileError(f"{path} is a PKCS#12 file without certificates")
    if p12.key is not None:
        attach_key(loaded, p12.key)
    return loaded


def load_cert_file(path: str | os.PathLike[str], password: bytes | None = None) -> LoadedFile:
    """Detect the format from the content and load every certificate in the file; what
    parsing warned about (e.g. a negative serial number) becomes one of its notes."""
    from assistant.diagnostics.certinfo import cert_info
    from assistant.diagnostics.certwarnings import collecting

    with collecting() as notes:
        loaded = _load_cert_file(os.fspath(path), password)
    shown = {w for cert in loaded.certificates for w in cert_info(cert).warnings}  # per certificate
    loaded.notes += [f"a certificate: {note}" for note in notes if note not in shown]
    return loaded


def _load_cert_file(path: str, password: bytes | None) -> LoadedFile:
    data = _read(path)
    if not data.strip():
        raise CertFileError(f"{path} is empty")
    if b"-----BEGIN " in data:
        return _load_pem(path, data, password)
    text_like = all(32 <= b < 127 or b in (9, 10, 13) for b in data[:512])
    if text_like:
        try:  # base64 DER without PEM armour (seen in copy/paste from STRUST)
            der = base64.b64decode(b"".join(data.split()), validate=True)
            return _load_binary(path, der, password)
        except (binascii.Error, ValueError, CertFileError):
            raise CertFileError(f"{path} is not a certificate file (text without a PEM certificate)") from None
    return _load_binary(path, data, password)


def _pem_key_encrypted(data: bytes) -> bool:
    """PKCS#8 `ENCRYPTED PRIVATE KEY`, or a traditional OpenSSL key with `Proc-Type: 4,ENCRYPTED`."""
    return b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in data or b"Proc-Type: 4,ENCRYPTED" in data


def load_private_key_file(path: str, password: bytes | None = None) -> Any:
    """The PEM private key in a separate key file (`--client-key`), opened with `password`
    when it is encrypted. A password given for a plain key is not needed and ignored, so
    one variable can serve every protected file. Errors are `CertFileError`s, with
    `needs_password` set when the password is missing or wrong; the password is never
    part of a message."""
    data = _read(path)
    if b"-----BEGIN " not in data or b"PRIVATE KEY-----" not in data:
        raise CertFileError(f"{path} holds no PEM private key")
    encrypted = _pem_key_encrypted(data)
    from cryptography.hazmat.primitives import serialization

    try:
        return serialization.load_pem_private_key(data, password if encrypted else None)
    except TypeError:  # encrypted, and no password
        raise CertFileError(f"{path}: the private key is encrypted; a password is needed",
                            needs_password=True) from None
    except ValueError:
        if encrypted:
            raise CertFileError(f"{path}: wrong password for the private key",
                                needs_password=True) from None
        raise CertFileError(f"{path} holds no usable PEM private key") from None
    except UnsupportedAlgorithm:  # e.g. a cipher this OpenSSL does not offer
        raise CertFileError(f"{path}: the private key cannot be read (unsupported format)") from None


def key_password_needed(path: str) -> bool:
    """Does the private key file open only with a password (and none was given)?"""
    try:
        load_private_key_file(path, None)
    except CertFileError as exc:
        return exc.needs_password
    return False


def password_needed(path: str) -> bool:
    """Does the file (or the private key in it) open only with a password? A file that
    fails for another reason: no — its own error is reported when it is loaded for real."""
    try:
        return load_cert_file(path, None).key_locked
    except CertFileError as exc:
        return exc.needs_password
