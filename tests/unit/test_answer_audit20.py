"""What a senior Basis admin would still correct in the first lines (answers20), each fixed
as a class:

- a follow-up about the PSE within SCLNT_HTTP421 named `SECUDIR` as a parameter of the
  untrusted-chain cause: its fix only says where the PSE file lies (`$(DIR_INSTANCE)/sec`),
  and the base read that directory as the environment variable that points to it;
"""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.answers.subject import parameters_of
from assistant.intent.subject import parameters_named_in
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.dialogues import talk


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


# --- SECUDIR is the variable that points to the directory, not the directory -----------------

def test_a_directory_path_names_no_parameter(kb: KnowledgeBase) -> None:
    # The facts: PSEs lie in $(DIR_INSTANCE)/sec, "with SECUDIR pointing there" (set by
    # SETENV in the start profile). A step that runs sapgenpse in that directory sets nothing.
    assert parameters_named_in("sapgenpse maintain_pk -l -p SAPSSLA.pse in `$(DIR_INSTANCE)/sec`", kb) == []
    assert parameters_named_in("check that `SECUDIR` points to the instance's sec directory", kb) == ["SECUDIR"]


def test_only_the_causes_about_the_pse_files_name_secudir(kb: KnowledgeBase) -> None:
    assert "SECUDIR" not in parameters_of(kb.causes["server_cert_untrusted"], kb)
    assert "SECUDIR" in parameters_of(kb.causes["client_pse_missing"], kb)  # "(`SECUDIR`) on every server"


@pytest.mark.parametrize("follow_up", ["does the subject of the PSE matter?", "and the PSE?"])
def test_a_pse_follow_up_within_421_names_no_secudir(kb: KnowledgeBase, follow_up: str) -> None:
    _, routed = talk(kb, "SCLNT_HTTP421", follow_up)
    assert routed.subject is not None and "PSE" in routed.subject.terms
    verdict = build_answer_doc(routed, kb).verdict
    assert "PSE" in verdict and "SECUDIR" not in verdict
