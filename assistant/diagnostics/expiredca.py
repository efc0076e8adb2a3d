"""An expired CA certificate while the server certificate itself is valid: where to fix it.

Who must act depends on where the expired certificate comes from. One the server sends
is the server's chain file (its owner installs the CA's renewed certificate). One from
the trust list — an intermediate or root kept in the SSL client PSE — is the SAP side's:
it is replaced in STRUST, and nothing on the server needs to change. Telling the server's
owner to renew a valid certificate sends the admin to the wrong person.
"""

from __future__ import annotations

import datetime as _dt

from cryptography import x509

from assistant.diagnostics.causes import TRUST_PSE
from assistant.diagnostics.certinfo import iso_utc, subject_str
from assistant.diagnostics.trustpath import fingerprint


def _renewed(cert: x509.Certificate, candidates: list[x509.Certificate],
             now: _dt.datetime) -> x509.Certificate | None:
    """A valid certificate of the same name (a renewal) among `candidates`."""
    for other in candidates:
        try:
            if (other.subject == cert.subject and fingerprint(other) != fingerprint(cert)
                    and other.not_valid_before_utc <= now <= other.not_valid_after_utc):
                return other
        except Exception:  # unreadable dates: not a renewal we can name
            continue
    return None


def expired_ca_step(cert: x509.Certificate, leaf: x509.Certificate, *, from_trust: bool,
                    sent: list[x509.Certificate], trusted: list[x509.Certificate],
                    now: _dt.datetime, pse: str = TRUST_PSE) -> str:
    """The next step for the expired CA certificate `cert` above a valid server certificate."""
    subj, leaf_subj = subject_str(cert), subject_str(leaf)
    if not from_trust:
        return (f"The server certificate {leaf_subj} itself is valid; the CA certificate {subj} the "
                "server sends with it has expired. The server's owner must install the CA's renewed "
                "intermediate certificate in the chain file the server sends (the server certificate "
                "can stay). Nothing in the SAP system can make an expired certificate valid.")
    head = (f"The server certificate {leaf_subj} is valid; the CA certificate {subj} in the "
            f"{pse} expired on {iso_utc(cert.not_valid_after_utc)}. The fix is in STRUST, "
            "not on the server: ")
    in_trust = _renewed(cert, trusted, now)
    if in_trust is not None:
        return (head + f"the trust list also holds a valid {subj} (until "
                f"{iso_utc(in_trust.not_valid_after_utc)}); delete the expired copy from the PSE, "
                "so it cannot be picked first.")
    from_server = _renewed(cert, sent, now)
    if from_server is not None:
        return (head + f"the server sends the renewed {subj} (valid until "
                f"{iso_utc(from_server.not_valid_after_utc)}): import that one into the PSE and "
                "delete the expired copy.")
    return (head + f"delete the expired {subj} from the PSE and import the CA's renewed "
            "certificate of that name (from the CA's download page, or the server's owner).")
