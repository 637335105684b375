"""Bad exports are refused with a reason naming the file, and the coordinator's workspace stays byte for byte."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from habitat_desktop.exchange.package import file_digest
from habitat_desktop.services import exports, merges, trust
from habitat_desktop.storage import backups, signing_keys
from tests.merge_support import add_activity, export, office_workspace, private_key


def repack(
    file: Path,
    signer: Path,
    out: Path,
    *,
    database: Callable[[sqlite3.Connection], Any] | None = None,
    manifest: Callable[[dict[str, Any]], Any] | None = None,
    recount: bool = True,
    database_file: Callable[[Path], Any] | None = None,
) -> Path:
    """A re-signed copy of an export, its database and manifest changed by the callbacks."""
    folder = out.parent / (out.stem + "-parts")
    folder.mkdir()
    with zipfile.ZipFile(file) as archive:
        archive.extractall(folder)
    db = folder / "workspace.sqlite"
    body: dict[str, Any] = json.loads((folder / "manifest.json").read_text())
    if database_file is not None:
        database_file(db)
    if database is not None:
        connection = sqlite3.connect(db)
        database(connection)
        connection.commit()
        connection.close()
        if recount:
            connection = sqlite3.connect(db)
            body["counts"] = {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in body["counts"]}
            connection.close()
    body["content"].update(sha256=file_digest(db), size=db.stat().st_size)
    if manifest is not None:
        manifest(body)
    data = json.dumps(body).encode()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("manifest.json", data)
        archive.writestr("manifest.sig", signing_keys.sign(private_key(signer), data))
        archive.write(db, "workspace.sqlite")
    return out


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The Kenya office with an activity, its export, and a regional office that trusts Kenya."""
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    add_activity(ken, "Kibera slum upgrading")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    good = export(ken, tmp_path / "ken.habx")
    trust.trust_export_signer(roaf, good)
    return ken, roaf, good


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(roaf: Path, file: Path, reason: str, run_cli: Any) -> None:
    before = _digest(roaf)
    outcome = run_cli("merge", roaf, file)
    assert outcome.code == 1, outcome.out
    assert file.name in outcome.err and reason in outcome.err, outcome.err
    assert "Traceback" not in outcome.err
    assert _digest(roaf) == before


