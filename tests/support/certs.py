"""A small CA factory on `cryptography` for TLS test fixtures.

Why our own and not trustme: we need the broken cases (expired, not yet valid, wrong
host, self-signed, untrusted root, incomplete chain, 1024-bit RSA, SHA-1) that a
"safe by default" factory refuses to build.

Speed: private keys are cached per process by (key type, size, label). The label is the
certificate's common name unless `key_label` says otherwise, so "the same CA name" means
"the same CA key" — a re-issued root with the same name is interchangeable, and a second,
distinct CA needs a distinct name (as in `untrusted_root`). EC P-256 is the default key
(cheap); pass `key_type="rsa"` where a scenario needs RSA.

Typical use::

    sc = good_chain()
    files = sc.write(tmp_path)          # chain.pem (leaf+intermediate), key.pem, ca.pem
    server_ctx.load_cert_chain(files.chain, files.key)
    client_ctx.load_verify_locations(files.ca)
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey
KeyType = Literal["ec", "ec384", "rsa", "ed25519", "ed448"]
TrustFormat = Literal["pem", "p7b", "p7b-pem", "p12"]  # PEM bundle, PKCS#7 DER/PEM, PKCS#12

DEFAULT_SANS: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")
AIA_URL = "http://ca.sapassist.invalid/intermediate.cer"  # never fetched (.invalid)
ROOT_CN = "sapassist Test Root CA"
INTERMEDIATE_CN = "sapassist Test Intermediate CA"
OTHER_ROOT_CN = "sapassist Untrusted Root CA"

_KEYS: dict[tuple[str, int, str], PrivateKey] = {}


def now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def days(n: float) -> _dt.timedelta:
    return _dt.timedelta(days=n)


def _validity(
    not_before: _dt.datetime | None, not_after: _dt.datetime | None, lifetime_days: float
) -> tuple[_dt.datetime, _dt.datetime]:
    """Defaults that stay consistent when only one end is given (e.g. an expired CA)."""
    t = now()
    if not_before is None:
        not_before = min(t - days(1), (not_after or t) - days(30))
    if not_after is None:
        not_after = max(t + days(lifetime_days), not_before + days(30))
    return not_before, not_after


def get_key(key_type: KeyType = "ec", key_size: int = 2048, label: str = "") -> PrivateKey:
    """A private key, generated once per (type, size, label) in this process."""
    size = key_size if key_type == "rsa" else 384 if key_type == "ec384" else 256
    k = (key_type, size, label)
    if k not in _KEYS:
        if key_type == "rsa":
            _KEYS[k] = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
        elif key_type == "ed25519":
            _KEYS[k] = ed25519.Ed25519PrivateKey.generate()
        elif key_type == "ed448":
            _KEYS[k] = ed448.Ed448PrivateKey.generate()
        elif key_type == "ec384":
            _KEYS[k] = ec.generate_private_key(ec.SECP384R1())
        else:
            _KEYS[k] = ec.generate_private_key(ec.SECP256R1())
    return _KEYS[k]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower() or "cert"


@dataclass(eq=False)
class Bundle:
    """One certificate, its private key and (unless self-signed) the bundle that issued it."""

    cert: x509.Certificate
    key: PrivateKey
    issuer: Bundle | None = None
    name: str = "cert"

    @property
    def subject(self) -> str:
        """As STRUST and openssl show it: `CN=localhost, O=sapassist tests`."""
        return ", ".join(rdn.rfc4514_string() for rdn in reversed(self.cert.subject.rdns))

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def path_to_root(self) -> list[Bundle]:
        """This bundle, its issuer, … up to the self-signed root."""
        out: list[Bundle] = [self]
        while out[-1].issuer is not None and out[-1].issuer is not out[-1]:
            out.append(out[-1].issuer)
        return out

    def fullchain(self, *, include_root: bool = False) -> list[Bundle]:
        """Leaf first, then intermediates (the usual server `fullchain.pem`)."""
        path = self.path_to_root()
        if not include_root and len(path) > 1:
            path = path[:-1]
        return path

    def fullchain_pem(self, *, include_root: bool = False) -> bytes:
        return b"".join(b.pem() for b in self.fullchain(include_root=include_root))

    def write(self, directory: Path | str, name: str | None = None) -> tuple[Path, Path]:
        """Write `<name>.pem` and `<name>.key` (PKCS#8, unencrypted); return both paths."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        stem = name or self.name
        cert_path, key_path = d / f"{stem}.pem", d / f"{stem}.key"
        cert_path.write_bytes(self.pem())
        key_path.write_bytes(self.key_pem())
        return cert_path, key_path

    def write_fullchain(
        self, directory: Path | str, name: str | None = None, *, include_root: bool = False
    ) -> tuple[Path, Path]:
        """Write `<name>-fullchain.pem` (leaf + intermediates) and `<name>.key`."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        stem = name or self.name
        chain_path, key_path = d / f"{stem}-fullchain.pem", d / f"{stem}.key"
        chain_path.write_bytes(self.fullchain_pem(include_root=include_root))
        key_path.write_bytes(self.key_pem())
        return chain_path, key_path

    def pkcs12(self, password: bytes | None = None, *, extra: Sequence[Bundle] = ()) -> bytes:
        """PKCS#12 with this key and certificate (+ extra CA certificates)."""
        enc: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(password)
            if password
            else serialization.NoEncryption()
        )
        return pkcs12.serialize_key_and_certificates(
            self.name.encode(), self.key, self.cert, [b.cert for b in extra] or None, enc
        )


