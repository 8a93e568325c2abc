"""Dashboard figures. Importing this package registers every figure in dashboard order."""

from . import front_door, pathways, protection, screening  # noqa: F401
from .base import REGISTRY, Figure, Row, compute

__all__ = ["REGISTRY", "Figure", "Row", "compute"]
