"""Matching people by name, date of birth and identifiers: the one scorer for search, imports and
duplicate review (docs/people.md, "Matching").

- `score(candidate, query) -> Match`: how well a stored person's details match what was typed or
  imported (0-100), with the reasons a practitioner reads ("surname sounds alike; date of birth day
  and month swapped"). Pure: no database.
- `stored_keys(...)` / `query_keys(...)`: the index keys written for every `PersonName`
  (`frontdoor.search_index`) and the keys a query looks up, so candidates come from an index
  whatever the size of the index; `score` then ranks them.

Every word of a name counts (multi-word given names and surnames, particles such as "de" and
"van der", hyphens, apostrophes); accents are folded ("Óscar Ñúñez" = "oscar nunez"). A name
matches exactly, as a known nickname or transliteration, by sound (metaphone), or with one slip of
the keyboard (one letter added, dropped, changed or two swapped; two in long names). The date of
birth ranks, never filters: the same date, day and month swapped, one digit wrong, two digits
transposed or the year one out all count, less than the same date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import jellyfish
from nicknames import NickNamer
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

_namer: NickNamer | None = None

# Letters NFKD does not decompose into a base letter plus an accent.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "TH",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
    }
)

# Words that begin a surname but do not identify it on their own ("de Angelis", "van der Hoek").
PARTICLES = frozenset(
    "de da di del della der den van von la le du dos das do ter ten bin bint ibn al el st".split()
)

# Spellings of the same name in different transliterations, kept as a documented list (the
# `nicknames` package covers English nicknames only). Each group matches as "a known variant".
TRANSLITERATIONS: tuple[tuple[str, ...], ...] = (
    ("mohammed", "muhammad", "mohammad", "mohamed", "muhammed", "mohamad", "mohammod"),
    ("ahmed", "ahmad", "ahmet", "ahmid"),
    ("yusuf", "yousef", "yousuf", "youssef", "yusef", "josef", "joseph"),
    ("aisha", "ayesha", "aysha", "aishah", "ayisha"),
    ("fatima", "fatimah", "fatma", "fatemeh"),
    ("hussain", "hussein", "husain", "hossain", "husein"),
    ("ali", "aly"),
    ("ibrahim", "ebrahim", "ibraheem"),
    ("maryam", "mariam", "miriam", "maryum"),
    ("zainab", "zaynab", "zeinab"),
    ("alexander", "aleksander", "aleksandr", "oleksandr", "alexandr"),
    ("michael", "mikhail", "mihail", "mykhailo", "michal"),
    ("sergei", "sergey", "serhii", "sergiy"),
    ("yuri", "yury", "iurii", "yuriy"),
    ("olga", "olha"),
    ("sophia", "sofia", "zofia", "sofiya"),
    ("katherine", "katarzyna", "ekaterina", "yekaterina", "kateryna"),
    ("john", "jan", "ivan", "ioan", "juan", "jean"),
    ("peter", "piotr", "pyotr", "petro", "pedro"),
    ("nunez", "nunes"),
    ("kowalski", "kovalsky", "kowalsky"),
    ("okafor", "okafo"),
    ("begum", "begom"),
    ("chowdhury", "choudhury", "chaudhry", "chaudhary", "choudhary"),
)
_TRANSLIT: dict[str, frozenset[str]] = {
    name: frozenset(group) for group in TRANSLITERATIONS for name in group
}


_APOSTROPHES = re.compile(r"['`’]")
_NOT_LETTERS = re.compile(r"[^a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case ASCII with accents removed; apostrophes dropped, other punctuation a space."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_FOLD))
    text = text.encode("ascii", "ignore").decode().lower()
    return _NOT_LETTERS.sub(" ", _APOSTROPHES.sub("", text)).strip()


def normalise(name: str) -> str:
    """All the letters of a name, folded and joined ("O'Brien-Núñez" -> "obriennunez")."""
    return fold(name).replace(" ", "")


@lru_cache(maxsize=65536)
def words(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split())


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[str, ...]:
    """The words of a name that identify it: particles left out unless they are all there is."""
    all_words = words(name)
    kept = tuple(w for w in all_words if w not in PARTICLES)
    return kept or all_words


@lru_cache(maxsize=65536)
def meta(word: str) -> str:
    """The word's metaphone (its sound), or the word itself when it has none."""
    return (jellyfish.metaphone(word) or word)[:12] if word else ""


