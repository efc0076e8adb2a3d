"""The chat's slash commands: one table used by the prompt, /help, suggestions and the
command palette, so they can never disagree. Pure Python (no Textual)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SlashCommand:
    name: str  # without the slash
    usage: str  # e.g. "/lookup ID"
    help: str
    needs_argument: bool = False


SLASH_COMMANDS: tuple[SlashCommand, ...] = (
    SlashCommand("help", "/help", "What the chat can do, its commands and keys"),
    SlashCommand("list", "/list", "List the known messages with their short texts"),
    SlashCommand(
        "lookup",
        "/lookup ID",
        "Show one knowledge-base entry: a message (407 or SCLNT_HTTP407), code, cause "
        "or transaction",
        needs_argument=True,
    ),
    SlashCommand(
        "check",
        "/check URL [options]",
        "Run the live checks against an endpoint (resolve, connect, proxy, TLS, chain, HTTP)",
        needs_argument=True,
    ),
    SlashCommand(
        "cert",
        "/cert FILE",
        "Inspect a certificate file (PEM, DER, PKCS#7, PKCS#12)",
        needs_argument=True,
    ),
    SlashCommand(
        "export",
        "/export [FILE]",
        "Save the conversation as Markdown (default: a new file in the data directory)",
    ),
    SlashCommand("resume", "/resume [ID]", "Resume a saved conversation (without an ID: pick one)"),
    SlashCommand("clear", "/clear", "Start a new conversation (the cleared one stays saved: /resume)"),
    SlashCommand("quit", "/quit", "Leave the chat"),
)

BY_NAME = {command.name: command for command in SLASH_COMMANDS}


@dataclass(frozen=True, slots=True)
class SlashInput:
    """A parsed prompt line that starts with '/'."""

    command: SlashCommand | None  # None: unknown command
    name: str
    args: list[str]
    raw_args: str
    error: str | None = None


def parse_slash(text: str) -> SlashInput:
    """Split '/name arg…' (shell-like quoting, so paths with spaces work)."""
    body = text.strip()[1:]
    name, _, rest = body.partition(" ")
    name = name.strip().lower()
    rest = rest.strip()
    try:
        args = shlex.split(rest)
    except ValueError as exc:
        return SlashInput(BY_NAME.get(name), name, [], rest, f"cannot parse the arguments: {exc}")
    return SlashInput(BY_NAME.get(name), name, args, rest)


def help_markdown(options: dict[str, list[tuple[str, str]]] | None = None) -> str:
    """The commands as a list, one per line with what it does; a command's `options`
    ((usage, help) pairs, e.g. /check's) as a list under it, one option per line."""
    lines = []
    for c in SLASH_COMMANDS:
        lines.append(f"- `{c.usage}` — {c.help}")
        lines += [f"  - `{usage}` — {text}" for usage, text in (options or {}).get(c.name, [])]
    return "\n".join(lines) + "\n"
