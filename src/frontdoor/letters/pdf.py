"""A letter as a PDF (fpdf2, pure Python, already used by the data protection export): the
council's name, the protective marking, the date, who it is to, the child it is about (with the
NHS number when known), the subject and the text as sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fpdf import FPDF

MARKING = "OFFICIAL-SENSITIVE"


def _latin(text: Any) -> str:
    # The built-in fonts cover Latin-1; typographic quotes and dashes are mapped, anything else is
    # shown as "?" (the letter's text is kept whole on the record).
    value = str("" if text is None else text)
    for fancy, plain in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        value = value.replace(fancy, plain)
    return value.encode("latin-1", "replace").decode("latin-1")


class _LetterPdf(FPDF):
    council = ""

    def header(self) -> None:
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, MARKING, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "B", 14)
        self.cell(0, 8, _latin(self.council), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, f"{MARKING} - page {self.page_no()}", align="C")


def build_letter_pdf(
    *,
    council: str,
    sent_at: datetime,
    recipient_name: str,
    recipient_address: str,
    about: str,
    subject: str,
    body: str,
) -> bytes:
    pdf = _LetterPdf(format="A4")
    pdf.council = council
    pdf.set_creation_date(sent_at)
    pdf.set_title(_latin(subject))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    for line in [recipient_name, *recipient_address.splitlines()]:
        if line.strip():
            pdf.cell(0, 5, _latin(line.strip()), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.cell(0, 5, f"{sent_at.day} {sent_at:%B %Y}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 5, _latin(about), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 6, _latin(subject), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 5.5, _latin(body), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
