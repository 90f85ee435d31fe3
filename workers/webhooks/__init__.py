"""Webhooks: Standard Webhooks signing, SSRF guard, outbox and delivery."""
