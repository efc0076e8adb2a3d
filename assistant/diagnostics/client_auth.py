"""Step 7: the client certificate — what SAP's SSL client PSE would present.

The identity comes from `--client-cert/--client-key` (PEM) or `--pkcs12`. A PKCS#12 key
is handed to OpenSSL through a temporary file encrypted with a random one-time password,
so no plaintext key ever touches the disk. Whether the server *requires* a certificate
is only certain after a request: TLS 1.3 servers refuse a missing certificate on the
first read after a "successful" handshake.
"""

from __future__ import annotations

import os
import secrets
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assistant.diagnostics.model import Finding
from assistant.diagnostics.observe import Observation, der_name_to_text
from assistant.textsafe import escape_control


class ClientIdentityError(ValueError):
    """The client certificate or key cannot be used; the message is meant for the user."""


@dataclass(slots=True)
class ClientIdentity:
    """A certificate + key ready to load into SSL contexts (PEM bytes, key encrypted)."""

    source: str
    cert_pem: bytes  # leaf first, then any CA certificates
    key_pem: bytes  # encrypted with `_passphrase`
    _passphrase: bytes
    subject: str = ""
    issuer: str = ""
    issuer_der: bytes = b""
    chain_names_der: frozenset[bytes] = frozenset()  # subjects and issuers of the chain

    def __repr__(self) -> str:
        return f"ClientIdentity(source={self.source!r}, subject={self.subject!r})"

    def apply(self, ctx: ssl.SSLContext) -> None:
        fd_c, cert_path = tempfile.mkstemp(prefix="sapassist-", suffix=".pem")
        fd_k, key_path = tempfile.mkstemp(prefix="sapassist-", suffix=".key")
        try:
            os.write(fd_c, self.cert_pem)
            os.write(fd_k, self.key_pem)
            os.close(fd_c)
            os.close(fd_k)
            fd_c = fd_k = -1
            ctx.load_cert_chain(cert_path, key_path, password=self._passphrase)
        except ssl.SSLError as exc:
            raise ClientIdentityError(
                f"{self.source}: certificate and key do not fit together ({exc.reason})") from exc
        finally:
            for fd in (fd_c, fd_k):
                if fd >= 0:
                    os.close(fd)
            for path in (cert_path, key_path):
                Path(path).unlink(missing_ok=True)


def _read(path: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ClientIdentityError(f"cannot read {what} {path}: {exc.strerror or exc}") from exc


def load_identity(
    *, cert: str | None = None, key: str | None = None, pkcs12: str | None = None,
    pkcs12_password: str | None = None, key_password: str | None = None,
) -> ClientIdentity | None:
    """Load the client identity; None when none was asked for."""
    if not cert and not pkcs12:
        return None
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12 as p12

    certs: list[x509.Certificate]
    if pkcs12:
        raw = _read(pkcs12, "PKCS#12 file")
        password = pkcs12_password.encode() if pkcs12_password else None
        try:
            private_key, leaf, extra = p12.load_key_and_certificates(raw, password)
        except ValueError as exc:
            raise ClientIdentityError(
                f"cannot open PKCS#12 {pkcs12}: wrong password or not a PKCS#12 file") from exc
        if private_key is None or leaf is None:
            raise ClientIdentityError(f"PKCS#12 {pkcs12} holds no certificate with its key")
        certs, source = [leaf, *extra], pkcs12
    else:
        assert cert is not None
        raw_cert = _read(cert, "client certificate")
        raw_key = _read(key, "client key") if key else raw_cert
        try:
            certs = x509.load_pem_x509_certificates(raw_cert)
        except ValueError as exc:
            raise ClientIdentityError(f"{cert}: no PEM certificate found") from exc
        try:
            private_key = serialization.load_pem_private_key(
                raw_key, key_password.encode() if key_password else None)
        except (ValueError, TypeError) as exc:
            where = key or cert
            raise ClientIdentityError(
                f"{where}: no usable PEM private key (missing, or encrypted)") from exc
        source = cert
    phrase = secrets.token_hex(16).encode()
    key_pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(phrase),
    )
    cert_pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)
    leaf_cert = certs[0]
    identity = ClientIdentity(
        source, cert_pem, key_pem, phrase,
        subject=leaf_cert.subject.rfc4514_string(), issuer=leaf_cert.issuer.rfc4514_string(),
        issuer_der=leaf_cert.issuer.public_bytes(),
        chain_names_der=frozenset(
            n for c in certs for n in (c.subject.public_bytes(), c.issuer.public_bytes())),
    )
    identity.apply(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))  # fail early if they do not fit
    return identity


