"""Forged spreadsheet packages, for the hostile-upload tests and `make hostile-uploads`
(scripts/hostile_uploads.py): plain Python, no Django, so the script can use them too."""

import io
import struct
import zipfile


def column(index: int) -> str:
    """A spreadsheet column's letters from its index (0 → A, 26 → AA)."""
    name, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def declaring(data: bytes, name: str, size: int) -> bytes:
    """The package with the unpacked size of `name` stated as `size` in both its headers."""
    raw = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    struct.pack_into("<L", raw, info.header_offset + 22, size)  # the local header
    at = raw.index(b"PK\x01\x02")
    while True:  # the central directory's entry for `name`
        name_length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + name_length] == name.encode():
            struct.pack_into("<L", raw, at + 24, size)
            return bytes(raw)
        extra, comment = struct.unpack_from("<HH", raw, at + 30)
        at += 46 + name_length + extra + comment
