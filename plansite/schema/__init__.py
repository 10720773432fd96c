"""The content schema, declared once: it validates, exports JSON Schema and documents each field."""

from .files import PLAN_FILES, SITE_FILES
from .priority import Priority

__all__ = ["PLAN_FILES", "SITE_FILES", "Priority"]
