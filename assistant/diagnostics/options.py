"""`CheckOptions` from plain values: the one builder every front end uses.

The command line, the chat's `/check` and the defaults of an endpoints file all build
their options here, and `prepare` checks them again with `validate_options` before any
traffic. Messages name options as `{field}` placeholders (see `CheckSetupError`), so each
front end spells them its own way.
"""

from __future__ import annotations

from pathlib import Path

from assistant.diagnostics.deadline import timeout_problem
from assistant.diagnostics.model import CheckOptions, CheckSetupError
from assistant.diagnostics.proxy import ProxyCredentials

DEFAULT_TIMEOUT = 5.0


def build_check_options(
    url: str,
    *,
    ca_file: str | None = None,
    proxy: str | None = None,
    proxy_user: str | None = None,
    client_cert: str | None = None,
    client_key: str | None = None,
    pkcs12: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    sni: bool = True,
    ca_file_password: str | None = None,
    pkcs12_password: str | None = None,
    client_key_password: str | None = None,
) -> CheckOptions:
    """The options for checking `url`, each value checked on its own.

    A timeout that cannot be a budget and proxy credentials without a user name
    raise `CheckSetupError` here, before a front end asks for any password. How the
    options fit together (a key needs its certificate …) is `validate_options`' job at
    `prepare`, because the entries of an endpoints file may complete these defaults.
    A file name may start with `~` for the home directory.
    """
    options = CheckOptions(
        url=url, ca_file=_path(ca_file), proxy=proxy, proxy_user=proxy_user,
        client_cert=_path(client_cert), client_key=_path(client_key), pkcs12=_path(pkcs12),
        pkcs12_password=pkcs12_password, ca_file_password=ca_file_password,
        client_key_password=client_key_password, timeout=timeout, sni=sni,
    )
    _check_timeout(options.timeout)
    if proxy_user is not None:  # given, even if empty: USER:PASSWORD or USER
        ProxyCredentials.check_user(proxy_user)
    return options


def validate_options(options: CheckOptions) -> None:
    """Everything that can be said without a file or the network: each value, and how the
    options fit together. Raises `CheckSetupError`; an empty `proxy_user` means none."""
    _check_timeout(options.timeout)
    if options.pkcs12 and (options.client_cert or options.client_key):
        raise CheckSetupError("use either {client_cert}/{client_key} or {pkcs12}, not both")
    if options.client_key and not options.client_cert:
        raise CheckSetupError("{client_key} needs {client_cert}")
    if options.proxy_user and not options.proxy:
        raise CheckSetupError("{proxy_user} needs {proxy}")
    if options.proxy_user:
        ProxyCredentials.check_user(options.proxy_user)


def _check_timeout(seconds: float) -> None:
    problem = timeout_problem(seconds)
    if problem is not None:
        raise CheckSetupError("{timeout} {problem}", problem=problem)


def _path(name: str | None) -> str | None:
    return str(Path(name).expanduser()) if name else name
