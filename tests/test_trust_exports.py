"""A trusted office's export is still untrusted input: every value passes the rules import applies, or the
whole file is refused through the command line with the workspace (and its write-ahead log) byte for byte."""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from habitat_desktop.services import trust
from habitat_desktop.storage import signing_keys
from tests.merge_support import add_activity, export, four_offices, office_workspace, private_key
from tests.test_merge_bad_input import repack

DEMO_ACTIVITY = "00000000-0000-4000-8000-000000000001"


def fingerprint(path: Path) -> tuple[str, str | None]:
    """The SHA-256 of a workspace and of its write-ahead log (None when there is none, or it is empty)."""
    wal = Path(f"{path}-wal")
    log = wal.read_bytes() if wal.exists() else b""
    return hashlib.sha256(path.read_bytes()).hexdigest(), hashlib.sha256(log).hexdigest() if log else None


def refused(run_cli: Any, workspace: Path, file: Path, *reasons: str) -> str:
    """Merge a file through the command line: a clean refusal naming it, and the workspace unchanged."""
    before = fingerprint(workspace)
    outcome = run_cli("merge", workspace, file, "--trust")
    assert outcome.code == 1, outcome.out
    assert "Traceback" not in outcome.err and file.name in outcome.err, outcome.err
    for reason in reasons:
        assert reason in outcome.err, outcome.err
    assert fingerprint(workspace) == before
    return outcome.err


