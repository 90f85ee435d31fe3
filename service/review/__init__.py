"""The review queue: reviewers, corrections, the reviewed version and the web UI."""
