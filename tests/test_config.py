"""The settings: one name per variable, read when made (not at import), documented once."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from config import PipelineSettings, Settings
from config.docs import readme_table, settings_table

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_lists_every_setting_as_the_settings_say() -> None:
    assert readme_table(ROOT / "README.md") == settings_table()
    for name in ("DATABASE_URL", "BUDGETLENS_MAX_PAGES", "WEBHOOK_RETRY_SECONDS"):
        assert f"| `{name}` |" in settings_table()


def test_variables_are_read_when_settings_are_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGETLENS_MAX_PAGES", "7")
    monkeypatch.setenv("BUDGETLENS_OCR_ENGINE", "none")
    monkeypatch.setenv("WEBHOOK_RETRY_SECONDS", "0,1, 2")
    monkeypatch.setenv("REDIS_URL", "")
    monkeypatch.setenv("PIPELINE", "set by a CI system")  # not the nested part's source
    settings = Settings()
    assert settings.pipeline.max_pages == 7
    assert settings.pipeline.options().ocr_engine == "none"
    assert settings.pipeline.options().limits.max_pages == 7
    assert settings.webhook_retry_seconds == [0, 1, 2]
    assert settings.redis_url is None  # empty is unset
    monkeypatch.setenv("BUDGETLENS_MAX_PAGES", "9")
    assert Settings().pipeline.max_pages == 9


def test_the_former_limit_names_still_work_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BUDGETLENS_MAX_BYTES", raising=False)
    monkeypatch.setenv("MAX_UPLOAD_BYTES", "1000")
    with pytest.warns(DeprecationWarning, match="BUDGETLENS_MAX_BYTES"):
        assert PipelineSettings().max_bytes == 1000
    monkeypatch.setenv("BUDGETLENS_MAX_BYTES", "2000")  # the new name wins, silently
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert PipelineSettings().max_bytes == 2000


def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGETLENS_OCR_WORKERS", "many")
    with pytest.raises(ValueError, match="BUDGETLENS_OCR_WORKERS must be auto"):
        PipelineSettings()
    monkeypatch.setenv("BUDGETLENS_OCR_WORKERS", "auto")
    monkeypatch.setenv("BUDGETLENS_TABLE_ENGINE", "magic")
    with pytest.raises(ValueError, match="table_engine"):
        PipelineSettings()