def _name(cn: str | None, org: str | None = "sapassist tests") -> x509.Name:
    attrs: list[x509.NameAttribute[str]] = []
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    if cn is not None:
        attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def _general_names(sans: Iterable[str]) -> list[x509.GeneralName]:
    out: list[x509.GeneralName] = []
    for s in sans:
        if s.startswith("DNS:"):
            out.append(x509.DNSName(s[4:]))
        elif s.startswith("IP:"):
            out.append(x509.IPAddress(ipaddress.ip_address(s[3:])))
        else:
            try:
                out.append(x509.IPAddress(ipaddress.ip_address(s)))
            except ValueError:
                out.append(x509.DNSName(s))
    return out


def _sign_hash(key: PrivateKey) -> hashes.HashAlgorithm | None:
    return None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()


def _build(
    *,
    subject: x509.Name,
    key: PrivateKey,
    issuer: Bundle | None,
    not_before: _dt.datetime,
    not_after: _dt.datetime,
    extensions: list[tuple[x509.ExtensionType, bool]],
    name: str,
) -> Bundle:
    signer_key = issuer.key if issuer else key
    issuer_name = issuer.cert.subject if issuer else subject
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    if issuer:
        aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key())
    else:
        aki = x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(ski, critical=False)
        .add_extension(aki, critical=False)
    )
    for ext, critical in extensions:
        builder = builder.add_extension(ext, critical=critical)
    cert = builder.sign(signer_key, _sign_hash(signer_key))  # type: ignore[arg-type]
    return Bundle(cert=cert, key=key, issuer=issuer, name=name)


def _key_usage(*, ca: bool, key_encipherment: bool = False) -> x509.KeyUsage:
    """A CA signs certificates and CRLs; a leaf signs (and, with RSA, enciphers keys)."""
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=key_encipherment,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def make_root(
    cn: str = ROOT_CN,
    *,
    key_type: KeyType = "ec",
    key_size: int = 2048,
    not_before: _dt.datetime | None = None,
    not_after: _dt.datetime | None = None,
    key_label: str | None = None,
    bc_critical: bool = True,
) -> Bundle:
    """A self-signed CA. `bc_critical=False` makes the "corporate PKI" flavour."""
    key = get_key(key_type, key_size, key_label or cn)
    nb, na = _validity(not_before, not_after, 3650)
    return _build(
        subject=_name(cn),
        key=key,
        issuer=None,
        not_before=nb,
        not_after=na,
        extensions=[
            (x509.BasicConstraints(ca=True, path_length=None), bc_critical),
            (_key_usage(ca=True), True),
        ],
        name=_slug(cn),
    )


def make_intermediate(
    parent: Bundle,
    cn: str = INTERMEDIATE_CN,
    *,
    key_type: KeyType = "ec",
    key_size: int = 2048,
    not_before: _dt.datetime | None = None,
    not_after: _dt.datetime | None = None,
    path_length: int | None = 0,
    aia_url: str | None = None,
    key_label: str | None = None,
    ca_flag: bool | None = True,
    cert_sign: bool | None = True,
) -> Bundle:
    """A CA certificate signed by `parent`. A faulty one for the "no CA" tests:
    `ca_flag` False writes basicConstraints CA:FALSE, None leaves basicConstraints out;
    `cert_sign` False gives a keyUsage without keyCertSign, None no keyUsage at all."""
    key = get_key(key_type, key_size, key_label or cn)
    nb, na = _validity(not_before, not_after, 1825)
    ext: list[tuple[x509.ExtensionType, bool]] = []
    if ca_flag is not None:
        ext.append((x509.BasicConstraints(ca=ca_flag, path_length=path_length if ca_flag else None), True))
    if cert_sign is not None:
        ext.append((_key_usage(ca=cert_sign), True))
    if aia_url:
        ext.append((_aia(aia_url), False))
    return _build(
        subject=_name(cn),
        key=key,
        issuer=parent,
        not_before=nb,
        not_after=na,
        extensions=ext,
        name=_slug(cn),
    )


