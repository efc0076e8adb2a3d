"""Before any traffic: parse the target, load the trust list and the client identity.

Usage errors (a bad URL, an unreadable file, a wrong password, conflicting options)
surface here as `CheckSetupError`, so a check never starts with options that cannot work.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from assistant.diagnostics.client_auth import ClientIdentity, load_identity
from assistant.diagnostics.model import PKCS12_PASSWORD_ENV, CheckOptions, CheckSetupError
from assistant.diagnostics.options import validate_options
from assistant.diagnostics.proxy import ProxyCredentials
from assistant.diagnostics.resources import raise_if_exhausted
from assistant.diagnostics.target import ProxyTarget, Target, parse_proxy, parse_target
from assistant.diagnostics.tls import Trust, load_trust
from assistant.redact import Scrubber, query_secrets


@dataclass(slots=True)
class PreparedCheck:
    """Everything parsed and loaded up front, so usage errors surface before any traffic."""

    options: CheckOptions
    target: Target
    trust: Trust
    identity: ClientIdentity | None
    proxy: ProxyTarget | None
    credentials: ProxyCredentials | None
    scrubber: Scrubber | None = None  # every secret of this check, for what servers send


def prepare(options: CheckOptions) -> PreparedCheck:
    """Validate options and load files; raises CheckSetupError with a clear message."""
    try:
        validate_options(options)
        target = parse_target(options.url)
        proxy = parse_proxy(options.proxy) if options.proxy else None
        creds = ProxyCredentials.resolve(options.proxy_user) if options.proxy_user else None
        # one variable for every protected file, in every front end
        env_password = os.environ.get(PKCS12_PASSWORD_ENV)
        ca_password = options.ca_file_password
        trust = load_trust(options.ca_file, env_password if ca_password is None else ca_password)
        identity_password = options.pkcs12_password
        key_password = options.client_key_password
        identity = load_identity(
            cert=options.client_cert, key=options.client_key, pkcs12=options.pkcs12,
            pkcs12_password=env_password if identity_password is None else identity_password,
            key_password=env_password if key_password is None else key_password,
        )
    except CheckSetupError:
        raise
    except OSError as exc:  # out of descriptors while loading a codec or a file
        raise_if_exhausted(exc)
        raise
    except ValueError as exc:  # every known problem is a CheckSetupError; this is the net
        raise CheckSetupError("{error}", error=exc) from None
    in_url = [value for _, value in query_secrets(options.url)]  # `?sap-password=…`: sent, never shown
    scrubber = Scrubber.for_secrets(
        [options.pkcs12_password, options.ca_file_password, options.client_key_password, env_password, *in_url],
        [creds.pair] if creds is not None else [])
    return PreparedCheck(options, target, trust, identity, proxy, creds, scrubber)
