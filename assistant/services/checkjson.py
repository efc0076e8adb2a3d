"""`sapassist check --json` with the knowledge base's next step, for a script that reads it.

The report alone names the finding and the cause id; a script also needs what to do in
STRUST / SM59 / SMICM. So each report gets a `next_step` object (added, nothing changed):

    "next_step": {"text": …, "from": "finding" | "import" | "cause_fix",
                  "cause": id, "cause_title": …, "first_fix": …,
                  "sclnt_http": id, "sclnt_http_text": …, "sclnt_http_text_origin": …}

`text` is the one thing to do first, as the text answer says it: the deciding finding's
own next step, else the CA to import, else the cause's first fix; `first_fix` is always the
cause's first fix from the knowledge base. The message is the one the check found, so a
text appears only where a source ties the finding to it. Values are plain text except
the knowledge base's own Markdown (backticks around transactions) in `first_fix`; `null`
when there is nothing to do (a healthy endpoint).

Startup cost: the check needs only each cause's title and first fix and each message's
text, so they are kept as a small derived cache file beside the base's; when it is current
the base itself is never unpickled (`kb.load.load_derived`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from assistant.diagnostics.model import CheckReport
    from assistant.kb.knowledge_base import KnowledgeBase

CHECK_KNOWLEDGE = "check-next-steps-v1"  # the derived cache's name

Knowledge = dict[str, dict[str, dict[str, str]]]


def build_check_knowledge(kb: KnowledgeBase) -> Knowledge:
    """Per cause its title and first fix, per message its text and where the text comes
    from: plain data, pickled apart from the base."""
    causes = {c.id: {"title": c.title, "first_fix": c.fix[0].strip() if c.fix else ""}
              for c in kb.causes.values()}
    messages = {m.id: {"text": m.display_text, "origin": m.text_origin}
                for m in kb.messages.values() if m.message_class == "SCLNT_HTTP"}
    return {"causes": causes, "messages": messages}


def load_check_knowledge(kb_dirs: Sequence[str | Path], err: TextIO) -> Knowledge | None:
    """The check's knowledge, or None after one line on `err` (the report stands without it)."""
    try:
        from assistant.kb.load import load_derived

        return load_derived(kb_dirs, CHECK_KNOWLEDGE, build_check_knowledge)
    except Exception as exc:
        from assistant.textsafe import escape_control

        print(f"sapassist check: knowledge base not available ({escape_control(str(exc))})", file=err)
        return None


def next_step_json(report: CheckReport, knowledge: Knowledge | None) -> dict[str, Any] | None:
    """The `next_step` object for one report (see the module docstring)."""
    from assistant.diagnostics.causes import TRUST_PSE

    decisive = report.decisive_finding()
    own = decisive.data.get("next_step") if decisive is not None else None
    cause = (knowledge or {}).get("causes", {}).get(report.cause or "")
    to_import = import_step(report.extra)
    if isinstance(own, str) and own:
        text, source = own, "finding"
    elif to_import:
        text, source = f"{to_import} into the {TRUST_PSE} in STRUST.", "import"
    elif cause and cause["first_fix"]:
        text, source = cause["first_fix"], "cause_fix"
    else:
        return None
    out: dict[str, Any] = {"text": text, "from": source, "cause": report.cause}
    if cause:
        out["cause_title"], out["first_fix"] = cause["title"], cause["first_fix"]
    if report.sclnt_http:
        out["sclnt_http"] = report.sclnt_http
        message = (knowledge or {}).get("messages", {}).get(report.sclnt_http)
        if message:
            out["sclnt_http_text"], out["sclnt_http_text_origin"] = message["text"], message["origin"]
    return out


def import_step(extra: dict[str, Any]) -> str:
    """"Import <CA>" for the certificate the chain analysis names (the issuer missing from
    the trust list, else the first one to import), as the text answer puts it; "" when none."""
    missing = extra.get("missing_issuer")
    if missing:
        kind = extra.get("missing_issuer_kind")
        if kind == "root":
            return f"Import the root CA {missing}"
        return f"Import {missing}" + (" (and its root)" if kind == "intermediate" else "")
    first = (extra.get("to_import") or [{}])[0]
    return f"Import {first['subject']}" if isinstance(first, dict) and first.get("subject") else ""


def with_next_step(report_json: dict[str, Any], report: CheckReport | None,
                   knowledge: Knowledge | None) -> dict[str, Any]:
    """`report.to_json()` (or a batch entry's) with `next_step` added."""
    report_json["next_step"] = next_step_json(report, knowledge) if report is not None else None
    return report_json
