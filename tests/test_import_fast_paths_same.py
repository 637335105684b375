"""The import's fast paths give what the full paths give: for rows and lines valid or not, ``parse_activity``
returns the fields ``parse_each_field`` returns or raises its error (same field, same reason), and the JSON-lines
reader yields the records ``parse_json`` makes of each line or refuses the same line for the same reason."""

from __future__ import annotations

import io
import json
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habitat_desktop.domain.activity import ActivityFields, Context, parse_activity, parse_each_field
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.exchange import activity_files

# " 3/1" is in the catalog as written (its parser strips what a file gives, so it is never matched), "2/07" sorts
# with "2/7", "A/1" has no number: the fast path must order and refuse exactly as the parser does
CONTEXT = Context(
    "KEN",
    frozenset({"KEN", "ROAF", "hq", " NBO"}),
    frozenset({"2/7", "2/2", "1/3", "2/10", "2/07", "A/1", " 3/1"}),
    frozenset({"2/7 op. 3"}),
)
TEXT = st.text(st.sampled_from([*"ab Z", " ", "\t", "\n", "\x85", "\u200f", "é", "住"]), max_size=6)  # all taken
CONTROL = st.sampled_from(["a\x07", "\x00", "b\ufffe", "\x1f "])  # refused
ODD = st.one_of(st.sampled_from([None, "", 0, [], {}]), st.integers(-1, 6), st.booleans(), st.floats(), TEXT)
SYMBOL = st.sampled_from(["2/7", "2/2", "1/3", "2/10", "2/07", "A/1", " 2/7", "2/2 "])
NOT_SYMBOL = st.sampled_from([" 3/1", "3/1", "9/9", "", " "])
DATE = st.sampled_from(["2026-01-05", "2025-12-31", "2026-03-01", " 2026-01-05", "20260105", "", None])
NOT_DATE = st.sampled_from(["2026-13-01", "2026-1-5", "x", "2026-02-30"])


def _lists(items: st.SearchStrategy[Any], min_size: int = 0) -> st.SearchStrategy[list[Any]]:
    """Lists of the items, some with every item twice."""
    return st.one_of(
        st.lists(items, min_size=min_size, max_size=4), st.lists(items, min_size=1, max_size=2).map(lambda x: x + x)
    )


def _mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> tuple[Any, Any]:
    """Values a field takes as they are or once cleaned, and values it refuses."""
    return good, st.one_of(bad, ODD)


NAME = st.text(st.sampled_from([*"ab Z", " ", "é", "住", "\u200f"]), min_size=1, max_size=6).filter(str.strip)
KINDS: dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]] = {
    "office": _mostly(st.sampled_from(["KEN", "ROAF", " roaf", "ROAF ", None]), st.sampled_from(["hq", " NBO", "X"])),
    "resolutions": _mostly(_lists(SYMBOL, 1), _lists(st.one_of(SYMBOL, NOT_SYMBOL, st.integers(1, 3)), 1)),
    "outcomes": _mostly(
        _lists(st.one_of(st.integers(1, 5), st.sampled_from(["2", " 3"])), 1),
        st.one_of(
            st.sampled_from([[True], [3, False]]), _lists(st.one_of(st.integers(0, 6), st.booleans(), st.just("x")))
        ),
    ),
    "title": _mostly(st.one_of(NAME, st.just(" Title ")), st.one_of(CONTROL, st.sampled_from(["x" * 501, "   "]))),
    "description": _mostly(st.one_of(TEXT, st.just("y" * 20_000)), st.one_of(CONTROL, st.just("y" * 20_001))),
    "status": _mostly(st.sampled_from(["planned", "ongoing", " ongoing", "", None]), st.sampled_from(["Ongoing", "x"])),
    "start_date": _mostly(DATE, NOT_DATE),
    "end_date": _mostly(DATE, NOT_DATE),
    "country": _mostly(st.sampled_from(["KE", "ke", " KE", None]), st.just("XX")),
    "city": _mostly(st.one_of(TEXT, st.just(" Nairobi ")), st.one_of(CONTROL, st.just("x" * 501))),
    "partners": _mostly(
        _lists(st.one_of(TEXT, st.just(" UNEP"))), _lists(st.one_of(CONTROL, st.just("x" * 501), st.integers()), 1)
    ),
    "language": _mostly(st.sampled_from(["en", "fr", " FR", "ar", None]), st.sampled_from(["xx", "zz9"])),
    "product_kind": _mostly(
        st.sampled_from(["publication", "training", " tool", None]), st.sampled_from(["Training", "report"])
    ),
    "priority_domains": _mostly(_lists(st.sampled_from(["housing", "land"])), _lists(st.just("x"), 1)),
    "operative_paragraphs": _mostly(_lists(st.just("2/7 op. 3")), _lists(st.just("2/7 op. 4"), 1)),
    "translations": _mostly(
        st.dictionaries(st.sampled_from(["fr", "FR", "ar"]), st.dictionaries(st.sampled_from(["title"]), TEXT)),
        st.dictionaries(st.sampled_from(["xx", "fr"]), st.just({"title": "x", "city": "y"}), min_size=1),
    ),
}


