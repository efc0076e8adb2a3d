"""Live diagnostics: look at an endpoint the way the SAP HTTP client does.

`run_check(CheckOptions(url=...))` runs the steps (resolve, connect, proxy, tls, observe,
chain, client_cert, http) and returns a `CheckReport`. Imports are light: the TLS stack
and `cryptography` load only when a check runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.diagnostics.model import (
    CertInfo,
    CheckOptions,
    CheckReport,
    CheckSetupError,
    Finding,
)

if TYPE_CHECKING:
    from assistant.diagnostics.runner import run_check

__all__ = ["CertInfo", "CheckOptions", "CheckReport", "CheckSetupError", "Finding", "run_check"]


def __getattr__(name: str) -> Any:
    if name == "run_check":
        from assistant.diagnostics import runner

        return getattr(runner, name)
    raise AttributeError(name)