def _bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_file_that_is_not_an_export(setup, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _ken, roaf, _good = setup
    _refused(roaf, _bytes(tmp_path, "notes.habx", b"hello, this is not a zip"), "not a ZIP archive", run_cli)
    _refused(roaf, roaf, "not a ZIP archive", run_cli)  # a workspace given as an export


def test_a_truncated_export(setup, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _ken, roaf, good = setup
    data = good.read_bytes()
    _refused(roaf, _bytes(tmp_path, "cut.habx", data[: len(data) // 2]), "ZIP", run_cli)


def test_flipped_bytes_in_the_database(setup, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _ken, roaf, good = setup
    with zipfile.ZipFile(good) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    db = bytearray(members["workspace.sqlite"])
    db[5000] ^= 0xFF
    flipped = tmp_path / "flipped.habx"
    with zipfile.ZipFile(flipped, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, bytes(db) if name == "workspace.sqlite" else content)
    _refused(roaf, flipped, "SHA-256", run_cli)


def test_a_manifest_altered_after_signing(setup, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _ken, roaf, good = setup
    with zipfile.ZipFile(good) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    body = json.loads(members["manifest.json"])
    body["office"] = "UGA"
    members["manifest.json"] = json.dumps(body).encode()
    forged = tmp_path / "forged.habx"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    _refused(roaf, forged, "signature does not match", run_cli)


def test_an_untrusted_signer_and_a_different_key_for_a_trusted_office(setup, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    ken, roaf, good = setup
    stranger = office_workspace(tmp_path / "other.habitat", "UGA", "UG")
    _refused(roaf, export(stranger, tmp_path / "uga.habx"), "does not trust", run_cli)
    impostor = office_workspace(tmp_path / "impostor.habitat", "KEN")  # another key claiming to be Kenya
    _refused(roaf, export(impostor, tmp_path / "impostor.habx"), "does not trust", run_cli)
    # Kenya's key signing a manifest that claims to be Uganda
    claimed = repack(good, ken, tmp_path / "claimed.habx", manifest=lambda m: m.update(office="UGA"))
    _refused(roaf, claimed, "claims to come from office UGA", run_cli)


def test_a_database_of_another_application(setup, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    ken, roaf, good = setup
    file = repack(good, ken, tmp_path / "foreign.habx", database=lambda db: db.execute("PRAGMA application_id = 12345"))
    _refused(roaf, file, "another application", run_cli)


def test_a_manifest_that_lies_about_counts_or_schema(setup, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    ken, roaf, good = setup
    counts = repack(good, ken, tmp_path / "counts.habx", manifest=lambda m: m["counts"].update(activity=99))
    _refused(roaf, counts, "record counts", run_cli)
    revision = repack(good, ken, tmp_path / "revision.habx", manifest=lambda m: m.update(schema_revision="0002"))
    _refused(roaf, revision, "states schema 0002", run_cli)


@pytest.mark.parametrize(
    "statement, reason",
    [
        ("CREATE TRIGGER sneaky AFTER INSERT ON activity BEGIN DELETE FROM office; END", "trigger sneaky"),
        ("CREATE VIEW peek AS SELECT * FROM activity", "view peek"),
        ("CREATE TABLE extra (x)", "table extra"),
    ],
)
def test_sql_objects_this_app_never_writes(setup, tmp_path: Path, run_cli, statement: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    ken, roaf, good = setup
    file = repack(good, ken, tmp_path / "objects.habx", database=lambda db: db.execute(statement))
    _refused(roaf, file, reason, run_cli)


@pytest.mark.parametrize(
    "statement, reason",
    [
        ("UPDATE activity SET status = 'finished'", "field status: not a known value"),
        ("UPDATE activity SET start_date = '2025-13-45'", "field start_date: not a date"),
        ("UPDATE activity SET title = zeroblob(100)", "field title: not text"),
        ("UPDATE activity SET title = 'a' || char(0) || 'b'", "field title: not text"),
        ("UPDATE activity SET description = printf('%.30000c', 'x')", "field description"),
        ("UPDATE activity SET resolutions = '[not json'", "field resolutions: not valid JSON"),
        ("UPDATE activity SET office = 'ken; drop'", "field office: not an office code"),
        ("UPDATE activity SET field_stamps = '[]'", "malformed id or version data"),
        ("UPDATE activity SET version = 'not-a-stamp'", "malformed id or version data"),
        ("UPDATE activity SET version = upper(version)", "malformed id or version data"),  # sorts apart from clocks
    ],
)
def test_invalid_values(setup, tmp_path: Path, run_cli, statement: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    ken, roaf, good = setup
    file = repack(good, ken, tmp_path / "values.habx", database=lambda db: db.execute(statement))
    _refused(roaf, file, reason, run_cli)


def test_duplicate_ids(setup, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    ken, roaf, good = setup

    def duplicate(db: Path) -> None:
        connection = sqlite3.connect(db)  # a crafted file: the primary key written out of the schema
        sql = connection.execute("SELECT sql FROM sqlite_schema WHERE name = 'activity'").fetchone()[0]
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_schema SET sql = ? WHERE name = 'activity'",
            (sql.replace("CONSTRAINT pk_activity PRIMARY KEY (id)", "CHECK (1)"),),
        )
        connection.execute("DELETE FROM sqlite_schema WHERE name = 'sqlite_autoindex_activity_1'")
        connection.commit()
        connection.close()
        connection = sqlite3.connect(db)
        connection.execute("INSERT INTO activity SELECT * FROM activity")
        connection.commit()
        connection.close()

    file = repack(good, ken, tmp_path / "dup.habx", database_file=duplicate)
    _refused(roaf, file, "dup.habx", run_cli)


def test_oversized_members_are_refused_before_reading(setup, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _ken, roaf, good = setup
    with zipfile.ZipFile(good) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["manifest.json"] = b"{" + b" " * (70 * 1024) + b"}"
    big = tmp_path / "big.habx"
    with zipfile.ZipFile(big, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    _refused(roaf, big, "too large", run_cli)
    extra = tmp_path / "extra.habx"
    with zipfile.ZipFile(extra, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        archive.writestr("../../evil.sh", b"rm -rf /")
    _refused(roaf, extra, "unexpected contents", run_cli)


def test_a_unique_index_that_lies(setup, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    ken, roaf, good = setup

    def duplicate(db: Path) -> None:
        """The same schema, byte for byte, but an activity twice and its key index not unique."""
        connection = sqlite3.connect(db)
        rows = connection.execute(
            "SELECT name, sql FROM sqlite_schema WHERE name IN ('activity', 'sqlite_autoindex_activity_1')"
        ).fetchall()
        table_sql = dict(rows)["activity"]
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_schema SET sql = ? WHERE name = 'activity'",
            (table_sql.replace("CONSTRAINT pk_activity PRIMARY KEY (id)", "CHECK (1)"),),
        )
        connection.execute(
            "UPDATE sqlite_schema SET name = 'ix_plain', sql = 'CREATE INDEX ix_plain ON "
            "activity (id)' WHERE name = 'sqlite_autoindex_activity_1'"
        )
        connection.commit()
        connection.close()
        connection = sqlite3.connect(db)
        connection.execute("INSERT INTO activity SELECT * FROM activity")
        connection.commit()
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute("UPDATE sqlite_schema SET sql = ? WHERE name = 'activity'", (table_sql,))
        connection.execute(
            "UPDATE sqlite_schema SET name = 'sqlite_autoindex_activity_1', sql = NULL WHERE name = 'ix_plain'"
        )
        connection.commit()
        connection.close()

    file = repack(
        good, ken, tmp_path / "lying.habx", database_file=duplicate, manifest=lambda m: m["counts"].update(activity=2)
    )
    _refused(roaf, file, "non-unique entry in index", run_cli)


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of its own for the merge's private copies, to see that none is left behind."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_bad_export_after_good_ones_is_refused_when_the_merge_reaches_it(
    setup, tmp_path: Path, private_temp: Path
) -> None:  # type: ignore[no-untyped-def]
    ken, roaf, good = setup
    others = [export(ken, tmp_path / f"ken{number}.habx") for number in range(3)]
    bad = repack(
        good, ken, tmp_path / "late.habx", database=lambda db: db.execute("UPDATE activity SET status = 'finished'")
    )
    before = _digest(roaf)
    with pytest.raises(exports.ExportError, match=r"late\.habx.*status: not a known value"):
        merges.merge_files(roaf, [*others, bad, good])
    assert _digest(roaf) == before and list(private_temp.iterdir()) == []
    with pytest.raises(merges.MergeCancelledError):  # nor after a cancel
        merges.merge_files(roaf, [*others, good], cancelled=lambda: True)
    assert _digest(roaf) == before and list(private_temp.iterdir()) == []
    merged = merges.merge_files(roaf, [*others, good])
    assert merged.totals.added == 2 and list(private_temp.iterdir()) == []


def test_an_untrusted_signer_is_refused_before_the_backup(setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _ken, roaf, good = setup
    stranger = office_workspace(tmp_path / "other.habitat", "UGA", "UG")
    before = {backup.path for backup in backups.list_backups(roaf)}
    with pytest.raises(exports.UntrustedSignerError):
        merges.merge_files(roaf, [good, export(stranger, tmp_path / "uga.habx")])
    assert {backup.path for backup in backups.list_backups(roaf)} == before