def client_cert_finding(
    obs: Observation | None,
    identity: ClientIdentity | None,
    *,
    rejected_reason: str | None,
    completed_request: bool,
) -> Finding:
    """Combine what the server asked for (observe) with what happened (tls/http).

    `rejected_reason` is the OpenSSL reason when the verdict connection was refused for
    the client certificate (during the handshake, TLS 1.2, or on the first read, TLS 1.3).
    """
    data: dict[str, object] = {}
    given = identity is not None
    if identity is not None:
        data["client_subject"] = escape_control(identity.subject)
    if obs is None or obs.cert_requested is None:
        if rejected_reason:
            return _required(identity, rejected_reason, [], data)
        what = "no observation" if obs is None else "this Python cannot see handshake messages"
        return Finding("client_cert", "skip", f"cannot tell whether a client certificate is requested ({what})",
                       data=data)
    ca_names = [escape_control(n) for n in obs.ca_names]
    data["requested"] = obs.cert_requested
    data["acceptable_ca_names"] = ca_names
    if obs.probe_result:
        data["probe"] = obs.probe_result
    if not obs.cert_requested:
        if given:
            return Finding("client_cert", "ok",
                           "the server does not ask for a client certificate; the one given is not sent",
                           data=data)
        return Finding("client_cert", "ok", "the server does not ask for a client certificate", data=data)
    rejected = rejected_reason or (
        obs.probe_result.split(" ", 1)[1].strip("()") if obs.probe_result
        and obs.probe_result.startswith("rejected") else None)
    if rejected:
        return _required(identity, rejected, ca_names, data)
    names = f" — acceptable CA names: {'; '.join(ca_names)}" if ca_names else " (no CA names sent)"
    accepted = completed_request or obs.probe_result == "accepted"
    if identity is not None:
        listed = not obs.ca_names_der or bool(identity.chain_names_der & set(obs.ca_names_der))
        if accepted:
            return Finding("client_cert", "ok",
                           f"the server asks for a client certificate; ours "
                           f"({escape_control(identity.subject)}) was accepted{names}", data=data)
        if not listed:
            return Finding("client_cert", "warn",
                           f"the server asks for a client certificate, but none of the CAs of ours "
                           f"(issuer {escape_control(identity.issuer)}) is among its CA names{names}",
                           cause="client_cert_required", data=data)
        return Finding("client_cert", "warn",
                       f"the server asks for a client certificate; ours "
                       f"({escape_control(identity.subject)}) is issued by a listed CA, but no "
                       f"request completed to confirm it is accepted{names}", data=data)
    if accepted:
        return Finding("client_cert", "ok",
                       f"the server asks for a client certificate but continues without one "
                       f"(optional){names}", data=data)
    return Finding("client_cert", "warn",
                   f"the server asks for a client certificate; could not tell whether it is "
                   f"required{names}", data=data)


def _required(identity: ClientIdentity | None, reason: str, ca_names: list[str],
              data: dict[str, object]) -> Finding:
    names = f" Acceptable CA names: {'; '.join(ca_names)}." if ca_names else ""
    data["rejected"] = reason
    if identity is None:
        detail = (f"the server requires a client certificate and none was presented "
                  f"({reason}).{names} In SAP: SM59 → Logon & Security → SSL client PSE "
                  "with an own certificate signed by one of these CAs.")
    else:
        detail = (f"the server rejected our client certificate "
                  f"({escape_control(identity.subject)}, issued by {escape_control(identity.issuer)}): "
                  f"{reason}.{names}")
    return Finding("client_cert", "fail", detail, cause="client_cert_required",
                   sclnt_http="SCLNT_HTTP407", data=data)


__all__ = ["ClientIdentity", "ClientIdentityError", "client_cert_finding", "der_name_to_text",
           "load_identity"]
