"""The content schema, declared once: it validates, exports JSON Schema and documents each field."""

from plansite.content.schema.files import PLAN_FILES, SITE_FILES
from plansite.content.schema.priority import Priority

__all__ = ["PLAN_FILES", "SITE_FILES", "Priority"]
