"""The router's first stage: the text as the later stages read it.

Entities (ids, codes, numbers, hosts), unique code prefixes completed, the words with
typos corrected and German domain words rendered in English, each word's weight, and
the text the intent cues look at. Pure, like the router.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from assistant.intent.abapsetting import without_release_statements
from assistant.intent.calledname import without_called_names
from assistant.intent.cleantext import clean
from assistant.intent.courtesy import without_courtesy
from assistant.intent.entities import MAX_PER_KIND, extract_entities
from assistant.intent.entitytypes import Entities
from assistant.intent.fuzzy import (
    CORRECTED_FACTOR,
    content_words,
    correct_words,
    normalize,
    stem,
    word_weight,
)
from assistant.intent.german import english
from assistant.intent.glossaryterms import glossary_terms
from assistant.intent.hosts import without_url_paths, without_urls
from assistant.intent.hyphenation import without_line_end_hyphens
from assistant.intent.ignorance import without_ignorance
from assistant.intent.kbindex import RouterIndex
from assistant.intent.landscapeline import without_landscape_sentences
from assistant.intent.limitclauses import without_stated_limits
from assistant.intent.logtimes import without_timestamps
from assistant.intent.mailheader import without_mail_headers
from assistant.intent.plainwords import english as plain_english
from assistant.intent.proxies import without_service_proxies
from assistant.intent.quotedreply import without_quoted_questions
from assistant.intent.romance import english as romance_english
from assistant.intent.routinelog import without_routine_log_lines
from assistant.intent.scopecues import cue_words, without_soft_wraps
from assistant.intent.screens import (
    without_message_documentation,
    without_program_source,
    without_table_frames,
)
from assistant.intent.signs import SignTables, tables_for
from assistant.intent.swappedwords import with_swapped_words_retyped
from assistant.intent.textbounds import bounded
from assistant.intent.tlsalerts import with_alert_names
from assistant.intent.typednegations import Retyped, retyped_negations
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.lazyre import LazyPattern

WHERE_FACTOR = 0.1  # a transaction named as the place of the error ("in SM59")
MIN_PREFIX = 6  # shortest partial code name that is completed ("SSSLERR_PEER")

# Starts only where a word starts: without the look-behind, a long run of letters
# without "_" (a 200 KB paste of one "word") is re-scanned from each of its letters.
_IDENTIFIER = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]*_[A-Za-z0-9_]*")


class ParsedText(NamedTuple):
    """One turn's text, read once for every later stage.

    The router's stage records are NamedTuples, not dataclasses: defining a dataclass
    costs about ten times as much at import, and `ask --json` imports them all."""

    raw: str  # cleaned and bounded, as written, minus a dump's source extract and table frames
    entities: Entities
    resolved: list[tuple[str, str]]  # (as written, taken as) for completed code prefixes
    normalized: str  # lower-cased words, typos corrected, German rendered after a line break
    cue_text: str  # what the intent cues look at: as written, and as corrected
    n_words: int
    weights: dict[str, float]  # stem -> how much the word says
    stems: set[str]  # the weighed stems
    corrected: frozenset[str]  # stems that are only there as a typo's correction
    tables: SignTables
    typed_edits: tuple[tuple[int, int, str], ...] = ()  # negations retyped in `raw`: Retyped.edits
    glossary_in_report: tuple[str, ...] = ()  # entities.glossary less the terms named only in a release line

    def as_typed(self, start: int, end: int) -> str:
        """The span `start`:`end` of `raw` as the user typed it (negations as written)."""
        return Retyped(self.raw, self.typed_edits).as_typed(start, end)


def clean_text(text: object) -> str:
    """The text the router works on: control characters cleaned, length bounded."""
    return clean(bounded(text if isinstance(text, str) else str(text)))


def parse_text(raw_text: str, kb: KnowledgeBase, index: RouterIndex) -> ParsedText:
    """Read a non-empty cleaned text (see `clean_text`)."""
    # A short dump's source extract is the program, not the report: its numbers and
    # words are read by no later stage (scope cues included, which look at `raw`); a
    # copied table is read as its fields, without the frame.
    raw_text = without_table_frames(without_program_source(without_message_documentation(raw_text)))
    raw_text = without_quoted_questions(raw_text)  # "> Did you check STRUST?": someone else's guess
    raw_text = without_mail_headers(raw_text)  # "From: … To: Basis Team": people, not the call
    raw_text = with_swapped_words_retyped(raw_text)  # "teh", "nto": the common words meant
    raw_text = without_soft_wraps(raw_text)  # "unable\nto find…": one sentence (measured before hyphens join lines)
    raw_text = without_line_end_hyphens(raw_text)  # a PDF's "certifi-\ncate": the word
    raw_text = with_escaped_breaks_apart(raw_text)
    # "dont", "doesn’t", "does'nt", "geht net": every reader meets the one spelling it matches;
    # the last rewrite of the text, so its edits give a span back as typed (typednegations.py).
    retyped = retyped_negations(raw_text)
    raw_text = retyped.text
    # A URL's path and query name a resource ("…/oauth2/token/unauthorized"): no sign, cue
    # or status phrase is read from them; the server's name stays (`….cloudfront.net`).
    named_text = without_url_paths(raw_text)
    words_text = with_alert_names(without_service_proxies(named_text))  # 'HandshakeFailure' is handshake_failure
    normalized = original = normalize(words_text)
    entities = extract_entities(raw_text, kb, index, original if words_text is named_text else None)
    # A release named in a sentence of no call ("CommonCryptoLib 8.5.50" on the environment's
    # line: abapsetting.py) is no sign or title of a cause, nor a term of the base that makes
    # the text about a connection; the entities keep it (the answer may explain the term).
    # A log's timestamps ("10:15:02,503") are no statuses for the signs either.
    glossary_in_report = entities.glossary
    # A limit stated ("no access to the OS") is no evidence: no sign, term or keyword is read from it.
    if (limited := without_stated_limits(words_text, kb)) is not words_text:
        normalized, words_text = normalize(limited), limited
    lowered = without_timestamps(words_text.lower())
    if (unreleased := without_release_statements(lowered)) != lowered:
        glossary_in_report = tuple(glossary_terms(unreleased, normalize(unreleased), index, kb, MAX_PER_KIND)[2])
    if unreleased != words_text.lower():
        normalized = normalize(unreleased)
    entities, resolved = _complete_prefixes(entities, index)
    # Words of the ids themselves ("ICM_HTTP_SSL_ERROR" -> ssl, error) would count twice,
    # and the name of an action that was run ("Connection Test") is no evidence: keywords
    # come from the rest of the text (the intent cues still see it all), and so do the
    # words of a URL ("https://idp.example.org/saml2/sso"): a name, not a statement.
    # Greetings, thanks, sign-offs and pleas ("please help!", "Regards, Priya") say nothing of
    # the failure: no keyword is read from them (courtesy.py).
    # … nor from a release named in a sentence of no call ("We are on S/4HANA 2021 FPS02": abapsetting.py).
    # … nor from the called server's name ("calling the .NET service API": where, not what failed;
    # calledname.py) — its signs still count ("a CloudFront endpoint" needs SNI).
    plain = _plain_words(words_text, index)
    tokens = content_words(normalize(_without_ids(_without_action_names(plain))))
    # "Zertifikat abgelaufen", "certificado no confiable", "the call hangs" meet the signs in English
    # (read with a web-service, reverse or called proxy made one token, as the words are: "zum
    # Kafka REST Proxy-Endpunkt" names the server called, no forward proxy)
    foreign = without_ignorance(without_service_proxies(raw_text))
    translated = " ".join(filter(None, (english(foreign), romance_english(foreign), plain_english(foreign))))
    if translated:
        tokens += content_words(normalize(translated))
    fixes = _not_in_names(correct_words(tokens, index.vocabulary, index.vocabulary_list, cue_words()), raw_text)
    tables = tables_for(kb, index)
    weights = _stem_weights(tokens, fixes, tables.where_words)
    if fixes:
        normalized = normalize(" ".join(fixes.get(w, w) for w in normalized.split()))
        entities = replace(entities, corrections=tuple(sorted(fixes.items())))
    if translated:
        # A line break keeps phrases from forming across the two parts.
        normalized = normalized + "\n" + normalize(translated)
    # Intent cues look at the words as written and as corrected ("difference" must not
    # lose its meaning because the fuzzy step mapped it to a knowledge-base word).
    cue_text = original if original == normalized else original + normalized
    return ParsedText(
        raw=raw_text,
        entities=entities,
        resolved=resolved,
        normalized=normalized,
        cue_text=cue_text,
        n_words=len(original.split()),
        weights=weights,
        stems=set(weights),
        corrected=frozenset(stem(c) for c in fixes.values()) - {stem(t) for t in tokens if t not in fixes},
        tables=tables,
        typed_edits=retyped.edits,
        glossary_in_report=glossary_in_report,
    )


def _plain_words(words_text: str, index: RouterIndex) -> str:
    """The text keywords are read from (parse_text says why each part is left out): also
    without a log's routine lines ("INFO [main] Loading configuration": routinelog.py) and
    the sentences that only describe the landscape ("each system on its own host": landscapeline.py)."""
    read = without_landscape_sentences(without_routine_log_lines(words_text))
    read = without_called_names(without_ignorance(read), _sign_word(index))
    return without_release_statements(without_courtesy(without_urls(read)).lower())


# SM59's "Connection Test" (and "test the connection") names the action that was run, not a
# failed connection: its words must not count as evidence of a connection problem.
_ACTION_NAME = LazyPattern(
    r"\b(?:connection[ -]tests?|test(?:ing|ed)?(?: the| a)? connections?)\b", re.IGNORECASE, literals=("connection",)
)


def _without_action_names(text: str) -> str:
    """The text with an action's name made one token that no cause or message knows."""
    if "onnect" not in text:
        return text
    return _ACTION_NAME.sub("connectiontest", text)