def _aia(url: str) -> x509.AuthorityInformationAccess:
    return x509.AuthorityInformationAccess(
        [x509.AccessDescription(x509.AuthorityInformationAccessOID.CA_ISSUERS, x509.UniformResourceIdentifier(url))]
    )


_EKU = {"server": ExtendedKeyUsageOID.SERVER_AUTH, "client": ExtendedKeyUsageOID.CLIENT_AUTH}


def make_leaf(
    issuer: Bundle | None,
    *,
    sans: Sequence[str] = DEFAULT_SANS,
    cn: str | None = "localhost",
    not_before: _dt.datetime | None = None,
    not_after: _dt.datetime | None = None,
    key_type: KeyType = "ec",
    key_size: int = 2048,
    eku: Sequence[str] = ("server",),
    self_signed: bool = False,
    aia_url: str | None = None,
    key_label: str | None = None,
    name: str | None = None,
    extra: Sequence[tuple[x509.ExtensionType, bool]] = (),
) -> Bundle:
    """An end-entity certificate. `sans=()` gives a CN-only certificate (no SAN extension);
    SAN entries may carry `DNS:`/`IP:` prefixes, otherwise IP literals become IP SANs.
    `extra`: further (extension, critical) pairs, each in place of a default of its kind —
    an `x509.UnrecognizedExtension` writes its bytes as given, so a malformed or unknown
    extension can be built."""
    if not self_signed and issuer is None:
        raise ValueError("make_leaf needs an issuer unless self_signed=True")
    key = get_key(key_type, key_size, key_label or f"leaf:{cn}")
    nb, na = _validity(not_before, not_after, 365)
    rsa_key = isinstance(key, rsa.RSAPrivateKey)
    ext: list[tuple[x509.ExtensionType, bool]] = [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (_key_usage(ca=False, key_encipherment=rsa_key), True),
    ]
    if eku:
        ext.append((x509.ExtendedKeyUsage([_EKU[e] for e in eku]), False))
    if sans:
        ext.append((x509.SubjectAlternativeName(_general_names(sans)), False))
    if aia_url:
        ext.append((_aia(aia_url), False))
    replaced = {e.oid for e, _ in extra}  # an extra one takes the place of a default one
    ext = [*(pair for pair in ext if pair[0].oid not in replaced), *extra]
    return _build(
        subject=_name(cn),
        key=key,
        issuer=None if self_signed else issuer,
        not_before=nb,
        not_after=na,
        extensions=ext,
        name=name or _slug(f"{cn or 'leaf'}"),
    )


def make_client(issuer: Bundle, cn: str = "sapassist client", **kw: object) -> Bundle:
    """A client-authentication certificate (EKU clientAuth, no SAN)."""
    kw.setdefault("sans", ())
    return make_leaf(issuer, cn=cn, eku=("client",), **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- scenarios


@dataclass(eq=False)
class ScenarioFiles:
    chain: Path  # what the server sends (leaf first), PEM
    key: Path  # the leaf's private key
    ca: Path  # the client's trust list (PEM)
    leaf: Path


@dataclass(eq=False)
class Scenario:
    """A server certificate setup: what the server sends and what the client trusts."""

    name: str
    leaf: Bundle
    served: list[Bundle]
    trust: list[Bundle]
    host: str = "localhost"
    root: Bundle | None = None
    intermediate: Bundle | None = None
    extra: dict[str, Bundle] = field(default_factory=dict)

    def served_certs(self) -> list[x509.Certificate]:
        return [b.cert for b in self.served]

    def trust_certs(self) -> list[x509.Certificate]:
        return [b.cert for b in self.trust]

    def trust_bytes(self, fmt: TrustFormat = "pem", password: bytes | None = None,
                    *, only: Sequence[Bundle] | None = None) -> bytes:
        """The client's trust list (or `only` these) the way STRUST or a CA exports it."""
        certs = [b.cert for b in (self.trust if only is None else only)]
        if fmt == "pem":
            return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)
        if fmt in ("p7b", "p7b-pem"):
            enc = serialization.Encoding.PEM if fmt == "p7b-pem" else serialization.Encoding.DER
            return pkcs7.serialize_certificates(certs, enc)
        protect: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
        )
        return pkcs12.serialize_key_and_certificates(b"trust", None, None, certs, protect)

    def write(self, directory: Path | str) -> ScenarioFiles:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        files = ScenarioFiles(d / "chain.pem", d / "key.pem", d / "ca.pem", d / "leaf.pem")
        files.chain.write_bytes(b"".join(b.pem() for b in self.served))
        files.key.write_bytes(self.leaf.key_pem())
        files.ca.write_bytes(self.trust_bytes())
        files.leaf.write_bytes(self.leaf.pem())
        return files


