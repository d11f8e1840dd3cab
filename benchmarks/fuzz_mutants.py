"""The mutants of the ingest fuzzer: the sample PDFs, damaged at random.

Truncation at a random offset (with and without a new %%EOF), flipped bytes, deleted
objects, blanked xref entries, cut streams, a page duplicated thousands of times, and a page
whose content stream is an endless run of tiny rectangles.
"""

from __future__ import annotations

import random
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))


def truncate(data: bytes, rng: random.Random, _: Path) -> bytes:
    cut = data[: rng.randrange(1, len(data))]
    return cut + b"\n%%EOF\n" if rng.random() < 0.5 else cut


def flip_bytes(data: bytes, rng: random.Random, _: Path) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 5, 50, 500])):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def blank_xref(data: bytes, rng: random.Random, _: Path) -> bytes:
    entries = list(re.finditer(rb"\d{10} \d{5} [nf]", data))
    out = bytearray(data)
    for m in rng.sample(entries, min(len(entries), rng.choice([1, 10, 100]))):
        out[m.start() : m.end()] = rng.choice([b"0" * 18 + b" f", b" " * 20])
    return bytes(out)


def _with_pikepdf(path: Path, edit: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(path) as pdf, tempfile.TemporaryFile() as out:
        edit(pdf)
        pdf.save(out, compress_streams=True)
        out.seek(0)
        return out.read()


def delete_objects(data: bytes, rng: random.Random, _: Path) -> bytes:
    """Cut whole `N 0 obj ... endobj` blocks out of the file (the xref then points astray)."""
    blocks = list(re.finditer(rb"\d+ \d+ obj\b.*?endobj", data, flags=re.DOTALL))
    doomed = sorted(rng.sample(blocks, min(len(blocks), rng.choice([1, 5, 30]))),
                    key=lambda m: m.start())  # fmt: skip
    out, last = bytearray(), 0
    for m in doomed:
        out += data[last : m.start()]
        last = m.end()
    return bytes(out + data[last:])


def cut_streams(data: bytes, rng: random.Random, path: Path) -> bytes:
    def edit(pdf: pikepdf.Pdf) -> None:
        streams = [o for o in pdf.objects if isinstance(o, pikepdf.Stream)]
        for stream in rng.sample(streams, min(len(streams), rng.choice([1, 3, 20]))):
            raw = stream.read_raw_bytes()
            stream.write(raw[: rng.randrange(0, max(1, len(raw)))], filter=stream.get("/Filter"))

    return _with_pikepdf(path, edit)


def duplicate_pages(data: bytes, rng: random.Random, path: Path) -> bytes:
    def edit(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[rng.randrange(len(pdf.pages))]
        for _ in range(rng.choice([1000, 3000])):
            pdf.pages.append(page)

    return _with_pikepdf(path, edit)


def endless_page(data: bytes, rng: random.Random, path: Path) -> bytes:
    def edit(pdf: pikepdf.Pdf) -> None:
        n = 300_000
        ops = b"".join(b"%d %d 2 2 re f\n" % (i % 500, (i // 500) % 800) for i in range(n))
        pdf.pages[rng.randrange(len(pdf.pages))].Contents = pdf.make_stream(ops)

    return _with_pikepdf(path, edit)


MUTATIONS: list[tuple[str, Callable[[bytes, random.Random, Path], bytes], int]] = [
    ("truncate", truncate, 25),
    ("flip-bytes", flip_bytes, 25),
    ("blank-xref", blank_xref, 15),
    ("delete-objects", delete_objects, 12),
    ("cut-streams", cut_streams, 15),
    ("duplicate-pages", duplicate_pages, 5),
    ("endless-page", endless_page, 3),
]


def make_mutants(n: int, folder: Path, rng: random.Random) -> dict[str, str]:
    names = [name for name, _, weight in MUTATIONS for _ in range(weight)]
    funcs = {name: func for name, func, _ in MUTATIONS}
    kinds: dict[str, str] = {}
    for i in range(1, n + 1):
        source = rng.choice(SAMPLES)
        kind = rng.choice(names)
        out = folder / f"mutant-{i:05d}-{kind}.pdf"
        try:
            out.write_bytes(funcs[kind](source.read_bytes(), rng, source))
        except Exception:  # pikepdf refused this mutation: truncate instead
            out.write_bytes(truncate(source.read_bytes(), rng, source))
        kinds[str(out)] = kind
    return kinds
