"""The hostile set of the ingest fuzzer: files an attacker or an unlucky user hands kmplan.

Every file is cheap to make and to store: bombs are deflate streams written block by block
(6 GB of zeros inflate from about 6 MB, made in a second), giants are sparse (`truncate`),
so the whole set takes a few tens of MB of disk. `build_hostile(folder)` writes the set
into `folder` (ingested as part of the batch) and returns what each file is and what must
become of it; `separate_cases()` lists the commands that need a run of their own.
"""

from __future__ import annotations

import io
import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tak-pao-km-plan-2566.pdf"
_MB = 1 << 20


@dataclass(frozen=True)
class Hostile:
    """One hostile file (or folder) and what ingest must make of it: `failed` or
    `skipped` with a one-line reason, `ingested`/`already-present`, or `any` outcome
    (only no crash, no hang, memory under the guard)."""

    path: Path
    kind: str
    expect: str = "any"


def zero_deflate(size: int, level: int = 9) -> bytes:
    """A zlib stream that inflates to `size` zero bytes, built from one compressed 1 MB
    block repeated (with a sync flush each block's bytes are the same), so a 6 GB bomb
    costs a second instead of a minute of zlib."""
    blocks, rest = divmod(size, _MB)
    raw = zlib.compressobj(level, zlib.DEFLATED, -15)
    zeros = bytes(_MB)
    first = raw.compress(zeros) + raw.flush(zlib.Z_SYNC_FLUSH)
    steady = raw.compress(zeros) + raw.flush(zlib.Z_SYNC_FLUSH)
    again = raw.compress(zeros) + raw.flush(zlib.Z_SYNC_FLUSH)
    assert steady == again, "deflate of zeros is not periodic here"
    parts = [first] if blocks else []
    parts += [steady] * max(0, blocks - 1)
    parts.append(raw.compress(bytes(rest)) + raw.flush(zlib.Z_FINISH))
    # Adler-32 of n zeros: a stays 1, b grows by 1 a byte.
    checksum = ((size % 65521) << 16) | 1
    return b"\x78\xda" + b"".join(parts) + checksum.to_bytes(4, "big")


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object 1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, flate: bool = False) -> bytes:
    filters = b" /Filter /FlateDecode" if flate else b""
    head = b"<< /Length %d%s %s >>\nstream\n" % (len(data), filters, extra)
    return head + data + b"\nendstream"


def one_page(content: bytes, resources: bytes = b"<< >>", box: bytes = b"0 0 595 842") -> bytes:
    """A one-page PDF whose page draws the (already encoded) content stream object."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Resources %s /Contents 4 0 R >>"
            % (box, resources),
            content,
        ]
    )


def flate_bomb(size: int) -> bytes:
    """A page whose content stream inflates to `size` bytes of zeros."""
    return one_page(stream(zero_deflate(size), flate=True))


def image_bomb(side: int, box: bytes = b"0 0 595 842") -> bytes:
    """A page covered by a side×side RGB image (3·side² bytes once inflated), no text: it
    goes to OCR, whose renderer decodes the image whole."""
    image = stream(
        zero_deflate(3 * side * side),
        b"/Type /XObject /Subtype /Image /Width %d /Height %d "
        b"/ColorSpace /DeviceRGB /BitsPerComponent 8" % (side, side),
        flate=True,
    )
    w, h = (float(v) for v in box.split()[2:])
    draw = stream(b"q %g 0 0 %g 0 0 cm /Im0 Do Q" % (w, h))
    pdf = raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] "
            b"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>" % box,
            draw,
            image,
        ]
    )
    return pdf


def nested_objects(depth: int) -> bytes:
    """A page whose /Resources hold arrays nested `depth` deep, and whose content stream
    nests `q` (save graphics state) and arrays as deep."""
    nest = b"[" * depth + b"0" + b"]" * depth
    content = stream(b"q " * depth + b"[" * depth + b"]" * depth + b" Q" * depth)
    return one_page(content, resources=b"<< /Deep %s >>" % nest)


def page_tree_loop() -> bytes:
    """A page tree whose node lists itself among its kids, and a /Count that lies."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 1000000000 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream(b"BT /F1 12 Tf 72 720 Td (loop) Tj ET"),
        ]
    )


def escape_text() -> bytes:
    """Text with ESC/OSC sequences, a bell, a carriage return and newlines, in a standard
    font: a title-like line, and lines where a plan's table would be."""
    evil = rb"(\033]0;pwned\007\033[2J\033[31mRED\015ok:    fake.pdf\012error: x) Tj"
    lines = b"".join(b"BT /F1 14 Tf 60 %d Td %s ET\n" % (y, evil) for y in (780, 700, 400))
    return one_page(
        stream(lines),
        resources=b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>",
    )


def sparse(path: Path, size: int, head: bytes = b"%PDF-1.7\n") -> Path:
    """A file of `size` bytes that costs no disk: `head`, then a hole."""
    with path.open("wb") as out:
        out.write(head)
        out.truncate(size)
    return path


