"""Causes ranked as a class (causes4): each runtime's words for a connection the peer broke,
the RFC error block's own layer and code, and the connection settings a report shows as
wrong. Sentences are our own, shaped like the runtimes' documented texts, never a report's.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def top_causes(text: str, kb: KnowledgeBase, n: int = 3) -> list[str]:
    return [c.id for c in route(text, kb).causes[:n]]


# --- a connection the peer broke, in each runtime's documented words ----------------------
@pytest.mark.parametrize("text", [
    # Windows (WSAECONNRESET 10054), as Python prints it
    "our python script loses the link to the HANA database: ConnectionResetError: [WinError 10054] "
    "An existing connection was forcibly closed by the remote host",
    # the same Windows text through Java
    "java.io.IOException: An existing connection was forcibly closed by the remote host while reading the OData feed",
    # .NET's HttpClient (HttpRequestError.ResponseEnded)
    "System.Net.Http.HttpRequestException: An error occurred while sending the request. "
    "---> System.IO.IOException: The response ended prematurely.",
])
def test_a_runtimes_words_for_a_broken_connection_rank_it_first(text: str, kb: KnowledgeBase) -> None:
    assert top_causes(text, kb, 1) == ["connection_broken"]
