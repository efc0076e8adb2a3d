"""Step 7: the client certificate — what SAP's SSL client PSE would present.

The identity comes from `client_cert`/`client_key` (PEM) or `pkcs12`. A PKCS#12 key
is handed to OpenSSL through a temporary file encrypted with a random one-time password,
so no plaintext key ever touches the disk. The identity is presented only on the verdict
connection, to a server that was verified (with SNI off: see `namefirst`); the unverified
observation connects without one. TLS 1.3 servers refuse a missing certificate only
after a "successful" handshake: the observation waits for that without sending anything.
"""

from __future__ import annotations

import datetime as _dt
import os
import secrets
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.diagnostics.model import CheckSetupError, Finding
from assistant.diagnostics.observe import Observation, der_name_to_text
from assistant.textsafe import escape_control


class ClientIdentityError(CheckSetupError):
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
    not_after: _dt.datetime | None = None
    not_before: _dt.datetime | None = None
    usage_problem: str = ""  # why the key usage does not fit client authentication
    issuer_sent: bool = True  # the leaf's issuer goes along (or the leaf is its own issuer)

    def __repr__(self) -> str:
        return f"ClientIdentity(source={self.source!r}, subject={self.subject!r})"

    def apply(self, ctx: ssl.SSLContext) -> None:
        import tempfile  # with shutil, bz2 and lzma: ~6 ms a check without an identity saves

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
            raise ClientIdentityError("{source}: certificate and key do not fit together ({reason})",
                                      source=self.source, reason=exc.reason) from exc
        finally:
            for fd in (fd_c, fd_k):
                if fd >= 0:
                    os.close(fd)
            for path in (cert_path, key_path):
                Path(path).unlink(missing_ok=True)


def load_identity(
    *, cert: str | None = None, key: str | None = None, pkcs12: str | None = None,
    pkcs12_password: str | None = None, key_password: str | None = None,
) -> ClientIdentity | None:
    """Load the client identity; None when none was asked for.

    The certificate file may be in any format `certfiles` reads (a key inside a PEM or
    PKCS#12 file is used when no `key` file is given); the leaf is the certificate the
    key belongs to, the other certificates go along as its chain. `key_password` opens
    an encrypted `key` file (and the certificate file when `pkcs12_password` is None).
    """
    if not cert and not pkcs12:
        return None
    from cryptography.hazmat.primitives import serialization

    from assistant.diagnostics.certfiles import (
        CertFileError,
        attach_key,
        load_cert_file,
        load_private_key_file,
    )

    path, option = (pkcs12, "{pkcs12}") if pkcs12 else (cert, "{client_cert}")  # a placeholder
    assert path is not None
    # `pkcs12_password` opens the identity file whatever option named it: admins pass a
    # .p12 as --client-cert too, and a PEM may hold an encrypted key
    secret = pkcs12_password if pkcs12_password is not None else key_password
    try:
        loaded = load_cert_file(path, secret.encode() if secret else None)
    except CertFileError as exc:
        raise ClientIdentityError(option + ": {error}", error=exc.with_password_hint(bool(secret))) from None
    if key:
        try:
            private = load_private_key_file(
                key, key_password.encode() if key_password is not None else None)
        except CertFileError as exc:
            raise ClientIdentityError("{client_key}: {error}",
                                      error=exc.with_password_hint(key_password is not None)) from None
        attach_key(loaded, private)
    if loaded.private_key is None or loaded.key_certificate is None:
        why = ("the private key belongs to none of its certificates" if loaded.key_matches is False
               else "no usable private key for its certificate (missing, or encrypted)")
        raise ClientIdentityError(option + ": {path}: {why}", path=path, why=why)
    from assistant.diagnostics.certinfo import name_str

    private_key = loaded.private_key
    leaf_cert = loaded.certificates[loaded.key_certificate]
    certs = [leaf_cert, *(c for c in loaded.certificates if c is not leaf_cert)]
    source = path
    phrase = secrets.token_hex(16).encode()
    key_pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(phrase),
    )
    cert_pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)
    identity = ClientIdentity(
        source, cert_pem, key_pem, phrase,
        subject=name_str(leaf_cert.subject), issuer=name_str(leaf_cert.issuer),
        issuer_der=leaf_cert.issuer.public_bytes(),
        chain_names_der=frozenset(
            n for c in certs for n in (c.subject.public_bytes(), c.issuer.public_bytes())),
        not_before=leaf_cert.not_valid_before_utc, not_after=leaf_cert.not_valid_after_utc,
        usage_problem=_usage_problem(leaf_cert),
        issuer_sent=leaf_cert.issuer == leaf_cert.subject
        or any(c.subject == leaf_cert.issuer for c in certs[1:]),
    )
    identity.apply(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))  # fail early if they do not fit
    return identity


