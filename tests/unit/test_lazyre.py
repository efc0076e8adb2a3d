"""assistant.lazyre: a pattern compiled on first use answers exactly like re.compile."""

from __future__ import annotations

import re

import pytest

from assistant.lazyre import LazyPattern

TEXT = "SCLNT_HTTP407 and sclnt_http 421, then HTTP error 503"


def test_not_compiled_before_first_use() -> None:
    lazy = LazyPattern(r"(\d{3})")
    assert lazy._compiled is None
    assert lazy.search("x 407").group(1) == "407"  # type: ignore[union-attr]
    assert lazy._compiled is lazy.compiled()


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_methods_match_re(flags: int) -> None:
    source = r"sclnt_?http ?(\d{3})"
    lazy, real = LazyPattern(source, flags), re.compile(source, flags)
    assert lazy.pattern == real.pattern and lazy.flags == flags
    for pos in (0, 5, 20):
        assert _span(lazy.search(TEXT, pos)) == _span(real.search(TEXT, pos))
    assert _span(lazy.match(TEXT)) == _span(real.match(TEXT))
    assert _span(lazy.fullmatch("SCLNT_HTTP407")) == _span(real.fullmatch("SCLNT_HTTP407"))
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in real.finditer(TEXT)]
    assert lazy.findall(TEXT) == real.findall(TEXT)
    assert lazy.sub("<\\1>", TEXT) == real.sub("<\\1>", TEXT)
    assert lazy.sub(lambda m: m.group(1), TEXT, 1) == real.sub(lambda m: m.group(1), TEXT, 1)
    assert lazy.subn("#", TEXT) == real.subn("#", TEXT)
    assert lazy.split(TEXT, 1) == real.split(TEXT, 1)


def test_a_bad_pattern_fails_on_first_use() -> None:
    lazy = LazyPattern(r"(unclosed")
    with pytest.raises(re.error):
        lazy.search("x")


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()
