"""The ``.habx`` export file: a signed manifest and a snapshot of a workspace, written and read defensively.

A ``.habx`` is a ZIP archive of exactly three members:
- ``manifest.json``: format and schema versions, app version, office, time, record counts, the SHA-256 and
  size of the database, and the signer's public key;
- ``manifest.sig``: the Ed25519 signature of the manifest's bytes by the office's signing key;
- ``workspace.sqlite``: a consistent snapshot of the workspace without its private parts (signing key, trusted
  offices, merge history) and without derived indexes (full-text search), which the receiver rebuilds.
Reading never extracts by a name from the archive, caps every size, and checks the signature before the hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from habitat_desktop import __version__
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.storage import signing_keys

SUFFIX = ".habx"
FORMAT = "habitat-export"
FORMAT_VERSION = 2
"""2: records store only the per-field stamps and vectors their version does not imply (``domain/field_versions``)."""
READABLE_FORMATS = (1, FORMAT_VERSION)
"""Format 1 (full stamps and vectors) is still read: its schema revision is older, so migration 0009 compacts it."""
MANIFEST, SIGNATURE, DATABASE = "manifest.json", "manifest.sig", "workspace.sqlite"
MAX_MANIFEST_BYTES = 64 * 1024
MAX_SIGNATURE_BYTES = 1024
MAX_DATABASE_BYTES = 4 * 1024**3
MAX_COUNT = 10**9
_ARCHIVE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error, RuntimeError, ValueError)
"""What ``zipfile`` raises on a damaged, truncated or encrypted member (a member it cannot inflate)."""
_MANIFEST_TEXTS = {
    "office": re.compile(r"[A-Z][A-Z0-9]{1,15}"),  # an office code: no control characters, and one you can untrust
    "schema_revision": re.compile(r"[0-9a-z_]{1,32}"),
    "app_version": re.compile(r"[0-9A-Za-z.+-]{1,32}"),
    "public_key": re.compile(r"[0-9a-f]{64}"),
    "sha256": re.compile(r"[0-9a-f]{64}"),
}
COUNTED_TABLES = ("office", "activity", "funding", "resolution_status", "field_conflict", "change")
PRIVATE_SETTINGS = (signing_keys.SETTING, signing_keys.COORDINATORS)


class ExportError(HabitatError):
    """An export file refused, naming the file and the reason; nothing was changed."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(_("{path}: {reason}").format(path=path.name, reason=reason))


class UntrustedSignerError(ExportError):
    """A correctly signed export from an office this workspace does not trust yet."""

    def __init__(self, path: Path, office: str, public_key: str) -> None:
        self.office = office
        self.public_key = public_key
        self.fingerprint = signing_keys.fingerprint(public_key)
        super().__init__(
            path,
            _(
                "signed by office {office} (key {fingerprint}), which this workspace does not "
                "trust yet; trust it first (habitat merge --trust)"
            ).format(office=office, fingerprint=self.fingerprint),
        )


@dataclass(frozen=True)
class Manifest:
    """What an export says about itself (checked against its content before it is believed)."""

    export_id: str
    office: str
    workspace_id: str
    schema_revision: str
    app_version: str
    created_at: str
    counts: dict[str, int]
    sha256: str
    size: int
    public_key: str

    @property
    def fingerprint(self) -> str:
        return signing_keys.fingerprint(self.public_key)

    def as_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "export_id": self.export_id,
            "office": self.office,
            "workspace_id": self.workspace_id,
            "schema_revision": self.schema_revision,
            "app_version": self.app_version,
            "created_at": self.created_at,
            "counts": self.counts,
            "content": {"name": DATABASE, "sha256": self.sha256, "size": self.size},
            "public_key": self.public_key,
        }
        return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def snapshot(workspace_path: Path, target: Path) -> None:
    """A consistent copy of a workspace (SQLite backup API, safe while it is open), stripped for export."""
    source = sqlite3.connect(f"file:{workspace_path.as_posix()}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        copy.execute(
            f"DELETE FROM workspace_setting WHERE key IN ({','.join('?' * len(PRIVATE_SETTINGS))})", PRIVATE_SETTINGS
        )
        for table in ("trusted_office", "merge_event", "activity_resolution", "activity_outcome"):
            copy.execute(f"DELETE FROM {table}")
        copy.execute("DROP TABLE IF EXISTS activity_search")
        copy.commit()
        copy.execute("VACUUM")
    finally:
        copy.close()
        source.close()


