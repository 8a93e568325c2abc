"""Name matching for the people index: phonetic keys, nicknames, typos and swapped names.

Keys are stored on every `PersonName` row so candidate lookup is an indexed query; ranking then
scores the candidates with rapidfuzz and gives the reason for each match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import jellyfish
from nicknames import NickNamer
from rapidfuzz import fuzz

_namer: NickNamer | None = None


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", text.lower())


def phonetic(name: str) -> str:
    norm = normalise(name)
    return jellyfish.metaphone(norm)[:20] if norm else ""


def soundex(name: str) -> str:
    norm = normalise(name)
    return jellyfish.soundex(norm) if norm else ""


@lru_cache(maxsize=4096)
def name_variants(name: str) -> frozenset[str]:
    """The name with its nicknames and the names it is a nickname of (Bill -> William)."""
    global _namer
    if _namer is None:
        _namer = NickNamer()
    norm = normalise(name)
    if not norm:
        return frozenset()
    variants = {norm} | set(_namer.nicknames_of(norm)) | set(_namer.canonicals_of(norm))
    return frozenset(normalise(v) for v in variants)


def anagram(name: str) -> str:
    """The name's letters in order: the same for any transposition typo ("Thopmson", "Thompson")."""
    return "".join(sorted(normalise(name)))[:100]


def name_keys(first: str, last: str) -> dict[str, str]:
    return {
        "first_norm": normalise(first),
        "last_norm": normalise(last),
        "first_key": phonetic(first),
        "last_key": phonetic(last),
        "first_soundex": soundex(first),
        "last_soundex": soundex(last),
        "last_anagram": anagram(last),
    }


@dataclass
class NameScore:
    score: float
    reasons: list[str] = field(default_factory=list)


def score_name(q_first: str, q_last: str, first: str, last: str) -> NameScore | None:
    """How well a query name matches a stored name (0-100), with the reasons; None if not at all."""
    qf, ql, f, la = normalise(q_first), normalise(q_last), normalise(first), normalise(last)
    best: NameScore | None = None
    for swapped, (a, b) in enumerate(((qf, ql), (ql, qf))):
        if not b:
            continue
        result = NameScore(0)
        last_ratio = fuzz.ratio(b, la)
        if b == la:
            result.score += 50
            result.reasons.append("surname exact")
        elif phonetic(b) == phonetic(la) and phonetic(b):
            result.score += 42
            result.reasons.append("surname sounds alike")
        elif last_ratio >= 75:
            result.score += last_ratio * 0.4
            result.reasons.append("surname spelt similarly")
        else:
            continue
        if a:
            first_ratio = fuzz.ratio(a, f)
            if a == f:
                result.score += 50
                result.reasons.append("first name exact")
            elif f in name_variants(a) or a in name_variants(f):
                result.score += 44
                result.reasons.append("first name is a known nickname")
            elif phonetic(a) == phonetic(f) and phonetic(a):
                result.score += 40
                result.reasons.append("first name sounds alike")
            elif first_ratio >= 70:
                result.score += first_ratio * 0.4
                result.reasons.append("first name spelt similarly")
            elif f.startswith(a[:1]):
                result.score += 10
                result.reasons.append("same first initial")
            else:
                continue
        if swapped:
            result.score -= 5
            result.reasons.append("first and last names swapped")
        if best is None or result.score > best.score:
            best = result
    return best
