"""National budget classification lists: 支出功能分类 and 支出经济分类 codes and names."""

from extractors.classification.lists import (
    CodeEntry,
    CodeMatch,
    economic_name,
    find_economic_code,
    find_function_code,
    find_government_economic_code,
    function_name,
    government_economic_name,
    normalise_name,
)

__all__ = [
    "CodeEntry",
    "CodeMatch",
    "economic_name",
    "find_economic_code",
    "find_function_code",
    "find_government_economic_code",
    "function_name",
    "government_economic_name",
    "normalise_name",
]
