"""What a senior Basis admin would still correct in the first lines (answerreview), each
fixed as a class:

- a call built from a URL (abapGit and its SSL test report, the HTTP test report
  RSWF_TEST_HTTP: `cl_http_client=>create_by_url`) was told to check its host and port
  in an SM59 destination it does not have; a step done only in SM59 no longer leads when
  the text shows such a call and names no SM59 — the step that tests from the application
  server's OS does (abapGit's maintainers' advice for 411, docs.abapgit.org issue 269).
"""

from __future__ import annotations

import re

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _next_step(text: str, kb: KnowledgeBase) -> str:
    answer = build_answer(route(text, kb), kb)
    found = re.search(r"\*\*Next step:\*\* (.+)", answer)
    assert found is not None, answer
    return found.group(1)


@pytest.mark.parametrize(
    "text",
    [
        "ZABAPGIT_TEST_SSL prints: HTTP error 411 occured: Direct connect to gitlab.com:443 failed: NIECONN_REFUSED(-10)",
        "RSWF_TEST_HTTP against https://api.example.org ends with HTTP-Receive: RC=411 Connect to api.example.org:443 "
        "failed: NIECONN_REFUSED(-10)",
    ],
)
def test_a_call_by_url_is_not_sent_to_a_destination_it_does_not_have(kb: KnowledgeBase, text: str) -> None:
    step = _next_step(text, kb)
    assert "SM59" not in step
    assert "application server's OS" in step


def test_a_refused_destination_still_checks_its_host_and_port(kb: KnowledgeBase) -> None:
    # The SM59 connection test names its destination: host and port are set there.
    step = _next_step("SM59 connection test of my G destination: Direct connect to web.example.org:8443 failed: "
                      "NIECONN_REFUSED(-10)", kb)
    assert "SM59" in step and "Technical Settings" in step


def test_a_step_that_names_the_call_by_url_keeps_its_place(kb: KnowledgeBase) -> None:
    # "Find the PSE the call really uses: SM59 … For abapGit and create_by_url … ANONYM"
    # speaks of the call by URL as well: it is no step of a destination only.
    from assistant.answers.situation import destination_only

    assert destination_only("Check host and port: `SM59` → destination → *Technical Settings*.")
    assert not destination_only("Find the PSE: `SM59` → destination. For abapGit and `create_by_url` it is ANONYM.")
    assert not destination_only("Check proxy host and port in `SICF` → Client → Proxy Settings or `SM59`.")
    assert not destination_only("Test from the application server's OS: `curl -v https://<host>:443/`.")


def test_a_step_for_one_sap_product_does_not_lead_a_call_by_url(kb: KnowledgeBase) -> None:
    # Logon refused to abapGit's test report: the SM59 step is no step of it, and neither
    # is the step written for SAP Business ByDesign's communication arrangements.
    step = _next_step("ZABAPGIT_TEST_SSL with my GitHub user: Logon failed (ICM_HTTP_UNAUTHORIZED)", kb)
    assert "SM59" not in step and "ByDesign" not in step
