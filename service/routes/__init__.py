"""One router per resource family, mounted under /v1 by service.app."""