def ca_pair(key_type: KeyType = "ec") -> tuple[Bundle, Bundle]:
    """The shared test root and its intermediate."""
    suffix = "" if key_type == "ec" else f" ({key_type.upper()})"
    root = make_root(ROOT_CN + suffix, key_type=key_type)
    return root, make_intermediate(root, INTERMEDIATE_CN + suffix, key_type=key_type)


def _chain_scenario(name: str, leaf: Bundle, root: Bundle, inter: Bundle, **kw: object) -> Scenario:
    return Scenario(
        name=name, leaf=leaf, served=[leaf, inter], trust=[root], root=root, intermediate=inter,
        **kw,  # type: ignore[arg-type]
    )


def good_chain(*, key_type: KeyType = "ec", root_sent: bool = False) -> Scenario:
    root, inter = ca_pair(key_type)
    leaf = make_leaf(inter, key_type=key_type)
    sc = _chain_scenario("good", leaf, root, inter)
    if root_sent:
        sc.served.append(root)
    return sc


def expired_leaf() -> Scenario:
    root, inter = ca_pair()
    t = now()
    leaf = make_leaf(inter, not_before=t - days(400), not_after=t - days(2))
    return _chain_scenario("expired", leaf, root, inter)


def expired_intermediate() -> Scenario:
    root = make_root()
    t = now()
    inter = make_intermediate(root, not_before=t - days(800), not_after=t - days(3))
    leaf = make_leaf(inter)
    return _chain_scenario("expired_intermediate", leaf, root, inter)


def not_yet_valid_leaf() -> Scenario:
    root, inter = ca_pair()
    t = now()
    leaf = make_leaf(inter, not_before=t + days(5), not_after=t + days(400))
    return _chain_scenario("not_yet_valid", leaf, root, inter)


def expiring_soon_leaf(days_left: float = 10) -> Scenario:
    root, inter = ca_pair()
    t = now()
    leaf = make_leaf(inter, not_before=t - days(300), not_after=t + days(days_left))
    return _chain_scenario("expiring_soon", leaf, root, inter)


def wrong_host(name: str = "other.sapassist.invalid") -> Scenario:
    """The server's certificate is for another name; connect as `localhost`."""
    root, inter = ca_pair()
    leaf = make_leaf(inter, sans=(name,), cn=name)
    return _chain_scenario("wrong_host", leaf, root, inter)


def self_signed_leaf() -> Scenario:
    """Server sends a self-signed certificate; the client trusts the test root."""
    root = make_root()
    leaf = make_leaf(None, self_signed=True, key_label="leaf:self-signed", name="self_signed")
    return Scenario(name="self_signed", leaf=leaf, served=[leaf], trust=[root], root=root)


def untrusted_root(*, root_sent: bool = True) -> Scenario:
    """Chain to a second root the client does not trust (client trusts the test root)."""
    trusted = make_root()
    other = make_root(OTHER_ROOT_CN)
    inter = make_intermediate(other, "sapassist Untrusted Intermediate CA")
    leaf = make_leaf(inter, key_label="leaf:untrusted")
    served = [leaf, inter] + ([other] if root_sent else [])
    return Scenario(
        name="untrusted_root", leaf=leaf, served=served, trust=[trusted], root=other,
        intermediate=inter, extra={"trusted_root": trusted},
    )


def incomplete_chain(*, aia_url: str | None = AIA_URL) -> Scenario:
    """Server sends the leaf only; its issuer (the intermediate) is not in the trust list."""
    root, inter = ca_pair()
    leaf = make_leaf(inter, aia_url=aia_url)
    return Scenario(
        name="incomplete", leaf=leaf, served=[leaf], trust=[root], root=root, intermediate=inter
    )


