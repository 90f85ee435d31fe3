"""Hostile and broken inputs, written byte by byte (no PDF library would write most of them).

`hostile_files(folder)` writes every case and returns {name: path}. `raw_pdf` lays out
numbered objects with a correct xref table, so each case is broken only where intended.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from svc_pdfs import budget_pdf

Objects = dict[int, bytes]


def raw_pdf(objects: Objects, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\n" % (size, root, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(
    content: bytes,
    *,
    media_box: bytes = b"[0 0 595 842]",
    resources: bytes = b"<< >>",
    catalog_extra: bytes = b"",
    extra: Objects | None = None,
    count: int = 1,
) -> bytes:
    objects: Objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog_extra,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents 4 0 R >>"
        % (media_box, resources),
        4: content,
    }
    return raw_pdf(objects | (extra or {}))


TEXT = stream(b"BT /F1 12 Tf 72 720 Td (hello budget) Tj ET")
FONT = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def pages_pdf(contents: list[bytes]) -> bytes:
    """Several pages (Helvetica as F1), each with its own content stream."""
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(contents)))
    objects: Objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
    }
    for i, content in enumerate(contents):
        objects[3 + 2 * i] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s "
            b"/Contents %d 0 R >>" % (FONT, 4 + 2 * i)
        )
        objects[4 + 2 * i] = content
    return raw_pdf(objects)


def flood_stream(repeats: int) -> bytes:
    return stream(zlib.compress(b"0 0 m 1 1 l S\n" * repeats, 9), b"/Filter /FlateDecode ")


def flate_bomb(inflated_mb: int) -> bytes:
    """Two Flate layers: a few KB on disk, `inflated_mb` of spaces once decoded."""
    inner = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    layer = b"".join(inner.compress(chunk) for _ in range(inflated_mb)) + inner.flush()
    outer = zlib.compress(layer, 9)
    return one_page(stream(outer, b"/Filter [/FlateDecode /FlateDecode] "))


def operator_flood(repeats: int) -> bytes:
    """One page whose (compressed) content stream holds `repeats` x 3 drawing operators."""
    return one_page(flood_stream(repeats))


def deep_nesting(depth: int) -> bytes:
    return one_page(TEXT, resources=b"<< /Deep " + b"[" * depth + b"]" * depth + b" >>")


def xref_loop() -> bytes:
    """A page tree whose Kids contain the tree itself, and a /Prev pointing at this xref."""
    body = one_page(TEXT).replace(b"/Kids [3 0 R]", b"/Kids [3 0 R 2 0 R]")
    xref_at = body.rindex(b"startxref\n") + len(b"startxref\n")
    offset = body[xref_at:].split(b"\n", 1)[0]
    return body.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev " + offset + b" ")


def zip_polyglot(pdf: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("budget.pdf", pdf)
    return buffer.getvalue()


def hostile_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good = budget_pdf(folder / "good.pdf", pages=2, marker=folder.name).read_bytes()
    cases: dict[str, bytes] = {
        "empty": b"",
        "not_pdf": b"just some text, named .pdf\n" * 10,
        "html_polyglot": b"<html><body><!-- %PDF-1.4 --><script>alert(1)</script></body></html>",
        "zip_polyglot": zip_polyglot(good),
        "pdf_with_zip_appended": good + zip_polyglot(b"payload"),
        "truncated": good[: len(good) // 2],
        "flate_bomb": flate_bomb(1024),
        "deep_nesting": deep_nesting(100_000),
        "xref_loop": xref_loop(),
        "count_100k": one_page(TEXT, resources=FONT, count=100_000),
        "huge_page": one_page(TEXT, media_box=b"[0 0 14400 14400]", resources=FONT),
        "js_launch_actions": one_page(
            TEXT,
            resources=FONT,
            catalog_extra=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "
            b"/AA << /WC << /S /Launch /F (cmd.exe) >> >> ",
        ),
        "embedded_file": one_page(
            TEXT,
            resources=FONT,
            catalog_extra=b"/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >> ",
            extra={
                5: b"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>",
                6: stream(b"MZ\x90\x00" * 64, b"/Type /EmbeddedFile "),
            },
        ),
        "malformed_font": one_page(
            TEXT,
            resources=b"<< /Font << /F1 << /Type /Font /Subtype /TrueType /BaseFont /Bad "
            b"/FirstChar 0 /LastChar 99999 /Widths [1 2] /FontDescriptor 5 0 R >> >> >>",
            extra={
                5: b"<< /Type /FontDescriptor /FontName /Bad /FontFile2 6 0 R >>",
                6: stream(b"\x00\x01\x00\x00garbage-not-a-font" * 20),
            },
        ),
        "malformed_image": one_page(
            stream(b"q 500 0 0 500 0 0 cm /Im1 Do Q"),
            resources=b"<< /XObject << /Im1 5 0 R >> >>",
            extra={
                5: stream(
                    b"\xff" * 100,
                    b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 "
                    b"/ColorSpace /DeviceRGB /BitsPerComponent 8 ",
                )
            },
        ),
    }
    paths = {name: folder / f"{name}.pdf" for name in cases}
    for name, data in cases.items():
        paths[name].write_bytes(data)
    paths["encrypted_user_password"] = budget_pdf(folder / "enc_user.pdf", password="secret")
    paths["encrypted_owner_only"] = _owner_only(folder / "enc_owner.pdf")
    return paths


def _owner_only(path: Path) -> Path:
    """Encrypted with an empty user password: opens without asking, restrictions only."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), encrypt=StandardEncryption("", ownerPassword="owner"))
    pdf.drawString(72, 760, "owner-password only")
    pdf.showPage()
    pdf.save()
    return path
