"""Real PDF and DOCX files made on the fly for the demo register."""

from __future__ import annotations

import io
from html import escape

from docx import Document as DocxDocument
from docx.shared import Pt


def make_pdf(agency: str, title: str, paragraphs: list[str], meta: str) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = f"""<!doctype html><html lang="id"><head><meta charset="utf-8"><style>
      @page {{ size: A4; margin: 2.2cm 2cm; @bottom-center {{ content: "Halaman " counter(page);
        font-size: 9pt; color: #555; }} }}
      body {{ font-family: "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.5; }}
      header {{ border-bottom: 3px double #222; text-align: center; padding-bottom: 6pt;
        margin-bottom: 16pt; }}
      header .gov {{ font-size: 10pt; letter-spacing: .05em; }}
      header .agency {{ font-size: 13pt; font-weight: bold; text-transform: uppercase; }}
      h1 {{ font-size: 14pt; text-align: center; margin: 0 0 4pt; }}
      .meta {{ text-align: center; color: #444; font-size: 9.5pt; margin-bottom: 14pt; }}
      p {{ text-align: justify; margin: 0 0 8pt; }}
    </style></head><body>
      <header><div class="gov">PEMERINTAH PROVINSI KALIMANTAN TENGAH</div>
      <div class="agency">{escape(agency)}</div>
      <div class="gov">Jl. Tjilik Riwut Km. 5, Palangka Raya</div></header>
      <h1>{escape(title)}</h1><div class="meta">{escape(meta)}</div>{body}
      <p style="margin-top:24pt; font-size:9pt; color:#555">Dokumen contoh (fiktif) untuk demo
      aplikasi PPID.</p>
    </body></html>"""
    return HTML(string=html).write_pdf()


def make_docx(agency: str, title: str, paragraphs: list[str], meta: str) -> bytes:
    document = DocxDocument()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    document.add_paragraph(agency.upper()).runs[0].bold = True
    document.add_heading(title, level=1)
    document.add_paragraph(meta).runs[0].italic = True
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.add_paragraph("Dokumen contoh (fiktif) untuk demo aplikasi PPID.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