@pytest.fixture
def demo_export(demo_path: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """The demo workspace (office HQ, with funding and resolution statuses), its export, and a coordinator."""
    coordinator = office_workspace(tmp_path / "top.habitat", "TOP", kind="headquarters")
    file = export(demo_path, tmp_path / "demo.habx")
    trust.trust_export_signer(coordinator, file, as_coordinator=True)  # the demo holds every office's records
    return demo_path, file, coordinator


HOSTILE_VALUES = [
    # impossible calendar dates and datetimes the SQL date functions let through
    ("UPDATE activity SET created_at = '2025-02-30 10:00:00'", "field created_at"),
    ("UPDATE activity SET updated_at = 'now'", "field updated_at"),
    ("UPDATE change SET changed_at = '2025-13-01 00:00:00'", "table change"),
    # JSON columns of the wrong shape
    ("UPDATE activity SET resolutions = '{\"a\": 1}'", "field resolutions"),
    ("UPDATE activity SET outcomes = '[9]'", "field outcomes"),
    ("UPDATE activity SET translations = '[1]'", "field translations"),
    ("UPDATE activity SET partners = '[[[[1]]]]'", "field partners"),
    ("UPDATE resolution_status SET translations = '{\"fr\": 3}'", "field translations"),
    # malformed amounts and codes
    ("UPDATE funding SET amount = '1.2.3'", "field amount"),
    ("UPDATE funding SET amount = '-5'", "field amount"),
    ("UPDATE resolution_status SET resources_required = '--1'", "field resources_required"),
    ("UPDATE funding SET currency = 'usd'", "field currency"),
    ("UPDATE office SET country = 'XX'", "field country"),
    ("UPDATE activity SET language = 'zz'", "field language"),
    # references the coordinator cannot resolve
    ("UPDATE activity SET resolutions = '[\"9/99\"]'", "field resolutions"),
    ("UPDATE activity SET operative_paragraphs = '[\"resolution:9/9:1\"]'", "field operative_paragraphs"),
    ("UPDATE activity SET office = 'NOWHERE'", "field office"),
    ("UPDATE funding SET resolution_symbol = '9/99'", "field resolution_symbol"),
    # metadata planted to break the next hop (lengths that fit here but not in the columns they reach)
    ("UPDATE activity SET origin_export = 'x'", "field origin_export"),
    ("UPDATE activity SET version = substr(version, 1, 17) || 'ABCDEFGHIJKLMNOPQRSTU'", "field version"),
    ("UPDATE activity SET created_by = 'hq'", "field created_by"),
    ("UPDATE activity SET id = '{' || substr(id, 1, 34) || '}' WHERE id = '" + DEMO_ACTIVITY + "'", "field id"),
    ("UPDATE change SET field = 'nonexistent'", "table change"),
    ("UPDATE change SET action = 'exploded'", "table change"),
]


@pytest.mark.parametrize("statement, reason", HOSTILE_VALUES)
def test_values_the_app_could_not_handle_are_refused_by_the_rules_import_applies(
    demo_export: tuple[Path, Path, Path], tmp_path: Path, run_cli: Any, statement: str, reason: str
) -> None:
    demo, good, coordinator = demo_export
    file = repack(good, demo, tmp_path / "hostile.habx", database=lambda db: db.execute(statement))
    refused(run_cli, coordinator, file, reason)


def test_after_refusals_and_a_merge_every_command_still_works(
    demo_export: tuple[Path, Path, Path], tmp_path: Path, run_cli: Any
) -> None:
    demo, good, coordinator = demo_export
    for number, (statement, _reason) in enumerate(HOSTILE_VALUES[:4]):
        bad = repack(good, demo, tmp_path / f"bad{number}.habx", database=functools.partial(_run, statement))
        refused(run_cli, coordinator, bad)
    assert run_cli("merge", coordinator, good, "--trust").code == 0
    listed = run_cli("activities", "export", coordinator)
    assert listed.code == 0 and len(listed.out.splitlines()) == 54, listed.err
    assert run_cli("check", coordinator).code == 0
    report = run_cli("report", coordinator, "--kind", "progress", "--lang", "en", "-o", tmp_path / "p.pdf")
    assert report.code == 0 and (tmp_path / "p.pdf").stat().st_size > 1000, report.err


def _run(statement: str, db: sqlite3.Connection) -> None:
    db.execute(statement)


def _stamp_clock(db: sqlite3.Connection) -> tuple[str, int]:
    version = db.execute("SELECT version FROM activity WHERE id = ?", (DEMO_ACTIVITY,)).fetchone()[0]
    return version, int(version[:16], 16)


@pytest.mark.parametrize(
    "change, reason",
    [
        # a far-future stamp would win every conflict
        (
            lambda db, v, c: db.execute(
                "UPDATE activity SET version = ?", (f"{c + (48 * 3600_000 << 16):016x}{v[16:]}",)
            ),
            "further ahead",
        ),
        (
            lambda db, v, c: db.execute(
                "UPDATE activity SET field_stamps = json_set(field_stamps, '$.title', ?)",
                (f"ffffffffffff0000{v[16:]}",),
            ),
            "further ahead",
        ),
        # an inflated vector would swallow later edits of other offices
        (
            lambda db, v, c: db.execute(
                "UPDATE activity SET field_clocks = json_set(field_clocks, '$.title', json(?))",
                (json.dumps({"abcdef12": c + (1 << 40)}),),
            ),
            "later than its own stamp",
        ),
        (
            lambda db, v, c: db.execute(
                "UPDATE activity SET field_clocks = json_set(field_clocks, '$.title', json('{\"x\": 1}'))"
            ),
            "not a version vector",
        ),
        (lambda db, v, c: db.execute('UPDATE activity SET field_stamps = \'{"bogus": "1"}\''), "field_stamps"),
    ],
)
def test_stamps_and_vectors_are_bounded_by_what_the_export_can_honestly_know(
    demo_export: tuple[Path, Path, Path], tmp_path: Path, run_cli: Any, change: Any, reason: str
) -> None:
    demo, good, coordinator = demo_export

    def tamper(db: sqlite3.Connection) -> None:
        version, reading = _stamp_clock(db)
        change(db, version, reading)

    refused(run_cli, coordinator, repack(good, demo, tmp_path / "clock.habx", database=tamper), reason)


def _conflict(db: sqlite3.Connection, **values: Any) -> None:
    version = db.execute("SELECT version FROM activity WHERE id = ?", (DEMO_ACTIVITY,)).fetchone()[0]
    row = {
        "record_table": "activity",
        "record_id": DEMO_ACTIVITY,
        "field": "title",
        "stamp": version,
        "vector": json.dumps({version.rsplit("-", 1)[1]: int(version[:16], 16)}),
        "value": json.dumps("A competing title"),
        "office": version.split("-")[1],
        "detected_at": "2025-01-01 00:00:00",
        **values,
    }
    db.execute(
        f"INSERT INTO field_conflict ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
    )


@pytest.mark.parametrize(
    "values, reason",
    [
        ({"field": "id", "value": json.dumps("00000000-0000-4000-8000-000000000099")}, "field field"),
        ({"field": "created_by", "value": json.dumps("EVIL")}, "field field"),
        ({"field": "no_such_field"}, "field field"),
        ({"vector": json.dumps({"abcdef12": "soon"})}, "not a version vector"),
        ({"vector": json.dumps([1, 2])}, "not a version vector"),
        ({"value": json.dumps(["not", "a", "title"])}, "field value"),
        ({"field": "status", "value": json.dumps("exploded")}, "field value"),
        ({"record_id": "00000000-0000-4000-8000-0000000000ff"}, "does not hold"),
        ({"office": "UGA"}, "field office"),
    ],
)
def test_hostile_conflict_rows_are_refused(
    demo_export: tuple[Path, Path, Path], tmp_path: Path, run_cli: Any, values: dict[str, Any], reason: str
) -> None:
    demo, good, coordinator = demo_export
    file = repack(good, demo, tmp_path / "conflict.habx", database=lambda db: _conflict(db, **values))
    refused(run_cli, coordinator, file, "table field_conflict", reason)


def test_a_well_formed_conflict_row_is_merged(
    demo_export: tuple[Path, Path, Path], tmp_path: Path, run_cli: Any
) -> None:
    """The control for the refusals above: the same row, well formed, is accepted and listed."""
    demo, good, coordinator = demo_export
    file = repack(good, demo, tmp_path / "conflict.habx", database=lambda db: _conflict(db))
    assert run_cli("merge", coordinator, file, "--trust").code == 0
    listed = run_cli("conflicts", coordinator, "--json")
    assert "A competing title" in listed.out


def test_what_a_region_accepted_headquarters_accepts_from_the_region(tmp_path: Path, run_cli: Any) -> None:
    """Transitivity: nothing a region merged (its export id, stamps, offices) stops headquarters merging it."""
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    add_activity(ken, "Kibera slum upgrading", partners=["Slum Dwellers International"])
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    hq = office_workspace(tmp_path / "hq.habitat", "HQ", kind="headquarters")
    assert run_cli("merge", roaf, export(ken, tmp_path / "ken.habx"), "--trust").code == 0
    outcome = run_cli("merge", hq, export(roaf, tmp_path / "roaf.habx"), "--trust-coordinator")
    assert outcome.code == 0, outcome.err
    assert "Kibera" in run_cli("activities", "export", hq).out
    # a manifest whose export id is not an id (it would be copied into every record as origin_export)
    long_id = repack(
        tmp_path / "ken.habx", ken, tmp_path / "long-id.habx", manifest=lambda m: m.update(export_id="x" * 100)
    )
    refused(run_cli, roaf, long_id, "export_id")


def _signed(tmp_path: Path, signer: Path, name: str, body: bytes, good: Path, **options: Any) -> Path:
    """An export whose manifest is exactly ``body``, signed by ``signer``'s key."""
    with zipfile.ZipFile(good) as archive:
        database = archive.read("workspace.sqlite")
    out = tmp_path / name
    with zipfile.ZipFile(out, "w", **options) as archive:
        archive.writestr("manifest.json", body)
        archive.writestr("manifest.sig", signing_keys.sign(private_key(signer), body))
        archive.writestr("workspace.sqlite", database)
    return out


def _manifest(good: Path) -> dict[str, Any]:
    with zipfile.ZipFile(good) as archive:
        return dict(json.loads(archive.read("manifest.json")))


def test_a_manifest_office_must_be_an_office_code(tmp_path: Path, run_cli: Any) -> None:
    """No terminal escapes from the office field, and no office that could not be untrusted by its code."""
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    good = export(ken, tmp_path / "ken.habx")
    for number, office in enumerate(["KEN\x1b[2J\x1b[31mPWNED", "ken", " KEN", "KEN\u202e", "K" * 40]):
        body = _manifest(good) | {"office": office}
        file = _signed(tmp_path, ken, f"office{number}.habx", json.dumps(body).encode(), good)
        error = refused(run_cli, roaf, file, "office")
        assert "\x1b" not in error and "\u202e" not in error


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"[" * 200_00 + b"]" * 200_00, "not valid JSON"),
        (None, "not valid JSON"),  # a huge integer, filled in below
        (b'{"format": "habitat-export", "format_version": NaN}', "not valid JSON"),
        (b'{"format": "habitat-export", "format_version": 99, "app_version": "\\u001b[31m"}', "?"),
    ],
)
def test_a_hostile_manifest_gets_a_clean_message(tmp_path: Path, run_cli: Any, body: bytes | None, reason: str) -> None:
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    good = export(ken, tmp_path / "ken.habx")
    if body is None:
        body = b'{"format": "habitat-export", "format_version": 1, "size": ' + b"9" * 50_000 + b"}"
    error = refused(run_cli, roaf, _signed(tmp_path, ken, "manifest.habx", body, good), reason)
    assert "\x1b" not in error


