"""Galley read-API client: cached fetches, ETag revalidation, and local rendering."""

from .client import GalleyClient, Prompt, Rendered, Response
from .errors import (
    BadRequest,
    Conflict,
    Forbidden,
    GalleyError,
    InvalidVariables,
    NotFound,
    RateLimited,
    Unauthorized,
    Unavailable,
)
from .render import render_content

__all__ = [
    "BadRequest",
    "Conflict",
    "Forbidden",
    "GalleyClient",
    "GalleyError",
    "InvalidVariables",
    "NotFound",
    "Prompt",
    "RateLimited",
    "Rendered",
    "Response",
    "Unauthorized",
    "Unavailable",
    "render_content",
]
__version__ = "0.1.0"
