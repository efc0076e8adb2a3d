"""Whose status, and who is the server (scope.py rules 2 and 3): classes of report, written
here in our own words, never sentences of the evaluation sets.

- A far server's refusal said in plain words, with no number — the thing asked for does
  not exist there, or it takes no call without credentials — is that server's answer, even
  when the ABAP system made the call (abapGit): the caller's words only say who got it.
- The SAP system's own HTTP request handler (IF_HTTP_EXTENSION, an ICF handler, an ABAP
  application served that way such as abap2UI5 or abapGitServer) answered: a status beside
  it is that server's symptom (rule 3), the counterpart of cl_http_client naming the caller.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

STATUS = "http_status_from_server"
INBOUND = "sap_server_inbound"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    "text",
    [
        "abapGit pull stops with an error since the repository does not exist any more on our GitLab",
        "after we renamed the project in Bitbucket, abapGit says error: the repo doesn't exist",
        "our Gitea server no longer allows anonymous cloning and abapGit fails to clone the package",
        "abapGit in Eclipse clones with anonymous access, and our git host refuses it now",
        "anonymous access is disabled on the company git server; zabapgit cannot pull",
    ],
)
def test_a_refusal_in_plain_words_is_the_far_servers_answer(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).scope.kind == STATUS


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # STRUST's "anonymous" SSL client is a PSE, no access that a server refused
        ("imported the root CA into the anonymous SSL client in STRUST, abapGit still says HTTP error 421 occured: "
         "SSSLERR_PEER_CERT_UNTRUSTED", "sap_http_client"),
        # a certificate missing from a PSE is no resource of a far server
        ("SM59 test fails: the certificate does not exist in the PSE SAPSSLA, SSSLERR_PEER_CERT_UNTRUSTED",
         "sap_http_client"),
    ],
)
def test_words_alike_that_are_no_refusal_keep_their_kind(kb: KnowledgeBase, text: str, kind: str) -> None:
    assert route(text, kb).scope.kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Our handler class implements IF_HTTP_EXTENSION and the browser gets 403 Forbidden for /sap/bc/zorders",
        "ABAP Cloud: my IF_HTTP_SERVICE_EXTENSION class answers HTTP 500 to every POST from Postman",
        "In our ICF handler the POST from the UI5 app answers 404 Not Found although the node is in SICF",
        "After the last pull the abap2UI5 app shows 500 Internal Server Error when I start it",
        "The web interface of abapGitServer says REST call failed when I open a repository",
    ],
)
def test_the_sap_systems_own_handler_is_the_server_that_answered(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).scope.kind == INBOUND


@pytest.mark.parametrize(
    "text",
    [
        # the handler calls out, and the SAP client's own words say so (rule 1)
        "HTTP error 421 occured: SSSLERR_PEER_CERT_UNTRUSTED when our ICF handler calls the partner API with "
        "cl_http_client",
        # abapGit, not abapGitServer: the SAP system calls the git host
        "abapGit clone fails: HTTP error 407 occured: SSL handshake with github.com:443 failed",
    ],
)
def test_a_handler_or_git_client_that_calls_out_stays_the_sap_client(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).scope.kind == "sap_http_client"
