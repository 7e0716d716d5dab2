r"""Regular expressions from an import spec, bounded in time: one upload can never stall the server.

Python's `re` backtracks without limit and holds the interpreter while it matches: a pattern
such as `(\d+)+x` against a 30-digit cell never returns, and every other session of the server
waits with it. Spec patterns (`id_pattern`, `period_pattern`, `skip_ids`, `total_ids`,
`level_ids`) therefore pass two guards:

- **when the spec is read** (`pattern_problem`): at most `MAX_PATTERN_LENGTH` characters,
  repeat counts up to `MAX_REPEAT_COUNT`, and no open-ended repetition of something that
  repeats itself with no fixed character in between (`(\d+)+`, `(a*b?)*`, `(\w+\s?)+`) —
  the shape behind almost every runaway pattern;
- **when matching** (`SpecPattern`): the `regex` engine with a time limit per match
  (`MATCH_SECONDS`), which releases the interpreter lock while it works, and a budget for all
  matches of one import (`match_budget`). Exceeding either raises `PatternTimeout`, which the
  importer reports with the file, the line and the value.
"""
from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parser
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator

import regex

MAX_PATTERN_LENGTH = 300
MAX_REPEAT_COUNT = 1000
MATCH_SECONDS = 0.25  # one match; the regex engine checks its clock now and then, so it may run a little longer
BUDGET_SECONDS = 20.0  # all matches of one import together

_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


class PatternTimeout(Exception):
    """A spec pattern took too long: for one value (`value` set) or for all values of an import together."""

    def __init__(self, key: str, pattern: str, value: str | None):
        self.key = key
        self.pattern = pattern
        self.value = value
        super().__init__(f"{key}: pattern '{pattern}' too slow")


def _variable(item: tuple[Any, Any]) -> bool:
    """A repeat whose count is not fixed (`+`, `*`, `?`, `{1,3}`)."""
    opcode, argument = item
    return opcode in _REPEATS and argument[0] != argument[1]


def _items_below(items: list) -> Iterator[tuple[Any, Any]]:
    """Every item of a parsed pattern, depth first."""
    for item in items:
        yield item
        opcode, argument = item
        if opcode in _REPEATS:
            yield from _items_below(list(argument[2]))
        elif opcode == sre_constants.SUBPATTERN:
            yield from _items_below(list(argument[3]))
        elif opcode == sre_constants.BRANCH:
            for branch in argument[1]:
                yield from _items_below(list(branch))
        elif opcode in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            yield from _items_below(list(argument[1]))
        elif opcode == sre_constants.ATOMIC_GROUP:
            yield from _items_below(list(argument))
        elif opcode == sre_constants.GROUPREF_EXISTS:
            yield from _items_below(list(argument[1]))
            if argument[2] is not None:
                yield from _items_below(list(argument[2]))


_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: r"\d", sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s", sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w", sre_constants.CATEGORY_NOT_WORD: r"\W",
}


def _class_matches(members: list, char: str) -> bool:
    r"""Whether a character class ([...], \d) matches `char`; a member not understood counts as a match."""
    negate, hit = False, False
    for opcode, argument in members:
        if opcode == sre_constants.NEGATE:
            negate = True
        elif opcode == sre_constants.LITERAL:
            hit = hit or chr(argument) == char
        elif opcode == sre_constants.RANGE:
            hit = hit or argument[0] <= ord(char) <= argument[1]
        elif opcode == sre_constants.CATEGORY and argument in _CATEGORIES:
            hit = hit or re.fullmatch(_CATEGORIES[argument], char) is not None
        else:
            return True
    return hit != negate


def _may_consume(items: list, char: str) -> bool:
    """Whether a repeated body could consume `char` (True when unsure)."""
    for opcode, argument in _items_below(items):
        if opcode == sre_constants.LITERAL and chr(argument) == char:
            return True
        if opcode == sre_constants.NOT_LITERAL and chr(argument) != char:
            return True
        if opcode == sre_constants.ANY:
            return True
        if opcode == sre_constants.IN and _class_matches(list(argument), char):
            return True
        if opcode in (sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS):
            return True
    return False


def _anchors(items: list) -> list[str]:
    """Literal characters a sequence always consumes (outside any optional part or alternative)."""
    found: list[str] = []
    for opcode, argument in items:
        if opcode == sre_constants.LITERAL:
            found.append(chr(argument))
        elif opcode == sre_constants.SUBPATTERN:
            found.extend(_anchors(list(argument[3])))
        elif opcode in _REPEATS and argument[0] >= 1:
            found.extend(_anchors(list(argument[2])))
    return found


