"""`sapassist list`: the known messages as a plain table (or JSON).

Written without Markdown on purpose: listing must stay as cheap as `ask --json`.
"""

from __future__ import annotations

import argparse
import json
import sys

from assistant.commands.ask import load_knowledge
from assistant.textsafe import escape_control

WORDING = {"confirmed": "confirmed", "derived": "not confirmed", "imported": "imported"}


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    kb, code = load_knowledge(args.kb)
    if kb is None:
        return code
    wanted = args.message_class.upper() if args.message_class else None
    if args.json:
        from assistant.kb.export import kb_to_json_summary

        print(json.dumps(kb_to_json_summary(kb, wanted), ensure_ascii=False, indent=2))
        return 0
    chosen = kb.messages.values() if wanted is None else kb.messages.values_of_class(wanted)
    messages = sorted(chosen, key=lambda m: (m.message_class, m.number))
    if not messages:
        what = f" of class {escape_control(wanted)}" if wanted else ""
        print(f"no messages{what} in the knowledge base", file=sys.stderr)
        return 1
    width = max(len(m.id) for m in messages)
    out = [f"{'ID'.ljust(width)}  {'SAP WORDING'.ljust(13)}  TEXT"]
    for m in messages:
        text = escape_control(m.display_text)
        origin = m.text_origin
        mark = " (title derived from the ICM constant)" if origin == "derived" else ""
        out.append(f"{m.id.ljust(width)}  {WORDING[origin].ljust(13)}  {text}{mark}")
    out.append(f"\n{len(messages)} messages. `sapassist lookup ID` shows one in full.")
    sys.stdout.write("\n".join(out) + "\n")
    return 0