def _without_ids(text: str) -> str:
    """The text minus identifier-like tokens (ICM_…, SSSLERR_…, cause ids)."""
    return _IDENTIFIER.sub(" ", text) if "_" in text else text


def _stem_weights(
    tokens: list[str], fixes: dict[str, str], where_words: frozenset[str]
) -> dict[str, float]:
    """Stem -> weight: a typo-corrected word is a guess, an ordinary word or a transaction
    name ("in SM59") says little about the cause."""
    out: dict[str, float] = {}
    for token in dict.fromkeys(tokens):  # a word said twice weighs as once
        corrected = fixes.get(token)
        s = stem(corrected or token)
        w = WHERE_FACTOR if (corrected or token) in where_words else word_weight(s)
        w *= CORRECTED_FACTOR if corrected else 1.0
        out[s] = max(out.get(s, 0.0), w)
    return out


def _complete_prefixes(
    entities: Entities, index: RouterIndex
) -> tuple[Entities, list[tuple[str, str]]]:
    """A unique prefix of a known code or ICM constant ("SSSLERR_PEER") is taken as it."""
    if not entities.unknown_codes:
        return entities, []
    codes, constants, message_ids = list(entities.codes), list(entities.icm_constants), list(entities.message_ids)
    unknown: list[str] = []
    resolved: list[tuple[str, str]] = []
    for name in entities.unknown_codes:
        upper = name.upper()
        targets: set[tuple[str, str]] = set()
        if len(upper) >= MIN_PREFIX:
            targets |= {("code", cid) for key, cid in index.codes.items() if key.startswith(upper)}
            targets |= {("constant", c) for c in index.constant_names if c.startswith(upper)}
        if len(targets) != 1:
            unknown.append(name)
            continue
        kind, target = targets.pop()
        resolved.append((name, target))
        if kind == "code" and target not in codes:
            codes.append(target)
        elif kind == "constant" and target not in constants:
            constants.append(target)
            message_ids.append(index.constants[target])
    entities = replace(
        entities,
        codes=tuple(codes),
        icm_constants=tuple(constants),
        message_ids=tuple(dict.fromkeys(message_ids)),
        unknown_codes=tuple(unknown),
    )
    return entities, resolved


