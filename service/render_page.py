"""Child process: render one PDF page to PNG, scaled down to at most MAX_PIXELS.

`python -m service.render_page PDF PAGE OUT DPI MAX_PIXELS`; one line on stderr and exit 1
when the page cannot be rendered (the parent records it as the reason).
"""

from __future__ import annotations

import math
import sys

import pypdfium2 as pdfium


def scale_for(width_pt: float, height_pt: float, dpi: int, max_pixels: int) -> float:
    """Points to pixels at `dpi`, lowered so width x height stays within `max_pixels`."""
    scale = dpi / 72
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    return min(scale, math.sqrt(max_pixels / area))


def main(argv: list[str]) -> int:
    pdf_path, page, out, dpi, max_pixels = argv
    try:
        pdf = pdfium.PdfDocument(pdf_path)
        page_obj = pdf[int(page) - 1]
        width, height = page_obj.get_size()
        scale = scale_for(width, height, int(dpi), int(max_pixels))
        bitmap = page_obj.render(scale=scale)
        bitmap.to_pil().save(out, format="PNG")
    except (pdfium.PdfiumError, MemoryError, OSError, ValueError) as err:
        sys.stderr.write(f"cannot render page {page}: {type(err).__name__}: {err}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
