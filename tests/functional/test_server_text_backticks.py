"""A CA named with backticks (certificate text is the server's, anything may be in it)
stays literal in the check's answer: its backticks are not code spans of ours, which
would show part of the name as code and the rest as text. Against a real loopback TLS
server whose chain goes to such a CA."""

from __future__ import annotations

from pathlib import Path

from assistant.answers.check import build_check_doc
from assistant.answers.render import render_plain
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, step
from tests.support.servers import tls_server

ROOT_CN = "Evil `b` Root CA"
INTERMEDIATE_CN = "Evil `x` Issuing CA"


def test_a_ca_named_with_backticks_is_shown_literally(tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    root = certs.make_root(ROOT_CN)
    inter = certs.make_intermediate(root, INTERMEDIATE_CN)
    leaf = certs.make_leaf(inter, key_label="leaf:backticks")
    trusted = certs.make_root()
    scenario = certs.Scenario(name="backticks", leaf=leaf, served=[leaf, inter], trust=[trusted], root=root,
                              intermediate=inter)
    files = scenario.write(tmp_path)
    with tls_server(files.chain, files.key) as https:
        report = check(https.url("/"), ca_file=str(files.ca))
    chain = step(report, "chain", "fail")
    assert INTERMEDIATE_CN in chain.detail  # the finding names the CA as the certificate does
    plain = render_plain(build_check_doc(report, bundled_kb).markdown())
    lines = [line for line in plain.splitlines() if "Issuing CA" in line]
    assert len(lines) >= 3  # the observe step, the chain step, what to import
    # joined where the answer wraps; a backtick of the name read as a code span would be gone
    text = " ".join(plain.split())
    assert text.count(INTERMEDIATE_CN) >= 3 and text.count("Issuing CA") == text.count(INTERMEDIATE_CN)
    assert ROOT_CN in text and text.count("Root CA") == text.count(ROOT_CN)
