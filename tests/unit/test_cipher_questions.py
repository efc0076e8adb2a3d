"""Questions that name a cipher-suite parameter with its value: the router finds the pair,
the number is not read as a message number, and the answer explains the value."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.intent.paramvalues import parameter_values
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(("text", "found"), [
    ("what does ssl/client_ciphersuites 918 mean", [("ssl/client_ciphersuites", "918")]),
    ("ssl/ciphersuites = 135:PFS:HIGH::EC_P256:EC_HIGH", [("ssl/ciphersuites", "135:PFS:HIGH::EC_P256:EC_HIGH")]),
    ("what does the 150 in ssl/client_ciphersuites=150:PFS:HIGH::EC_P256:EC_HIGH mean?",
     [("ssl/client_ciphersuites", "150:PFS:HIGH::EC_P256:EC_HIGH")]),
    ("where does ssl/ciphersuites = 545 come from?", [("ssl/ciphersuites", "545")]),
    ("set ssl/client_ciphersuites to 1174:PFS:HIGH", [("ssl/client_ciphersuites", "1174:PFS:HIGH")]),
    ("ssl/client_ciphersuites: 918", [("ssl/client_ciphersuites", "918")]),
    # abapGit's SSL guide: the environment form in a SETENV line
    ("SETENV_27 = SAPSSL_CLIENT_CIPHERSUITES=150:PFS:HIGH::EC_X25519:EC_P256:EC_HIGH",
     [("sapssl_client_ciphersuites", "150:PFS:HIGH::EC_X25519:EC_P256:EC_HIGH")]),
    # dev_icm's SSL Initialization block (public page quoting 510007, see ciphersuites.md)
    ("[Thr 1] = [dpf] ssl/ciphersuites=135:PFS:HIGH::EC_P256:EC_HIGH", [("ssl/ciphersuites", "135:PFS:HIGH::EC_P256:EC_HIGH")]),
    ("ssl/ciphersuites is HIGH:MEDIUM:+e3DES:!aNULL.", [("ssl/ciphersuites", "HIGH:MEDIUM:+e3DES:!aNULL")]),
    # no value: a word, a release number, another parameter
    ("ssl/client_ciphersuites value for Solution Manager 7.2", []),
    ("recommended ssl/client_ciphersuites for S/4HANA 2025", []),
    ("what does ssl/client_ciphersuites mean", []),
    ("myssl/ciphersuites=1 and icm/HTTPS/client_sni_enabled = TRUE", []),
])
def test_parameter_values(text: str, found: list[tuple[str, str]]) -> None:
    assert [(v.parameter, v.value) for v in parameter_values(text)] == found
    for v in parameter_values(text):
        assert text[v.start:v.end] == v.value


def test_a_value_number_is_not_a_message_number(kb: KnowledgeBase) -> None:
    routed = route("what is ssl/client_ciphersuites = 400:HIGH for?", kb)
    assert routed.entities.parameter_values == (("ssl/client_ciphersuites", "400:HIGH"),)
    assert "SCLNT_HTTP400" not in routed.entities.message_ids
    assert "SCLNT_HTTP400" not in [m.id for m in routed.messages]


def test_the_answer_leads_with_the_value(kb: KnowledgeBase) -> None:
    answer = build_answer(route("what does ssl/client_ciphersuites 918 mean", kb), kb)
    assert answer.startswith("## What ssl/client_ciphersuites = 918 means")
    assert "918 = 512 + 256 + 128 + 16 + 4 + 2" in answer and "Solution Manager 7.0, 7.1 and 7.2" in answer
    assert "## ssl/client_ciphersuites" in answer  # the parameter's own entry follows


def test_a_value_next_to_an_error_comes_after_the_error(kb: KnowledgeBase) -> None:
    text = "SSSLERR_SSL_READ (-58) with ssl/client_ciphersuites = 150:PFS:HIGH::EC_P256:EC_HIGH"
    answer = build_answer(route(text, kb), kb)
    assert answer.index("### What ssl/client_ciphersuites = 150:PFS:HIGH::EC_P256:EC_HIGH means") > 0
    assert "Do not apply 150 blindly" in answer
