"""Reading files to text: each supported format from tiny files made here, and each way a file
can be unreadable, with the exact reason a user sees. The builders are shared with the batch
tests (imported from this module)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from skillmatch.documents import read_document
from skillmatch.errors import DocumentError

# -- builders of small valid (and invalid) documents ------------------------------------------


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer, written by hand (offsets and xref computed)."""

    def escape(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " ".join(f"({escape(line)}) Tj T*" for line in lines)
    content = f"BT /F1 11 Tf 14 TL 72 740 Td {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def make_encrypted_pdf(lines: list[str]) -> bytes:
    """The same PDF, encrypted with a user password (pypdf PdfWriter.encrypt)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(lines))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_scanned_pdf() -> bytes:
    """A PDF whose page has no text layer, like a scanned image."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A .docx (python-docx) with paragraphs and an optional table."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_html(lines: list[str]) -> str:
    body = "".join(f"<p>{line}</p>" for line in lines)
    return (
        "<!DOCTYPE html><html><head><title>CV</title><style>p {color: red}</style>"
        f"<script>var python = 1;</script></head><body>{body}</body></html>"
    )


CORRUPT_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage, no xref\n"
BINARY = b"\x00\x01\x02\x03binary\xff\xfe" * 4


# -- formats ---------------------------------------------------------------------------------


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(make_pdf(["Skills: Python, PyTorch (Paris)", "Docker and Kubernetes"]))
    text = read_document(pdf)
    assert "Skills: Python, PyTorch (Paris)" in text
    assert "Docker and Kubernetes" in text


def test_pdf_saved_as_txt_is_sniffed_as_pdf(tmp_path: Path) -> None:
    disguised = tmp_path / "cv.txt"
    disguised.write_bytes(make_pdf(["Golang and Kubernetes"]))
    assert "Golang and Kubernetes" in read_document(disguised)


def test_docx_paragraphs_and_table_cells_are_read(tmp_path: Path) -> None:
    doc = tmp_path / "cv.docx"
    doc.write_bytes(
        make_docx(["Maya Chen", "Python and TensorFlow"], [["Skill", "Years"], ["Docker", "3"]])
    )
    assert read_document(doc).splitlines() == [
        "Maya Chen",
        "Python and TensorFlow",
        "Skill | Years",
        "Docker | 3",
    ]


def test_html_text_is_read_without_scripts_or_styles(tmp_path: Path) -> None:
    page = tmp_path / "cv.html"
    page.write_text(make_html(["Python developer", "Power BI &amp; Tableau"]), encoding="utf-8")
    assert read_document(page).splitlines() == ["CV", "Python developer", "Power BI & Tableau"]


def test_utf16_text_with_bom_is_decoded(tmp_path: Path) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_bytes("Résumé: Python".encode("utf-16"))
    assert read_document(cv) == "Résumé: Python"


def test_markdown_with_utf8_bom_is_read_as_text(tmp_path: Path) -> None:
    cv = tmp_path / "cv.md"
    cv.write_bytes("\ufeff# CV\n- Python".encode())
    assert read_document(cv) == "# CV\n- Python"


# -- unreadable inputs -----------------------------------------------------------------------


def _reason(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.source == str(path)
    assert str(caught.value) == f"{path}: {caught.value.reason}"
    return caught.value.reason


def test_corrupt_pdf_names_the_problem(tmp_path: Path) -> None:
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(CORRUPT_PDF)
    assert _reason(pdf).startswith("corrupt or unreadable PDF (")


def test_encrypted_pdf_asks_for_a_password(tmp_path: Path) -> None:
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(make_encrypted_pdf(["Python"]))
    assert _reason(pdf) == "encrypted PDF (needs a password)"


def test_pdf_without_text_layer_suggests_ocr(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(make_scanned_pdf())
    assert _reason(pdf) == "PDF has no text layer (a scanned image?); OCR it first"


def test_corrupt_docx_names_the_problem(tmp_path: Path) -> None:
    doc = tmp_path / "cv.docx"
    doc.write_bytes(b"PK\x03\x04 not really a zip archive")
    assert _reason(doc) == "corrupt or unreadable DOCX (File is not a zip file)"


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_or_blank_file_is_refused(tmp_path: Path, content: bytes) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_bytes(content)
    assert _reason(cv) == "empty document (no text)"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    blob = tmp_path / "cv.txt"
    blob.write_bytes(BINARY)
    assert _reason(blob) == "binary file, not text (supported: .txt .md .pdf .docx .html)"


def test_undecodable_text_points_at_the_byte(tmp_path: Path) -> None:
    latin = tmp_path / "cv.txt"
    latin.write_bytes("Résumé".encode("latin-1"))
    assert _reason(latin) == "not UTF-8 text (undecodable byte at position 1); convert it to UTF-8"


def test_legacy_doc_is_refused_with_advice(tmp_path: Path) -> None:
    doc = tmp_path / "cv.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    assert _reason(doc) == "legacy Word .doc is not supported; save it as .docx or PDF"


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.pdf") == "no such file"
    assert _reason(tmp_path) == "is a folder, not a file"
