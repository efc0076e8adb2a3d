"""`sapassist lookup ID`: one knowledge-base entry, by any id form people use.

Accepts 407, SCLNT_HTTP407, "sclnt_http 407", ICM constants, code ids, aliases and
numbers (SSSLERR_…, NIECONN_REFUSED, -102), cause ids, and glossary ids and aliases
(STRUST, profile parameters, "510007" or "note 510007" for an SAP note); the finding is
`assistant.intent.lookup`, shared with the chat's `/lookup`.
Exit codes: 0 found, 1 unknown id (nearest ids suggested), 2 no id or knowledge-base error.
"""

from __future__ import annotations

import argparse
import json
import sys

from assistant.services.answering import Lookup, entry_page, look_up
from assistant.services.knowledge import load_or_report
from assistant.textsafe import escape_control


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.id.strip():
        print("sapassist lookup: give an id, e.g. SCLNT_HTTP407, 421, STRUST", file=sys.stderr)
        return 2
    kb = load_or_report(args.kb, sys.stderr)
    if kb is None:
        return 2
    found = look_up(kb, args.id)
    if found.entry is None:
        _not_found(args.id, found, as_json=args.json)
        return 1
    if args.json:
        from assistant.kb.export import entry_to_json

        print(json.dumps(entry_to_json(kb, found.entry), ensure_ascii=False, indent=2))
        return 0
    from assistant.services.rendering import render_for

    sys.stdout.write(render_for(entry_page(kb, found.entry), sys.stdout))
    return 0


def _not_found(ident: str, found: Lookup, *, as_json: bool) -> None:
    near = found.nearest
    if as_json:
        error = "ambiguous number" if found.several else "unknown id"
        print(json.dumps({"error": error, "id": ident[:200], "nearest": near}, ensure_ascii=False))
        return
    shown = escape_control(ident[:200])
    if found.several:
        print(f"sapassist lookup: {shown} is the number of several codes: {', '.join(near)}; "
              "look one up by name.", file=sys.stderr)
    else:
        hint = f" Nearest known ids: {', '.join(near)}." if near else ""
        print(f"sapassist lookup: {shown} is not in the knowledge base.{hint}", file=sys.stderr)