def deep_folders(base: Path, depth: int) -> Path:
    """Folders nested `depth` deep (made through directory descriptors, so deeper than
    PATH_MAX works too), with a copy of the sample at the bottom."""
    base.mkdir()
    fd = os.open(base, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            child = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        bottom = os.open("deep.pdf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        with os.fdopen(bottom, "wb") as out:
            out.write(mini_sample() + f"%deep {depth}\n".encode())
    finally:
        os.close(fd)
    return base


ESCAPE_NAMES = [
    "esc-\x1b[31mred\x1b[0m.pdf",
    "osc-\x1b]0;pwned\x07.pdf",
    "newline-\nok:    fake.pdf",
    "cr-\rok:    fake.pdf",
    "c1-\x9b31m.pdf",
]
NOT_UTF8 = "tis620-\udca1\udcd2\udcc3.pdf"  # "การ" in TIS-620, a legacy Thai name


def mini_sample(pages: int = 8) -> bytes:
    """The sample's first pages (one plan): the copies under hostile names read in seconds."""
    with pikepdf.open(SAMPLE) as pdf, io.BytesIO() as out:
        del pdf.pages[pages:]
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _write(path: Path, data: bytes) -> Hostile:
    path.write_bytes(data)
    return Hostile(path, path.stem)


def build_hostile(folder: Path, *, bomb_bytes: int = 6 << 30, image_side: int = 20000,
                  sparse_bytes: int = 3 << 30, depth: int = 3000) -> list[Hostile]:  # fmt: skip
    """The hostile files, in `folder` (made here); sizes can be cut for a quick test."""
    folder.mkdir(parents=True, exist_ok=True)
    sample = mini_sample()
    made = [
        _write(folder / "flate-bomb.pdf", flate_bomb(bomb_bytes)),
        _write(folder / "image-bomb.pdf", image_bomb(image_side)),
        _write(folder / "huge-page.pdf", image_bomb(1000, box=b"0 0 14400 14400")),
        _write(folder / "nested-objects.pdf", nested_objects(100_000)),
        _write(folder / "page-tree-loop.pdf", page_tree_loop()),
        _write(folder / "escape-text.pdf", escape_text()),
        Hostile(sparse(folder / "sparse-giant.pdf", sparse_bytes), "sparse-giant", "failed"),
        Hostile(sparse(folder / "sparse-under-limit.pdf", 199_000_000), "sparse-under-limit"),
        Hostile(sparse(folder / "zero-bytes.pdf", 0, b""), "zero-bytes", "failed"),
    ]
    fifo = folder / "pipe.pdf"
    os.mkfifo(fifo)
    made.append(Hostile(fifo, "fifo", "skipped"))
    for name in ESCAPE_NAMES:
        path = folder / name
        path.write_bytes(sample + name.encode("utf-8", "surrogateescape") + b"\n")
        made.append(Hostile(path, "escape-name", "ingested"))
    bad = folder / NOT_UTF8
    bad.write_bytes(sample + b"%not utf-8\n")
    made.append(Hostile(bad, "name-not-utf8", "failed"))
    made += _links_and_folders(folder, sample, depth)
    return made


def _links_and_folders(folder: Path, sample: bytes, depth: int) -> list[Hostile]:
    named_pdf = folder / "folder-named-x.pdf"
    named_pdf.mkdir()
    (named_pdf / "inside.pdf").write_bytes(sample + b"%inside x.pdf\n")
    loops = folder / "loops"
    loops.mkdir()
    (loops / "up").symlink_to("..")
    (loops / "self").symlink_to(".")
    (loops / "self-link.pdf").symlink_to("self-link.pdf")
    (loops / "broken.pdf").symlink_to("nowhere.pdf")
    (loops / "zero.pdf").symlink_to("/dev/zero")
    (loops / "urandom.pdf").symlink_to("/dev/urandom")
    locked = folder / "locked.pdf"
    locked.write_bytes(sample + b"%locked\n")
    locked.chmod(0)  # root reads it all the same; another user gets a one-line failure
    shut = folder / "shut"
    shut.mkdir()
    (shut / "inside.pdf").write_bytes(sample + b"%shut\n")
    shut.chmod(0)
    (folder / "empty-folder").mkdir()
    return [
        Hostile(named_pdf / "inside.pdf", "folder-named-x.pdf", "ingested"),
        Hostile(loops / "self-link.pdf", "symlink-loop", "skipped"),
        Hostile(loops / "broken.pdf", "broken-link", "skipped"),
        Hostile(loops / "zero.pdf", "device-link", "skipped"),
        Hostile(loops / "urandom.pdf", "device-link", "skipped"),
        Hostile(locked, "unreadable-file"),
        Hostile(shut / "inside.pdf", "unreadable-folder"),
        Hostile(
            deep_folders(folder / "deep", depth) / ("d/" * depth + "deep.pdf"), "deep-folders"
        ),  # fmt: skip
    ]


def unlock(folder: Path) -> None:
    """Give back the modes taken away, so the folder can be removed."""
    for path in (folder / "locked.pdf", folder / "shut"):
        if path.exists():
            path.chmod(stat.S_IRWXU)
