"""Years as Thai documents print them: Buddhist Era (พ.ศ.) years and the fiscal year.

The era markers are regular-expression pieces for the patterns that read years (memo
lines, plan titles, periods, month-column headers), declared once here.
"""

from __future__ import annotations

# A Buddhist Era year is the Common Era year plus 543 (พ.ศ. 2566 = 2023).
BE_OFFSET = 543
# Thai fiscal year N (BE) runs from 1 October of year N-1 to 30 September of year N.
FISCAL_YEAR_FIRST_MONTH = 10

# พ.ศ. as printed: with or without its dots, spaced or not (พ.ศ. / พ.ศ / พ. ศ. / พศ).
BE_ERA = r"พ\s*\.?\s*ศ\s*\.?"
# พ.ศ. or ค.ศ. (a year printed in the Common Era): the ศ is required, so neither eats
# the พ of พ.ค. / พ.ย. or the ค of ค.ศ.-less text.
ERA = r"[พค]\s*\.?\s*ศ\s*\.?"
# Before a year: an optional พ.ศ. and the spaces around it ("พ.ศ. 2566", "พ.ศ.2566", "2566").
BE_PREFIX = rf"(?:{BE_ERA})?\s*"
