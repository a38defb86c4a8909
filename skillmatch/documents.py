"""Any supported file to plain text, or a DocumentError naming the input and the reason.

Supported: UTF-8 text (.txt, .md, no suffix), PDF (pypdf), DOCX (python-docx) and HTML
(BeautifulSoup). The content is sniffed as well as the suffix: a PDF saved as .txt is read
as a PDF, a binary file is refused rather than decoded into noise.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from pathlib import Path

from skillmatch.errors import DocumentError

TEXT_SUFFIXES = frozenset({"", ".txt", ".md", ".markdown", ".text", ".rst"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}
MAX_BYTES = 50 * 1024 * 1024


def read_document(path: str | Path) -> str:
    """The text of a file; DocumentError if it is missing, unreadable, empty or unsupported."""
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise DocumentError(name, "is a folder, not a file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(name, f"too large ({size // (1024 * 1024)} MB; the limit is 50 MB)")
        data = p.read_bytes()
    except FileNotFoundError:
        raise DocumentError(name, "no such file") from None
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot read: {exc.strerror or exc}") from None
    return text_from_bytes(data, name, p.suffix.lower())


def text_from_bytes(data: bytes, name: str, suffix: str = "") -> str:
    """Decode a document's bytes by its content and suffix."""
    if data.startswith(b"%PDF") or suffix == ".pdf":
        text = _pdf(data, name)
    elif data.startswith(b"PK\x03\x04") or suffix == ".docx":
        text = _docx(data, name)
    elif suffix == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(name, "legacy Word .doc is not supported; save it as .docx or PDF")
    elif suffix in HTML_SUFFIXES or _looks_like_html(data):
        text = _html(_decode(data, name), name)
    elif suffix in TEXT_SUFFIXES or suffix not in SUPPORTED_SUFFIXES:
        text = _decode(data, name)
    else:  # pragma: no cover - every supported suffix is handled above
        raise DocumentError(name, f"unsupported file type {suffix!r}")
    if not text.strip():
        raise DocumentError(name, "empty document (no text)")
    return text


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(name, "not valid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise DocumentError(name, "binary file, not text (supported: .txt .md .pdf .docx .html)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            name, f"not UTF-8 text (undecodable byte at position {exc.start}); convert it to UTF-8"
        ) from None


def _looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with _quiet("pypdf"):  # its warnings would print to stderr; the reason is in the error
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError(name, "encrypted PDF (needs a password)")
            pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(name, f"corrupt or unreadable PDF ({exc})") from None
    except Exception as exc:  # pypdf raises many types on damaged files
        raise DocumentError(
            name, f"corrupt or unreadable PDF ({type(exc).__name__}: {exc})"
        ) from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise DocumentError(name, "PDF has no text layer (a scanned image?); OCR it first")
    return text


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Silence a library's warnings while it reads one document, then restore its level."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _docx(data: bytes, name: str) -> str:
    import zipfile

    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(name, f"corrupt or unreadable DOCX ({exc})") from None
    except PackageNotFoundError:
        raise DocumentError(name, "not a Word document (DOCX)") from None
    except Exception as exc:  # python-docx raises many types on damaged files
        raise DocumentError(
            name, f"corrupt or unreadable DOCX ({type(exc).__name__}: {exc})"
        ) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            lines.append(" | ".join(dict.fromkeys(c for c in cells if c)))
    return "\n".join(lines)


def _html(markup: str, name: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    text = soup.get_text("\n")
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
