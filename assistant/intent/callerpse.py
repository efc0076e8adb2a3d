"""The SSL client PSE a caller is known to use, and an import said done into that very PSE.

"abapGit … we already imported the root CA into SSL client anonymous": abapGit and its SSL
test report create their client with SSL id ANONYM (docs.abapgit.org, SSL test; abapGit
issue 6768; the base's glossary entry PSE_ANONYM). An import into ANONYM went into the PSE
the call uses, so "the certificate went into another PSE than the call uses" is ruled out
there — leading with "find the PSE the call uses" hands back what the admin just answered.

Structural: the caller is one the base documents with its PSE, the PSE is named by the
names STRUST gives it (its id, its node title, its file), and the statement is importdone's.
A caller whose PSE the text does not show (an SM59 destination: its own setting) rules out
no other PSE; but an import said done into a named PSE says that PSE exists, whoever calls:
"the SSL client PSE is missing" is met there only by the PSE's name (its signs name ANONYM,
SAPSSLA.pse), which is no sign that a PSE is missing — unless the text shows one of the
cause's own signs of a missing PSE besides ("PSE not found", SSSLERR_CRED_NOT_FOUND).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.intent.importdone import says_import_done
from assistant.intent.resolution import without_resolutions
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.intent.subject import Subject
    from assistant.kb.knowledge_base import KnowledgeBase

OTHER_PSE_CAUSE = "wrong_client_pse_selected"
# Certificates went into the PSE, so it exists: "the SSL client PSE is missing" is no cause
# then (its signs are the PSE's names, so naming where the import went had made it lead).
PSE_MISSING_CAUSE = "client_pse_missing"
ANONYM = "ANONYM"
DFAULT = "DFAULT"
# Callers that always use one SSL client PSE (no destination picks another): abapGit and its
# reports (ZABAPGIT, ZABAPGIT_TEST_SSL) use SSL id ANONYM.
_CALLERS = (
    (LazyPattern(r"\babapgit\b|\bZABAPGIT\w*", re.IGNORECASE, literals=("abapgit",)), ANONYM),
)
# The names STRUST gives each SSL client PSE: its SSL id, its node title, its file.
_PSE_NAMES = (
    (LazyPattern(r"\bANONYM\b|\bSSL\s+client\s+anonym(?:ous)?\b|\bSAPSSLA(?:\.pse)?\b", re.IGNORECASE,
                 literals=("anonym", "sapssla")), ANONYM),
    (LazyPattern(r"\bDFAULT\b|\bSSL\s+client\s+standard\b|\bSAPSSLC(?:\.pse)?\b", re.IGNORECASE,
                 literals=("dfault", "standard", "sapsslc")), DFAULT),
)


# The destination's own setting read out: "SM59 says ANONYM", "the destination uses SSL client
# standard", "SSL client certificate: DFAULT" — the answer to the step "find the PSE the call
# really uses" (SM59 → destination → Logon & Security → SSL client certificate), which the
# base's wrong_client_pse_selected fix gives.
_SETTING = r"\b(?:SM59|destination|SSL\s+client\s+certificate|SSL\s+certificate)\b"
_READS = r"(?:says|shows|uses|is|is\s+set\s+to|set\s+to|=|:)"
_DESTINATION_PSE = tuple(
    (LazyPattern(rf"{_SETTING}[^.;!?\n]{{0,30}}?\s*{_READS}\s*(?:the\s+)?(?:{names})\b", re.IGNORECASE,
                 literals=("sm59", "destination", "certificate")), pse)
    for names, pse in ((r"ANONYM|SSL\s+client\s+anonym(?:ous)?|SAPSSLA", ANONYM),
                       (r"DFAULT|SSL\s+client\s+standard|SAPSSLC", DFAULT)))
# An import whose object is the thing just named: "imported it", "imported there too", "added
# them there" — with a PSE named in the same turn, an import into that PSE.
_PLACE_PRONOUN = LazyPattern(r"\b(imported|added|uploaded|installed)\s+(?:(?:it|them|this|that)\s+)?(?=there\b)",
                             re.IGNORECASE, literals=("imported", "added", "uploaded", "installed"))


def known_pse(text: str) -> str:
    """The SSL id of the PSE the call is known to use, or "" for none known: the one the caller
    the text names always uses, or the one the text reads out of the destination's setting."""
    return next((pse for pattern, pse in (*_CALLERS, *_DESTINATION_PSE) if pattern.search(text)), "")


def setting_not_asked(subject: Subject | None, text: str) -> Subject | None:
    """None when `subject` (a follow-up's) is only the PSE the text reads out of the destination
    ("SM59 says ANONYM") in a turn that asks nothing: the answer to the PSE step, not a
    question about that PSE; else `subject`."""
    read = next((pse for pattern, pse in _DESTINATION_PSE if pattern.search(text)), "")
    if subject is not None and read and subject.terms == (f"PSE_{read}",) and "?" not in text:
        return None
    return subject


def imported_into(text: str) -> str:
    """The one SSL client PSE an import said done names, or "" (none, or several named)."""
    said = _PLACE_PRONOUN.sub(r"\1 the certificates ", without_resolutions(text))
    if not says_import_done(said):
        return ""
    named = {pse for pattern, pse in _PSE_NAMES if pattern.search(text)}
    return named.pop() if len(named) == 1 else ""


def ruled_out_by_the_pse(text: str, pse_in_use: str, kb: KnowledgeBase) -> frozenset[str]:
    """{the other-PSE cause, the PSE-missing cause} when `text` says the import went into
    `pse_in_use`; the PSE-missing cause alone when it went into a named PSE, no caller's PSE
    is known and the text shows no sign of a missing PSE but the PSE's names (module docstring); else none."""
    into = imported_into(text)
    if pse_in_use and into == pse_in_use:
        return frozenset({OTHER_PSE_CAUSE, PSE_MISSING_CAUSE})
    if into and not pse_in_use and not _shows_a_missing_pse(text, kb):
        return frozenset({PSE_MISSING_CAUSE})
    return frozenset()


def import_stated(text: str, pse_in_use: str, kb: KnowledgeBase) -> bool:
    """The text says the CA certificates were imported: into the PSE the call uses ("SM59 says
    ANONYM. imported there too") or in importdone's words."""
    return bool(ruled_out_by_the_pse(text, pse_in_use, kb)) or says_import_done(without_resolutions(text))


def _shows_a_missing_pse(text: str, kb: KnowledgeBase) -> bool:
    """The text holds a sign or code of the PSE-missing cause that is not a PSE's name."""
    cause = kb.causes.get(PSE_MISSING_CAUSE)
    if cause is None:
        return False
    flat = " ".join(text.lower().split())
    own = [s for s in (*cause.signs, *cause.codes) if not any(p.search(s) for p, _ in _PSE_NAMES)]
    return any(" ".join(s.lower().split()) in flat for s in own if s.strip())
