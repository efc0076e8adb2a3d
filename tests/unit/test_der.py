"""The DER reader the checks use where cryptography hands nothing out: elements in order,
long-form lengths, and a length past the end refused (never read beyond the data)."""

from __future__ import annotations

import pytest

from assistant.diagnostics.der import der_element, der_items


def test_elements_follow_one_another_with_short_and_long_lengths() -> None:
    long_body = b"x" * 200
    data = b"\x02\x01\x05" + b"\x04\x81\xc8" + long_body
    assert der_items(data) == [(0x02, b"\x05"), (0x04, long_body)]
    assert der_element(data, 3) == (0x04, 6, 206)


@pytest.mark.parametrize("data", [b"\x30\x05\x01", b"\x30", b"\x04\x82\xff\xff\x00"])
def test_a_length_past_the_end_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="truncated"):
        der_items(data)
