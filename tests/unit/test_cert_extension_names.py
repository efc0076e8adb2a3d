"""An extension is named by its RFC 5280 name from our own table; an unknown one by its
dotted OID (cryptography's private name table is not read)."""

from __future__ import annotations

from assistant.diagnostics.certextensions import RawExtension


def test_a_known_extension_has_its_rfc_name_and_an_unknown_one_its_oid() -> None:
    assert RawExtension("2.5.29.19", True, b"").name == "basicConstraints"
    assert RawExtension("1.3.6.1.5.5.7.1.1", False, b"").name == "authorityInfoAccess"
    assert RawExtension("1.2.3.4.5", True, b"").name == "1.2.3.4.5"