def _usage_problem(cert: Any) -> str:
    from cryptography import x509
    from cryptography.x509.oid import ExtendedKeyUsageOID

    from assistant.diagnostics.certinfo import eku_allows, extension

    if not eku_allows(cert, ExtendedKeyUsageOID.CLIENT_AUTH):
        return "its extended key usage lacks clientAuth (a server-only certificate?)"
    usage = extension(cert, x509.KeyUsage)
    if usage is not None and not usage.digital_signature:
        return "its key usage lacks digitalSignature"
    return ""


def client_cert_finding(
    obs: Observation | None,
    identity: ClientIdentity | None,
    *,
    rejected_reason: str | None,
    completed_request: bool,
    server_verified: bool = True,
) -> Finding:
    """Combine what the server asked for (observe) with what happened (tls/http).

    `rejected_reason` is the OpenSSL reason when the verdict connection was refused for
    the client certificate (during the handshake, TLS 1.2, or on the first read, TLS 1.3).
    The observation never presents our certificate (its server is not verified), so what
    it saw is about connecting *without* one; whether ours is accepted only the verdict
    connection can tell — and only to a server it verified (`server_verified`).
    """
    data: dict[str, object] = {}
    if identity is not None:
        data["client_subject"] = escape_control(identity.subject)
    if obs is None or obs.cert_requested is None:
        if rejected_reason:
            return _refused(identity, rejected_reason, [], data)
        what = "no observation" if obs is None else "this Python cannot see handshake messages"
        return Finding("client_cert", "skip", f"cannot tell whether a client certificate is requested ({what})",
                       data=data)
    ca_names = [escape_control(n) for n in obs.ca_names]
    data["requested"] = obs.cert_requested
    data["acceptable_ca_names"] = ca_names
    if obs.probe_result:
        data["probe"] = obs.probe_result
    if not obs.cert_requested:
        if identity is not None:
            return Finding("client_cert", "ok",
                           "the server does not ask for a client certificate; the one given is not sent",
                           data=data)
        return Finding("client_cert", "ok", "the server does not ask for a client certificate", data=data)
    names = f" — acceptable CA names: {'; '.join(ca_names)}" if ca_names else " (no CA names sent)"
    if identity is None:
        return _without_identity(obs, rejected_reason, completed_request, names, data)
    if rejected_reason:
        return _refused(identity, rejected_reason, obs.ca_names_der, data)
    listed = not obs.ca_names_der or bool(identity.chain_names_der & set(obs.ca_names_der))
    if not server_verified:
        data["presented"] = False
        unlisted = ("" if listed else f"; none of the CAs of ours (issuer {escape_control(identity.issuer)}) "
                    "is among its CA names")
        return Finding("client_cert", "warn",
                       f"the server asks for a client certificate; ours ({escape_control(identity.subject)}) "
                       "was not presented, because the server's certificate was not verified (see the "
                       f"TLS step){unlisted}{names}", data=data)
    if completed_request:
        return Finding("client_cert", "ok",
                       f"the server asks for a client certificate; ours "
                       f"({escape_control(identity.subject)}) was accepted{names}", data=data)
    if not listed:
        return Finding("client_cert", "warn",
                       f"the server asks for a client certificate, but none of the CAs of ours "
                       f"(issuer {escape_control(identity.issuer)}) is among its CA names{names}; "
                       "it will probably refuse ours",
                       cause="client_cert_rejected", data=data)
    return Finding("client_cert", "warn",
                   f"the server asks for a client certificate; ours "
                   f"({escape_control(identity.subject)}) is issued by a listed CA, but no "
                   f"request completed to confirm it is accepted{names}", data=data)


