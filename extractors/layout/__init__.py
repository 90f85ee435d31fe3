"""Layout of image content on pages: which regions of a digital page are pictures of text.

`image_regions` finds big images pasted into a digital page (a table scanned and inserted,
as in some Henan files); `ocr_regions` reads only those regions with the OCR engine.
"""

from extractors.layout.regions import image_regions, ocr_regions

__all__ = ["image_regions", "ocr_regions"]
