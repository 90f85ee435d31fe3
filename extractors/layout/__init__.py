"""Layout of page content: pictures on digital pages that the text layer does not explain.

`image_regions` finds big images pasted into a digital page (a table screenshot, a scanned
annex); `unexplained_pictures` keeps those without text-layer characters over them, and
`read_pictures` adds their OCR words and rulings to the page.
"""

from extractors.layout.regions import (
    image_regions,
    ocr_region,
    read_pictures,
    unexplained_pictures,
)

__all__ = ["image_regions", "ocr_region", "read_pictures", "unexplained_pictures"]