def _without_identity(obs: Observation, rejected_reason: str | None, completed_request: bool,
                      names: str, data: dict[str, object]) -> Finding:
    """No certificate given: is one required (a refusal) or optional (it went on)?"""
    probe = obs.probe_result or ""
    rejected = rejected_reason or (probe.split(" ", 1)[1].strip("()") if probe.startswith("rejected") else None)
    if rejected:
        return _refused(None, rejected, obs.ca_names_der, data)
    if completed_request or probe == "accepted":
        return Finding("client_cert", "ok",
                       f"the server asks for a client certificate but continues without one "
                       f"(optional){names}", data=data)
    return Finding("client_cert", "warn",
                   f"the server asks for a client certificate; could not tell whether it is "
                   f"required{names}", data=data)


# What the server's alert says about the certificate we presented.
REFUSAL_MEANING = {
    "TLSV1_ALERT_UNKNOWN_CA": "the server does not trust the issuer of our certificate",
    "SSLV3_ALERT_CERTIFICATE_EXPIRED": "the server says our certificate has expired",
    "SSLV3_ALERT_BAD_CERTIFICATE": "the server finds our certificate unusable",
    "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE": "the server does not accept this kind of certificate",
    "SSLV3_ALERT_CERTIFICATE_UNKNOWN": "the server cannot use our certificate",
    "TLSV1_ALERT_ACCESS_DENIED": "the server accepts our certificate but denies this identity access",
}


def _named_cas_step(ca_names: list[str]) -> str:
    """The next step for a required client certificate when the server names the CAs it
    accepts: the PSE's own certificate must come from one of them (the names are the
    server's, untrusted text, shown escaped)."""
    shown = "; ".join(ca_names[:5]) + (
        f" and {len(ca_names) - 5} more" if len(ca_names) > 5 else "")
    return ("Choose a PSE with an own certificate issued by one of the CAs the server names — "
            f"{shown}: SM59 → destination → Logon & Security → SSL client certificate = DFAULT or "
            "an individual PSE (ANONYM never presents one). In STRUST that PSE's own certificate must "
            "be signed by one of these CAs (Create certificate request, have that CA sign it, Import "
            "certificate response); a certificate from another CA is refused.")


def refusal_suspects(identity: ClientIdentity, ca_names_der: list[bytes],
                     now: _dt.datetime | None = None, *, reason: str = "") -> dict[str, str]:
    """What is wrong with the certificate we presented, as far as we can see from here.

    Keys: `chain` (sent without its issuer, which the server does not list, or it names
    none and says it does not know our CA), `issuer` (not among the server's CA names),
    `validity`, `usage`.
    """
    when = now or _dt.datetime.now(_dt.UTC)
    out: dict[str, str] = {}
    unlisted = bool(ca_names_der) and not identity.chain_names_der & set(ca_names_der)
    issuer = escape_control(identity.issuer)
    if unlisted:  # a fact read from the server's CertificateRequest: it leads
        out["issuer"] = f"its issuer {issuer} is not among the CA names the server accepts"
    if not identity.issuer_sent and unlisted:
        out["chain"] = (f"it went alone, without the certificate of its issuer: only if {issuer} is an "
                        "intermediate CA issued by one of the CAs the server lists was the chain we sent "
                        "incomplete (the PSE or PKCS#12 file lacks the intermediate) — a lone certificate does not tell whether its issuer is an "
                        "intermediate or a root")
    elif not identity.issuer_sent and not ca_names_der and reason == "TLSV1_ALERT_UNKNOWN_CA":
        out["chain"] = (f"it went alone, without the certificate of its issuer {issuer}: if that is "
                        "an intermediate CA below one the server trusts, the chain we sent was "
                        "incomplete (the PSE or PKCS#12 file lacks the intermediate); the server named "
                        "no CAs, so whether it is an intermediate or a root cannot be told from here")
    if identity.not_after is not None and when > identity.not_after:
        out["validity"] = f"it expired on {identity.not_after:%Y-%m-%d}"
    elif identity.not_before is not None and when < identity.not_before:
        out["validity"] = f"it is not valid before {identity.not_before:%Y-%m-%d}"
    if identity.usage_problem:
        out["usage"] = identity.usage_problem
    return out


