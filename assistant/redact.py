"""Passwords: found and masked in what people type, scrubbed from what servers send back.

One parser for every front end (the command line, the chat's prompt, history, transcript
and `/export`), because a password hides in many spellings and each ad-hoc pattern
missed some (`alice:'pw with space'` came out as `alice:***'pw with space'`):

- `find_passwords(text)` reads the text the way a shell reads a command line — quotes,
  backslash escapes, `--opt=value` — and returns where each password *value* sits:
  `--proxy-user USER:PASSWORD` in every quoting (also argparse's abbreviations such as
  `--proxy-u`), `--password X` style options, `user:password@` in URLs (the password
  may hold `@` and `:`; spaces when the URL is quoted), a URL's secret query parameters
  (`?sap-password=…`, `&access_token=…`), environment assignments
  (`SAPASSIST_PROXY_PASSWORD=…`, `export TOKEN="…"`) and session cookies (`MYSAPSSO2=…`),
  the key tools' one-dash options (`-passin pass:…`, `-storepass …`), an HTTP
  authorization header's credentials (`Proxy-Authorization: Basic …`, quoted or not) and
  `password: …` phrases.
  Unbalanced quotes (an apostrophe in prose) are read as plain characters. In unquoted
  prose a password ends at the first blank.
- `mask_secrets(text)` replaces each with `MASK`; the rest of the text stays as typed.
  `mask_said(text)` adds a password written in prose ("Passwort ist …"): it is the masking
  for every text said back or saved — a user's turn, a pasted screen's quoted field, a
  stated fix.
  It is idempotent, and a masked command parses again with `MASK` as its password —
  which `is_masked` recognises, so a replayed command asks for the password instead of
  sending `***`.
- `Scrubber(secrets)` removes every given secret — whatever its length — from text a
  server sent, with the forms it can take there (`USER:PASSWORD`, its base64 in a
  Basic header, percent-encoded). `scrubbing(scrubber)` makes it the one that
  `untrusted(text)` applies while a check runs, so the places where server text enters
  (HTTP heads, certificate names) scrub it without threading a parameter through every
  step: a check runs in one thread, and a context variable is per thread.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from assistant.lazyre import LazyPattern
from assistant.prosesecrets import masked_in_prose

MASK = "***"

# --- reading text like a shell --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # in the text
    end: int
    value: str  # after quotes and escapes
    positions: tuple[int, ...]  # where each character of `value` sits in the text


_BLANKS = " \t\r\n"  # shlex's (and a shell's): a no-break space belongs to the word


def _closing(text: str, i: int, quote_char: str) -> int:
    """Index of the quote closing the one at `i`, or -1 (then it is a plain character)."""
    j = i + 1
    while j < len(text):
        ch = text[j]
        if ch == quote_char:
            return j
        if ch == "\\" and quote_char == '"' and j + 1 < len(text):
            j += 2
            continue
        j += 1
    return -1


def tokens(text: str) -> list[Token]:
    """Shell words with their positions, read as `shlex.split` (which the chat's commands
    use) reads them: whitespace separates, '…' and "…" quote, a backslash escapes the next
    character (inside "…" only \\ and "). An unclosed quote is a plain character."""
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in _BLANKS:
            i += 1
        if i >= n:
            break
        start, value, positions = i, [], []
        while i < n and text[i] not in _BLANKS:
            ch = text[i]
            end = _closing(text, i, ch) if ch in "'\"" else -1
            if end >= 0:
                j = i + 1
                while j < end:
                    if ch == '"' and text[j] == "\\" and j + 1 < end and text[j + 1] in '\\"':
                        j += 1
                    value.append(text[j])
                    positions.append(j)
                    j += 1
                i = end + 1
            elif ch == "\\" and i + 1 < n:
                value.append(text[i + 1])
                positions.append(i + 1)
                i += 2
            else:
                value.append(ch)
                positions.append(i)
                i += 1
        out.append(Token(start, i, "".join(value), tuple(positions)))
    return out


# --- where the passwords are -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """A password value: characters `start:end` of the value of token `token`."""

    token: int
    start: int
    end: int
    form: str  # proxy-user | option | url | query | header | assignment | phrase


_PROXY_USER = LazyPattern(r"--proxy-u(?:s(?:e(?:r)?)?)?")  # argparse takes unique prefixes
# `--proxy-password`, and the one-dash options of the key tools: openssl's `-passin`/`-passout`/
# `-pass`, keytool's `-storepass`/`-keypass`.
_PASSWORD_OPTION = LazyPattern(
    r"--?(?:[a-z0-9]+-)*[a-z0-9]*(?:password|passwd|passphrase|pwd|pass|secret|token)(?:in|out)?", re.I)
# What names a secret in `NAME=value`; MYSAPSSO2 (the SAP logon ticket) and session ids are
# cookies that log their holder on.
_SECRET_WORDS = r"PASSWORD|PASSWD|PASSPHRASE|PWD|PASS|SECRET|TOKEN|APIKEY|API_KEY|CREDENTIALS?|SSO2|SESSIONID"
_SECRET_NAME = LazyPattern(rf"(?:[A-Za-z_][A-Za-z0-9_]*?)?(?:{_SECRET_WORDS})[A-Za-z0-9_]*", re.I)
# A URL's query parameter (`?sap-password=…&`, `&access_token=…`, a signed URL's `sig=`).
_QUERY_SECRET = LazyPattern(
    rf"(?<=[?&;])(?:[A-Za-z0-9_.-]*?(?:{_SECRET_WORDS}|API-KEY|SIGNATURE)[A-Za-z0-9_.-]*|SIG)=([^&#;\s]+)", re.I)
# An HTTP authorization header (RFC 9110 11.6.2, 11.7.2): `Authorization: Basic <credentials>`,
# its scheme one of the IANA HTTP Authentication Scheme Registry's (and Microsoft's NTLM).
_AUTH_HEADER = LazyPattern(r"(?:proxy-)?authorization:", re.I)
_SCHEMES = (r"basic|bearer|concealed|digest|dpop|gnap|hoba|mutual|negotiate|ntlm|oauth|privatetoken"
            r"|scram-sha-1|scram-sha-256|vapid")
_AUTH_SCHEME = LazyPattern(_SCHEMES, re.I)
_AUTH_PARAM = LazyPattern(r"[A-Za-z][A-Za-z0-9_-]*=(?=[^=])")  # name "=" (RFC 9110 11.2); "QUJDRA==" is a token68
_AUTH_IN_ONE_WORD = LazyPattern(rf"(?:proxy-)?authorization:\s*(?:(?:{_SCHEMES})\s+)?(?=\S)", re.I)
# A lowercase word where credentials would stand is prose ("the Authorization: Basic header
# is missing"), not credentials, which are base64 or a token.
_PROSE_WORD = LazyPattern(r"[a-z]+[.,;:!?)]*")
_OPENSSL_PASS_SOURCE = ("env:", "file:", "fd:", "stdin")  # names where the password is, not it
_PHRASE = LazyPattern(r"(?:password|passwd|passphrase|pwd|passwort|kennwort)", re.I)
_SCHEME = LazyPattern(r"[A-Za-z][A-Za-z0-9+.-]*://")
_PORT_AND_PATH = LazyPattern(r"\d{1,5}(?:[/?#].*)?", re.S)
_HOST_WITH_PORT = LazyPattern(r"[A-Za-z0-9.-]+:\d{1,5}(?:[/?#].*)?", re.S)
TRIGGERS = ("://", "--p", "--s", "--t", "pass", "pwd", "secret", "token", "key", "credential",
            "kennwort", "authorization", "sso2", "sessionid", "sig=", "sapgenpse")


def _after_colon(value: str, offset: int = 0) -> tuple[int, int] | None:
    colon = value.find(":", offset)
    return (colon + 1, len(value)) if colon >= 0 and colon + 1 < len(value) else None


def _url_passwords(value: str) -> Iterator[tuple[int, int]]:
    """`scheme://user:password@host`: the password runs from the first ':' of the
    userinfo to its last '@' (RFC 3986 puts no '@' in a host)."""
    schemes = [m.end() for m in _SCHEME.finditer(value)]
    for k, begin in enumerate(schemes):
        stop = schemes[k + 1] - 1 if k + 1 < len(schemes) else len(value)
        rest = value[begin:stop]
        at = rest.rfind("@")
        colon = rest.find(":")
        if at < 0 or colon < 0 or colon > at:
            continue
        user = rest[:colon]
        if any(ch in user for ch in "/?#@") or any(ch in _BLANKS for ch in user):
            continue
        password = rest[colon + 1:at]
        looks_like_port_and_path = _PORT_AND_PATH.fullmatch(password) and any(c in password for c in "/?#")
        if not password or (looks_like_port_and_path and not _HOST_WITH_PORT.fullmatch(rest[at + 1:])):
            continue  # host:port/path?q=a@b — a port and a path, not a password (but user:0/@proxy:3128 is one)
        yield begin + colon + 1, begin + at


def _in_token(i: int, value: str) -> Iterator[Found]:
    """Passwords found inside one token's value."""
    for start, end in _url_passwords(value):
        yield Found(i, start, end, "url")
    for m in _QUERY_SECRET.finditer(value):
        yield Found(i, m.start(1), m.end(1), "query")
    header = _AUTH_IN_ONE_WORD.match(value)
    if header is not None and _credentials(value[header.end():]):  # a quoted header: all after its scheme
        yield Found(i, header.end(), len(value), "header")
    name, eq, rest = value.partition("=")
    if eq and _PROXY_USER.fullmatch(name):
        span = _after_colon(value, len(name) + 1)
        if span:
            yield Found(i, *span, "proxy-user")
    elif eq and rest and (_PASSWORD_OPTION.fullmatch(name) or _SECRET_NAME.fullmatch(name)):
        yield Found(i, len(name) + 1, len(value), "assignment")
    else:
        key, colon, secret = value.partition(":")
        if colon and secret and _PHRASE.fullmatch(key):
            yield Found(i, len(key) + 1, len(value), "phrase")


def _after_token(words: list[Token], i: int) -> Iterator[Found]:
    """Passwords in the token after an option or a keyword."""
    value = words[i].value
    following = i + 1 < len(words)
    if following and _PROXY_USER.fullmatch(value):
        given = words[i + 1].value
        span = _after_colon(given)
        # user:password — unless it is a URL whose own password the URL rule masks; a
        # password may hold "://" itself ("u://").
        if span and not ("://" in given and any(_url_passwords(given))):
            yield Found(i + 1, *span, "proxy-user")
    elif following and _PASSWORD_OPTION.fullmatch(value):
        given = words[i + 1].value
        if not given.startswith(_OPENSSL_PASS_SOURCE):
            yield Found(i + 1, 5 if given.startswith("pass:") else 0, len(given), "option")
    elif following and _AUTH_HEADER.fullmatch(value):
        yield from _header_credentials(words, i + 1)
    elif _PHRASE.fullmatch(value.rstrip(":=")) and value[-1:] in (":", "=") and following:
        yield Found(i + 1, 0, len(words[i + 1].value), "phrase")
    elif _PHRASE.fullmatch(value) and i + 2 < len(words) and words[i + 1].value in (":", "="):
        yield Found(i + 2, 0, len(words[i + 2].value), "phrase")


def _credentials(value: str) -> bool:
    """Whether a word where an authorization header's credentials stand is credentials."""
    return not (_PROSE_WORD.fullmatch(value) or _AUTH_SCHEME.fullmatch(value))


def _header_credentials(words: list[Token], i: int) -> Iterator[Found]:
    """The credentials after an authorization header's name, written out in words:
    `Basic <base64>`, `Bearer <token>`, or the credentials alone."""
    at = i + 1 if _AUTH_SCHEME.fullmatch(words[i].value) else i
    if at < len(words) and _AUTH_PARAM.match(words[at].value):
        yield from _auth_params(words, at)  # Digest's `username="…", nonce="…", response="…"`
    elif at < len(words) and _credentials(words[at].value):
        yield Found(at, 0, len(words[at].value), "header")


def _auth_params(words: list[Token], at: int) -> Iterator[Found]:
    """A scheme's auth-params (RFC 9110 11.2: `name=value`, comma-separated, as Digest writes
    its `response` and `cnonce`): every value masked, up to the first word that is none."""
    while at < len(words):
        param = _AUTH_PARAM.match(words[at].value)
        if param is None:
            return
        yield Found(at, param.end(), len(words[at].value), "header")
        at += 1


def _pin_options(words: list[Token]) -> Iterator[Found]:
    """sapgenpse's `-x <PIN>` (the PIN of the PSE it opens), on a command line that runs it."""
    if not any(w.value.lower().rsplit("/", 1)[-1].startswith("sapgenpse") for w in words):
        return
    for i, word in enumerate(words[:-1]):
        if word.value == "-x":
            yield Found(i + 1, 0, len(words[i + 1].value), "option")


_CURL_USER_OPTIONS = frozenset({"-u", "--user", "-U", "--proxy-user"})


def _curl_user_options(words: list[Token]) -> Iterator[Found]:
    """curl's `-u user:password` and `--proxy-user user:password` (split on the first colon,
    curl's manual) on a command line that runs curl: the part after the colon."""
    if not any(w.value.lower().rsplit("/", 1)[-1] in ("curl", "curl.exe") for w in words):
        return
    for i, word in enumerate(words[:-1]):
        value = words[i + 1].value
        if word.value in _CURL_USER_OPTIONS and ":" in value:
            yield Found(i + 1, value.index(":") + 1, len(value), "option")


def find_passwords(text: str) -> tuple[list[Token], list[Found]]:
    """The text's shell words and every password value in them (see the module docstring)."""
    words = tokens(text)
    found: list[Found] = []
    for i, word in enumerate(words):
        found.extend(_in_token(i, word.value))
        found.extend(_after_token(words, i))
    found.extend(_pin_options(words))
    found.extend(_curl_user_options(words))
    return words, [f for f in found if f.end > f.start]


# --- masking ---------------------------------------------------------------------------------

_PLAIN = LazyPattern(r"[A-Za-z0-9_@%+=:,./*\-~^#!?&\[\]{}()<>|;$`]*")


def _quoted(value: str) -> str:
    """`value` as one shell word, quoted only when it must be."""
    if value and _PLAIN.fullmatch(value) and not value.startswith(("~", "#")):
        return value
    return "'" + value.replace("'", "'\\''") + "'"


def _masked_token(text: str, word: Token, spans: list[tuple[int, int]]) -> str:
    """The token's text with its password values masked: spliced into the text as typed
    when each value is a plain run of characters there, else the token re-quoted."""
    pieces, cursor, plain = [], word.start, True
    for start, end in sorted(set(spans)):
        first, last = word.positions[start], word.positions[end - 1]
        before = word.positions[start - 1] + 1 if start else word.start
        if last - first != end - start - 1 or first < cursor or "\\" in text[before:first]:
            plain = False  # escapes or quotes inside the value (or an escape right before it)
            break
        pieces += [text[cursor:first], MASK]
        cursor = last + 1
    if plain:
        return "".join(pieces) + text[cursor:word.end]
    value, out, cursor = word.value, [], 0
    for start, end in _merged(spans):
        out += [value[cursor:start], MASK]
        cursor = end
    return _quoted("".join(out) + value[cursor:])


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _mask_line(line: str) -> str:
    words, found = find_passwords(line)
    if not found:
        return line
    by_token: dict[int, list[tuple[int, int]]] = {}
    for f in found:
        by_token.setdefault(f.token, []).append((f.start, f.end))
    out, cursor = [], 0
    for index in sorted(by_token):
        word = words[index]
        out += [line[cursor:word.start], _masked_token(line, word, _merged(by_token[index]))]
        cursor = word.end
    return "".join(out) + line[cursor:]


def mask_secrets(text: str) -> str:
    """`text` with every password replaced by `MASK` (see the module docstring). Lines
    without a hint of one are passed over, so a long pasted log costs little."""
    lowered = text.lower()
    if not any(t in lowered for t in TRIGGERS):
        return text
    return "\n".join(_mask_line(line) if any(t in line.lower() for t in TRIGGERS) else line
                     for line in text.split("\n"))


def mask_said(text: str) -> str:
    """A person's words said back (a quoted fix, a pasted screen's field): `mask_secrets`, and
    a password written in prose (`prosesecrets`: "the password is …", "user admin:…")."""
    return masked_in_prose(mask_secrets(text), MASK)


def query_secrets(url: str) -> list[tuple[str, str]]:
    """(name, value) of each of the URL's query parameters that carry a secret
    (`sap-password`, `access_token`): a check sends them, and scrubs them from all it shows."""
    return [(m.group(0).split("=", 1)[0], m.group(1)) for m in _QUERY_SECRET.finditer(url)]


def without_credentials(url: str) -> str:
    """`url` as a check may be pointed at and print it: no `user:password@`, no query
    parameter that carries a secret (masked or not — a check never sends the mask)."""
    scheme, sep, rest = url.partition("://")
    if sep:
        authority, slash, path = rest.partition("/")
        url = scheme + sep + authority.rpartition("@")[2] + slash + path
    if not query_secrets(url):
        return url
    base, _, query = url.partition("?")
    query, hash_mark, fragment = query.partition("#")
    kept = [p for p in query.split("&") if not query_secrets("?" + p)]
    return base + ("?" + "&".join(kept) if kept else "") + hash_mark + fragment


def is_masked(password: str | None) -> bool:
    """A password that is only the mask: it came from history or an export, not a person."""
    return password == MASK


# --- scrubbing what servers send -------------------------------------------------------------

_FILLERS = ("*", "•", "#", "~", "x", "?")


class Scrubber:
    """Removes every given secret from a text, whatever its length.

    All occurrences of all secrets are found in the original text first and each stretch
    they cover is replaced once, by a mask made of a character no secret contains — so
    no replacement can form a secret anew.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        self.secrets = tuple(sorted({s for s in secrets if s}, key=len, reverse=True))
        used = "".join(self.secrets)
        filler = next((c for c in _FILLERS if c not in used), None)
        if filler is None:
            filler = next(chr(c) for c in range(0x2580, 0x2600) if chr(c) not in used)
        self.mask = filler * 3

    def __bool__(self) -> bool:
        return bool(self.secrets)

    def __call__(self, text: str) -> str:
        if not self.secrets or not text:
            return text
        spans: list[tuple[int, int]] = []
        for secret in self.secrets:
            start = text.find(secret)
            while start >= 0:
                spans.append((start, start + len(secret)))
                start = text.find(secret, start + 1)
        if not spans:
            return text
        out, cursor = [], 0
        for start, end in _merged(spans):
            out += [text[cursor:start], self.mask]
            cursor = end
        return "".join(out) + text[cursor:]

    @classmethod
    def for_secrets(cls, passwords: Iterable[str | None] = (),
                    credentials: Iterable[tuple[str, str]] = (), *, min_length: int = 1) -> Scrubber:
        """A scrubber for passwords and (user, password) pairs, in the forms they take in
        server text, JSON and terminals. `min_length`: bare passwords shorter than this
        are left out (only for a last pass over our own words, see `commands.check`)."""
        forms: set[str] = set()

        def add(secret: str, *, bare: bool) -> None:
            if not secret or (bare and len(secret) < min_length):
                return
            forms.update({secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
                          quote(secret, safe="")})

        for password in passwords:
            add(password or "", bare=True)
        for user, password in credentials:
            pair = f"{user}:{password}"
            add(pair, bare=False)
            add(base64.b64encode(pair.encode("utf-8")).decode("ascii"), bare=False)
            add(password, bare=True)
        return cls(forms)


_ACTIVE: contextvars.ContextVar[Scrubber | None] = contextvars.ContextVar("sapassist_scrubber", default=None)


@contextlib.contextmanager
def scrubbing(scrubber: Scrubber | None) -> Iterator[None]:
    """While the block runs (in this thread), `untrusted` scrubs with `scrubber`."""
    token = _ACTIVE.set(scrubber)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def untrusted(text: str) -> str:
    """Text a server sent, scrubbed of the secrets of the check in progress."""
    scrubber = _ACTIVE.get()
    return scrubber(text) if scrubber else text
