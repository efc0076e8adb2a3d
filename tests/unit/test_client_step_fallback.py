"""Another client's next step when its stage has no step of ours (answers.clientstep): the lead
cause's first step that applies outside SAP — never one worded for the SAP side ("check the
logon data in the destination" for a .NET client); none when the cause has none."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.answers.clientstep import client_step_line
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase

# The SAP side's objects and places a step outside SAP cannot name.
_SAP_SIDE = re.compile(r"\bdestinations?\b|\bSM59\b|\bSTRUST\b|\bdev_icm\b|\bapplication server\b|\bABAP\b|\bICM\b")


@pytest.mark.parametrize("text", [
    "Our .NET client calling the S/4 OData service gets: An existing connection was forcibly closed by the remote host",
    "Postman works but our C# client gets socket hang up from the server after a while",
])
def test_the_fallback_step_of_another_client_names_nothing_of_the_sap_side(bundled_kb: KnowledgeBase, text: str) -> None:
    routed = route(text, bundled_kb)
    assert routed.scope.kind == "other_client"
    # A kind with no stage of its own (not a network error family): the lead cause's step is the fallback.
    unplaced = replace(routed, scope=routed.scope._replace(family=None))
    line = client_step_line(unplaced, bundled_kb, [])
    assert not _SAP_SIDE.search(line), line
