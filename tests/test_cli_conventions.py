"""Command-line conventions: argparse's own words in the six languages, and ``-o -`` for standard output."""

from __future__ import annotations

import argparse
import ast
import gettext
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from habitat_desktop import cli
from habitat_desktop.l10n import LANGUAGES, _, ngettext, use_language
from habitat_desktop.l10n.argparse_words import MESSAGES, PLURAL_MESSAGES

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
# argparse's messages about a programmer's mistake in building a parser, which users of habitat cannot meet
FOR_PROGRAMMERS = {
    "conflicting option string: %s",
    "conflicting option strings: %s",
    ".__call__() not defined",
    "'required' is an invalid argument for positionals",
    "mutually exclusive arguments must be optional",
    "%r is not callable",
    "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "cannot have multiple subparser arguments",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
}
SAME_WORDS = {("fr", "options"), ("es", "%(prog)s: error: %(message)s\n")}  # identical in that language
PERCENT = re.compile(r"%(?:\([a-z_]+\))?[sr]")
USAGE = {
    "ar": "الاستخدام: habitat",
    "zh": "用法：habitat",
    "fr": "utilisation\u202f: habitat",  # French sets a narrow no-break space before the colon
    "ru": "использование: habitat",
}
USAGE["es"] = "uso: habitat"


def _argparse_messages() -> set[str]:
    """Every literal message the running Python's argparse passes to ``_`` or ``ngettext``."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            for argument in node.args[: 2 if node.func.id == "ngettext" else 1]:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.add(argument.value)
    return found


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, language: str, *args: object):  # type: ignore[no-untyped-def]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANGUAGE", language)
    capsys.readouterr()
    try:
        code = cli.main([str(a) for a in args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_user_facing_argparse_message_is_in_our_catalogs() -> None:
    ours = set(MESSAGES) | {form for pair in PLURAL_MESSAGES for form in pair}
    used = _argparse_messages()
    assert "usage: " in used and "the following arguments are required: %s" in used  # argparse was read right
    missing = sorted(used - ours - FOR_PROGRAMMERS)
    assert not missing, f"argparse of Python {sys.version_info[:2]} says {missing}; add them to argparse_words"


@pytest.mark.parametrize("language", TRANSLATED)
def test_argparse_translations_keep_their_percent_placeholders(language: str) -> None:
    with use_language(language):
        for message in MESSAGES:
            translated = _(message)
            assert translated != message or (language, message) in SAME_WORDS, (language, message)
            assert sorted(PERCENT.findall(translated)) == sorted(PERCENT.findall(message)), (language, translated)
        for singular, plural in PLURAL_MESSAGES:
            for count in (0, 1, 2, 3, 5, 11, 21, 100):
                assert ngettext(singular, plural, count) % count  # every form takes the count


@pytest.mark.parametrize("language", TRANSLATED)
def test_help_speaks_the_environments_language(
    language: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _err = _run(capsys, monkeypatch, language, "init", "--help")
    assert code == 0
    assert out.startswith(USAGE[language])
    with use_language(language):
        for words in ("positional arguments", "options", "show this help message and exit"):
            assert _(words) in out
        assert _("the office code, e.g. KEN") in out
    assert "show this help message and exit" not in out and "usage:" not in out
    assert "show program's version number and exit" not in _run(capsys, monkeypatch, language, "--help")[1]


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize(
    ("arguments", "english"),
    [
        (["report"], "the following arguments are required"),
        (
            ["init", "x.habitat", "--office", "KEN", "--office-name", "K", "--country", "KE", "--kind", "shop"],
            "invalid choice",
        ),
        (["check", "x.habitat", "--bogus"], "unrecognized arguments"),
        (["report", "x.habitat", "--kind"], "expected one argument"),
        (["nonsense"], "invalid choice"),
    ],
)
def test_usage_errors_speak_the_environments_language(
    language: str,
    arguments: list[str],
    english: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, monkeypatch, language, *arguments)
    assert code == 2 and out == ""
    assert err.startswith(USAGE[language])
    assert english not in err and "usage:" not in err
    with use_language(language):
        separator = _("%(prog)s: error: %(message)s\n") % {"prog": "\0", "message": "\0"}
    assert separator.split("\0")[1] in err.strip().splitlines()[-1]  # "habitat report : erreur : …"
    assert list(tmp_path.iterdir()) == []


def test_english_stays_english_and_argparse_is_left_as_found(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _out, err = _run(capsys, monkeypatch, "en", "report")
    assert code == 2 and err.startswith("usage: habitat report") and "the following arguments are required" in err
    _run(capsys, monkeypatch, "ru", "report")
    assert argparse.__dict__["_"] is gettext.gettext and argparse.__dict__["ngettext"] is gettext.ngettext


def _binary_run(capsysbinary: pytest.CaptureFixture[bytes], *args: object) -> tuple[int, bytes, bytes]:
    capsysbinary.readouterr()
    code = cli.main([str(a) for a in args])
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err


def test_activities_export_dash_writes_to_standard_output(
    demo_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    code, dashed, _err = _binary_run(capsysbinary, "activities", "export", demo_path, "-o", "-")
    assert code == 0
    _code, default, _err = _binary_run(capsysbinary, "activities", "export", demo_path)
    assert dashed == default and len(dashed.splitlines()) > 50
    assert all(json.loads(line)["id"] for line in dashed.splitlines())
    _code, csv, _err = _binary_run(capsysbinary, "activities", "export", demo_path, "--format", "csv", "-o", "-")
    assert csv.startswith(b"id,") or b",title," in csv.splitlines()[0]
    assert not (tmp_path / "-").exists()


def test_report_dash_writes_the_pdf_to_standard_output_and_says_so_on_standard_error(
    demo_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    args = ("report", demo_path, "--kind", "resolution", "--resolution", "2/7", "--lang", "fr")
    code, pdf, err = _binary_run(capsysbinary, *args, "-o", "-")
    assert code == 0 and pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"standard output" in err and b"%PDF" not in err
    _binary_run(capsysbinary, *args, "-o", here / "sheet.pdf")
    assert abs(len(pdf) - (here / "sheet.pdf").stat().st_size) < 200  # the same report (dates may differ)
    assert sorted(p.name for p in here.iterdir()) == ["sheet.pdf"]


def test_report_dash_with_all_languages_is_refused_before_any_work(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = _run(
        capsys, monkeypatch, "fr", "report", demo_path, "--kind", "progress", "--lang", "all", "-o", "-"
    )
    assert code == 1 and out == ""
    with use_language("fr"):
        assert (
            _("With --lang all the reports are written into a folder; standard output (-o -) takes one report") in err
        )


def test_export_dash_writes_a_habx_another_office_can_merge(
    demo_path: Path,
    workspace_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, package, err = _binary_run(capsysbinary, "export", demo_path, "-o", "-")
    assert code == 0 and package and b"standard output" in err
    received = tmp_path / "received.habx"
    received.write_bytes(package)
    code, out, _err = _binary_run(capsysbinary, "merge", workspace_path, received, "--trust-coordinator", "--json")
    assert code == 0 and json.loads(out)["added"] > 50
    assert not (tmp_path / "-").exists() and not (tmp_path / "-.habx").exists()


def test_a_reader_that_stops_early_gets_no_traceback(demo_path: Path) -> None:
    command = [sys.executable, "-m", "habitat_desktop.cli", "activities", "export", str(demo_path)]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()  # as `| head -1` does
    errors = reader.stderr.read().decode()
    reader.wait(timeout=60)
    assert "Traceback" not in errors and "Broken pipe" not in errors


def _commands_with_output(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every (sub)command of ``parser`` that takes ``-o``."""
    found = set()
    for action in parser._actions:
        if "-o" in action.option_strings:
            found.add(prefix)
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _commands_with_output(sub, (*prefix, name))
    return found


