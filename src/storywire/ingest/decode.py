"""Turning bytes into text, or saying precisely why not.

Both the readers (to refuse bad input before it is stored) and the extractors (to interpret
a stored capture) decode through here, so the two can never disagree.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


class DecodeError(ValueError):
    """The bytes are not text in the encoding they claim (or UTF-8 when they claim none)."""


def _bom_encoding(raw: bytes) -> str | None:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    return None


def looks_binary(raw: bytes) -> bool:
    """NUL bytes in the first 8 KiB of a file without a UTF-16/32 BOM mean it is not text."""
    return _bom_encoding(raw) is None and b"\x00" in raw[:8192]


def decode_text(raw: bytes, declared: str | None = None) -> str:
    """Decode with the BOM, else the declared charset, else strict UTF-8."""
    encoding = _bom_encoding(raw) or _normalise_charset(declared) or "utf-8"
    try:
        return raw.decode(encoding)
    except LookupError as exc:
        raise DecodeError(f"unknown character encoding {declared!r}") from exc
    except UnicodeDecodeError as exc:
        bad = raw[exc.start:exc.start + 1].hex()
        name = "UTF-8" if encoding in ("utf-8", "utf-8-sig") else encoding
        raise DecodeError(f"not valid {name}: byte 0x{bad} at offset {exc.start}") from exc


def html_charset(raw: bytes, header: str | None = None) -> str | None:
    """The charset an HTML page declares: HTTP Content-Type first, then <meta> in the head."""
    if header:
        match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", header, re.IGNORECASE)
        if match:
            return match.group(1)
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None


def decode_html(raw: bytes, header: str | None = None) -> str:
    return decode_text(raw, html_charset(raw, header))


def _normalise_charset(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    # Browsers read ascii and latin-1 labels as windows-1252 (WHATWG encoding standard).
    if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        return "cp1252"
    # Likewise the legacy CJK labels name supersets in practice.
    return {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
            "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932",
            "euc-kr": "cp949", "big5": "big5hkscs"}.get(name, name)
