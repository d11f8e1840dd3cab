"""Private-use glyph codes of Thai fonts and the standard characters they draw.

A leaf module: extract matches header words on text that may still carry these codes,
and normalize repairs text fields with the same table.
"""

from __future__ import annotations

# Private-use code point -> the standard Thai character its glyph draws.
#
# U+F700-U+F71A: the Windows set, registered by Microsoft's Thai fonts and copied by the
# Thai government fonts (SIPA's TH Sarabun PSK / TH SarabunIT๙ and the other 13 national
# fonts). U+F884-U+F89E: the older Macintosh set some fonts carry instead. Both are the
# tables of HarfBuzz's Thai fallback shaper (src/hb-ot-shaper-thai.cc, "thai_pua_shape":
# win_pua / mac_pua columns) and of Theppitak Karoonboonyanan's notes on Thai OpenType
# shaping (linux.thai.net/~thep/th-otf/shaping.html). U+F880-U+F883 and U+F89F appear in
# no public mapping we could find and are left alone rather than guessed.
PUA_TO_THAI: dict[int, str] = {
    # Windows set
    0xF700: "\u0e10",  # ฐ without its lower part (RD: remove descender)
    0xF701: "\u0e34",  # sara i, shifted left (SL)
    0xF702: "\u0e35",  # sara ii, shifted left
    0xF703: "\u0e36",  # sara ue, shifted left
    0xF704: "\u0e37",  # sara uee, shifted left
    0xF705: "\u0e48",  # mai ek, shifted down-left (SDL)
    0xF706: "\u0e49",  # mai tho, shifted down-left
    0xF707: "\u0e4a",  # mai tri, shifted down-left
    0xF708: "\u0e4b",  # mai chattawa, shifted down-left
    0xF709: "\u0e4c",  # thanthakhat, shifted down-left
    0xF70A: "\u0e48",  # mai ek, set low (SD: no upper vowel under it)
    0xF70B: "\u0e49",  # mai tho, set low
    0xF70C: "\u0e4a",  # mai tri, set low
    0xF70D: "\u0e4b",  # mai chattawa, set low
    0xF70E: "\u0e4c",  # thanthakhat, set low
    0xF70F: "\u0e0d",  # ญ without its lower part
    0xF710: "\u0e31",  # mai han-akat, shifted left
    0xF711: "\u0e4d",  # nikhahit, shifted left
    0xF712: "\u0e47",  # maitaikhu, shifted left
    0xF713: "\u0e48",  # mai ek, shifted left
    0xF714: "\u0e49",  # mai tho, shifted left
    0xF715: "\u0e4a",  # mai tri, shifted left
    0xF716: "\u0e4b",  # mai chattawa, shifted left
    0xF717: "\u0e4c",  # thanthakhat, shifted left
    0xF718: "\u0e38",  # sara u, set lower (under ฎ ฏ ญ ฐ)
    0xF719: "\u0e39",  # sara uu, set lower
    0xF71A: "\u0e3a",  # phinthu, set lower
    # Macintosh set
    0xF884: "\u0e31",  # mai han-akat, shifted left
    0xF885: "\u0e34",  # sara i, shifted left
    0xF886: "\u0e35",  # sara ii, shifted left
    0xF887: "\u0e36",  # sara ue, shifted left
    0xF888: "\u0e37",  # sara uee, shifted left
    0xF889: "\u0e47",  # maitaikhu, shifted left
    0xF88A: "\u0e48",  # mai ek, shifted left
    0xF88B: "\u0e48",  # mai ek, set low
    0xF88C: "\u0e48",  # mai ek, shifted down-left
    0xF88D: "\u0e49",  # mai tho, shifted left
    0xF88E: "\u0e49",  # mai tho, set low
    0xF88F: "\u0e49",  # mai tho, shifted down-left
    0xF890: "\u0e4a",  # mai tri, shifted left
    0xF891: "\u0e4a",  # mai tri, set low
    0xF892: "\u0e4a",  # mai tri, shifted down-left
    0xF893: "\u0e4b",  # mai chattawa, shifted left
    0xF894: "\u0e4b",  # mai chattawa, set low
    0xF895: "\u0e4b",  # mai chattawa, shifted down-left
    0xF896: "\u0e4c",  # thanthakhat, shifted left
    0xF897: "\u0e4c",  # thanthakhat, set low
    0xF898: "\u0e4c",  # thanthakhat, shifted down-left
    0xF899: "\u0e4d",  # nikhahit, shifted left
    0xF89A: "\u0e0d",  # ญ without its lower part
    0xF89B: "\u0e38",  # sara u, set lower
    0xF89C: "\u0e39",  # sara uu, set lower
    0xF89D: "\u0e3a",  # phinthu, set lower
    0xF89E: "\u0e10",  # ฐ without its lower part
}
_PUA_TABLE = str.maketrans(PUA_TO_THAI)


def repair_pua(text: str) -> str:
    """Private-use glyph codes of Thai fonts replaced by the characters they draw.

    A pure per-code-point mapping: idempotent, never raises, changes nothing else.
    """
    return text.translate(_PUA_TABLE)
