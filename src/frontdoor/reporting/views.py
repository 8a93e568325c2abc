"""Views for this area."""