def _refused(identity: ClientIdentity | None, reason: str, ca_names_der: list[bytes],
             data: dict[str, object]) -> Finding:
    """The server refused the connection for its client certificate: none, or ours."""
    ca_names = [escape_control(der_name_to_text(d)) for d in ca_names_der]
    names = f" Acceptable CA names: {'; '.join(ca_names)}." if ca_names else ""
    data["rejected"] = reason
    if identity is None:
        signer = "one of these CAs" if ca_names else "a CA the server accepts (it names none)"
        detail = (f"the server requires a client certificate and none was presented "
                  f"({reason}).{names} In SAP: SM59 → Logon & Security → SSL client PSE "
                  f"with an own certificate signed by {signer}.")
        if ca_names:
            data["next_step"] = _named_cas_step(ca_names)
        return Finding("client_cert", "fail", detail, cause="client_cert_required",
                       sclnt_http="SCLNT_HTTP407", data=data)
    suspects = refusal_suspects(identity, ca_names_der, reason=reason)
    data["suspects"] = list(suspects.values())
    meaning = REFUSAL_MEANING.get(reason)
    likely = f" Likely: {'; '.join(suspects.values())}." if suspects else ""
    issuer = escape_control(identity.issuer)
    pse = "the SSL client PSE the destination uses (DFAULT or its own PSE)"
    if suspects and not {"issuer", "chain"} & set(suspects):
        fix = (f"Renew it for client authentication: STRUST → {pse} → Create certificate request, "
               "have it signed, Import certificate response.")
    elif "issuer" in suspects:
        fix = (f"Put a certificate issued by one of the CAs the server lists into {pse} (STRUST → Create "
               f"certificate request, have one of them sign it, Import certificate response), or ask the "
               f"server side to trust {issuer}.")
        if "chain" in suspects:
            fix += (f" Sending the chain helps only if {issuer} is an intermediate CA issued by a listed "
                    "CA: then STRUST → that PSE → Import certificate response with the signed certificate "
                    "followed by the intermediate and root certificates, and give this check the "
                    "intermediate in the same file.")
        data["next_step"] = (f"The server accepts client certificates from the CAs it lists ({'; '.join(ca_names[:5])}"
                             f"{' …' if len(ca_names) > 5 else ''}), and ours is issued by {issuer}, which "
                             "it does not list: " + fix[0].lower() + fix[1:])
    elif "chain" in suspects:
        fix = (f"If {issuer} is an intermediate CA, give the own certificate of {pse} its chain: "
               "STRUST → that PSE → Import certificate response with the signed certificate followed "
               "by the intermediate and root certificates (PKCS#7, or PEM blocks) — and give this "
               "check the intermediate in the same file. Otherwise put a certificate issued by a CA "
               f"the server accepts into that PSE, or ask the server side to trust {issuer}.")
        data["next_step"] = ("Our client certificate went without its issuer's certificate: " + fix[0].lower()
                             + fix[1:])
    else:
        fix = (f"In STRUST put a certificate issued by a CA the server accepts into {pse}, "
               f"or ask the server side to trust {issuer}.")
    detail = (f"the server rejected our client certificate ({escape_control(identity.subject)}, "
              f"issued by {issuer}): {reason}{f' — {meaning}' if meaning else ''}.{likely}{names} {fix}")
    return Finding("client_cert", "fail", detail, cause="client_cert_rejected",
                   sclnt_http="SCLNT_HTTP407", data=data)


__all__ = ["ClientIdentity", "ClientIdentityError", "client_cert_finding", "der_name_to_text",
           "load_identity"]
