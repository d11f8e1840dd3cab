"""Build the scanned samples: the born-digital sample printed, signed and scanned back.

  tak-pao-km-plan-2566-scanned.pdf  every page an image (no text layer)
  tak-pao-km-plan-2566-mixed.pdf    pages 1-2 (memo, announcement) scanned, pages 3-25 the
                                    born-digital pages, as an agency splices a signed scan
                                    in front of the plan it exported

Each scanned page is the born-digital page rasterized by poppler (``pdftoppm``) at 200 dpi
in grey, turned by a small angle (0.4-1.6 degrees, either way), given a little Gaussian
noise and dust, and stored as a JPEG (quality 75) filling the page's original media box. A fixed
random seed makes every rebuild byte-identical (same poppler, Pillow and pikepdf).

The truth of both samples is the born-digital truth: the same rows on the same pages.

Run (from the repository root): .venv/bin/python -m samples.build.build_scans
Needs: poppler-utils (pdftoppm), Pillow, numpy and pikepdf (`pip install -e .[dev]`).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pikepdf
from PIL import Image

from .common import SAMPLES

SOURCE = SAMPLES / "tak-pao-km-plan-2566.pdf"
SCANNED = SAMPLES / "tak-pao-km-plan-2566-scanned.pdf"
MIXED = SAMPLES / "tak-pao-km-plan-2566-mixed.pdf"
TRUTH = SAMPLES / "tak-pao-km-plan-2566.truth.jsonl"
# Stamped into the PDFs as they were first built (the builder has since moved to
# samples/build/); kept so that a rebuild stays byte-identical to the committed files.
PRODUCER = "kmplan samples/build_scans.py"
DPI = 200
JPEG_QUALITY = 75
NOISE_SIGMA = 3.0  # grey levels
SPECKLE = 0.0005  # share of pixels turned into dark dust
MIXED_SCANNED_PAGES = (1, 2)
SEED = 2566


def rasterize(pdf: Path, folder: Path) -> list[Path]:
    """Grey PGM images of every page, in page order."""
    prefix = folder / "page"
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(prefix)], check=True, timeout=600
    )
    return sorted(folder.glob("page-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def scan_look(image: Image.Image, rng: np.random.Generator) -> tuple[bytes, float]:
    """The page as a scanner gives it back: turned a little, noisy, JPEG-compressed."""
    angle = float(rng.uniform(0.4, 1.6) * rng.choice([-1.0, 1.0]))
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    pixels = np.asarray(turned, dtype=np.float32)
    noisy = pixels + rng.normal(0.0, NOISE_SIGMA, pixels.shape)
    noisy[rng.random(pixels.shape) < SPECKLE] = 60.0
    out = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), mode="L")
    buffer = io.BytesIO()
    out.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue(), angle


def image_page(pdf: pikepdf.Pdf, jpeg: bytes, size: tuple[int, int], box: list[float]) -> None:
    """Append a page that shows only `jpeg`, filling the media box `box`."""
    width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
    image = pikepdf.Stream(pdf, jpeg)
    image.Type = pikepdf.Name.XObject
    image.Subtype = pikepdf.Name.Image
    image.Width, image.Height = size
    image.ColorSpace = pikepdf.Name.DeviceGray
    image.BitsPerComponent = 8
    image.Filter = pikepdf.Name.DCTDecode
    content = f"q {width:.3f} 0 0 {height:.3f} 0 0 cm /Scan Do Q".encode()
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, width, height],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Scan=image)),
        Contents=pikepdf.Stream(pdf, content),
    )
    pdf.pages.append(pikepdf.Page(page))


def build(scanned_pages: set[int] | None, target: Path, images: list[Path]) -> list[float]:
    """Write `target`: the pages in `scanned_pages` (all when None) as scans, the rest copied."""
    rng = np.random.default_rng(SEED)
    angles = []
    with pikepdf.open(SOURCE) as source, pikepdf.new() as out:
        for number, (page, image_path) in enumerate(zip(source.pages, images, strict=True), 1):
            if scanned_pages is not None and number not in scanned_pages:
                out.pages.append(page)
                continue
            with Image.open(image_path) as image:
                jpeg, angle = scan_look(image.convert("L"), rng)
                size = image.size
            angles.append(angle)
            image_page(out, jpeg, size, list(page.mediabox))
        out.docinfo["/Producer"] = PRODUCER
        out.save(target, deterministic_id=True)
    return angles


def main() -> None:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    with tempfile.TemporaryDirectory(prefix="kmplan-scan-") as tmp:
        images = rasterize(SOURCE, Path(tmp))
        angles = build(None, SCANNED, images)
        build(set(MIXED_SCANNED_PAGES), MIXED, images)
    for target in (SCANNED, MIXED):
        truth = target.with_suffix(".truth.jsonl")
        shutil.copyfile(TRUTH, truth)
        print(f"wrote {target.name} ({target.stat().st_size // 1024} KiB) and {truth.name}")
    print("rotations (degrees): " + ", ".join(f"{a:+.2f}" for a in angles))


if __name__ == "__main__":
    main()
