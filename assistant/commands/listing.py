"""`sapassist list`: the known messages as a table (or JSON).

The table is `assistant.answers.listing`, the same one the chat's `/list` shows; here it
is printed as plain text without markdown-it, so listing stays as cheap as `ask --json`.
"""

from __future__ import annotations

import argparse
import json
import sys

from assistant.services.knowledge import load_or_report
from assistant.textsafe import escape_control


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    kb = load_or_report(args.kb, sys.stderr)
    if kb is None:
        return 2
    wanted = args.message_class.upper() if args.message_class else None
    if args.json:
        from assistant.kb.export import kb_to_json_summary

        print(json.dumps(kb_to_json_summary(kb, wanted), ensure_ascii=False, indent=2))
        return 0
    from assistant.answers.listing import message_list_text, messages_to_list

    listing = messages_to_list(kb, wanted, limit=None)
    if not listing.messages:
        what = f" of class {escape_control(wanted)}" if wanted else ""
        print(f"no messages{what} in the knowledge base", file=sys.stderr)
        return 1
    sys.stdout.write(message_list_text(listing))
    return 0
