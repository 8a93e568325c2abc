"""Dashboard figures. Importing this package registers every figure in dashboard order."""

from . import front_door, protection, screening, specialist  # noqa: F401
from .base import REGISTRY, Figure, Row, compute

__all__ = ["REGISTRY", "Figure", "Row", "compute"]