def phonetic(name: str) -> str:
    norm = normalise(name)
    return jellyfish.metaphone(norm)[:20] if norm else ""


def soundex(name: str) -> str:
    norm = normalise(name)
    return jellyfish.soundex(norm) if norm else ""


def anagram(name: str) -> str:
    """The name's letters in order: the same for any transposition typo ("Thopmson", "Thompson")."""
    return "".join(sorted(normalise(name)))[:100]


@lru_cache(maxsize=8192)
def name_variants(name: str) -> frozenset[str]:
    """The name, its nicknames, the names it is a nickname of, their other nicknames (Kate ->
    Katherine -> Katie) and their full names (Katie -> Katy -> Katherine), and its
    transliterations (Mohammed, Muhammad)."""
    global _namer
    if _namer is None:
        _namer = NickNamer()
    norm = normalise(name)
    if not norm:
        return frozenset()
    canonicals = set(_namer.canonicals_of(norm))
    nicknames = set(_namer.nicknames_of(norm))
    variants = {norm} | nicknames | canonicals
    for canonical in canonicals:
        variants |= set(_namer.nicknames_of(canonical))
    for other in canonicals | nicknames:  # Katie -> Katy -> Katherine
        variants |= set(_namer.canonicals_of(other))
    for v in list(variants):
        variants |= _TRANSLIT.get(v, frozenset())
    return frozenset(normalise(v) for v in variants)


def typo_distance_allowed(word: str) -> int:
    """Slips of the keyboard tolerated: one in a name, two in a long one (8 letters or more)."""
    return 2 if len(word) >= 8 else 1


# How alike two words are: (weight 0-1, how it reads in the reasons).
EXACT, VARIANT, SOUND, TYPO, INITIAL = 1.0, 0.9, 0.85, 0.8, 0.4


@lru_cache(maxsize=262144)
def word_match(q: str, c: str, given: bool) -> tuple[float, str]:
    """How the typed word `q` matches a stored word `c` (given name when `given`)."""
    if not q or not c:
        return 0.0, ""
    if q == c:
        return EXACT, "exact"
    if c in _TRANSLIT.get(q, frozenset()):
        return VARIANT, "is a known variant spelling"
    if given and (c in name_variants(q) or q in name_variants(c)):
        return VARIANT, "is a known nickname"
    if len(q) > 1 and len(c) > 1 and meta(q) == meta(c):
        return SOUND, "sounds alike"
    if min(len(q), len(c)) >= 3 and OSA.distance(q, c) <= typo_distance_allowed(min(q, c, key=len)):
        return TYPO, "spelt similarly"
    if given and (len(q) == 1 or len(c) == 1) and q[0] == c[0]:
        return INITIAL, "same initial"
    return 0.0, ""


@dataclass(frozen=True)
class MatchFields:
    """What is known of a person, typed or stored. `first_name` holds every given name,
    `last_name` every surname word ("de Angelis", "O'Brien Nunez")."""

    first_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    postcode: str = ""
    nhs_number: str = ""
    name_kind: str = "current"  # on a candidate: which of the person's names this is

    @classmethod
    def from_text(cls, text: str, **other: object) -> MatchFields:
        """A name typed in one box: "Smith, John" is surname first; otherwise the last word, with
        any particles before it ("lachlan de angelis"), is taken as the surname. The split only
        decides what "swapped" means: every word is matched against every part of a name."""
        text = (text or "").strip()
        if "," in text:
            last, _, first = text.partition(",")
            return cls(first_name=first.strip(), last_name=last.strip(), **other)  # type: ignore[arg-type]
        parts = text.split()
        if len(parts) <= 1:
            return cls(last_name=text, **other)  # type: ignore[arg-type]
        cut = len(parts) - 1
        while cut > 0 and fold(parts[cut - 1]) in PARTICLES:
            cut -= 1
        return cls(first_name=" ".join(parts[:cut]), last_name=" ".join(parts[cut:]), **other)  # type: ignore[arg-type]


