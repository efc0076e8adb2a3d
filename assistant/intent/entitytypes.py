"""What entity extraction finds (intent.entities): the entities of a text and the numbers
that name messages, as data every later stage reads. Split out of entities.py.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A three-digit number that names a message, with the wording around it.

    context: explicit (class given), icm (RC=, get_last_error, error code), icm_http_error
    ("HTTP error 407 occured"), http (status line, "status code", reason phrase),
    http_word ("HTTP 407"), bare ("407").
    """

    number: int
    context: str
    message_id: str | None  # the message reading (e.g. SCLNT_HTTP407), None if implausible


@dataclass(frozen=True, slots=True)
class Entities:
    message_ids: tuple[str, ...] = ()  # canonical ids, known or not, in order of mention
    numbers: tuple[NumberMention, ...] = ()
    icm_constants: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # known code ids
    unknown_codes: tuple[str, ...] = ()  # SSSL*/NIE*/ICM_* names the base does not know
    causes: tuple[str, ...] = ()  # cause ids written literally
    hosts: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    ports: tuple[int, ...] = ()
    transactions: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()  # other glossary ids (notes, reports, terms)
    proxy: bool = False
    proxy_url: str | None = None
    http_phrases: tuple[int, ...] = ()  # statuses named by their reason phrase
    corrections: tuple[tuple[str, str], ...] = ()  # typo -> word, filled by the router
    pasted: bool = False  # looks like pasted error output rather than a question
    parameter_values: tuple[tuple[str, str], ...] = ()  # (ssl/…ciphersuites, its value) named together
    return_codes: tuple[tuple[int, str, str], ...] = ()  # (sy-subrc, method, code id) read together

    @property
    def has_topic(self) -> bool:
        return bool(self.message_ids or self.icm_constants or self.codes or self.causes)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["numbers"] = [asdict(n) for n in self.numbers]
        out["corrections"] = [list(pair) for pair in self.corrections]
        return {k: v for k, v in out.items() if v not in ((), [], None, False)}
