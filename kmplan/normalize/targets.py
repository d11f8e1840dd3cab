"""เป้าหมาย cells: the percentage a target states, if it states one."""

from __future__ import annotations

import re

from kmplan.normalize.text import clean_text

_NUMBER = r"(\d+(?:\.\d+)?)"
# "ร้อยละ 80" (also with a stray space "ร้อย ละ"), or "80%", "80 %", "80 เปอร์เซ็นต์".
# The first percentage in the cell is the target; later ones qualify it.
_PERCENT = re.compile(
    rf"ร้อย\s*ละ\s*{_NUMBER}(?!\d)"
    rf"|(?<![\d.]){_NUMBER}\s*(?:%|\uff05|เปอร์เซ็น(?:ต์)?|percent)",
    re.IGNORECASE,
)


def target_percent(text: str) -> float | None:
    """The first percentage stated in `text` (ร้อยละ 80, 100 %, ...), or None."""
    found = _PERCENT.search(clean_text(text))
    if found is None:
        return None
    return float(found.group(1) or found.group(2))
