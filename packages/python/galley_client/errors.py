"""Typed errors. Every error the client raises is a GalleyError with .status and .code."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional


class GalleyError(Exception):
    """Base class. ``status`` is the HTTP status (None when no response came back)."""

    default_code = "error"

    def __init__(
        self,
        message: str,
        status: Optional[int] = None,
        code: Optional[str] = None,
        details: Optional[Mapping[str, Any]] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code or self.default_code
        self.details: Dict[str, Any] = dict(details or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, message={self.message!r})"


class BadRequest(GalleyError):
    default_code = "bad_request"


class Unauthorized(GalleyError):
    default_code = "unauthorized"


class Forbidden(GalleyError):
    default_code = "forbidden"


class NotFound(GalleyError):
    default_code = "not_found"


class Conflict(GalleyError):
    default_code = "conflict"


class RateLimited(GalleyError):
    default_code = "rate_limited"


class Unavailable(GalleyError):
    """The API could not be reached, timed out, or kept answering 5xx."""

    default_code = "unavailable"


class InvalidVariables(GalleyError):
    """Missing required variables or values of the wrong type; ``names`` lists them in definition order."""

    default_code = "invalid"

    def __init__(
        self,
        errors: List[Dict[str, str]],
        status: Optional[int] = None,
        code: Optional[str] = None,
    ) -> None:
        message = "; ".join(e["message"] for e in errors) or "Invalid variables"
        super().__init__(message, status=status, code=code, details={"errors": errors})
        self.errors = errors
        self.names = [e.get("variable", e.get("placeholder", "")) for e in errors]


_BY_STATUS = {400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict, 429: RateLimited}


def error_from_response(status: int, body: Any) -> GalleyError:
    """Builds the exception for a non-2xx answer with body ``{error: {code, message, details?}}``."""
    err = body.get("error") if isinstance(body, dict) else None
    err = err if isinstance(err, dict) else {}
    code = err.get("code") if isinstance(err.get("code"), str) else None
    message = err.get("message") if isinstance(err.get("message"), str) else f"HTTP {status}"
    details = err.get("details") if isinstance(err.get("details"), dict) else None
    if code == "invalid" and details and isinstance(details.get("errors"), list):
        return InvalidVariables(list(details["errors"]), status=status, code=code)
    cls = _BY_STATUS.get(status) or (Unavailable if status >= 500 else GalleyError)
    return cls(message, status=status, code=code, details=details)
