"""Seed stage run last: decide the contacts later stages created (see `demo.seed_followup`)."""

from .screening import seed_followup as seed

__all__ = ["seed"]
