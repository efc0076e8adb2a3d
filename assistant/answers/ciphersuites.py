"""The answer section for an `ssl/ciphersuites` / `ssl/client_ciphersuites` value in a question.

"what does ssl/client_ciphersuites 918 mean", "ssl/ciphersuites = 135:PFS:HIGH::…": the
router finds the parameter and its value (`entities.parameter_values`), the decoder says
what is known (`tlsparams.ciphersuites`), and this module writes it down — the number as
its sum of bits, the documented value with its purpose, caveat and sources, each bit
with how sure that meaning is (confirmed / inferred / not publicly documented), and the
cipher string. The value is the user's text: shown as code, never as Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answers.document import Section
from assistant.textsafe import escape_markdown, md_code
from assistant.tlsparams.ciphersuites import (
    DEFAULT_STRING,
    Decoded,
    decode,
    sum_text,
)
from assistant.tlsparams.sources import urls

MAX_VALUES = 3  # a question names one value, a pasted profile a few
_STATUS = {"confirmed": "confirmed", "inferred": "inferred (no source states it)", "unknown": "unknown"}


def value_sections(parameter_values: Sequence[tuple[str, str]]) -> list[Section]:
    """One section per distinct (parameter, value) the text names (at most MAX_VALUES)."""
    out: list[Section] = []
    for parameter, value in list(dict.fromkeys(parameter_values))[:MAX_VALUES]:
        decoded = decode(value, parameter)
        shown = decoded.parameter or parameter
        out.append(Section(f"value:{shown}={value}", f"What {shown} = {_plain(value)} means",
                           value_markdown(decoded)))
    return out


def value_markdown_block(parameter_values: Sequence[tuple[str, str]], *, level: int = 3) -> str:
    """The sections as Markdown under headings of `level`, for a builder that returns a string."""
    marks = "#" * level
    return "\n\n".join(f"{marks} {s.title}\n\n{s.markdown}" for s in value_sections(parameter_values))


def _plain(value: str) -> str:
    """The value for a heading: only the characters a cipher-suite value uses."""
    return "".join(ch if ch.isalnum() or ch in ":+!-._" else "?" for ch in value[:60])


def value_markdown(d: Decoded) -> str:
    """What is known about one decoded value, as Markdown."""
    parts = [_number_line(d)]
    parts += [f"- ⚠ {escape_markdown(p)}" for p in d.problems]
    if d.documented is not None:
        parts.append(f"- **Documented value:** {d.documented.purpose}.")
        if d.documented.caveat:
            parts.append(f"- **Careful:** {d.documented.caveat}.")
        if d.documented.observed:
            parts.append(f"- **Seen in practice:** {d.documented.observed}.")
    elif d.nearest is not None:
        parts.append(f"- **Not a documented value.** {_nearest_text(d)}")
    elif d.number is not None:
        parts.append("- **Not a documented value**, and not close to one: compare it with SAP Note "
                     "510007's current recommendation for this parameter.")
    parts += [f"- Note: {n}" for n in d.notes]
    if d.bits:
        parts += ["", "| Bit | What it does | How sure | In the documented values |", "|---|---|---|---|"]
        parts += [f"| {b.value} | {escape_markdown(b.meaning)} | {_STATUS[b.status]} | {_seen(b.seen_in)} |"
                  for b in d.bits]
    parts += _cipher_lines(d)
    parts.append("")
    parameter = d.parameter or "ssl/ciphersuites"
    parts.append(f"Only bit 1 has a publicly confirmed meaning; the documented values are exact. To see "
                 f"what a value really does, read `dev_icm`: `[dpf] {parameter}=…` at start, and per "
                 "handshake the cipher suites with the protocol versions offered (`pvflags=… (TLSv1.2,…)`).")
    parts.append("")
    parts.append("Sources: " + ", ".join(_sources(d)))
    return "\n".join(parts)


def _number_line(d: Decoded) -> str:
    if d.number is None:
        if d.default:
            return f"- No value: the default `{DEFAULT_STRING}` applies (no option bits)."
        return f"- No leading number: {md_code(d.cipher.text)} is a cipher string alone, without option bits."
    if d.number == 0:
        return "- **0**: no option bit set."
    return (f"- **{sum_text(d.number)}** — a sum of option bits (protocol versions and options), "
            "not a version number.")


def _nearest_text(d: Decoded) -> str:
    assert d.nearest is not None
    near = d.nearest
    change = [f"plus bit {b}" for b in near.added] + [f"minus bit {b}" for b in near.removed]
    return (f"It is {near.documented.value} {' and '.join(change)}; {near.documented.value} is "
            f"{near.documented.purpose}.")


def _seen(seen_in: tuple[int, ...]) -> str:
    return ", ".join(str(v) for v in seen_in) if seen_in else "none"


def _cipher_lines(d: Decoded) -> list[str]:
    c = d.cipher
    if not c.text:
        return []
    out = ["", f"Cipher string {md_code(c.text)}:"]
    if c.selection:
        out.append(f"- suite selection {md_code(':'.join(c.selection))}"
                   + (" — `PFS` selects forward-secret (ECDHE) suites, available from CommonCryptoLib 8.4.38"
                      if c.pfs else ""))
    if c.groups:
        out.append(f"- after `::`, the elliptic-curve groups offered: {md_code(':'.join(c.groups))}")
    if c.text == DEFAULT_STRING:
        out.append("- this is the parameters' default")
    return out


def _sources(d: Decoded) -> list[str]:
    keys: list[str] = ["SAST"]
    if d.documented is not None:
        keys += d.documented.sources
    if d.nearest is not None:
        keys += d.nearest.documented.sources
    for b in d.bits:
        keys += b.sources
    if d.cipher.pfs:
        keys.append("PFS")
    return urls(tuple(keys))
