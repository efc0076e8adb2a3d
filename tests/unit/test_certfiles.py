"""Certificate files in every format admins meet: detected by content, clear errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.diagnostics.certfiles import CertFileError, load_cert_file
from tests.support import certs as c


@pytest.fixture(scope="module")
def sc() -> c.Scenario:
    return c.good_chain(root_sent=True)


def test_pem_with_several_certificates_and_matching_key(tmp_path: Path, sc: c.Scenario) -> None:
    p = tmp_path / "bundle.txt"  # the extension does not matter
    p.write_bytes(sc.leaf.fullchain_pem(include_root=True) + sc.leaf.key_pem())
    f = load_cert_file(str(p))
    assert f.format == "PEM"
    assert f.certificates == sc.served_certs()
    assert f.has_private_key and f.key_matches and f.key_certificate == 0
    assert f.private_key is not None and ", private_key=" not in repr(f)


def test_pem_with_foreign_key(tmp_path: Path, sc: c.Scenario) -> None:
    assert sc.root is not None
    p = tmp_path / "mismatch.pem"
    p.write_bytes(sc.leaf.pem() + sc.root.key_pem())
    f = load_cert_file(str(p))
    assert f.has_private_key and f.key_matches is False and f.private_key is None


def test_pem_with_encrypted_key(tmp_path: Path, sc: c.Scenario) -> None:
    enc = sc.leaf.key.private_bytes(
        Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"pw"),
    )
    p = tmp_path / "enc.pem"
    p.write_bytes(sc.leaf.pem() + enc)
    unchecked = load_cert_file(str(p))
    assert unchecked.has_private_key and unchecked.key_matches is None
    assert any("encrypted" in n for n in unchecked.notes)
    assert load_cert_file(str(p), b"pw").key_matches is True
    with pytest.raises(CertFileError, match="wrong password") as err:
        load_cert_file(str(p), b"nope")
    assert err.value.needs_password


def test_der(tmp_path: Path, sc: c.Scenario) -> None:
    assert sc.root is not None
    p = tmp_path / "root.cer"
    p.write_bytes(sc.root.der())
    f = load_cert_file(str(p))
    assert f.format == "DER" and f.certificates == [sc.root.cert] and not f.has_private_key


def test_base64_der_without_armour(tmp_path: Path, sc: c.Scenario) -> None:
    import base64

    p = tmp_path / "pasted.txt"
    p.write_bytes(base64.encodebytes(sc.leaf.der()))
    assert load_cert_file(str(p)).certificates == [sc.leaf.cert]


@pytest.mark.parametrize("encoding", [Encoding.DER, Encoding.PEM])
def test_pkcs7(tmp_path: Path, sc: c.Scenario, encoding: Encoding) -> None:
    p = tmp_path / "chain.p7b"
    p.write_bytes(pkcs7.serialize_certificates(sc.served_certs(), encoding))
    f = load_cert_file(str(p))
    assert f.format.startswith("PKCS#7")
    assert ("PEM" in f.format) is (encoding == Encoding.PEM)
    assert set(f.certificates) == set(sc.served_certs())


def test_pkcs12_without_password(tmp_path: Path, sc: c.Scenario) -> None:
    p = tmp_path / "id.p12"
    p.write_bytes(sc.leaf.pkcs12(None))
    f = load_cert_file(str(p))
    assert f.format == "PKCS#12" and f.certificates == [sc.leaf.cert] and f.key_matches
    # a needless password does not stop an unprotected file from opening
    assert load_cert_file(str(p), b"whatever").certificates == [sc.leaf.cert]


def test_pkcs12_with_password(tmp_path: Path, sc: c.Scenario) -> None:
    assert sc.intermediate is not None
    p = tmp_path / "id.pfx"
    p.write_bytes(sc.leaf.pkcs12(b"s3cret!", extra=[sc.intermediate]))
    f = load_cert_file(str(p), b"s3cret!")
    assert f.certificates == [sc.leaf.cert, sc.intermediate.cert]
    assert f.has_private_key and f.key_matches and f.key_certificate == 0


def test_pkcs12_wrong_or_missing_password(tmp_path: Path, sc: c.Scenario) -> None:
    p = tmp_path / "id.pfx"
    p.write_bytes(sc.leaf.pkcs12(b"s3cret!"))
    with pytest.raises(CertFileError, match="wrong password") as err:
        load_cert_file(str(p), b"guess")
    assert err.value.needs_password and "guess" not in str(err.value)
    with pytest.raises(CertFileError, match="password") as err2:
        load_cert_file(str(p))
    assert err2.value.needs_password


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"hello, this is not a certificate\n", "not a certificate"),
        (os.urandom(256), "not a certificate"),
        (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "no readable certificate"),
    ],
)
def test_junk(tmp_path: Path, content: bytes, message: str) -> None:
    p = tmp_path / "junk"
    p.write_bytes(b"\x00\x01" + content[2:] if content[:1] == b"\x30" else content)
    with pytest.raises(CertFileError, match=message):
        load_cert_file(str(p))


def test_key_only(tmp_path: Path, sc: c.Scenario) -> None:
    p = tmp_path / "key.pem"
    p.write_bytes(sc.leaf.key_pem())
    with pytest.raises(CertFileError, match="private key but no certificate"):
        load_cert_file(str(p))


def test_unreadable(tmp_path: Path) -> None:
    with pytest.raises(CertFileError, match="cannot read"):
        load_cert_file(str(tmp_path / "missing.pem"))
    with pytest.raises(CertFileError, match="directory"):
        load_cert_file(str(tmp_path))


def test_devices_and_pipes_are_refused_without_reading(tmp_path: Path) -> None:
    """/dev/zero never ends and a FIFO blocks: neither is read."""
    fifo = tmp_path / "pipe.pem"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(CertFileError, match="not a regular file"):
            load_cert_file(path)


# --- a bundle with a broken block is never silently shorter (issue 13, item 18) ------------


def _damaged(sc: c.Scenario) -> dict[str, bytes]:
    first, second = (b.pem() for b in sc.served[:2])
    return {
        "cut off": first + second[: len(second) // 2],
        "bad base64": first + second.replace(b"MII", b"M!I", 1),
        "short body": first + second[:-40] + b"-----END CERTIFICATE-----\n",
        "empty block": first + b"-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
    }


@pytest.mark.parametrize("damage", ["cut off", "bad base64", "short body", "empty block"])
def test_a_broken_second_block_is_reported_with_its_place(tmp_path: Path, sc: c.Scenario, damage: str) -> None:
    from assistant.answers.certificates import certificate_file_markdown

    p = tmp_path / "bundle.pem"
    p.write_bytes(_damaged(sc)[damage])
    loaded = load_cert_file(p)
    assert len(loaded.certificates) == 1 and loaded.unreadable == 1
    assert any(note.startswith("block 2 (line ") for note in loaded.notes), loaded.notes
    assert "https://cryptography.io" not in " ".join(loaded.notes)
    summary = certificate_file_markdown(loaded)
    assert "1 certificate block that cannot be read" in summary


def test_a_trust_list_with_a_broken_block_is_refused(tmp_path: Path, sc: c.Scenario) -> None:
    from assistant.diagnostics.tls import TrustError, load_trust

    p = tmp_path / "pse.pem"
    p.write_bytes(_damaged(sc)["cut off"])
    with pytest.raises(TrustError, match="1 certificate block"):
        load_trust(str(p))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=1, max_value=10_000))
def test_every_cut_of_a_bundle_counts_each_block(tmp_path: Path, sc: c.Scenario, cut: int) -> None:
    """Cut a three-certificate bundle anywhere: readable + unreadable certificate blocks
    always add up to the BEGIN lines in the file — no block disappears unnoticed."""
    bundle = b"".join(b.pem() for b in sc.served) + b"trailing text\n"
    data = bundle[: max(1, len(bundle) - cut)]
    p = tmp_path / "cut.pem"
    p.write_bytes(data)
    begins = data.count(b"-----BEGIN CERTIFICATE-----")
    try:
        loaded = load_cert_file(p)
    except CertFileError:
        assert begins <= 1  # nothing readable at all: said as an error
        return
    assert len(loaded.certificates) + loaded.unreadable == begins
