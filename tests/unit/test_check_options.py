"""The one builder of CheckOptions, and setup messages that name options by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.diagnostics.model import CheckSetupError
from assistant.diagnostics.options import build_check_options, validate_options

FLAGS = {"proxy": "--proxy", "proxy_user": "--proxy-user", "timeout": "--timeout",
         "client_cert": "--client-cert", "client_key": "--client-key", "pkcs12": "--pkcs12"}


def test_builder_takes_plain_values_and_expands_the_home_directory() -> None:
    options = build_check_options("https://h", ca_file="~/ca.pem", proxy="http://p:3128",
                                  proxy_user="bob:pw", timeout=2.5, sni=False)
    assert options.ca_file == str(Path("~/ca.pem").expanduser()) and not options.ca_file.startswith("~")
    assert (options.url, options.proxy, options.timeout, options.sni) == ("https://h", "http://p:3128", 2.5, False)
    assert "pw" not in repr(options)


@pytest.mark.parametrize(("values", "option", "flagged"), [
    ({"timeout": 0.0}, "timeout", "--timeout must be a number of seconds greater than 0"),
    ({"timeout": float("nan")}, "timeout", "--timeout must be a number of seconds greater than 0"),
    ({"proxy_user": ":pw"}, "proxy_user", "--proxy-user has an empty user name"),
])
def test_builder_refuses_a_value_that_cannot_work(values: dict[str, object], option: str, flagged: str) -> None:
    with pytest.raises(CheckSetupError) as err:
        build_check_options("https://h", **values)  # type: ignore[arg-type]
    assert err.value.options == (option,)
    assert option in str(err.value) and "--" not in str(err.value)  # the domain names no flag
    assert err.value.describe(FLAGS) == flagged


@pytest.mark.parametrize(("values", "flagged"), [
    ({"proxy_user": "bob:pw"}, "--proxy-user needs --proxy"),
    ({"client_key": "k.pem"}, "--client-key needs --client-cert"),
    ({"client_cert": "c.pem", "pkcs12": "id.p12"}, "use either --client-cert/--client-key or --pkcs12, not both"),
])
def test_how_options_fit_together_is_checked_before_any_file(values: dict[str, str], flagged: str) -> None:
    options = build_check_options("https://h", **values)  # each value alone is fine
    with pytest.raises(CheckSetupError) as err:
        validate_options(options)
    assert err.value.describe(FLAGS) == flagged


def test_values_in_a_message_are_never_taken_for_placeholders() -> None:
    error = CheckSetupError("{ca_file} {path}: cannot read", path="/tmp/{proxy}{0}{x")
    assert str(error) == "ca_file /tmp/{proxy}{0}{x: cannot read"
    assert error.describe({"ca_file": "--ca-file"}) == "--ca-file /tmp/{proxy}{0}{x: cannot read"
    assert error.options == ("ca_file",)


def test_a_proxy_user_without_password_takes_it_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--proxy-user bob` (the password not in argv, where `ps` shows it)."""
    from assistant.diagnostics.model import PROXY_PASSWORD_ENV
    from assistant.diagnostics.proxy import ProxyCredentials

    monkeypatch.delenv(PROXY_PASSWORD_ENV, raising=False)
    for given in ("bob", "bob:***"):  # the mask from history or an export is no password
        with pytest.raises(CheckSetupError) as err:
            ProxyCredentials.resolve(given)
        assert err.value.options == ("proxy_user",) and PROXY_PASSWORD_ENV in str(err.value)
    monkeypatch.setenv(PROXY_PASSWORD_ENV, "from env: pw")
    assert ProxyCredentials.resolve("bob").pair == ("bob", "from env: pw")
    assert ProxyCredentials.resolve("bob:***").pair == ("bob", "from env: pw")
    assert ProxyCredentials.resolve("bob:given").pair == ("bob", "given")