def _outcome(parse: Any, row: dict[str, Any]) -> ActivityFields | tuple[str, str]:
    try:
        return parse(row, CONTEXT)  # type: ignore[no-any-return]
    except ValidationError as error:
        return (error.field, error.reason)


GOOD = {key: good for key, (good, _bad) in KINDS.items()}
BAD = {key: bad for key, (_good, bad) in KINDS.items()}
REQUIRED = {key: GOOD[key] for key in ("title", "resolutions", "outcomes")}


@settings(max_examples=1500, deadline=None)
@given(
    row=st.fixed_dictionaries(
        REQUIRED, optional={k: v for k, v in GOOD.items() if k not in REQUIRED}
    ),  # any subset of the fields, as files may write them
    spoilt=st.dictionaries(st.sampled_from(sorted(BAD)), st.none(), max_size=3),  # a few of them refused
    data=st.data(),
)
def test_the_fast_path_gives_the_fields_or_the_error_of_each_fields_parser(
    row: dict[str, Any], spoilt: dict[str, None], data: st.DataObject
) -> None:
    row = {**row, **{key: data.draw(BAD[key], label=key) for key in spoilt}}
    assert _outcome(parse_activity, row) == _outcome(parse_each_field, row)


EMPTY_OR_ODD = [None, "", " ", 0, 0.0, False, True, [], {}, (), [None], [""], {"fr": {}}, "\x00", 2**70]


@pytest.mark.parametrize("key", sorted(GOOD))
def test_each_field_given_empty_or_odd_values_parses_as_its_parser_does(key: str) -> None:
    for value in EMPTY_OR_ODD:
        row = {"title": "Training", "resolutions": ["2/7"], "outcomes": [2], key: value}
        assert _outcome(parse_activity, row) == _outcome(parse_each_field, row), value


def test_a_row_as_exported_is_taken_by_the_fast_path_and_parsed_alike() -> None:
    row = {
        "office": "ROAF",
        "resolutions": ["2/10", "2/7", "2/07"],
        "outcomes": [3, 1],
        "title": " Training ",
        "description": "Two days",
        "status": "ongoing",
        "start_date": "2026-01-05",
        "end_date": "2026-02-01",
        "country": "KE",
        "city": "Nairobi",
        "partners": [" UNEP", "UNEP", ""],
        "language": "fr",
        "product_kind": "training",
        "priority_domains": [],
        "operative_paragraphs": [],
        "translations": {},
    }
    fields = parse_activity(row, CONTEXT)
    assert fields == parse_each_field(row, CONTEXT)
    assert (fields.resolutions, fields.outcomes, fields.title, fields.partners) == (
        ["2/7", "2/07", "2/10"],
        [1, 3],
        "Training",
        ["UNEP"],
    )
    assert fields.resolutions is not row["resolutions"] and fields.partners is not row["partners"]


