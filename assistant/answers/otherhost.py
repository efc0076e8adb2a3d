"""Certificates imported for another host than the failing one: said first.

intent.otherhost reads the shape ("SSL handshake with gitlab.com failed … imported the
certificates from github.com"); the answer leads with what it means — trust for one host says
nothing of another host's chain, which may come from another CA — and the one thing to do:
import the failing host's chain. The hosts are the text's own, shown literally.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answers.document import AnswerDoc
from assistant.intent.result import Routed
from assistant.intent.scope import SAP
from assistant.textsafe import md_code


def other_host_line(routed: Routed) -> str:
    """The line said first, or "" when the text does not have that shape."""
    found = routed.imported_elsewhere
    if found is None:
        return ""
    imported = ", ".join(md_code(h) for h in found.imported)
    failing = md_code(found.failing)
    where = "the SSL client PSE the call uses (STRUST)" if routed.scope.kind == SAP else "the trust list the call uses"
    return (f"**The certificates were imported for {imported}; the call that fails goes to {failing}.** Trust for "
            f"one host says nothing of another host's chain, which may come from another CA: import {failing}'s "
            f"chain (its root, and intermediates the server does not send) into {where}.")


def with_other_host_first(routed: Routed, doc: AnswerDoc, unsure_headline: str) -> AnswerDoc:
    """`doc` with the line first (after the one question, when the answer asks one)."""
    line = other_host_line(routed)
    if not line:
        return doc
    paragraphs = [p for p in doc.verdict.split("\n\n") if p]
    at = 1 if doc.headline == unsure_headline else 0
    return replace(doc, verdict="\n\n".join([*paragraphs[:at], line, *paragraphs[at:]]))