# A URL, a path or a dotted name is a name as a whole: its pieces ("cp-sapcp-getstarted.html",
# "com.sap.scc.servlets.SccHandshakeException", "jco.client.wshost") are no words.
_URL_OR_PATH = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|\S*/\S*|\S*[a-z0-9]\.[a-z]\S*", re.IGNORECASE)


def _sign_word(index: RouterIndex) -> Callable[[str], bool]:
    """Whether a word is a one-word sign of the base ("CloudFront", "ADFS"), as written."""
    return lambda word: any(sign.text.strip() == normalize(word).strip() for sign in index.signs)


def _written_as_a_name(word: str) -> bool:
    """In capitals ("ZGITHUB") or with a capital inside ("NameID", "customCA", "XSEngine",
    "SUser", "nRELEASE" after an escaped line break): an identifier's spelling, not a word's."""
    return word.isupper() or any(c.isupper() for c in word[1:])


# A line break escaped as JSON and logs write it ("…failed\\nSSL handshake …"), before a word
# that starts a line: "\\n" glues the two words ("failednSSL" read as one), so a space goes
# after it. A lower-case letter after it may be a Windows path ("C:\\usr\\sap\\nsp"): left as is.
_ESCAPED_BREAK = LazyPattern(r"\\[nrt](?=[A-Z])", literals=("\\n", "\\r", "\\t"))


