#!/usr/bin/env bash
# Set up kmplan in ./.venv on a fresh machine that has only Python 3.11+.
#   bash scripts/setup.sh        # the tool
#   bash scripts/setup.sh dev    # the tool plus test dependencies
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if ! "$python" -m venv --help >/dev/null 2>&1 || ! "$python" -c "import ensurepip" >/dev/null 2>&1; then
  # Debian ships venv/ensurepip separately from python3 itself.
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
  else
    echo "setup: '$python -m venv' is unavailable; install python3-venv (Debian) first" >&2
    exit 1
  fi
fi
# Tesseract and its Thai model read scanned pages (born-digital PDFs do not need them).
# The Thai script model (tesseract-ocr-script-thai) reads stacked tone marks the tha model drops.
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx tha \
  || ! tesseract --list-langs 2>/dev/null | grep -qx Thai; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-tha tesseract-ocr-script-thai; } >/dev/null 2>&1 \
      || echo "setup: could not install tesseract-ocr tesseract-ocr-tha; scanned pages will not be read" >&2
  else
    echo "setup: for scanned PDFs install tesseract-ocr and tesseract-ocr-tha (apt-get, as root)" >&2
  fi
fi
# The report test renders HTML in headless Chromium; a Thai font makes its labels readable.
if [ "${1:-}" = "dev" ] && ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && apt-get install -y -qq chromium fonts-tlwg-garuda; } >/dev/null 2>&1 \
      || echo "setup: could not install chromium; the report screenshot test will skip" >&2
  fi
fi
# The corpus generator's test re-renders a sample: LibreOffice and the Laksaman font.
if [ "${1:-}" = "dev" ] && ! command -v soffice >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-tlwg-laksaman; } >/dev/null 2>&1 \
      || echo "setup: could not install LibreOffice; the corpus generator's test will skip" >&2
  fi
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
extra=""
[ "${1:-}" = "dev" ] && extra="[dev]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
