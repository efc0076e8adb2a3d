"""A root the server also sends cross-signed by an older root that has expired.

The 2021 Let's Encrypt case: servers sent leaf + R3 + "ISRG Root X1" cross-signed by DST
Root CA X3, which expired on 2021-09-30, while ISRG Root X1's own self-signed certificate
was in most trust lists. The chain has two paths: a short one to the valid root in the
trust list, and a longer one, through the cross-certificate, to the expired old root.
OpenSSL from 1.1.0 on takes the short one (so does this check); OpenSSL 1.0.2 preferred
the server's chain and reported the chain as expired (OpenSSL blog, 2021-09-13, which
names the fixes: remove the expired root from the trust store and add the new one; or
the server stops sending the cross-certificate). How the SAP system's SSL library
(CommonCryptoLib) chooses between such paths is not documented in our sources: the
check says what it saw and what removes the question on either side.
"""

from __future__ import annotations

import datetime as _dt

from cryptography import x509

from assistant.diagnostics.causes import TRUST_PSE
from assistant.diagnostics.certinfo import is_self_signed, iso_utc, issuer_str, subject_str
from assistant.diagnostics.model import Finding
from assistant.diagnostics.trustpath import IssuerPath, TrustIndex, fingerprint

OPENSSL_2021 = ("OpenSSL 1.0.2 did so in 2021, when DST Root CA X3 expired behind Let's Encrypt's "
                "cross-signed ISRG Root X1, and reported the chain as expired")
UNKNOWN_SAP = ("how the SAP system's SSL library chooses between the two paths is not documented "
               "in the sources here")


def same_key(a: x509.Certificate, b: x509.Certificate) -> bool:
    try:
        return bool(a.subject == b.subject and a.public_key() == b.public_key())
    except Exception:
        return False


def _expired(cert: x509.Certificate, now: _dt.datetime) -> bool:
    try:
        return now > cert.not_valid_after_utc
    except Exception:
        return False


def _position(cert: x509.Certificate, chain: list[x509.Certificate]) -> int:
    return next(i for i, c in enumerate(chain, 1) if fingerprint(c) == fingerprint(cert))


def expired_cross_path(chain: list[x509.Certificate], path: IssuerPath, trust: TrustIndex,
                       now: _dt.datetime) -> Finding | None:
    """The path ends at a valid self-signed root from the trust list, and the server also
    sends that root cross-signed by another CA whose certificate (in the trust list) or
    the cross-certificate itself has expired: a warning, with what removes the doubt."""
    anchor = path.anchor
    if path.end != "trusted" or anchor is None or not is_self_signed(anchor):
        return None
    in_path = {fingerprint(c) for c in path.certs}
    for cross in chain[1:]:
        if fingerprint(cross) in in_path or is_self_signed(cross) or not same_key(cross, anchor):
            continue
        old = trust.issuer_of(cross)
        dead = cross if _expired(cross, now) else old if old is not None and _expired(old, now) else None
        if dead is None:
            continue
        root, old_name = subject_str(anchor), issuer_str(cross)
        what = ("the cross-certificate itself" if dead is cross
                else f"the certificate {subject_str(dead)} in your trust list")
        detail = (f"The server also sends {root} cross-signed by {old_name} (certificate #"
                  f"{_position(cross, chain)}): a second path, through {what}, which expired on "
                  f"{iso_utc(dead.not_valid_after_utc)}. This machine stops at the valid "
                  f"{root} from the trust list; a client that follows the server's chain to its end "
                  f"meets the expired certificate instead — {OPENSSL_2021}; {UNKNOWN_SAP}.")
        step = (f"Ask the server's owner to stop sending the cross-signed {root} (certificate #"
                f"{_position(cross, chain)}): the chain should end below {root}, so every client "
                f"takes the path to it. On the SAP side keep {root} in the {TRUST_PSE} in STRUST"
                + (f" and remove the expired {old_name} from it" if old is not None else "") + ".")
        return Finding("chain", "warn", detail, cause="server_cert_expired",
                       data={"cross_certificate": root, "cross_signed_by": old_name,
                             "expired": subject_str(dead), "next_step": step})
    return None


def expired_root_step(path: IssuerPath, findings: list[Finding], now: _dt.datetime) -> None:
    """The path reaches the trust list only through a root there that has expired, one
    that signed a CA certificate the server sends: the server certificate is not what to
    renew — the CA's current root is needed. Sets that finding's own next step."""
    anchor, top = path.anchor, path.certs[-1]
    if anchor is None or len(path.certs) < 2 or not _expired(anchor, now) or any(
            fingerprint(anchor) == fingerprint(c) for c in path.certs):
        return
    old, signed = subject_str(anchor), subject_str(top)
    found = next((f for f in findings if f.cause == "server_cert_expired" and f.status == "fail"
                  and f.data.get("certificate") == old), None)
    if found is None:
        return
    found.detail += (f" The server's chain reaches the trust list only through it: {signed}, which "
                     f"the server sends, is signed by {old}.")
    found.data["next_step"] = (
        f"The root {old} in the trust list has expired; renewing the server certificate does not "
        f"help. If {signed} also exists as a self-signed root of its own (a CA's new root, "
        f"cross-signed by its old one — as ISRG Root X1 was by DST Root CA X3), import that root "
        f"into the {TRUST_PSE} in STRUST and remove the expired {old}; the server's owner should "
        f"then stop sending the cross-signed {signed}. Otherwise ask the CA which root its chain "
        "now ends at, and import that one.")