def with_escaped_breaks_apart(text: str) -> str:
    """`text` with a space after each escaped line break (or tab) that glues two words; the
    characters written stay as they were."""
    return _ESCAPED_BREAK.sub(lambda m: m.group(0) + " ", text)


_WORD_AROUND = LazyPattern(r"[A-Za-z]+")


def _capitalised_in_prose(text: str, start: int, end: int) -> bool:
    """A capitalised word inside a sentence, between words that are not capitalised, or in
    quotes ("calls the Nothwind service", "destination": "Nothwind"): a name the dictionary
    lacks, not a typo. At a sentence's start or in a Title Case phrase ("SSL Certficate
    Error") a capital says nothing."""
    if not text[start].isupper():
        return False
    before = text[:start].rstrip(" \t")
    if before[-1:] in ('"', "'", "`"):
        return True
    if not before or before[-1] in ".!?:;\n":
        return False
    words_before = _WORD_AROUND.findall(before[-40:])
    words_after = _WORD_AROUND.findall(text[end:end + 40])
    return not any(w[0].isupper() and not w.isupper() for w in (words_before[-1:] + words_after[:1]))


def _not_in_names(fixes: dict[str, str], raw_text: str) -> dict[str, str]:
    """Drop the corrections of words the text writes only as names: in capitals or with a
    capital inside — an identifier, a destination, report or customer object ("ZGITHUB",
    "MyDestination", "ConnectionID") —, capitalised inside a sentence or quoted ("the
    Nothwind service"), or only inside a URL, path or dotted name
    ("…/cp-sapcp-getstarted.html", "com.sap.scc.servlets…"): not typos of a word of the base
    (issue 8: code-like tokens are never corrected into words)."""
    if not fixes:
        return fixes
    alternatives = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in fixes)})\b", re.IGNORECASE)
    seen: dict[str, set[bool]] = {}  # per word: written as a name? (in prose, outside URLs)
    prose = _URL_OR_PATH.sub(" ", raw_text)
    for m in alternatives.finditer(prose):
        named = _written_as_a_name(m.group(0)) or _capitalised_in_prose(prose, m.start(), m.end())
        seen.setdefault(m.group(0).lower(), set()).add(named)
    in_names = {m.group(0).lower() for m in alternatives.finditer(raw_text)} - set(seen)
    return {w: fix for w, fix in fixes.items() if seen.get(w) != {True} and w not in in_names}
