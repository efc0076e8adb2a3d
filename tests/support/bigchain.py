"""A certificate chain of a chosen size: intermediates that carry a non-critical padding
extension (an unknown OID, which verifiers ignore), so the server's certificate list grows
to tens or hundreds of kB with a short, valid chain."""

from __future__ import annotations

import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ObjectIdentifier

from tests.support import certs

PADDING_OID = ObjectIdentifier("1.3.6.1.4.1.55555.16.1")  # a private arc: no verifier knows it


def _padded(bundle: certs.Bundle, parent: certs.Bundle, pad: int) -> certs.Bundle:
    """`bundle` signed again by `parent` with `pad` bytes of padding in an extension."""
    value = b"\x04\x83" + pad.to_bytes(3, "big") + os.urandom(pad)  # OCTET STRING, long form
    c = bundle.cert
    builder = (x509.CertificateBuilder().subject_name(c.subject).issuer_name(c.issuer)
               .public_key(bundle.key.public_key()).serial_number(c.serial_number)
               .not_valid_before(c.not_valid_before_utc).not_valid_after(c.not_valid_after_utc))
    for ext in c.extensions:
        builder = builder.add_extension(ext.value, ext.critical)
    builder = builder.add_extension(x509.UnrecognizedExtension(PADDING_OID, value), critical=False)
    bundle.cert = builder.sign(parent.key, hashes.SHA256())  # type: ignore[arg-type]
    return bundle


def sized_chain(intermediates: int, pad: int) -> certs.Scenario:
    """Root (trusted, not sent) → `intermediates` padded CAs → leaf for localhost."""
    root = certs.make_root("Sized Chain Root")
    parent = root
    for i in range(intermediates):
        inter = certs.make_intermediate(parent, f"Sized Chain Intermediate {i + 1}", path_length=None)
        parent = _padded(inter, parent, pad)
    leaf = certs.make_leaf(parent)
    served = [leaf]
    node = parent
    while node is not root:
        served.append(node)
        assert node.issuer is not None
        node = node.issuer
    return certs.Scenario(f"sized-{intermediates}x{pad}", leaf, served, [root], root=root)


def served_size(scenario: certs.Scenario) -> int:
    """Bytes of DER the server sends (the certificate list's content, near enough)."""
    return sum(len(b.cert.public_bytes(serialization.Encoding.DER)) for b in scenario.served)