JSON_LINE = st.one_of(
    st.dictionaries(st.sampled_from(["id", "title", "k"]), st.one_of(st.none(), st.integers(), TEXT), max_size=3).map(
        lambda value: json.dumps(value, ensure_ascii=False)
    ),
    st.dictionaries(st.just("t"), TEXT, max_size=1).map(json.dumps),  # escapes: \\u…
    st.sampled_from(
        [
            '{"a": NaN}',
            '{"a": 1} x',
            '{"a": 1}  \t',
            '{"a": 1}{}',
            '{"a": "\\ud800"}',
            '{"a": "\\\\u"}',
            '{"a": ' + "1" * 5000 + "}",
            "{" * 3000,
            "[1]",
            "  {}",
            "",
            "   ",
            "{",
            '{"a": 1,}',
            '{"a": -Infinity}',
            "\ufeff{}",
        ]
    ),
)


def _reference(text: str) -> list[Any]:
    """What the reader gave before its fast path: each line (split as the reader splits, after the BOM a file may
    start with) through parse_json, the first refusal last."""
    found: list[Any] = []
    for number, line in enumerate(io.StringIO(text.removeprefix("\ufeff"), newline="").readlines(), start=1):
        if not line.strip():
            continue
        try:
            record = activity_files.parse_json(line)
        except ValueError as error:
            return [*found, ("line", f"not valid JSON ({str(error)[:200]})", number)]
        if not isinstance(record, dict):
            return [*found, ("line", "expected a JSON object", number)]
        found.append((number, record))
    return found


def _read(text: str) -> list[Any]:
    found: list[Any] = []
    try:
        for number, record in activity_files.read(
            io.BytesIO(text.encode()), "f.jsonl", activity_files.FileFormat.JSONL
        ):
            found.append((number, record))
    except ValidationError as error:
        found.append((error.field, error.reason, error.line))
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(JSON_LINE, max_size=4), st.sampled_from(["\n", "\r\n"]))
def test_the_reader_gives_what_parse_json_gives_line_by_line(lines: list[str], end: str) -> None:
    text = "".join(line + end for line in lines)
    assert _read(text) == _reference(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(JSON_LINE, st.sampled_from(["\n", "\r\n", "\r"])), max_size=5),
    st.sampled_from(["", "\n", "\r"]),
    st.integers(1, 40),
)
def test_the_reader_splits_lines_by_blocks_as_line_by_line(lines: list[tuple[str, str]], last: str, block: int) -> None:
    # blocks of a few characters: a line, a CR LF and a BOM cut by the end of a block are still read whole
    text = "".join(line + end for line, end in lines) + ("{}" + last if last else "")
    with patch.object(activity_files, "_BLOCK", block):
        assert _read(text) == _reference(text)


@pytest.mark.parametrize("size", [activity_files.MAX_LINE_BYTES - 1, activity_files.MAX_LINE_BYTES])
@pytest.mark.parametrize("last", [False, True])
def test_the_reader_keeps_the_line_limit_of_line_by_line(size: int, last: bool) -> None:
    # the limit counts a line with its end (LF, or none for the last line), as reading a line at a time counted it
    big = '{"a": "' + "x" * (size - 9) + '"}'
    text = "{}\n" + big if last else big + "\n{}\n"
    assert _read(text) == _reference_limited(text)


def _reference_limited(text: str) -> list[Any]:
    found: list[Any] = []
    try:
        for number, _line in activity_files.numbered_lines(io.StringIO(text, newline=""), "f.jsonl"):
            found.append(number)
    except ValidationError as error:
        return [*[item for item in _reference(text) if item[0] in found], (error.field, error.reason, error.line)]
    return _reference(text)


@pytest.mark.parametrize("block", range(1, 9))
def test_a_cr_cr_lf_cut_by_a_block_makes_no_line_of_its_own(block: int) -> None:
    # a line ended by CR, then an empty line ended by CR LF: a block ending between the two CRs adds no line
    text = '{}\r\r\n{"a": 1}\r\r\n{"b": [}\n'
    with patch.object(activity_files, "_BLOCK", block):
        assert _read(text) == _reference(text)