def _runaway(items: list) -> bool:
    r"""An open-ended repeat of a body that itself repeats, with no separator to anchor each round.

    `(\d+\.)+` is fine: every round ends with a "." that `\d+` cannot consume. `(\d+)+`,
    `(\w+\s?)+` and `(1+1)+` are not: a long value splits into rounds in exponentially many ways.
    """
    for opcode, argument in _items_below(items):
        if opcode not in _REPEATS or argument[1] <= 1:
            continue
        body = list(argument[2])
        inner = [list(item[1][2]) for item in _items_below(body) if _variable(item)]
        if inner and not any(all(not _may_consume(repeated, char) for repeated in inner) for char in _anchors(body)):
            return True
    return False


def _largest_count(items: list) -> int:
    counts = [argument[1] if argument[1] != sre_constants.MAXREPEAT else argument[0]
              for opcode, argument in _items_below(items) if opcode in _REPEATS]
    return max(counts, default=0)


_TOO_LONG = ("das Muster ist {n} Zeichen lang, erlaubt sind {limit}: kürzer fassen",
             "the pattern is {n} characters long, {limit} are allowed: make it shorter")
_TOO_MANY = (f"Wiederholungszahl über {MAX_REPEAT_COUNT} (z. B. {{5000}}): kleiner wählen",
             f"a repeat count above {MAX_REPEAT_COUNT} (e.g. {{5000}}): choose a smaller one")
_NESTED = ("verschachtelte Wiederholung wie (\\d+)+ oder (a*b?)*: bei langen Werten rechnet so ein Muster "
           "unbegrenzt lange und hielte den Server für alle an — die innere oder die äußere Wiederholung weglassen "
           "(z. B. \\d+ statt (\\d+)+) oder ein festes Trennzeichen in die Wiederholung schreiben (z. B. (\\d+\\.)+)",
           "nested repetition such as (\\d+)+ or (a*b?)*: on long values such a pattern runs without end and would "
           "stall the server for everyone — drop the inner or the outer repetition (e.g. \\d+ instead of (\\d+)+) "
           "or put a fixed separator inside the repetition (e.g. (\\d+\\.)+)")


def pattern_problem(pattern: str) -> tuple[str, str] | None:
    """Why a spec pattern is refused, in German and English; None if it is fine. re.error for a syntax error."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        de, en = _TOO_LONG
        return de.format(n=len(pattern), limit=MAX_PATTERN_LENGTH), en.format(n=len(pattern), limit=MAX_PATTERN_LENGTH)
    try:
        parsed = list(sre_parser.parse(pattern))
    except OverflowError:
        return _TOO_MANY
    if _largest_count(parsed) > MAX_REPEAT_COUNT:
        return _TOO_MANY
    if _runaway(parsed):
        return _NESTED
    return None


# --- matching with a time limit -------------------------------------------------------------

_budget = threading.local()


@contextmanager
def match_budget(seconds: float = BUDGET_SECONDS) -> Iterator[None]:
    """All spec-pattern matches inside this block (in this thread) share `seconds` of matching time."""
    previous = getattr(_budget, "left", None)
    _budget.left = seconds
    try:
        yield
    finally:
        _budget.left = previous


class SpecPattern:
    """A spec's regular expression: the `re.Pattern` interface the importer uses, matched with a time limit."""

    def __init__(self, pattern: str, key: str):
        self.pattern = pattern
        self.key = key  # the spec key, for messages: "tables.daten.id_pattern"
        self._compiled = regex.compile(pattern)
        self.groupindex = dict(self._compiled.groupindex)
        self.groups = self._compiled.groups

    def __reduce__(self):  # cached results (st.cache_data) pickle the spec
        return (SpecPattern, (self.pattern, self.key))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SpecPattern) and (self.pattern, self.key) == (other.pattern, other.key)

    def __hash__(self) -> int:
        return hash((self.pattern, self.key))

    def __repr__(self) -> str:
        return f"SpecPattern({self.pattern!r}, key={self.key!r})"

    def _run(self, method: str, text: str):
        left = getattr(_budget, "left", None)
        limit = MATCH_SECONDS if left is None else min(MATCH_SECONDS, left)
        if limit <= 0:
            raise PatternTimeout(self.key, self.pattern, None)
        started = time.perf_counter()
        try:
            return getattr(self._compiled, method)(text, timeout=limit, concurrent=True)
        except TimeoutError:
            raise PatternTimeout(self.key, self.pattern, text if left is None or left > MATCH_SECONDS else None) from None
        finally:
            if left is not None:
                _budget.left = left - (time.perf_counter() - started)

    def fullmatch(self, text: str):
        return self._run("fullmatch", text)

    def search(self, text: str):
        return self._run("search", text)


def compile_spec_pattern(pattern: str, key: str) -> SpecPattern:
    """A checked pattern: re.error for a syntax error (in re's words), ValueError(de, en) for a refused one."""
    refused = pattern_problem(pattern)
    if refused is not None:
        raise ValueError(*refused)
    re.compile(pattern)
    return SpecPattern(pattern, key)
