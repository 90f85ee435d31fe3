# One image for the API, the worker, beat and the migration step (the command differs).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# pypdfium2, onnxruntime and opencv-headless ship their native code in their wheels.
# fonts-wqy-zenhei: PDFium draws Chinese text whose font a PDF does not embed with a system
# CJK font (page images for OCR and review); without one those characters render as boxes.
# curl is for the health checks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl fonts-wqy-zenhei \
    && rm -rf /var/lib/apt/lists/*

# The same pinned versions as the tests ran with (constraints.txt).
ARG EXTRAS=service
COPY pyproject.toml README.md constraints.txt ./
COPY schemas ./schemas
COPY extractors ./extractors
COPY config ./config
COPY workers ./workers
COPY service ./service
COPY scripts ./scripts
COPY alembic.ini ./
RUN pip install -c constraints.txt ".[${EXTRAS}]" \
    && pip install --no-deps -r extractors/ocr/requirements-nodeps.txt

RUN useradd --create-home --uid 10001 budgetlens && mkdir -p /data && chown budgetlens /data
USER budgetlens
ENV STORE_DIR=/data/store
EXPOSE 8000
CMD ["uvicorn", "--factory", "service.app:app", "--host", "0.0.0.0", "--port", "8000"]
