"""ชื่อหน่วยงาน lines to the department they name."""

from __future__ import annotations

from normalize.text import clean_text


def department_name(unit: str | None) -> str:
    """The unit inside the parentheses of "องค์กร (หน่วยงาน)", else the whole line.

    The organization is printed first and the department in parentheses after it;
    a closing parenthesis lost at a line or cell break still leaves the department.
    """
    text = clean_text(unit or "")
    opening = text.find("(")
    if opening < 0:
        return text
    inner = _balanced_tail(text[opening + 1 :]).strip()
    return inner or text


def _balanced_tail(text: str) -> str:
    # Inner parentheses belong to the department's own name; stop at the one that
    # closes the outer pair, or at the end when it was never printed.
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return text[:index]
            depth -= 1
    return text
