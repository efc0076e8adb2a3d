"""Parse the arguments of `/check URL [--ca-file FILE] [--proxy URL] [--proxy-user USER:PASSWORD]
[--client-cert PEM --client-key PEM | --pkcs12 FILE] [--no-sni] [--timeout S]`.

A tiny hand parser instead of argparse: argparse prints and exits on errors, and the
chat must answer a typo with a sentence, not a SystemExit. The options become
`CheckOptions` through the diagnostics' one builder, as `sapassist check`'s do. The chat
cannot ask for a password without showing it, so a PKCS#12 file or an encrypted key is
opened with `SAPASSIST_PKCS12_PASSWORD`, as `sapassist cert` and `/cert` do.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.services import chatcheck
from assistant.tui.history import mask_said

if TYPE_CHECKING:
    from assistant.diagnostics.model import CheckOptions

# (flag, its value, what it is for): /help and the usage line read this table.
OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--ca-file", "FILE", "the trust list: the SSL client PSE's certificates exported from STRUST"),
    ("--proxy", "URL", "the proxy the SAP system uses (SICF → Client → Proxy Settings)"),
    ("--proxy-user", "USER:PASSWORD", "proxy logon (the password is masked everywhere)"),
    ("--client-cert", "PEM", "client certificate (with --client-key), as the PSE's own certificate"),
    ("--client-key", "PEM", "its private key"),
    ("--pkcs12", "FILE", "client certificate and key in one .p12/.pfx file"),
    ("--no-sni", "", "connect without SNI, as a system without SNI does"),
    ("--timeout", "S", f"seconds for the whole check (default {chatcheck.DEFAULT_CHECK_TIMEOUT_S:g})"),
)
OPTIONS_HELP = ", ".join(f"{flag} {value}".strip() for flag, value, _ in OPTIONS)
# How /check spells the options that the diagnostics' messages name by field.
OPTION_FLAGS = {"ca_file": "--ca-file", "proxy": "--proxy", "proxy_user": "--proxy-user",
                "client_cert": "--client-cert", "client_key": "--client-key", "pkcs12": "--pkcs12",
                "timeout": "--timeout", "sni": "--no-sni"}


@dataclass(frozen=True, slots=True)
class CheckRequest:
    url: str
    ca_file: str | None = None
    proxy: str | None = None
    proxy_user: str | None = field(default=None, repr=False)  # USER[:PASSWORD]: never shown
    client_cert: str | None = None
    client_key: str | None = None
    pkcs12: str | None = None
    sni: bool = True
    # The chats' one setting (services.chatcheck), read when a request is made.
    timeout: float = field(default_factory=lambda: chatcheck.DEFAULT_CHECK_TIMEOUT_S)

    @property
    def needs_proxy_password(self) -> bool:
        """`--proxy-user USER` alone, or with the mask `***` (a command replayed from
        history or an export): the password must be asked for, never sent as `***`."""
        if not self.proxy_user:
            return False
        from assistant.redact import is_masked

        _user, colon, password = self.proxy_user.partition(":")
        return not colon or is_masked(password)

    def with_proxy_password(self, password: str) -> CheckRequest:
        from dataclasses import replace

        user = (self.proxy_user or "").partition(":")[0]
        return replace(self, proxy_user=f"{user}:{password}")

    @property
    def shown_url(self) -> str:
        """The target as it may be shown and saved (a password in the URL is masked)."""
        return mask_said(self.url)

    @property
    def shown_target(self) -> str:
        """`shown_url` with an `xn--` host's Unicode form beside it, as the report's header
        names it: the admin typed `bücher…`, the progress should not speak only of `xn--…`."""
        from assistant.diagnostics.idnform import with_url_host_unicode_form

        return with_url_host_unicode_form(self.shown_url)

    def to_options(self) -> CheckOptions:
        """The check's options, from the diagnostics' one builder (raises CheckSetupError)."""
        from assistant.diagnostics.model import PKCS12_PASSWORD_ENV
        from assistant.diagnostics.options import build_check_options

        password = os.environ.get(PKCS12_PASSWORD_ENV)  # for any file that needs one
        return build_check_options(
            self.url, ca_file=self.ca_file, proxy=self.proxy, proxy_user=self.proxy_user,
            client_cert=self.client_cert, client_key=self.client_key, pkcs12=self.pkcs12,
            timeout=self.timeout, sni=self.sni,
            ca_file_password=password, pkcs12_password=password, client_key_password=password,
        )

    def as_command(self) -> str:
        """The `/check` line that repeats this request, password masked (for 'try again')."""
        parts = ["/check", shlex.quote(self.url)]
        if self.ca_file:
            parts += ["--ca-file", shlex.quote(self.ca_file)]
        if self.proxy:
            parts += ["--proxy", shlex.quote(self.proxy)]
        if self.proxy_user:
            from assistant.redact import MASK

            user = self.proxy_user.split(":", 1)[0]
            parts += ["--proxy-user", shlex.quote(f"{user}:{MASK}")]
        for flag, value in (("--client-cert", self.client_cert), ("--client-key", self.client_key),
                            ("--pkcs12", self.pkcs12)):
            if value:
                parts += [flag, shlex.quote(value)]
        if not self.sni:
            parts.append("--no-sni")
        if self.timeout != chatcheck.DEFAULT_CHECK_TIMEOUT_S:
            parts += ["--timeout", f"{self.timeout:g}"]
        return mask_said(" ".join(parts))


class CheckArgsError(ValueError):
    """The /check arguments do not make sense; the message says why."""


_VALUE_OPTIONS = tuple(flag for flag, value, _ in OPTIONS if value)


def parse_check_args(args: list[str]) -> CheckRequest:
    url: str | None = None
    values: dict[str, str] = {}
    sni = True
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, inline = arg.partition("=")
        if name in _VALUE_OPTIONS:
            if eq:
                values[name] = inline
            elif i + 1 < len(args):
                i += 1
                values[name] = args[i]
            else:
                raise CheckArgsError(f"{name} needs a value")
        elif arg == "--no-sni":
            sni = False
        elif arg.startswith("-"):
            raise CheckArgsError(f"unknown option {mask_said(arg)!r}; options: {OPTIONS_HELP}")
        elif url is None:
            url = arg
        else:
            raise CheckArgsError(
                f"only one URL per check (got {mask_said(url)!r} and {mask_said(arg)!r})"
            )
        i += 1
    if not url:
        raise CheckArgsError("which endpoint? e.g. /check https://api.example.com")
    request = CheckRequest(
        url=url,
        ca_file=values.get("--ca-file") or None,
        proxy=values.get("--proxy") or None,
        proxy_user=values.get("--proxy-user") or None,
        client_cert=values.get("--client-cert") or None,
        client_key=values.get("--client-key") or None,
        pkcs12=values.get("--pkcs12") or None,
        sni=sni,
        timeout=_timeout(values.get("--timeout")),
    )
    _validate(request)
    return request


def _validate(request: CheckRequest) -> None:
    """What the diagnostics can say before any file is read (proxy credentials, how the
    options fit together), said now rather than when the check starts."""
    from assistant.diagnostics.model import CheckSetupError
    from assistant.diagnostics.options import validate_options

    try:
        validate_options(request.to_options())
    except CheckSetupError as exc:
        raise CheckArgsError(exc.describe(OPTION_FLAGS)) from None


def _timeout(value: str | None) -> float:
    try:
        return chatcheck.chat_check_timeout(value)
    except ValueError as exc:
        raise CheckArgsError(str(exc)) from None
