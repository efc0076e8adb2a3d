"""Where each cue of the scope vocabulary (scopevocab.py) was seen: source key -> (URL, what
the page shows). Used by benchmarks/build_scope_vocabulary.py, which writes
docs/research/scope_vocabulary.md, and by the tests that keep every cue sourced; the router
itself never imports this module.

The pages were found with the `search` tool (documentation, help pages, vendor KBAs, public
issue threads of projects outside the evaluation set). No page is an item of
tests/eval/real/dev.yaml (checked by URL); the test split was never looked at, so an overlap
there cannot be excluded — the cues are product error texts, not a reporter's sentences.
"""

from __future__ import annotations

from assistant.intent.scopesources_clients import CLIENT_SOURCES
from assistant.intent.scopesources_sap import SAP_SIDE_SOURCES

# One table for the vocabulary (a key names one page; the two halves never share a key).
SOURCES: dict[str, tuple[str, str]] = {**CLIENT_SOURCES, **SAP_SIDE_SOURCES}