def intermediate_only_trusted() -> Scenario:
    """Trust list holds only the intermediate (like an SSL client PSE) — must be trusted."""
    sc = good_chain()
    assert sc.intermediate is not None
    sc.name, sc.trust = "intermediate_trusted", [sc.intermediate]
    return sc


def weak_key_leaf(bits: int = 1024) -> Scenario:
    """RSA-1024 leaf (a server needs `@SECLEVEL=0` to serve it)."""
    root, inter = ca_pair()
    leaf = make_leaf(inter, key_type="rsa", key_size=bits, key_label=f"leaf:rsa{bits}")
    return _chain_scenario("weak_key", leaf, root, inter)


def aia_leaf(url: str = AIA_URL) -> Scenario:
    """A complete chain whose leaf carries an AIA caIssuers URL."""
    root, inter = ca_pair()
    leaf = make_leaf(inter, aia_url=url, key_label="leaf:aia")
    return _chain_scenario("aia", leaf, root, inter)


def client_cert(issuer: Bundle | None = None) -> Bundle:
    """A client certificate issued by the test intermediate (or `issuer`)."""
    return make_client(issuer or ca_pair()[1])


ALL_SCENARIOS = {
    "good": good_chain,
    "expired": expired_leaf,
    "expired_intermediate": expired_intermediate,
    "not_yet_valid": not_yet_valid_leaf,
    "expiring_soon": expiring_soon_leaf,
    "wrong_host": wrong_host,
    "self_signed": self_signed_leaf,
    "untrusted_root": untrusted_root,
    "incomplete": incomplete_chain,
    "intermediate_trusted": intermediate_only_trusted,
    "weak_key": weak_key_leaf,
    "aia": aia_leaf,
}


# --------------------------------------------------------------------------- SHA-1 via openssl


def openssl_available() -> bool:
    return shutil.which("openssl") is not None


def make_sha1_leaf_with_openssl(
    issuer: Bundle,
    workdir: Path | str,
    *,
    cn: str = "localhost",
    sans: Sequence[str] = DEFAULT_SANS,
    valid_days: int = 365,
) -> Bundle | None:
    """A leaf signed with SHA-1 by `issuer` (cryptography cannot sign SHA-1 any more).

    Uses `openssl x509 -req -sha1` with the issuer's key written to `workdir`.
    Returns None when the openssl command is missing or fails.
    """
    exe = shutil.which("openssl")
    if exe is None:
        return None
    d = Path(workdir)
    d.mkdir(parents=True, exist_ok=True)
    key = get_key("rsa", 2048, f"leaf:sha1:{cn}")
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(_name(cn))
        .sign(key, hashes.SHA256())
    )
    ca_pem, ca_key = issuer.write(d, "sha1-issuer")
    (d / "sha1-leaf.csr").write_bytes(csr.public_bytes(serialization.Encoding.PEM))
    san_line = ",".join(
        f"IP:{g.value}" if isinstance(g, x509.IPAddress) else f"DNS:{g.value}"
        for g in _general_names(sans)
    )
    ext = [
        "[v3]",
        "basicConstraints=critical,CA:FALSE",
        "keyUsage=critical,digitalSignature,keyEncipherment",
        "extendedKeyUsage=serverAuth",
        "subjectKeyIdentifier=hash",
        "authorityKeyIdentifier=keyid",
    ]
    if san_line:
        ext.append(f"subjectAltName={san_line}")
    (d / "sha1-leaf.ext").write_text("\n".join(ext) + "\n")
    out = d / "sha1-leaf.pem"
    cmd = [
        exe, "x509", "-req", "-in", str(d / "sha1-leaf.csr"), "-CA", str(ca_pem),
        "-CAkey", str(ca_key), "-sha1", "-days", str(valid_days),
        "-set_serial", str(x509.random_serial_number()),
        "-extfile", str(d / "sha1-leaf.ext"), "-extensions", "v3", "-out", str(out),
    ]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=30)
        cert = x509.load_pem_x509_certificate(out.read_bytes())
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return Bundle(cert=cert, key=key, issuer=issuer, name="sha1_leaf")


def sha1_leaf(workdir: Path | str) -> Scenario | None:
    """Good RSA chain whose leaf is SHA-1 signed; None without openssl."""
    root, inter = ca_pair("rsa")
    leaf = make_sha1_leaf_with_openssl(inter, workdir)
    if leaf is None:
        return None
    return _chain_scenario("sha1", leaf, root, inter)
