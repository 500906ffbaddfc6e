"""Read rendered PDFs back: page text (pypdf) and page 1 as a PNG for review (pdftoppm)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdf

ARTIFACTS = Path(__file__).parents[2] / "test-artifacts" / "reports"


def pages(pdf: bytes) -> list[str]:
    """Each page's text with whitespace runs collapsed (and the NUL bytes of 2-byte fonts dropped)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().replace("\x00", "").split()) for page in reader.pages]


def page_size_pt(pdf: bytes) -> tuple[float, float]:
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def save_page_one_png(pdf: bytes, name: str) -> Path | None:
    """Render page 1 at 110 dpi to test-artifacts/reports/NAME.png; None when pdftoppm is absent."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
    stem = ARTIFACTS / name
    subprocess.run(
        [tool, "-r", "110", "-png", "-f", "1", "-l", "1", "-singlefile", f"{stem}.pdf", str(stem)], check=True
    )
    return stem.with_suffix(".png")