def count_records(database: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{database.as_posix()}?mode=ro", uri=True)
    try:
        return {
            table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in COUNTED_TABLES
        }
    finally:
        connection.close()


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_package(
    database: Path, output: Path, *, office: str, workspace_id: str, schema_revision: str, private_key: str
) -> Manifest:
    """Sign and write a ``.habx`` from a stripped snapshot (atomically: complete or absent)."""
    manifest = Manifest(
        export_id=str(uuid.uuid4()),
        office=office,
        workspace_id=workspace_id,
        schema_revision=schema_revision,
        app_version=__version__,
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        counts=count_records(database),
        sha256=file_digest(database),
        size=database.stat().st_size,
        public_key=signing_keys.public_key(private_key),
    )
    body = manifest.as_json()
    partial = output.with_name(f".{output.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            archive.writestr(MANIFEST, body)
            archive.writestr(SIGNATURE, signing_keys.sign(private_key, body))
            archive.write(database, DATABASE)
        os.replace(partial, output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExportError(output, _("cannot be written: {reason}").format(reason=error.strerror or error)) from error
    return manifest


@dataclass(frozen=True)
class OpenedPackage:
    """An export whose signature and hash hold, its database copied into a private folder."""

    path: Path
    manifest: Manifest
    database: Path


def read_package(path: Path, folder: Path) -> OpenedPackage:
    """Check an export's form, signature and hash, and copy its database into ``folder`` (private, empty)."""
    return extract_database(path, read_manifest(path), folder)


def read_manifest(path: Path) -> Manifest:
    """An export's manifest once its form and signature are checked (its database is neither read nor hashed)."""
    path = Path(path)
    if not path.is_file():
        raise ExportError(path, _("no such file"))
    if not zipfile.is_zipfile(path):
        raise ExportError(path, _("not a Habitat export (.habx): not a ZIP archive"))
    try:
        with zipfile.ZipFile(path) as archive:
            members = _members(path, archive)
            body = _read_member(path, archive, members[MANIFEST], MAX_MANIFEST_BYTES)
            signature = _read_member(path, archive, members[SIGNATURE], MAX_SIGNATURE_BYTES)
            manifest = _parse_manifest(path, body)
            if not signing_keys.verify(manifest.public_key, body, signature.decode("ascii", "replace").strip()):
                raise ExportError(path, _("the signature does not match the manifest; the file was altered or damaged"))
            _check_size(path, members[DATABASE], manifest)
    except _ARCHIVE_ERRORS as error:
        raise ExportError(path, _("damaged or truncated archive ({reason})").format(reason=error)) from error
    return manifest


def extract_database(path: Path, manifest: Manifest, folder: Path) -> OpenedPackage:
    """Copy an export's database into ``folder`` (private, empty) if it is exactly what ``manifest`` signed."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            info = _members(path, archive)[DATABASE]
            _check_size(path, info, manifest)
            database = folder / DATABASE
            digest = _extract(path, archive, info, database, manifest.size)
    except ExportError:
        raise
    except _ARCHIVE_ERRORS as error:
        raise ExportError(path, _("damaged or truncated archive ({reason})").format(reason=error)) from error
    if digest != manifest.sha256:
        raise ExportError(
            path, _("the content does not match its SHA-256 in the manifest; the file was altered or damaged")
        )
    return OpenedPackage(path=path, manifest=manifest, database=database)


def verify_content(path: Path, manifest: Manifest) -> None:
    """Hash an export's database as it streams out of the archive (nothing written) against its manifest."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            info = _members(path, archive)[DATABASE]
            _check_size(path, info, manifest)
            digest = hashlib.sha256()
            with archive.open(info) as source:
                for block in iter(lambda: source.read(1 << 20), b""):
                    digest.update(block)
    except _ARCHIVE_ERRORS as error:
        raise ExportError(path, _("damaged or truncated archive ({reason})").format(reason=error)) from error
    if digest.hexdigest() != manifest.sha256:
        raise ExportError(
            path, _("the content does not match its SHA-256 in the manifest; the file was altered or damaged")
        )


def _members(path: Path, archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    members = {info.filename: info for info in archive.infolist()}
    if set(members) != {MANIFEST, SIGNATURE, DATABASE}:
        raise ExportError(
            path,
            _("not a Habitat export (.habx): unexpected contents {names}").format(
                names=", ".join(sorted(members))[:200].encode("ascii", "backslashreplace").decode("ascii")
            ),
        )
    for info in members.values():
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ExportError(
                path,
                _("{name} is encrypted or compressed in a way Habitat Desktop never writes").format(name=info.filename),
            )
    return members


def _check_size(path: Path, info: zipfile.ZipInfo, manifest: Manifest) -> None:
    if info.file_size != manifest.size or manifest.size > MAX_DATABASE_BYTES:
        raise ExportError(path, _("the database is not the size the manifest states"))


def _read_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise ExportError(path, _("{name} is too large").format(name=info.filename))
    with archive.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ExportError(path, _("{name} is too large").format(name=info.filename))
    return data


def _extract(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, size: int) -> str:
    digest = hashlib.sha256()
    written = 0
    with archive.open(info) as source, target.open("wb") as sink:
        for block in iter(lambda: source.read(1 << 20), b""):
            written += len(block)
            if written > size:
                raise ExportError(path, _("the database is not the size the manifest states"))
            digest.update(block)
            sink.write(block)
    if written != size:
        raise ExportError(path, _("the database is not the size the manifest states"))
    return digest.hexdigest()


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _parse_manifest(path: Path, body: bytes) -> Manifest:
    """The manifest's fields, each of the form this app writes (it is parsed before its signature is checked)."""
    try:
        data: Any = json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:  # also huge integers, deep nesting
        reason = str(error)[:200]
        raise ExportError(path, _("the manifest is not valid JSON ({reason})").format(reason=reason)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExportError(path, _("not a Habitat export (.habx): the manifest is of another kind"))
    app_version = data.get("app_version")
    if not (isinstance(app_version, str) and _MANIFEST_TEXTS["app_version"].fullmatch(app_version)):
        app_version = "?"
    if data.get("format_version") not in READABLE_FORMATS or type(data.get("format_version")) is not int:
        version = data.get("format_version")
        raise ExportError(
            path,
            _(
                "export format {version} is not supported by this version of Habitat Desktop; "
                "version {app} or later is needed"
            ).format(version=version if type(version) is int and 0 <= version < 10**6 else "?", app=app_version),
        )
    content = data.get("content")
    counts = data.get("counts")
    if (
        not isinstance(content, dict)
        or not isinstance(counts, dict)
        or set(counts) != set(COUNTED_TABLES)
        or not all(type(v) is int and 0 <= v <= MAX_COUNT for v in counts.values())
    ):
        raise ExportError(path, _("the manifest is incomplete or malformed"))
    fields = {**data, "sha256": content.get("sha256"), "size": content.get("size")}
    for name, pattern in _MANIFEST_TEXTS.items():
        if not (isinstance(fields.get(name), str) and pattern.fullmatch(fields[name])):
            raise ExportError(path, _("the manifest's {field} is malformed").format(field=name))
    for name in ("export_id", "workspace_id"):
        if not (isinstance(fields.get(name), str) and _canonical_uuid(fields[name])):
            raise ExportError(path, _("the manifest's {field} is malformed").format(field=name))
    if not (isinstance(data.get("created_at"), str) and _timestamp(data["created_at"])):
        raise ExportError(path, _("the manifest's {field} is malformed").format(field="created_at"))
    if type(fields["size"]) is not int or not 0 <= fields["size"] <= MAX_DATABASE_BYTES:
        raise ExportError(path, _("the manifest's {field} is malformed").format(field="size"))
    return Manifest(
        export_id=data["export_id"],
        office=data["office"],
        workspace_id=data["workspace_id"],
        schema_revision=data["schema_revision"],
        app_version=data["app_version"],
        created_at=data["created_at"],
        counts=dict(counts),
        sha256=fields["sha256"],
        size=fields["size"],
        public_key=data["public_key"],
    )


def _canonical_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def _timestamp(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return len(text) <= 40


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
