"""The knowledge-base schema as plain frozen dataclasses.

Plain dataclasses (not pydantic) keep the import cheap and let the whole base be
pickled into the cache, so `sapassist ask` need not import PyYAML when nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WORDING_VALUES = ("confirmed", "inferred", "own_words", "imported")
MESSAGE_STATUS_VALUES = ("confirmed", "inferred", "imported")
CHECK_STEPS = ("resolve", "connect", "proxy", "tls", "chain", "client_cert", "http", "none")
GLOSSARY_KINDS = ("transaction", "parameter", "note", "report", "term")


class PickledByFields:
    """For slotted frozen dataclasses that the cache pickles by the thousand (sources,
    signs, glossary entries): pickled as the class and its field values, unpickled by
    calling the class. The `__setstate__` dataclasses gives a frozen slotted class looks
    its fields up again for every object; that was over half of a warm start's unpickling
    (~1,000 objects, ~8 ms). Every field must be an `__init__` parameter, in order.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        names: tuple[str, ...] = type(self).__slots__  # the fields, in order (dataclass slots=True)
        return (type(self), tuple(getattr(self, name) for name in names))


@dataclass(frozen=True, slots=True)
class Source(PickledByFields):
    url: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Message(PickledByFields):
    """One SAP message (SCLNT_HTTP407, or an imported ZFOO042)."""

    id: str
    message_class: str
    number: int
    title: str
    status: str  # confirmed | inferred | imported
    short_text: str | None = None  # SAP's exact short text, None when not known
    type: str | None = None
    icm_constant: str | None = None
    meaning: str = ""
    system_response: str = ""
    causes: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    sap_wording: str = "own_words"
    sources: tuple[Source, ...] = ()
    imported_text: str | None = None  # T100 text from the user's system, when imported
    origin: str = ""  # "file:line"

    @property
    def wording_confirmed(self) -> bool:
        return self.status == "confirmed" and self.short_text is not None

    @property
    def display_text(self) -> str:
        """The text to show: SAP's short text when known, else the imported or derived title."""
        return self.short_text or self.imported_text or self.title

    @property
    def text_origin(self) -> str:
        """Where `display_text` comes from: 'confirmed' (SAP's text, seen in a source),
        'imported' (the user's own T100) or 'derived' (our title from the ICM constant).

        Lists label each message with it; the status alone is not enough, because a T100
        import gives an inferred message SAP's real text without changing its status.
        """
        if self.status == "imported" or (not self.short_text and self.imported_text):
            return "imported"
        return "confirmed" if self.short_text else "derived"


@dataclass(frozen=True, slots=True)
class CheckRef(PickledByFields):
    step: str  # one of CHECK_STEPS
    how: str = ""


@dataclass(frozen=True, slots=True)
class Cause(PickledByFields):
    id: str
    title: str
    explanation: str = ""  # the SAP client's view: every answer shows it, a live check's too
    other_clients: str = ""  # the same words from another client (Node.js, Java): questions only
    signs: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    fix: tuple[str, ...] = ()
    check: CheckRef | None = None
    severity: str = "error"  # error | warning
    sap_wording: str = "own_words"
    sources: tuple[Source, ...] = ()
    origin: str = ""
    # The title without naming the SAP side ("SNI not sent" for "SNI not sent by the SAP
    # client"): shown where the failure is another kind's (a Java client, the Cloud
    # Connector), whose reader has no SAP client, PSE or application server in the call.
    # None when the title names no side.
    neutral_title: str | None = None
    # After a report that says the CA certificates were imported into the PSE: "fixed" when
    # an import is this cause's fix (less likely now), "remains" when it is why an import did
    # not help (another PSE, the ICM not restarted, another chain reaching the SAP system);
    # None when the import says nothing about it (intent.importdone).
    after_import: str | None = None

    def title_for(self, sap_side: bool) -> str:
        """The title a reader of this kind of failure needs: the SAP-side one for the SAP
        HTTP client's own call, else the neutral one when the cause has it."""
        return self.title if sap_side or not self.neutral_title else self.neutral_title


@dataclass(frozen=True, slots=True)
class Code(PickledByFields):
    """A low-level code: SSSLERR_*, SSSLRC_*, NIE*, ABAP exceptions, dev_icm lines."""

    id: str
    meaning: str = ""
    numeric: int | None = None
    layer: str = ""
    aliases: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    sap_wording: str = "own_words"
    sources: tuple[Source, ...] = ()
    origin: str = ""


@dataclass(frozen=True, slots=True)
class GlossaryEntry(PickledByFields):
    """A transaction, profile parameter, SAP note or report the fixes refer to."""

    id: str
    kind: str
    title: str
    text: str = ""
    aliases: tuple[str, ...] = ()
    # Names the term explains that other software also uses in a sense of its own (Node's
    # "getaddrinfo ENOTFOUND", the operating system's "Connection refused"): alone they do
    # not name the term; the router offers it only beside one of the term's own words.
    shared_aliases: tuple[str, ...] = ()
    sap_wording: str = "own_words"
    sources: tuple[Source, ...] = ()
    origin: str = ""
    # Where an entry is the home of another kind of failure's fix (`Scope.pointer`), the one
    # thing to do first there, in our own words from the entry's text: the answer's next step.
    next_step: str = ""
