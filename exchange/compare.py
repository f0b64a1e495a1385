"""Two exports of one assessment, compared field by field (the round trip's check).

Equal means equal in every field but those of the installation: when it was exported, and
the one history entry that the import itself adds at the end (who imported it, from which
file). The format carries no ids, revisions or time stamps of an installation otherwise.
"""

from __future__ import annotations

import io
import json
import zipfile

from .format import DOCUMENT_ENTRY


def read_export(data: bytes) -> tuple[dict, dict[str, bytes]]:
    """The document and, for a zip, its entries' bytes (a trusted export: not for uploads)."""
    if data[:2] != b"PK":
        return json.loads(data), {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        entries = {n: package.read(n) for n in package.namelist()}
    return json.loads(entries.pop(DOCUMENT_ENTRY)), entries


def _walk(a, b, where: str, out: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            at = f"{where}.{key}" if where else key
            _walk(a.get(key, "<absent>"), b.get(key, "<absent>"), at, out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{where}: {len(a)} items, then {len(b)}")
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            _walk(x, y, f"{where}[{i}]", out)
    elif a != b:
        out.append(f"{where}: {a!r} != {b!r}")


def differences(first: bytes, second: bytes) -> tuple[list[str], int]:
    """What differs between two exports of one assessment, and the number of fields
    compared; the second's last history entry (its import) is checked apart."""
    a, a_files = read_export(first)
    b, b_files = read_export(second)
    out: list[str] = []
    a.pop("exported_at", None)
    b.pop("exported_at", None)
    history = b.get("history", [])
    if not history or history[-1]["kind"] != "created" or history[-1]["code"] is not None:
        out.append("history: the import's own entry is missing at the end")
    else:
        b["history"] = history[:-1]
    _walk(a, b, "", out)
    if a_files != b_files:
        out.append(f"files: {sorted(a_files)} != {sorted(b_files)}")
    return out, _count(a) + len(a_files)


def _count(value) -> int:
    if isinstance(value, dict):
        return sum(_count(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count(v) for v in value)
    return 1


def main(argv: list[str]) -> int:
    first, second = (open(p, "rb").read() for p in argv[:2])  # noqa: SIM115
    out, fields = differences(first, second)
    for line in out:
        print(line)
    print(f"{fields} fields compared, {len(out)} differences")
    return 1 if out else 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
