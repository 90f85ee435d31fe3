"""Errors the pipeline raises on purpose; anything else is a bug."""


class InputError(Exception):
    """The input is not something we can read: not a PDF, encrypted, corrupt, no pages, too big.

    `str(err)` is a one-line reason fit for a user (CLI exit 2, HTTP 422).
    """

    def __init__(self, reason: str, *, code: str = "invalid_input") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
