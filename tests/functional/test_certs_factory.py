"""The certificate factory builds what it claims (parsed back with cryptography)."""

from __future__ import annotations

import socket
import ssl
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from tests.support import certs as c


def ext(cert: x509.Certificate, cls: type) -> x509.Extension:
    return cert.extensions.get_extension_for_class(cls)


def test_good_chain_structure() -> None:
    sc = c.good_chain()
    assert sc.root is not None and sc.intermediate is not None
    root, inter, leaf = sc.root.cert, sc.intermediate.cert, sc.leaf.cert
    assert root.issuer == root.subject
    assert inter.issuer == root.subject and leaf.issuer == inter.subject
    # signatures really chain
    leaf.verify_directly_issued_by(inter)
    inter.verify_directly_issued_by(root)
    # AKI of each child = SKI of its issuer
    for child, parent in ((leaf, inter), (inter, root)):
        aki = ext(child, x509.AuthorityKeyIdentifier).value
        ski = ext(parent, x509.SubjectKeyIdentifier).value
        assert aki.key_identifier == ski.digest
    for ca in (root, inter):
        bc = ext(ca, x509.BasicConstraints)
        assert bc.critical and bc.value.ca
        ku = ext(ca, x509.KeyUsage)
        assert ku.critical and ku.value.key_cert_sign
    bc = ext(leaf, x509.BasicConstraints)
    assert bc.critical and not bc.value.ca
    assert ext(leaf, x509.KeyUsage).critical
    assert list(ext(leaf, x509.ExtendedKeyUsage).value) == [ExtendedKeyUsageOID.SERVER_AUTH]
    san = ext(leaf, x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    assert [str(i) for i in san.get_values_for_type(x509.IPAddress)] == ["127.0.0.1", "::1"]
    assert isinstance(leaf.public_key(), ec.EllipticCurvePublicKey)
    assert [b.cert for b in sc.served] == [leaf, inter]
    assert sc.trust_certs() == [root]


def test_dates_of_time_scenarios() -> None:
    now = c.now()
    assert c.expired_leaf().leaf.cert.not_valid_after_utc < now
    assert c.not_yet_valid_leaf().leaf.cert.not_valid_before_utc > now
    soon = c.expiring_soon_leaf(10).leaf.cert.not_valid_after_utc - now
    # The factory reads the clock after `now`, and certificates keep whole seconds: across a
    # second's boundary the end can lie up to one second past now + 10 days.
    assert c.days(9) < soon <= c.days(10) + timedelta(seconds=1)
    sc = c.expired_intermediate()
    assert sc.intermediate is not None
    assert sc.intermediate.cert.not_valid_after_utc < now < sc.leaf.cert.not_valid_after_utc
    # only one end given: the other stays consistent
    old = c.make_root("sapassist old root", not_after=now - c.days(1))
    assert old.cert.not_valid_before_utc < old.cert.not_valid_after_utc < now


def test_broken_scenarios() -> None:
    wh = c.wrong_host()
    names = ext(wh.leaf.cert, x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName)
    assert "localhost" not in names
    ss = c.self_signed_leaf()
    assert ss.leaf.cert.issuer == ss.leaf.cert.subject and ss.served == [ss.leaf]
    ss.leaf.cert.verify_directly_issued_by(ss.leaf.cert)
    ur = c.untrusted_root()
    assert ur.root is not None and ur.root not in ur.trust
    assert ur.served[-1] is ur.root
    assert ur.root.cert.public_key() != ur.extra["trusted_root"].cert.public_key()
    assert c.untrusted_root(root_sent=False).served[-1] is not ur.root
    inc = c.incomplete_chain()
    assert inc.served == [inc.leaf]
    aia = ext(inc.leaf.cert, x509.AuthorityInformationAccess).value
    assert [d.access_location.value for d in aia] == [c.AIA_URL]
    weak = c.weak_key_leaf().leaf.cert.public_key()
    assert isinstance(weak, rsa.RSAPublicKey) and weak.key_size == 1024
    it = c.intermediate_only_trusted()
    assert it.trust == [it.intermediate]


def test_client_cert_and_cn_only() -> None:
    cl = c.client_cert()
    assert list(ext(cl.cert, x509.ExtendedKeyUsage).value) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    with pytest.raises(x509.ExtensionNotFound):
        ext(cl.cert, x509.SubjectAlternativeName)


def test_keys_are_cached_per_label_and_distinct_between_labels() -> None:
    a = c.make_root("sapassist cache A")
    a2 = c.make_root("sapassist cache A")
    b = c.make_root("sapassist cache B")
    assert a.key is a2.key and a.cert != a2.cert
    assert a.key is not b.key


def test_rsa_option() -> None:
    sc = c.good_chain(key_type="rsa")
    key = sc.leaf.cert.public_key()
    assert isinstance(key, rsa.RSAPublicKey) and key.key_size == 2048


def test_write_helpers(tmp_path: Path) -> None:
    sc = c.good_chain()
    cert_path, key_path = sc.leaf.write(tmp_path, "leaf")
    assert x509.load_pem_x509_certificate(cert_path.read_bytes()) == sc.leaf.cert
    assert b"PRIVATE KEY" in key_path.read_bytes()
    chain_path, _ = sc.leaf.write_fullchain(tmp_path, "srv")
    assert x509.load_pem_x509_certificates(chain_path.read_bytes()) == sc.served_certs()
    files = sc.write(tmp_path / "sc")
    assert x509.load_pem_x509_certificates(files.ca.read_bytes()) == sc.trust_certs()
    assert x509.load_pem_x509_certificates(files.chain.read_bytes()) == sc.served_certs()


def _handshake(files: c.ScenarioFiles, host: str = "localhost") -> str:
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(files.chain, files.key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)
    port = listener.getsockname()[1]

    def serve() -> None:
        try:
            conn, _ = listener.accept()
            with sctx.wrap_socket(conn, server_side=True) as s:
                s.recv(1)
        except OSError:
            pass

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    cctx = ssl.create_default_context(cafile=str(files.ca))
    cctx.verify_flags |= ssl.VERIFY_X509_STRICT
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, cctx.wrap_socket(
            raw, server_hostname=host
        ) as tls:
            return str(tls.version())
    except ssl.SSLCertVerificationError as exc:
        return f"verify:{exc.verify_code}"
    finally:
        listener.close()
        t.join(5)


def test_scenarios_behave_in_a_real_handshake(tmp_path: Path) -> None:
    """OpenSSL (strict X.509 mode) agrees with what each scenario claims."""
    assert _handshake(c.good_chain().write(tmp_path / "good")).startswith("TLS")
    assert _handshake(c.expired_leaf().write(tmp_path / "exp")) == "verify:10"
    assert _handshake(c.incomplete_chain().write(tmp_path / "inc")) == "verify:20"
    assert _handshake(c.self_signed_leaf().write(tmp_path / "ss")) == "verify:18"


@pytest.mark.openssl
def test_sha1_leaf_with_openssl(tmp_path: Path) -> None:
    if not c.openssl_available():
        pytest.skip("openssl command not available")
    sc = c.sha1_leaf(tmp_path)
    assert sc is not None
    cert = sc.leaf.cert
    assert cert.signature_hash_algorithm is not None
    assert cert.signature_hash_algorithm.name == "sha1"
    assert sc.intermediate is not None and cert.issuer == sc.intermediate.cert.subject
    assert ext(cert, x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName) == ["localhost"]
