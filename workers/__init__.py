"""The job system: database models, file store, Celery tasks, webhook outbox, reaper."""