def test_members_zipfile_cannot_read_are_refused_cleanly(tmp_path: Path, run_cli: Any) -> None:
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    good = export(ken, tmp_path / "ken.habx")
    body = _manifest(good)
    data = json.dumps(body).encode()
    # an unknown (to this app) compression
    bzip = _signed(tmp_path, ken, "bzip.habx", data, good, compression=zipfile.ZIP_BZIP2)
    refused(run_cli, roaf, bzip, "never writes")
    # a member marked encrypted
    encrypted = tmp_path / "encrypted.habx"
    raw = bytearray(good.read_bytes())
    for signature in (b"PK\x03\x04", b"PK\x01\x02"):
        start = 0
        while (found := raw.find(signature, start)) != -1:
            flags = found + (6 if signature == b"PK\x03\x04" else 8)
            raw[flags] |= 0x1
            start = found + 4
    encrypted.write_bytes(bytes(raw))
    refused(run_cli, roaf, encrypted, "encrypted")
    # a damaged deflate stream in the database member (its size and CRC as stated)
    damaged = tmp_path / "damaged.habx"
    raw = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("workspace.sqlite")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + 60):
        raw[offset] ^= 0x55
    damaged.write_bytes(bytes(raw))
    refused(run_cli, roaf, damaged, "damaged.habx")


@pytest.fixture
def field(tmp_path: Path) -> dict[str, Path]:
    return four_offices(tmp_path)


def test_content_skipped_as_merged_before_is_still_verified(
    field: dict[str, Path], tmp_path: Path, run_cli: Any
) -> None:
    """A manifest merged before, over a different payload: refused, not skipped."""
    good = export(field["UGA"], tmp_path / "uga1.habx")
    assert run_cli("merge", field["ROAF"], good).code == 0
    with zipfile.ZipFile(good) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    database = bytearray(members["workspace.sqlite"])
    database[-100] ^= 0xFF
    swapped = tmp_path / "swapped.habx"
    with zipfile.ZipFile(swapped, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, bytes(database) if name == "workspace.sqlite" else content)
    refused(run_cli, field["ROAF"], swapped, "SHA-256")
    refused(run_cli, field["ROAF"], swapped, "SHA-256")  # given with the good one, in the same merge, too
    before = fingerprint(field["ROAF"])
    outcome = run_cli("merge", field["ROAF"], good, swapped)
    assert outcome.code == 1 and "swapped.habx" in outcome.err and fingerprint(field["ROAF"]) == before
