"""Write docs/warning-codes.md from the registry (extract/vocab/codes.py).

Run after adding or changing a warning code or failure reason:
    .venv/bin/python scripts/gen_warning_codes.py
tests/extract/test_codes.py fails while the committed file differs from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from extract.vocab.codes import codes_markdown

TARGET = Path(__file__).resolve().parent.parent / "docs" / "warning-codes.md"


def main() -> None:
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(codes_markdown(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
