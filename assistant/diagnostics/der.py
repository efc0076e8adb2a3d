"""Reading DER (ITU-T X.690) element by element: enough for the parts of a certificate or
a CertificateRequest that cryptography cannot or does not hand out (an extension it fails
to parse, the CA names a server asks for). Bounded: a length past the end raises."""

from __future__ import annotations


def der_element(data: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, start of contents, end of contents) of the DER element at `pos`; ValueError
    when its length runs past the data."""
    if pos + 2 > len(data):
        raise ValueError("truncated DER element")
    tag, size = data[pos], data[pos + 1]
    pos += 2
    if size & 0x80:
        count = size & 0x7F
        size = int.from_bytes(data[pos:pos + count], "big")
        pos += count
    if pos + size > len(data):
        raise ValueError("truncated DER element")
    return tag, pos, pos + size


def der_items(data: bytes) -> list[tuple[int, bytes]]:
    """The (tag, contents) of the DER elements that follow one another in `data`."""
    items, pos = [], 0
    while pos < len(data):
        tag, start, end = der_element(data, pos)
        items.append((tag, data[start:end]))
        pos = end
    return items
