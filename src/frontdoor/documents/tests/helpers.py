"""Small synthetic files for document tests: a real one-page PDF, a PNG header, plain text."""

from __future__ import annotations

from datetime import UTC, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF


def pdf_bytes(text: str = "Synthetic school attendance report") -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 11, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")
