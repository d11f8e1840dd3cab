"""Canonical vocabularies kept as data (JSON beside this file) and similarity lookup.

A leaf package: extract and normalize both use it, it imports neither.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from extract.vocab.glyph_codes import repair_pua

K = TypeVar("K")


@cache
def load(name: str) -> dict[str, list[str]]:
    """Load vocabulary `name` (a JSON object: canonical key -> printed forms)."""
    text = resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    vocabulary = {str(key): [str(v) for v in values] for key, values in data.items()}
    return remember(vocabulary)


def numbered_names(name: str) -> dict[int, str]:
    """Number -> canonical name of a numbered vocabulary (steps, elements, months): the
    first printed form in its file, the name as the standard prints it."""
    return {int(key): forms[0] for key, forms in load(name).items()}


def remember(vocabulary: dict[str, list[str]]) -> dict[str, list[str]]:
    """Keep `vocabulary`'s squashed forms for best_match (for vocabularies that live as
    long as the process; a throwaway dict is squashed on each call instead)."""
    _PREPARED[id(vocabulary)] = (vocabulary, *_prepare(vocabulary))
    return vocabulary


def squash(text: str) -> str:
    """The form words are compared in: private-use glyph codes mapped back, sara am
    recomposed, spaces and dots dropped (so 'ต .ค.' and 'ตค', 'ลําด\uf710บ' and 'ลำดับ'
    compare as one form)."""
    text = unicodedata.normalize("NFC", repair_pua(text)).replace("\u0e4d\u0e32", "\u0e33")
    return "".join(ch for ch in text if not ch.isspace() and ch not in ".:")


@dataclass(frozen=True)
class Match(Generic[K]):
    key: K
    form: str
    score: float  # 0..100


# Squashed forms of the vocabularies load() returned, by identity: matching runs for every
# table cell and text line, and squashing the same forms again each time dominated it.
_PREPARED: dict[int, tuple[dict[str, list[str]], list[str], list[str]]] = {}


def _prepare(vocabulary: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    cached = _PREPARED.get(id(vocabulary))
    if cached is not None and cached[0] is vocabulary:
        return cached[1], cached[2]
    forms: list[str] = []
    keys: list[str] = []
    for key, variants in vocabulary.items():
        for form in variants:
            forms.append(squash(form))
            keys.append(key)
    return forms, keys


def best_match(text: str, vocabulary: dict[str, list[str]], cutoff: float) -> Match[str] | None:
    """The canonical key whose printed forms are most similar to `text`, if above `cutoff`."""
    forms, keys = _prepare(vocabulary)
    found = process.extractOne(squash(text), forms, scorer=fuzz.ratio, score_cutoff=cutoff)
    if found is None:
        return None
    form, score, index = found
    return Match(key=keys[index], form=form, score=float(score))