@dataclass
class Match:
    score: float  # 0-100
    reasons: list[str] = field(default_factory=list)
    name_score: float = 0.0  # 0-1: the name part alone

    @property
    def reason_text(self) -> str:
        return "; ".join(self.reasons)


SURNAME_POINTS, GIVEN_POINTS, DOB_POINTS, POSTCODE_POINTS = 40.0, 30.0, 30.0, 10.0
DOB_DIFFERS = -20.0


@dataclass(frozen=True)
class _Word:
    text: str
    part: str  # "g" typed as a given name, "s" as a surname
    covers: tuple[str, ...]  # the typed words this stands for (a joined run covers several)


@lru_cache(maxsize=16384)
def _query_words(first: str, last: str) -> tuple[_Word, ...]:
    """Every typed word, and runs of neighbouring words joined ("de angelis" -> "deangelis")."""
    out: list[_Word] = []
    for part, text in (("g", first), ("s", last)):
        all_words = words(text)
        for w in tokens(text):
            out.append(_Word(w, part, (w,)))
        for size in (2, 3):
            for i in range(len(all_words) - size + 1):
                run = all_words[i : i + size]
                kept = tuple(w for w in run if w not in PARTICLES)
                if kept:
                    out.append(_Word("".join(run), part, kept))
    return tuple(out)


@lru_cache(maxsize=65536)
def _stored_surnames(last: str) -> tuple[str, ...]:
    joined = normalise(last)
    found = tokens(last)
    return found + ((joined,) if len(words(last)) > 1 and joined not in found else ())


def _best(
    pool: Iterable[_Word], stored: Iterable[str], given: bool
) -> tuple[float, str, _Word | None]:
    best: tuple[float, str, _Word | None] = (0.0, "", None)
    for w in pool:
        for c in stored:
            weight, how = word_match(w.text, c, given)
            if weight > best[0]:
                best = (weight, how, w)
    return best


@lru_cache(maxsize=65536)
def score_names(q_first: str, q_last: str, c_first: str, c_last: str) -> Match | None:
    """The name part of `score`: None when no word of the surname or given names matches.
    Cached (many people share a name); callers copy, never change, the result."""
    pool = _query_words(q_first, q_last)
    if not pool:
        return None
    surnames = _stored_surnames(c_last)
    givens = tokens(c_first)
    typed = {w for item in pool for w in item.covers}
    attainable = SURNAME_POINTS + (GIVEN_POINTS if len(typed) > 1 else 0.0)
    best: Match | None = None
    for order in ("surname first", "given first"):
        if order == "surname first":
            s_w, s_how, s_word = _best(pool, surnames, False)
            rest = [w for w in pool if s_word is None or not set(w.covers) & set(s_word.covers)]
            g_w, g_how, g_word = _best(rest, givens, True)
        else:
            if len(typed) <= 1:  # one word typed is a surname
                continue
            g_w, g_how, g_word = _best(pool, givens, True)
            rest = [w for w in pool if g_word is None or not set(w.covers) & set(g_word.covers)]
            s_w, s_how, s_word = _best(rest, surnames, False)
        if s_w == 0 and g_w == 0:
            continue
        points = SURNAME_POINTS * s_w + GIVEN_POINTS * g_w
        reasons = []
        if s_word is not None:
            reasons.append(f"surname {s_how}")
        if g_word is not None and len(typed) > 1:
            reasons.append(f"first name {g_how}")
        used = set(s_word.covers if s_word else ()) | set(g_word.covers if g_word else ())
        # A typed word that matches nothing stored (an extra name) counts against; stored words
        # not typed (a second surname) count a little, so the exact name ranks first.
        stored_all = givens + surnames
        for w in typed - used:
            if max((word_match(w, c, False)[0] for c in stored_all), default=0) < TYPO:
                points -= 6
        for c in givens + tokens(c_last):
            if max((word_match(w, c, False)[0] for w in typed), default=0) < TYPO:
                points -= 1
        if s_word and g_word and s_word.part == "g" and g_word.part == "s":
            points -= 3
            reasons.append("first and last names swapped")
        name_score = max(0.0, points) / attainable
        if best is None or name_score > best.name_score:
            best = Match(0.0, reasons, name_score)
    return best


