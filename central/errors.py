"""The one exception type that becomes a JSON error answer.

Every 4xx/5xx the server sends has the shape
``{"error": {"code": "stable_snake_code", "message": "human sentence"}}``;
the codes are listed in ``central/openapi.yaml`` and must not change once
published, because kiosks branch on them.
"""

from __future__ import annotations


class ApiError(Exception):
    """An error answer with an HTTP status, a stable code and a message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

    def body(self) -> dict[str, dict[str, str]]:
        """The JSON body of the answer."""
        return {"error": {"code": self.code, "message": self.message}}
