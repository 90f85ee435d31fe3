"""The README's settings table, made from the settings themselves: `python -m config.docs`.

tests/test_config.py checks the README carries exactly this table.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import AliasChoices
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings

from config.pipeline import DEPRECATED_NAMES, PipelineSettings
from config.settings import Settings

BEGIN, END = "<!-- settings table: python -m config.docs -->", "<!-- end of settings table -->"


def env_name(model: type[BaseSettings], name: str, info: FieldInfo) -> str:
    alias = info.validation_alias
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0]
    return f"{model.model_config.get('env_prefix', '')}{name}".upper()


def _default(info: FieldInfo) -> str:
    extra = info.json_schema_extra
    value: Any = info.get_default(call_default_factory=True)
    if isinstance(extra, dict) and "shown_default" in extra:
        value = extra["shown_default"]
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, list):
        value = ",".join(str(part) for part in value)
    return f"`{value}`"


def _rows(model: type[BaseSettings]) -> Iterator[str]:
    for name, info in model.model_fields.items():
        if name == "pipeline":
            continue  # its fields are listed one by one
        env = env_name(model, name, info)
        meaning = info.description or ""
        old = [o for o, new in DEPRECATED_NAMES.items() if new == env]
        if old:
            meaning += f" (`{old[0]}`, its former name, is still read, with a warning)"
        yield f"| `{env}` | {_default(info)} | {meaning} |"


def settings_table() -> str:
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    lines += [*_rows(PipelineSettings), *_rows(Settings)]
    return "\n".join([BEGIN, *lines, END])


def readme_table(readme: Path) -> str:
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(BEGIN), text.find(END)
    return text[start : end + len(END)] if 0 <= start < end else ""


if __name__ == "__main__":
    print(settings_table())  # noqa: T201
