"""Queue names, shared by the Celery app, the API's metrics and the deployment files."""

EXTRACT_QUEUE = "extract"
WEBHOOK_QUEUE = "webhooks"
MAINTENANCE_QUEUE = "maintenance"
QUEUES = (EXTRACT_QUEUE, WEBHOOK_QUEUE, MAINTENANCE_QUEUE)