def _digits(d: date) -> str:
    return d.strftime("%Y%m%d") if d.year >= 1000 else f"{d.year:04d}{d.month:02d}{d.day:02d}"


@lru_cache(maxsize=65536)
def dob_relation(typed: date, stored: date) -> tuple[float, str]:
    """How a typed date of birth relates to a stored one: (points out of 30, reason)."""
    if typed == stored:
        return DOB_POINTS, "same date of birth"
    if (typed.year, typed.month, typed.day) == (stored.year, stored.day, stored.month):
        return 24.0, "date of birth day and month swapped"
    if (typed.month, typed.day) == (stored.month, stored.day) and abs(
        typed.year - stored.year
    ) == 1:
        return 20.0, "date of birth year one out"
    a, b = _digits(typed), _digits(stored)
    differ = [i for i in range(8) if a[i] != b[i]]
    if len(differ) == 1:
        return 22.0, "date of birth one digit different"
    if len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]]:
        if a[differ[1]] == b[differ[0]]:
            return 22.0, "date of birth two digits transposed"
    if abs((typed - stored).days) <= 31:
        return 10.0, "date of birth within a month"
    # A date of birth far from the typed one counts against: a namesake born years apart is less
    # likely the child than one with the same first name and date of birth whose surname changed.
    return DOB_DIFFERS, "date of birth differs"


def score(candidate: MatchFields, query: MatchFields) -> Match:
    """How well a stored person (`candidate`) matches what was typed or imported (`query`).

    Points: surname 40, given names 30 (only when given names were typed), date of birth 30 (only
    when typed), postcode 10 (only when typed), as a share of what the query could earn; the
    same NHS number is a certain match and a different one counts heavily against. A score of 0
    with no reasons means nothing matched."""
    reasons: list[str] = []
    if query.nhs_number and candidate.nhs_number:
        if query.nhs_number == candidate.nhs_number:
            return Match(100.0, ["same NHS number"], 1.0)
    names = score_names(
        query.first_name, query.last_name, candidate.first_name, candidate.last_name
    )
    name_score = names.name_score if names else 0.0
    typed = {w for item in _query_words(query.first_name, query.last_name) for w in item.covers}
    name_attainable = SURNAME_POINTS + (GIVEN_POINTS if len(typed) > 1 else 0.0)
    points = name_score * name_attainable if typed else 0.0
    attainable = name_attainable if typed else 0.0
    if names:
        reasons += names.reasons
    if query.date_of_birth:
        attainable += DOB_POINTS
        if candidate.date_of_birth:
            dob_points, why = dob_relation(query.date_of_birth, candidate.date_of_birth)
            points += dob_points
            reasons.append(why)
        else:
            points += 6
            reasons.append("no date of birth recorded")
    if query.postcode:
        attainable += POSTCODE_POINTS
        if candidate.postcode and _postcode(candidate.postcode) == _postcode(query.postcode):
            points += POSTCODE_POINTS
            reasons.append("same postcode")
    if query.nhs_number and candidate.nhs_number:
        points -= 30
        reasons.append("different NHS number")
    if candidate.name_kind != "current" and names:
        points -= 3
        reasons.append("matched a previous or other name")
    total = 100.0 * max(0.0, points) / attainable if attainable else 0.0
    return Match(round(min(100.0, total), 1), reasons, name_score)


def _postcode(value: str) -> str:
    return (value or "").replace(" ", "").upper()


def is_match(match: Match, query: MatchFields) -> bool:
    """The cut-off for showing a result: half the name, or a weaker name with a close date of
    birth (a changed surname). Applied after typo tolerance, never before."""
    if match.name_score >= 0.5:
        return True
    close_dob = "same date of birth" in match.reasons or any(
        r.startswith("date of birth") and "differs" not in r and "within a month" not in r
        for r in match.reasons
    )
    return bool(query.date_of_birth) and match.name_score >= 0.25 and close_dob


# --- Index keys -------------------------------------------------------------------------------
#
# One row per key per name (`search_index.NameKey`); a query looks its keys up with one indexed
# `IN`. "n" a given name's sound with a surname's sound; "s" a surname's sound alone; "d" a
# surname's sound with the date of birth; "g" a given name's sound with the date of birth (finds a
# child whose surname changed).


