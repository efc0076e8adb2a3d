"""Certificate files and a server's chain as Markdown, the same for every front end.

`sapassist cert` renders it for a terminal or a pipe; the chat's `/cert` shows it as it
is. What an admin compares in STRUST comes first for each certificate: subject, issuer,
validity, SAN, key, signature, SHA-256 fingerprint, CA or not — in one layout
(`certificate_markdown`) that a live check's chain uses too. Certificate text is
untrusted: every piece of it goes in as inline code (`md_code`), so markup and escape
sequences in a subject show literally.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from assistant.diagnostics.causes import TRUST_PSE
from assistant.textsafe import escape_markdown, md_code
from assistant.wording import plural

if TYPE_CHECKING:
    from assistant.diagnostics.certfiles import LoadedFile
    from assistant.diagnostics.model import CertInfo
    from assistant.diagnostics.serverchain import ServerChain, TrustAnswer

_VALIDITY = {
    "valid": "valid, expires in {n}",
    "expired": "**EXPIRED** {n} ago",
    "not_yet_valid": "**NOT YET VALID** (starts in {n})",
}


def certificate_file_markdown(loaded: LoadedFile, now: _dt.datetime | None = None) -> str:
    """One file: its format, whether its private key fits, its notes, every certificate."""
    from assistant.diagnostics.certinfo import cert_info

    when = now or _dt.datetime.now(_dt.UTC)
    count = len(loaded.certificates)
    blocks = "certificate block" if loaded.unreadable == 1 else "certificate blocks"
    broken = (f", **{loaded.unreadable} {blocks} that cannot be read** (see the notes)"
              if loaded.unreadable else "")
    parts = [f"## Certificate file {md_code(loaded.path)}\n\n"
             f"{escape_markdown(loaded.format)}, {plural(count, 'certificate')}{broken}{_key_note(loaded)}."]
    parts += [f"*Note:* {escape_markdown(note)}" for note in loaded.notes]
    parts += [certificate_markdown(n, cert_info(cert), when, heading="###")
              for n, cert in enumerate(loaded.certificates, 1)]
    return "\n\n".join(parts)


def _key_note(loaded: LoadedFile) -> str:
    if not loaded.has_private_key:
        return ""
    if loaded.key_matches:
        return f"; the private key belongs to certificate {(loaded.key_certificate or 0) + 1}"
    if loaded.key_matches is False:
        return "; the private key does **not** match any certificate"
    return "; a private key (not checked)"


def validity_text(info: CertInfo, now: _dt.datetime) -> str:
    """"valid, expires in 29 days" / "EXPIRED 3 days ago", from the ISO dates of `info`."""
    try:
        start = _dt.datetime.fromisoformat(info.not_before.replace("Z", "+00:00"))
        end = _dt.datetime.fromisoformat(info.not_after.replace("Z", "+00:00"))
    except ValueError:
        return "validity not readable"
    if now < start:
        state, days = "not_yet_valid", (start - now).days
    elif now > end:
        state, days = "expired", (now - end).days
    else:
        state, days = "valid", (end - now).days
    return _VALIDITY[state].format(n=plural(days, "day"))


def _names_text(info: CertInfo) -> str:
    """The SAN entries, or why they cannot be read ("none" would be a misreading)."""
    if info.extensions_error:
        return ("cannot be read: its extensions are not strictly encoded (" + escape_markdown(info.extensions_error)
                + "); CA flag and key usage not read either")
    return ", ".join(md_code(s) for s in info.san) or "none"


def certificate_markdown(n: int, info: CertInfo, now: _dt.datetime, *, heading: str = "####") -> str:
    """The one layout of a certificate, for `/cert`, `sapassist cert` and a check's chain:
    what an admin compares in STRUST, in STRUST's order."""
    ca = "yes" if info.is_ca else "no"
    if info.self_signed:
        ca += " (self-signed root)" if info.is_ca else " (self-signed)"
    lines = [
        f"{heading} Certificate {n}",
        "",
        f"- **Subject:** {md_code(info.subject)}",
        f"- **Issuer:** {md_code(info.issuer)}",
        f"- **Valid:** {md_code(info.not_before)} → {md_code(info.not_after)} ({validity_text(info, now)})",
        "- **Subject alternative names:** " + _names_text(info),
        f"- **Key:** {md_code(info.key)} · **Signature:** {md_code(info.signature_algorithm)}",
        f"- **SHA-256 fingerprint:** {md_code(info.fingerprint_sha256)}",
        f"- **Serial:** {md_code(info.serial)}",
        f"- **CA certificate:** {ca}",
    ]
    if info.aia_ca_issuers:
        lines.append("- **Issuer download (AIA):** " + ", ".join(md_code(u) for u in info.aia_ca_issuers))
    lines += [f"- **Warning:** {escape_markdown(w)}" for w in info.warnings]
    return "\n".join(lines)


def issuer_markdown(chain: ServerChain, answer: TrustAnswer) -> str:
    """`--issuer-of`: the chain the server sends and whether the files' certificates,
    imported into the SSL client PSE, would make it trusted."""
    from assistant.diagnostics.certinfo import issuer_str, subject_str

    sent = "\n".join(f"{i}. {md_code(subject_str(cert))} — issued by {md_code(issuer_str(cert))}"
                     for i, cert in enumerate(chain.certificates, 1))
    head = (f"## Server {md_code(chain.target)}\n\n"
            f"It sends {plural(len(chain.certificates), 'certificate')} ({escape_markdown(chain.note)}):\n\n{sent}")
    return f"{head}\n\n{_issuer_verdict(chain, answer)}"


def _issuer_verdict(chain: ServerChain, answer: TrustAnswer) -> str:
    from assistant.diagnostics.certinfo import fingerprint_sha256, issuer_str

    analysis = answer.analysis
    if answer.found and analysis.anchor is not None:
        anchor, leaf = analysis.anchor, chain.certificates[0]
        if anchor.fingerprint_sha256 == fingerprint_sha256(leaf):
            what = "the server certificate itself"
        elif anchor.subject == issuer_str(leaf):
            what = "the issuer of the server certificate"
        else:
            what = "an issuer in the server's chain"
        return (f"**Yes:** {md_code(answer.source or '?')} holds {md_code(anchor.subject)}, {what}. "
                f"Importing it into the {TRUST_PSE} in STRUST makes this chain trusted.")
    # Not "none of the files is an issuer": a file may hold the root while the server
    # does not send the intermediate that leads to it.
    tail = ""
    if analysis.missing_issuer:
        tail = (f" The chain needs {md_code(analysis.missing_issuer)}, which neither the server "
                "sends nor the files hold.")
    elif analysis.to_import:
        tail = f" The chain ends at {md_code(analysis.to_import[0].subject)}, which no file holds."
    if analysis.aia_url:
        tail += f" (caIssuers URL: {md_code(analysis.aia_url)})"
    return f"**No:** with these files the server's chain is still not trusted.{tail}"
