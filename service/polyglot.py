"""Files that are a PDF and something else at once (ZIP, HTML, images, executables).

Readers accept a `%PDF-` header anywhere in the first 1024 bytes, so a ZIP that stores a
PDF uncompressed passes a header check while other tools see an archive. Such a file is
never a publisher's budget disclosure: refuse it rather than store it.
"""

from __future__ import annotations

import struct
from pathlib import Path

# Signatures at offset 0 that mean the file is primarily another format.
_LEADING = (
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip file"),
)
_MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<body", b"<head")
_EOCD = b"PK\x05\x06"
# The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
_EOCD_WINDOW = 22 + 0xFFFF


def polyglot_format(path: Path) -> str | None:
    """What else the file is, or None for a plain PDF."""
    with path.open("rb") as fh:
        head = fh.read(1024)
        size = fh.seek(0, 2)
        fh.seek(max(size - _EOCD_WINDOW, 0))
        tail = fh.read()
    for magic, name in _LEADING:
        if head.startswith(magic):
            return name
    before = head[: head.find(b"%PDF-")].lower()
    if any(tag in before for tag in _MARKUP):
        return "an HTML/XML document"
    if _has_zip_directory(tail):
        return "a ZIP archive (central directory at the end)"
    return None


def _has_zip_directory(tail: bytes) -> bool:
    """A well-formed EOCD record whose comment runs exactly to the end of the file."""
    at = tail.rfind(_EOCD)
    while at != -1:
        if at + 22 <= len(tail):
            comment_length = struct.unpack_from("<H", tail, at + 20)[0]
            if at + 22 + comment_length == len(tail):
                return True
        at = tail.rfind(_EOCD, 0, at)
    return False
