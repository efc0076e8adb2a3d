"""The one secrets parser: masking what people type, scrubbing what servers send.

Property tests generate users and passwords with every awkward character (quotes,
backslashes, `@`, `:`, blanks, non-ASCII) and write them in each form the command line
and the chat accept; the masked text must parse back (as the chat parses it, with
`shlex`) to the same command with `***` as the password, stay the same when masked
again, and no longer hold the password.
"""

from __future__ import annotations

import base64
import shlex

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from assistant.redact import (
    MASK,
    Scrubber,
    find_passwords,
    is_masked,
    mask_said,
    mask_secrets,
    scrubbing,
    untrusted,
)
from assistant.tui.checkargs import parse_check_args

USERS = st.from_regex(r"[A-Za-z0-9._-]{1,12}", fullmatch=True)
PASSWORDS = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(list(" '\"\\@:$`\t")),
                    min_size=1, max_size=24).filter(lambda p: p.strip(" \t") == p and p != MASK)


def dq(text: str) -> str:
    """Double-quoted as a shell (and shlex) reads it back."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def escaped(text: str) -> str:
    """Every special character backslash-escaped, no quotes."""
    return "".join("\\" + c if c in " \t'\"\\" else c for c in text)


PROXY_USER_FORMS = {
    "--proxy-user 'u:p'": lambda u, p: f"--proxy-user {shlex.quote(f'{u}:{p}')}",
    "--proxy-user=u:p": lambda u, p: f"--proxy-user={shlex.quote(f'{u}:{p}')}",
    "--proxy-user u:'p'": lambda u, p: f"--proxy-user {u}:{shlex.quote(p)}",
    '--proxy-user "u:p"': lambda u, p: f"--proxy-user {dq(f'{u}:{p}')}",
    '--proxy-user u:"p"': lambda u, p: f"--proxy-user {u}:{dq(p)}",
    '--proxy-user="u:p"': lambda u, p: f"--proxy-user={dq(f'{u}:{p}')}",
    "--proxy-user u:p\\ q": lambda u, p: f"--proxy-user {u}:{escaped(p)}",
}
COMMAND = "/check https://api.example.com/sap/bc/ping --proxy http://proxy.example:3128 {} --no-sni"


@settings(max_examples=150, deadline=None)
@given(USERS, PASSWORDS, st.sampled_from(sorted(PROXY_USER_FORMS)))
@example("0", "//", '--proxy-user "u:p"')  # a "://" inside the password is no URL (it was left unmasked)
@example("0", "--pr", '--proxy-user "u:p"')  # the command itself holds these letters
@example("0", ":***", '--proxy-user "u:p"')  # the password holds the mask: found again in what replaced it
def test_a_proxy_password_in_any_quoting_is_masked_and_parses_back_as_the_mask(
        user: str, password: str, form: str) -> None:
    typed = COMMAND.format(PROXY_USER_FORMS[form](user, password))
    assert parse_check_args(shlex.split(typed)[1:]).proxy_user == f"{user}:{password}"  # the form is valid
    masked = mask_secrets(typed)
    replayed = parse_check_args(shlex.split(masked)[1:])
    assert replayed.proxy_user == f"{user}:{MASK}"
    assert replayed.needs_proxy_password  # asked for again, never sent as ***
    assert mask_secrets(masked) == masked
    # Gone from where it was typed (the command may hold the same letters: "--pr"); a password
    # that holds the mask itself (":***") is found again in what replaced it: the parse above
    # already shows it gone.
    if len(password) >= 4 and MASK not in password:
        assert password not in masked or masked.count(password) < typed.count(password)


URL_PASSWORDS = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd")) | st.sampled_from(list("@:!$&'()*+,;=%-._~")),
                        min_size=1, max_size=20)


@settings(max_examples=150, deadline=None)
@given(USERS, URL_PASSWORDS, st.booleans())
def test_a_url_password_with_at_signs_and_colons_is_masked(user: str, password: str, quoted: bool) -> None:
    assume(not (password.isdigit() and len(password) <= 5))  # proxy:3128 is a port, not a password
    assume(quoted or "'" not in password)  # prose: an apostrophe there is just a character
    url = f"http://{user}:{password}@proxy.example:3128/path"
    typed = f"check it through {shlex.quote(url) if quoted else url} please"
    masked = mask_secrets(typed)
    expected = f"http://{user}:{MASK}@proxy.example:3128/path"
    assert expected in (shlex.split(masked) if quoted else masked.split())
    assert mask_secrets(masked) == masked


@settings(max_examples=150, deadline=None)
@given(USERS, st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.just(" "), min_size=1, max_size=20))
@example(user="0", password="0/")  # looks like a port and a path, yet a proxy host:port follows the '@'
def test_a_quoted_url_password_with_blanks_is_masked(user: str, password: str) -> None:
    assume(password.strip() == password and "@" not in password[-1:])
    url = f"http://{user}:{password}@proxy.example:3128"
    masked = mask_secrets(f"/check https://h --proxy {shlex.quote(url)}")
    assert shlex.split(masked)[-1] == f"http://{user}:{MASK}@proxy.example:3128"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["SAPASSIST_PROXY_PASSWORD", "SAPASSIST_PKCS12_PASSWORD", "PASSWORD", "API_TOKEN",
                        "client_secret"]), PASSWORDS, st.booleans())
def test_environment_assignments_are_masked(name: str, password: str, export: bool) -> None:
    typed = ("export " if export else "") + f"{name}={shlex.quote(password)} sapassist check https://h"
    masked = mask_secrets(typed)
    assert shlex.split(masked)[1 if export else 0] == f"{name}={MASK}"
    assert mask_secrets(masked) == masked


INNOCENT_WORDS = ["check", "it's", "Bob's", "'quoted'", '"double"', "proxy", "user:name", "https://host/path",
                  "https://host:8443/a?mail=a@b.example", "pass", "token", "key", "password", "the", "SCLNT_HTTP416",
                  "--proxy", "http://proxy:3128", "a\\b", "50%", "(ok)"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(INNOCENT_WORDS), min_size=1, max_size=12), st.sampled_from([" ", "  ", "\t"]))
def test_text_without_a_password_stays_exactly_as_typed(words: list[str], blank: str) -> None:
    text = blank.join(words)
    assert mask_secrets(text) == text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("--proxy-user alice:'pw with space'", "--proxy-user alice:'***'"),
        ("--proxy http://bob:Pa@ss@proxy:3128", "--proxy http://bob:***@proxy:3128"),
        ("--proxy-user alice:pw\\ with\\ space --no-sni", "--proxy-user alice:*** --no-sni"),
        ('--proxy-user "alice:p\\"w"', "--proxy-user alice:***"),
        ("--proxy-u alice:s3cret", "--proxy-u alice:***"),
        ("my password: hunter2 is refused", "my password: *** is refused"),
        ("password = hunter2", "password = ***"),
        ("--client-key-password=abc", "--client-key-password=***"),
        ("it's http://bob:pw@x.example Bob's", "it's http://bob:***@x.example Bob's"),
        ("--proxy-user alice", "--proxy-user alice"),
        ("--proxy-user alice:", "--proxy-user alice:"),
    ],
)
def test_forms_from_the_issue(typed: str, expected: str) -> None:
    assert mask_secrets(typed) == expected


def test_each_password_is_found_with_its_form() -> None:
    _words, found = find_passwords("--proxy-user a:b http://u:v@h X_TOKEN=t password: w --pass q")
    assert sorted(f.form for f in found) == ["assignment", "option", "phrase", "proxy-user", "url"]
    assert is_masked(MASK) and not is_masked("***x") and not is_masked(None)


def test_a_long_paste_without_hints_is_returned_untouched_quickly() -> None:
    paste = "[Thr 1] ICM_HTTP_SSL_ERROR while reading\n" * 50_000
    assert mask_secrets(paste) is paste


# --- scrubbing --------------------------------------------------------------------------


SECRETS = st.text(min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(SECRETS, min_size=1, max_size=3), st.lists(st.text(max_size=12), min_size=1, max_size=6), st.data())
def test_no_given_secret_survives_scrubbing_whatever_its_length(secrets: list[str], filler: list[str],
                                                                data: st.DataObject) -> None:
    pieces = []
    for text in filler:
        pieces += [text, data.draw(st.sampled_from(secrets))]
    scrubbed = Scrubber(secrets)("".join(pieces))
    for secret in secrets:
        assert secret not in scrubbed


@settings(max_examples=150, deadline=None)
@given(st.lists(SECRETS, min_size=1, max_size=3), st.text(max_size=40))
def test_text_without_a_secret_is_not_changed(secrets: list[str], text: str) -> None:
    assume(not any(s in text for s in secrets))
    assert Scrubber(secrets)(text) == text


def test_the_forms_a_proxy_can_echo_are_scrubbed() -> None:
    scrubber = Scrubber.for_secrets(["p12-pw"], [("alice", "p w!")])
    header = base64.b64encode(b"alice:p w!").decode()
    echoed = f"407 denied alice:p w! ({header}) p%20w%21 \"p w!\" p12-pw for alice"
    out = scrubber(echoed)
    for form in ("p w!", header, "p%20w%21", "p12-pw"):
        assert form not in out
    assert out.startswith("407 denied ***") and out.endswith("for alice")
    assert Scrubber.for_secrets(["short"], min_length=12).secrets == ()


def test_untrusted_scrubs_only_inside_the_checks_context() -> None:
    scrubber = Scrubber(["Zq7"])
    assert untrusted("Realm Zq7") == "Realm Zq7"
    with scrubbing(scrubber):
        assert untrusted("Realm Zq7") == "Realm ***"
    assert untrusted("Realm Zq7") == "Realm Zq7"


@pytest.mark.parametrize(("said", "shown"), [
    ("we log on with user admin:Geheim2024 and it fails", "we log on with user admin:*** and it fails"),
    ("credentials are RFCUSER:S3cret! in SM59", "credentials are RFCUSER:*** in SM59"),
    ("basic auth admin / Geheim2024, still 401", "basic auth admin / ***, still 401"),
    ("Benutzer RFCUSER/Init1234, geht nicht", "Benutzer RFCUSER/***, geht nicht"),
    ("logon data: user=RFCUSER, pw=Init1234", "logon data: user=RFCUSER, pw=***"),
    ("pwd: Geheim2024", "pwd: ***"),
    ("the header was Basic dXNlcjpwYXNz and then Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", "the header was Basic *** and then Bearer ***"),
    # no password in these: a port, the word itself, a thing named after a logon word, a phrase
    ("login api.example.org:443 fails", "login api.example.org:443 fails"),
    ("user / password are correct", "user / password are correct"),
    ("the login page / Fiori launchpad loops", "the login page / Fiori launchpad loops"),
    ("we use Basic Authentication, the Bearer token is missing", "we use Basic Authentication, the Bearer token is missing"),
])
def test_a_user_and_password_written_as_a_pair_or_a_token_in_prose_are_masked(said: str, shown: str) -> None:
    """Logon data typed in a sentence (a user:password pair after a logon word, "pw: …", a
    scheme's token outside a header) was said back in clear: only the forms of a command or a
    header were masked."""
    assert mask_said(said) == shown
    assert mask_said(shown) == shown


@pytest.mark.parametrize(("said", "shown"), [
    ("entered the proxy user basis with the password Geheim2024 in SM59",
     "entered the proxy user basis with the password *** in SM59"),
    ("das Passwort ist Geheim2024", "das Passwort ist ***"),
    ("the password policy was changed", "the password policy was changed"),  # a noun, no password
    ("resetting the password for the RFC user", "resetting the password for the RFC user"),
    ("proxy http://basis:Geheim2024@proxy.corp:8080", "proxy http://basis:***@proxy.corp:8080"),
])
def test_words_said_back_mask_a_password_written_in_prose(said: str, shown: str) -> None:
    assert mask_said(said) == shown
    assert mask_said(shown) == shown  # masking what is masked changes nothing
    assert mask_secrets("the password Geheim2024") == "the password Geheim2024"  # commands parse back as typed


# --- forms of a secret beside a password: headers, query parameters, key-tool options ----------


TOKENS = st.from_regex(r"[A-Za-z0-9+/._~-]{4,40}={0,2}", fullmatch=True).filter(
    lambda t: not t.islower() or any(c.isdigit() for c in t))


@pytest.mark.parametrize("form", [
    "Authorization: Basic {}", "Proxy-Authorization: Basic {}", "authorization: bearer {}",
    "curl -H 'Authorization: Bearer {}' https://h", 'curl -H "Proxy-Authorization: Negotiate {}"',
    "Authorization: {} gives 401", "https://h/sap/bc/ping?sap-client=100&sap-password={}&x=1",
    "https://h/api?access_token={}", "user=alice&password={}", "Cookie: MYSAPSSO2={}; path=/",
    "SAP_SESSIONID_ABC_100={}", "openssl pkcs12 -in c.p12 -passin pass:{}", "keytool -storepass {} -list",
    "openssl pkcs12 -export -passout pass:{} -out c.p12",
    'Authorization: Digest username="bob", realm="sap", nonce="n1", uri="/x", response="{}"',
    "sapgenpse seclogin -p SAPSSLC.pse -x {} -O sapadm", "/usr/sap/SID/exe/sapgenpse get_pse -x {} -p t.pse",
    "curl -u sapuser:{} https://api.vendor.com works from the app server", "curl --user bob:{} -v https://h",
    "/usr/bin/curl -x http://proxy:8080 -U proxyuser:{} https://h",
])
@settings(max_examples=25, deadline=None)
@given(secret=TOKENS)
def test_credentials_in_headers_queries_and_key_tool_options_are_masked(form: str, secret: str) -> None:
    typed = form.format(secret)
    masked = mask_secrets(typed)
    assert secret not in masked and MASK in masked
    assert mask_secrets(masked) == masked and mask_said(masked) == masked


@pytest.mark.parametrize("prose", [
    "the Authorization: Basic header is missing", "Authorization: Bearer token required",
    "-passin env:P12_PW", "-passout file:pw.txt", "https://h/p?sap-client=100&sap-language=EN",
    "curl -u sapuser https://h", "ls -u a:b",  # curl prompts for the password; -u of another tool
])
def test_words_about_credentials_without_one_stay_as_written(prose: str) -> None:
    assert mask_secrets(prose) == prose and mask_said(prose) == prose


@pytest.mark.parametrize(("said", "shown"), [
    ("das Kennwort lautet 'Sommer 2024' und", "das Kennwort lautet *** und"),
    ('with the password "pw with space" in SM59', "with the password *** in SM59"),
    ("the password is set to Init1234", "the password is set to ***"),
    ("the password is ***Geheim", "the password is ***"),  # a password that begins with the mask
    ("password is wrong", "password is wrong"), ("Passwort ist abgelaufen", "Passwort ist abgelaufen"),
    ("the password has been changed", "the password has been changed"),
    ("no proxy password given (set it)", "no proxy password given (set it)"),  # a noun phrase, no password
    ("the password prompt", "the password prompt"), ("the password geheim2024", "the password ***"),
    ("-proxy-password Geheim2024 in the ICM profile", "-proxy-password *** in the ICM profile"),
])
def test_prose_passwords_in_every_shape_are_masked(said: str, shown: str) -> None:
    assert mask_said(said) == shown
    assert mask_said(shown) == shown


@pytest.mark.parametrize("header", ["Authorization: Basic QUJDRA==", "Proxy-Authorization: Basic dXNlcjpw=",
                                    "authorization: bearer abc.def-ghi=="])
def test_a_token_padded_with_equals_signs_is_masked_whole(header: str) -> None:
    """A token68 ends in "=" padding (RFC 9110 11.2); read as a Digest auth-param
    ("name=value") it was masked only after its first "=", the token itself shown."""
    assert mask_secrets(header) == header.split()[0] + " " + header.split()[1] + " ***"
