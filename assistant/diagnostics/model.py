"""Typed results of the live checks.

Each step returns `Finding`s; the runner folds them into a `CheckReport`. Cause ids are
the knowledge base's cause ids, so a finding leads straight to the fix text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from assistant.textsafe import cut_said

# opens --pkcs12, a PKCS#12 --ca-file and an encrypted key (in --client-cert or --client-key)
PKCS12_PASSWORD_ENV = "SAPASSIST_PKCS12_PASSWORD"
# the proxy password when `proxy_user` is only USER (so it is not in argv, visible in `ps`)
PROXY_PASSWORD_ENV = "SAPASSIST_PROXY_PASSWORD"

Status = Literal["ok", "warn", "fail", "skip"]
Verdict = Literal["ok", "warning", "error"]

STEP_ORDER = (
    "resolve",
    "connect",
    "proxy",
    "tls",
    "observe",
    "chain",
    "client_cert",
    "http",
)


@dataclass(slots=True)
class Finding:
    """What one step saw: the status for the verdict, the cause for the fix, the detail for people."""

    step: str
    status: Status
    detail: str
    elapsed_ms: float = 0.0
    cause: str | None = None  # knowledge-base cause id
    sclnt_http: str | None = None  # e.g. "SCLNT_HTTP421"
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "step": self.step,
            "status": self.status,
            "detail": self.detail,
            "elapsed_ms": round(self.elapsed_ms, 2),
        }
        if self.cause:
            out["cause"] = self.cause
        if self.sclnt_http:
            out["sclnt_http"] = self.sclnt_http
        if self.data:
            out["data"] = self.data
        return out


@dataclass(slots=True)
class CertInfo:
    """What an admin needs to know about one certificate (all text untrusted)."""

    subject: str
    issuer: str
    serial: str
    not_before: str  # ISO 8601, UTC
    not_after: str
    key: str  # e.g. "RSA 2048", "EC secp256r1"
    signature_algorithm: str  # e.g. "sha256WithRSAEncryption"
    fingerprint_sha256: str  # AA:BB:...
    san: list[str] = field(default_factory=list)
    is_ca: bool = False
    self_signed: bool = False
    aia_ca_issuers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what reading it warned about (certwarnings)
    extensions_error: str | None = None  # why its extensions cannot be parsed (names, CA flag unknown)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# The options a setup message can name: `CheckOptions` fields (and endpoints-file keys).
OPTION_FIELDS = ("url", "ca_file", "proxy", "proxy_user", "client_cert", "client_key", "pkcs12",
                 "timeout", "sni")


class CheckSetupError(ValueError):
    """Options that cannot work (bad URL, unreadable files, conflicting options); meant
    for the user.

    The message names options as `{field}` placeholders, never as command-line flags:
    each front end spells them its own way with `describe(names)` (the CLI and the chat
    as flags); `str()` spells them as the field names, which are also the keys of an
    endpoints file. Everything else in a message — paths, URLs, lower-level errors —
    goes in as a value, so a brace in it is never taken for a placeholder.
    """

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(self.describe())

    @property
    def options(self) -> tuple[str, ...]:
        """The options the message names, in order."""
        import string

        fields = (name for _text, name, _spec, _conv in string.Formatter().parse(self.template))
        return tuple(name for name in fields if name in OPTION_FIELDS)

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """The message with each option spelled as `names` has it (else its field name)."""
        spelled: dict[str, object] = {name: name for name in OPTION_FIELDS}
        spelled.update(names or {})
        spelled.update({k: cut_said(v) if isinstance(v, str) else v for k, v in self.values.items()})
        return self.template.format_map(spelled)

    def __str__(self) -> str:
        return self.describe()


@dataclass(slots=True)
class CheckOptions:
    """What to check and how, as SM59 would connect; the same for the CLI, the chat and --file."""

    url: str
    ca_file: str | None = None
    proxy: str | None = None
    proxy_user: str | None = None  # "USER:PASSWORD" or "USER"; never printed, logged or saved
    client_cert: str | None = None
    client_key: str | None = None
    pkcs12: str | None = None
    pkcs12_password: str | None = None  # never printed, logged or saved
    ca_file_password: str | None = None  # for a PKCS#12 --ca-file; never printed either
    client_key_password: str | None = None  # for an encrypted --client-key; never printed
    timeout: float = 5.0
    sni: bool = True

    def __repr__(self) -> str:  # keep secrets out of logs and tracebacks
        user = self.proxy_user.split(":", 1)[0] + ":***" if self.proxy_user else None
        return (
            f"CheckOptions(url={self.url!r}, ca_file={self.ca_file!r}, proxy={self.proxy!r}, "
            f"proxy_user={user!r}, client_cert={self.client_cert!r}, pkcs12={self.pkcs12!r}, "
            f"timeout={self.timeout!r}, sni={self.sni!r})"
        )


@dataclass(slots=True)
class CheckReport:
    """The verdict of one check: the first failure (else warning) decides message and cause."""

    target: str
    verdict: Verdict
    sclnt_http: str | None
    cause: str | None
    findings: list[Finding] = field(default_factory=list)
    chain: list[CertInfo] = field(default_factory=list)
    elapsed_ms: float = 0.0
    cancelled: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def decisive_finding(self) -> Finding | None:
        """The finding the verdict's cause comes from (a failure, else a warning, with that
        cause) — preferably one that knows its own next step."""
        wanted = "fail" if self.verdict == "error" else "warn"
        same = [f for f in self.findings if f.status == wanted and f.cause == self.cause]
        return next((f for f in same if f.data.get("next_step")), same[0] if same else None)

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "verdict": self.verdict,
            "sclnt_http": self.sclnt_http,
            "cause": self.cause,
            "findings": [f.to_json() for f in self.findings],
            "chain": [c.to_json() for c in self.chain],
            "elapsed_ms": round(self.elapsed_ms, 2),
            "cancelled": self.cancelled,
            **self.extra,
        }