# each command's arguments besides -o, and what its output starts with
DASH_COMMANDS: dict[tuple[str, ...], tuple[tuple[str, ...], bytes]] = {
    ("activities", "export"): ((), b'{"'),
    ("activities", "template"): ((), b"PK\x03\x04"),
    ("export",): ((), b"PK\x03\x04"),
    ("report",): (("--kind", "resolution", "--resolution", "2/7", "--lang", "en"), b"%PDF-"),
    ("translations", "export"): (("--lang", "fr"), b"<?xml"),
    ("documents", "export"): (("HSP/OECPR.2025/4",), b"{"),
    ("glossary", "export"): (("--all",), b"{"),
}


def test_every_command_with_o_writes_to_standard_output_with_dash(
    demo_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`-o -` for every command that takes -o: the file on standard output, what was done on standard error."""
    assert _commands_with_output(cli.build_parser()) == set(DASH_COMMANDS)  # a new -o command joins this list
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    for command, (extra, start) in DASH_COMMANDS.items():
        *words, last = command
        code, out, err = _binary_run(capsysbinary, *words, last, demo_path, *extra, "-o", "-")
        assert code == 0 and out.startswith(start), (command, out[:80], err)
        assert b"standard output" in err or command == ("activities", "export"), (command, err)
        assert list(here.iterdir()) == [], command  # nothing written beside
