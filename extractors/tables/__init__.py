"""Tables: find grids on a page, stitch them across pages, type their rows and columns."""
