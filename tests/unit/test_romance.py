"""Spanish, Portuguese and French domain words rendered in English for matching."""

from __future__ import annotations

import pytest

from assistant.intent.romance import english


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("certificado no confiable", "not trusted certificate"),
        ("conexão recusada", "connection refused"),
        ("le certificat a expiré", "certificate expired"),
        ("nombre de host desconocido", "host name unknown"),
        ("tempo esgotado ao chamar o serviço", "timeout"),
    ],
)
def test_domain_words_are_rendered(text: str, expected: str) -> None:
    assert english(text) == expected


@pytest.mark.parametrize("text", ["the certificate is not trusted", "no proxy in between", ""])
def test_english_text_adds_nothing(text: str) -> None:
    assert english(text) == ""
