"""How a server sends its chain: issuing order, a certificate sent twice, certificates
that do not belong, the root. OpenSSL copes with all of these, so they are warnings at
most; stricter clients may not."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from cryptography import x509

from assistant.diagnostics.certinfo import is_self_signed, subject_str
from assistant.diagnostics.model import Finding
from assistant.diagnostics.trustpath import fingerprint, sent_path
from assistant.wording import plural


class SentChainShape(NamedTuple):
    order_ok: bool  # the path's own certificates in issuing order
    anchor_sent: bool  # the path ends in a self-signed root the server sends too
    findings: list[Finding]


def _finding(status: Literal["warn"], detail: str, cause: None, sclnt_http: None, **data: Any) -> Finding:
    return Finding(step="chain", status=status, detail=detail, cause=cause, sclnt_http=sclnt_http, data=data)


def sent_chain_shape(chain: list[x509.Certificate]) -> SentChainShape:
    """How the server sends its chain: issuing order, certificates that do not belong, the root.

    OpenSSL copes with all of these, so they are warnings at most; stricter clients may not.
    """
    sent = sent_path(chain)
    sent_fps = [fingerprint(c) for c in sent]
    # the order of the path's own certificates: a copy sent twice or a certificate that does
    # not belong is its own finding, not "out of order"
    once = list(dict.fromkeys(fingerprint(c) for c in chain))
    order_ok = [fp for fp in once if fp in set(sent_fps)] == sent_fps
    anchor_sent = len(sent) > 1 and is_self_signed(sent[-1])
    extras = [c for c in chain if fingerprint(c) not in set(sent_fps)]
    out: list[Finding] = _twice_findings(chain)
    if not order_ok:
        out.append(_finding(
            "warn",
            "The server sends its chain out of issuing order (expected: "
            + " → ".join(subject_str(c) for c in sent)
            + "). OpenSSL reorders it; stricter clients may not.",
            None, None, sent=[subject_str(c) for c in chain],
        ))
    if extras:
        path_names = {subject_str(c) for c in sent}
        twins = sorted({subject_str(c) for c in extras} & path_names)
        same_name = (f" {'; '.join(twins)} appears twice, with different keys: an older or renewed "
                     "certificate of that CA next to the one that signed; a client that picks the "
                     "issuer by name may try the wrong one, so the server should send only the "
                     "current one.") if twins else ""
        out.append(_finding(
            "warn",
            f"The server sends {plural(len(extras), 'certificate')} that {'is' if len(extras) == 1 else 'are'} not part of its chain: "
            + "; ".join(subject_str(c) for c in extras) + "." + same_name,
            None, None, extra=[subject_str(c) for c in extras], same_name=twins,
        ))
    return SentChainShape(order_ok, anchor_sent, out)


def _twice_findings(chain: list[x509.Certificate]) -> list[Finding]:
    """The same certificate sent more than once (its places named, 1-based)."""
    places: dict[bytes, list[int]] = {}
    for index, cert in enumerate(chain, 1):
        places.setdefault(fingerprint(cert), []).append(index)
    twice = [(chain[spots[0] - 1], spots) for spots in places.values() if len(spots) > 1]
    if not twice:
        return []
    named = "; ".join(f"{subject_str(c)} (#{', #'.join(map(str, spots))})" for c, spots in twice)
    return [_finding(
        "warn", f"The server sends the same certificate more than once: {named}. OpenSSL skips the "
        "copy; a client that reads the list strictly in order (each certificate signs the one before "
        "it) may not. The server's chain file should hold each certificate once.",
        None, None, sent_twice=[subject_str(c) for c, _ in twice],
    )]
