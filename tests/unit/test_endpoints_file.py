"""The endpoints file of `check --file`: every wrong value is a usage error naming
`file:line`, never a check of something the file did not mean (`url: 12345` is not the
address 0.0.48.57, `url: null` is not the host "None")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.diagnostics.batch import ENTRY_KEYS, EndpointsFileError, load_endpoints
from assistant.diagnostics.model import CheckOptions

DEFAULTS = CheckOptions(url="", timeout=5.0)


def load(tmp_path: Path, text: str | bytes) -> list[CheckOptions]:
    path = tmp_path / "endpoints.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_endpoints(str(path), DEFAULTS)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- https://a.example\n- url: 12345\n", 2, "url must be text, not a number"),
        ("- https://a.example\n- url: null\n", 2, "url must be a URL"),
        ("- https://a.example\n- 12345\n", 2, "expected a URL or a mapping with 'url', not a number"),
        ("- https://a.example\n-\n", 2, "not null"),
        ("- url: https://a.example\n  timeout: soon\n", 2, "timeout must be a number of seconds, not a string"),
        ("- url: https://a.example\n  timeout: .nan\n", 2, "timeout must be a number of seconds greater than 0"),
        ("- url: https://a.example\n  timeout: true\n", 2, "not a boolean"),
        ("- url: https://a.example\n\n  no_sni: 'yes'\n", 3, "no_sni must be true or false"),
        ("- url: https://a.example\n  proxy: [a, b]\n", 2, "proxy must be text, not a list"),
        ("- url: https://a.example\n  proxy_user: 42\n", 2, "proxy_user must be text"),
        ("- url: https://a.example\n  ca_file: {x: 1}\n", 2, "ca_file must be text, not a mapping"),
        ("endpoints:\n  - url: [x]\n", 2, "url must be text, not a list"),
        ("- url: https://a.example\n  colour: red\n", 1, "unknown key(s) colour"),
        ("just: a mapping\n", 1, "expected a list"),
        ("", 1, "expected a list"),
        ("[" * 100_000, 1, "nesting"),
        (b"- url: https://a.example\n- url: https://b.\xff\n", 2, "not UTF-8"),
        ("- a\n- &x [*x]\n", 2, "recursive alias"),
    ],
)
def test_wrong_entries_name_file_and_line(tmp_path: Path, text: str | bytes, line: int, message: str) -> None:
    with pytest.raises(EndpointsFileError) as caught:
        load(tmp_path, text)
    error = str(caught.value)
    assert error.startswith(f"{tmp_path / 'endpoints.yaml'}:{line}: "), error
    assert message in error
    assert len(error) < 400


def test_good_entries_keep_their_values(tmp_path: Path) -> None:
    entries = load(tmp_path, "- https://a.example\n- {url: 'https://b.example:8443/p', timeout: 2,"
                             " no_sni: true, ca_file: pse.pem, proxy: 'http://p:3128', proxy_user: 'u:pw'}\n")
    assert [e.url for e in entries] == ["https://a.example", "https://b.example:8443/p"]
    second = entries[1]
    assert (second.timeout, second.sni, second.proxy, second.proxy_user) == (2.0, False, "http://p:3128", "u:pw")
    assert second.ca_file == str(tmp_path / "pse.pem")


_ANY = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=10),
                 st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
_ENTRY = st.one_of(_ANY, st.dictionaries(st.sampled_from([*sorted(ENTRY_KEYS), "other"]), _ANY, max_size=4))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.lists(_ENTRY, max_size=5), _ANY))
def test_any_document_is_entries_or_a_usage_error_with_a_line(tmp_path: Path, document: Any) -> None:
    path = tmp_path / "endpoints.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    try:
        entries = load_endpoints(str(path), DEFAULTS)
    except EndpointsFileError as exc:
        head = str(exc).split(": ", 1)[0]
        assert head.startswith(f"{path}:") and head.rsplit(":", 1)[1].isdigit(), str(exc)
        return
    assert isinstance(document, list) and len(entries) == len(document)
    for entry in entries:
        assert isinstance(entry.url, str) and entry.url.strip()
        assert entry.proxy is None or isinstance(entry.proxy, str)
        assert entry.proxy_user is None or isinstance(entry.proxy_user, str)
        assert isinstance(entry.timeout, float) and 0 < entry.timeout
        assert isinstance(entry.sni, bool)
