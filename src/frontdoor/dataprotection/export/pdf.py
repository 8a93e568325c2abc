"""The export as a readable PDF (fpdf2, pure Python: see docs/architecture.md)."""

from __future__ import annotations

from typing import Any

from fpdf import FPDF

from .collect import Section


def _latin(text: Any) -> str:
    # The PDF's built-in fonts cover Latin-1; anything else is shown as "?" rather than lost silently
    # (the JSON beside it keeps every character).
    return str("" if text is None else text).encode("latin-1", "replace").decode("latin-1")


def build_pdf(*, title: str, preamble: list[str], sections: list[Section]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(title))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, _latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for line in preamble:
        pdf.multi_cell(0, 5, _latin(line), new_x="LMARGIN", new_y="NEXT")
    for section in sections:
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(
            0, 7, _latin(f"{section.title} ({len(section.rows)})"), new_x="LMARGIN", new_y="NEXT"
        )
        for row in section.rows:
            pdf.ln(1)
            for key, value in row.items():
                if value in (None, "", [], {}):
                    continue
                pdf.set_font("Helvetica", "B", 9)
                pdf.multi_cell(0, 4.5, _latin(key.replace("_", " ")), new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("Helvetica", "", 9)
                pdf.multi_cell(0, 4.5, _latin(value), new_x="LMARGIN", new_y="NEXT")
            pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
            pdf.ln(2)
    return bytes(pdf.output())