def stored_words(first: str, last: str) -> set[str]:
    """The words of a stored name for the vocabulary (typo neighbours are found among them)."""
    return set(tokens(first)) | set(_stored_surnames(last))


@lru_cache(maxsize=65536)
def _name_part_keys(
    first: str, last: str
) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    givens = tuple(meta(g) for g in tokens(first)[:3])
    surnames = tuple(meta(s) for s in _stored_surnames(last))
    keys = {f"s{s}" for s in surnames} | {f"n{g}|{s}" for g in givens for s in surnames}
    return frozenset(keys), givens, surnames


def stored_keys(first: str, last: str, dob: date | None) -> set[str]:
    keys, givens, surnames = _name_part_keys(first, last)
    out = set(keys)
    if dob:
        stamp = _digits(dob)
        out |= {f"d{s}|{stamp}" for s in surnames}
        out |= {f"g{g}|{stamp}" for g in givens}
    return out


def dob_variants(typed: date, *, latest: date | None = None) -> set[date]:
    """Dates a typed date of birth may stand for: itself, day and month swapped, the year one out,
    one digit wrong, two neighbouring digits transposed (real dates from 1900 on)."""
    found = {typed}
    candidates = [(typed.year, typed.day, typed.month)]
    candidates += [(typed.year + d, typed.month, typed.day) for d in (-1, 1)]
    digits = _digits(typed)
    for i in range(8):
        for ch in "0123456789":
            if ch != digits[i]:
                candidates.append(_split(digits[:i] + ch + digits[i + 1 :]))
        if i < 7 and digits[i] != digits[i + 1]:
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
            candidates.append(_split(swapped))
    for y, m, d in candidates:
        try:
            day = date(y, m, d)
        except ValueError:
            continue
        if day.year >= 1900 and (latest is None or day <= latest):
            found.add(day)
    return found


def _split(digits: str) -> tuple[int, int, int]:
    return int(digits[:4]), int(digits[4:6]), int(digits[6:])


def query_keys(
    query: MatchFields,
    expand: dict[str, set[str]],
    *,
    latest: date | None = None,
) -> tuple[set[str], set[str]]:
    """The keys to look up for a query: (name keys, date-of-birth keys). `expand` maps each typed
    word to the stored words close to it (typo neighbours from the vocabulary)."""
    pool = _query_words(query.first_name, query.last_name)
    sounds: dict[_Word, set[str]] = {}
    near: dict[_Word, set[str]] = {}
    for w in pool:
        close = {w.text} | expand.get(w.text, set())
        near[w] = {meta(v) for v in close}
        sounds[w] = near[w] | {meta(v) for c in close for v in name_variants(c)}
    name_keys: set[str] = set()
    distinct = {w for item in pool for w in item.covers}
    if len(distinct) <= 1:
        name_keys = {f"s{m}" for w in pool for m in near[w]}
    else:
        for a in pool:
            for b in pool:
                if set(a.covers) & set(b.covers):
                    continue
                name_keys |= {f"n{x}|{y}" for x in sounds[a] for y in near[b]}
    dob_keys: set[str] = set()
    if query.date_of_birth:
        stamps = {_digits(d) for d in dob_variants(query.date_of_birth, latest=latest)}
        metas = {m for w in pool for m in near[w]}
        dob_keys = {f"{p}{m}|{s}" for p in "dg" for m in metas for s in stamps}
    return name_keys, dob_keys


# --- Kept for the police import and partner concerns (exact-ish matching on one date of birth) ---


def name_keys(first: str, last: str) -> dict[str, str]:
    """The columns stored on `PersonName` (exact and sound-alike keys of the whole name)."""
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
    """The name part of `score` on the old 0-100 scale (partner concerns' confident match is 85)."""
    found = score_names(q_first, q_last, first, last)
    if found is None or found.name_score < 0.45:
        return None
    # fuzz keeps near-identical names apart from merely similar ones at the top of the scale.
    closeness = fuzz.ratio(normalise(q_first + q_last), normalise(first + last)) / 100
    return NameScore(round(100 * found.name_score * (0.9 + 0.1 * closeness), 1), found.reasons)
