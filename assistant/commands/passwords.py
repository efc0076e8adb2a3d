"""Passwords on the command line: from the environment or a prompt, never from argv alone.

`sapassist check` and `sapassist cert` take the password of a PKCS#12 file, an encrypted
private key or a PKCS#12 trust list from SAPASSIST_PKCS12_PASSWORD, or ask for it on a
terminal — only when the file really needs one. The proxy password likewise comes from
SAPASSIST_PROXY_PASSWORD or a prompt when `--proxy-user` names only the user. Passwords
are returned, never shown.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from assistant.diagnostics.model import PKCS12_PASSWORD_ENV


def ask_file_password(path: str, *, key_file: bool = False) -> str | None:
    """The password for a PKCS#12 file (or a PEM file's encrypted key).

    `key_file`: `path` is a separate private key file (`--client-key`), not a certificate
    file. `SAPASSIST_PKCS12_PASSWORD` when set; otherwise a prompt, but only on a terminal
    and only when the file really needs one (an unprotected .p12 opens without asking);
    otherwise None, and loading the file says which variable to set. Ctrl-D at the
    prompt is a `CertFileError`, not a traceback. The password is returned, never shown.
    """
    from assistant.diagnostics.certfiles import CertFileError, key_password_needed, password_needed

    env = os.environ.get(PKCS12_PASSWORD_ENV)
    if env is not None:
        return env
    needed = key_password_needed if key_file else password_needed
    if not sys.stdin.isatty() or not needed(path):
        return None
    import getpass

    from assistant.textsafe import escape_control

    try:
        return getpass.getpass(f"Password for {escape_control(path)}: ")
    except EOFError:
        sys.stderr.write("\n")  # getpass leaves the cursor after the prompt
        raise CertFileError(f"{path}: no password given", needs_password=True) from None


@dataclass(slots=True)
class FilePasswords:
    """Passwords for the protected files named on the command line (None: not needed)."""

    identity: str | None = field(default=None, repr=False)  # --pkcs12 or --client-cert
    key: str | None = field(default=None, repr=False)  # a separate, encrypted --client-key
    ca_file: str | None = field(default=None, repr=False)

    def all(self) -> list[str | None]:
        return [self.identity, self.key, self.ca_file]


def complete_proxy_user(proxy_user: str) -> str:
    """`--proxy-user USER` completed with a password typed at a prompt, so it need not
    be in argv (where `ps` shows it). Left as it is when it holds a password, when
    SAPASSIST_PROXY_PASSWORD is set (the check reads it) or when there is no terminal
    (the check then says which variable to set). Ctrl-D at the prompt: as before."""
    from assistant.diagnostics.model import PROXY_PASSWORD_ENV
    from assistant.redact import is_masked

    user, colon, password = proxy_user.partition(":")
    if (colon and not is_masked(password)) or os.environ.get(PROXY_PASSWORD_ENV) is not None:
        return proxy_user
    if not user or not sys.stdin.isatty():
        return proxy_user
    import getpass

    from assistant.textsafe import escape_control

    try:
        typed = getpass.getpass(f"Proxy password for {escape_control(user)}: ")
    except EOFError:
        sys.stderr.write("\n")
        return proxy_user
    return f"{user}:{typed}"


def check_file_passwords(*, ca_file: str | None, client_cert: str | None,
                         client_key: str | None, pkcs12: str | None) -> FilePasswords:
    """The passwords of the identity, key and --ca-file of `sapassist check`, each only
    when its file needs one. Raises `CertFileError` naming the option (Ctrl-D at a prompt)."""
    from assistant.diagnostics.certfiles import CertFileError

    def ask(path: str | None, option: str, *, key_file: bool = False) -> str | None:
        if not path:
            return None
        try:
            return ask_file_password(path, key_file=key_file)
        except CertFileError as exc:
            raise CertFileError(f"{option}: {exc.with_password_hint(False)}") from None

    if pkcs12:
        identity, key = ask(pkcs12, "--pkcs12"), None
    else:
        identity = ask(client_cert, "--client-cert")
        key = ask(client_key, "--client-key", key_file=True) if client_cert else None
    return FilePasswords(identity, key, ask(ca_file, "--ca-file"))
