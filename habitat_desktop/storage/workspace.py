"""A workspace file: recognising it, creating it, opening it (upgrading it after a backup) and checking it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session

from habitat_desktop import __version__
from habitat_desktop.domain.errors import WorkspaceError
from habitat_desktop.domain.models import WorkspaceSetting
from habitat_desktop.l10n import _
from habitat_desktop.storage import backups, schema, signing_keys
from habitat_desktop.storage.catalog_loader import load_catalog
from habitat_desktop.storage.engine import APPLICATION_ID, DERIVED_ROWS_UNCHECKED, SQLITE_HEADER, make_engine

SUFFIX = ".habitat"


@dataclass
class Workspace:
    """An open workspace: its file, its engine and the office it belongs to."""

    path: Path
    engine: Engine
    office: str
    workspace_id: str
    read_only: bool = False

    @contextlib.contextmanager
    def transaction(self, *, check_references: bool = True) -> Iterator[Session]:
        """One unit of work: committed whole when the block ends, rolled back whole on any error.

        With ``check_references`` false, SQLite does not look up each resolution and outcome index row's activity
        (the only foreign keys an activity's writes meet): for bulk writers whose index rows are made from the
        activity rows themselves (``bulk_activities``), where the lookups are a sixth of SQLite's time and never
        fail. The connection is the transaction's own (the engine pools none), so no other unit of work is affected.
        """
        engine = self.engine if check_references else self.engine.execution_options(**{DERIVED_ROWS_UNCHECKED: True})
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except OperationalError as error:
                session.rollback()
                raise WorkspaceError(_storage_message(self.path, error)) from error
            except sqlite3.OperationalError as error:  # from the raw connection bulk writers use
                session.rollback()
                raise WorkspaceError(storage_message(self.path, str(error))) from error
            except BaseException:
                session.rollback()
                raise

    @contextlib.contextmanager
    def trial(self) -> Iterator[Session]:
        """A unit of work that is always rolled back: what a change would do, without doing it (dry runs)."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            except OperationalError as error:
                raise WorkspaceError(_storage_message(self.path, error)) from error
            finally:
                session.rollback()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            except OperationalError as error:
                raise WorkspaceError(_storage_message(self.path, error)) from error

    def close(self) -> None:
        self.engine.dispose()


def _storage_message(path: Path, error: OperationalError) -> str:
    return storage_message(path, str(error.orig) if error.orig is not None else str(error))


def storage_message(path: Path, detail: str) -> str:
    """What SQLite's complaint about a workspace (locked, read-only, disk full…) means for the person."""
    if "locked" in detail or "busy" in detail:
        return _("The workspace {path} is locked by another program; close it and try again.").format(path=path)
    if "readonly" in detail or "read-only" in detail:
        return _("The workspace {path} is read-only; nothing was changed.").format(path=path)
    if "disk is full" in detail or "full" in detail:
        return _("The disk holding {path} is full; nothing was changed.").format(path=path)
    return _("The workspace {path} could not be changed: {reason}").format(path=path, reason=detail)


def read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(100)
    except IsADirectoryError:
        raise WorkspaceError(_("{path} is a folder, not a workspace file").format(path=path)) from None
    except PermissionError:
        raise WorkspaceError(_("{path} cannot be read: permission denied").format(path=path)) from None


def recognise(path: Path) -> None:
    """Refuse, with the reason, a path that is not a Habitat workspace."""
    if not path.exists():
        raise WorkspaceError(_("No workspace at {path}").format(path=path))
    header = read_header(path)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise WorkspaceError(_("{path} is not a Habitat workspace (not an SQLite database)").format(path=path))
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise WorkspaceError(
            _("{path} is an SQLite database of another application, not a Habitat workspace").format(path=path)
        )


def _require_writable(path: Path) -> None:
    folder = path.parent
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise WorkspaceError(
            _("{path} is in a read-only location; copy it to a folder you can write to").format(path=path)
        )


def _settings(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        rows = session.exec(text("SELECT key, value FROM workspace_setting")).all()  # type: ignore[call-overload]
    return {key: value for key, value in rows}


def create(path: Path, *, office: str) -> Workspace:
    """Create a new, empty workspace for an office (atomically: the file appears complete or not at all)."""
    if path.suffix != SUFFIX:
        path = path.with_suffix(SUFFIX)
    if path.exists():
        raise WorkspaceError(_("{path} already exists; choose another name").format(path=path))
    if not path.parent.is_dir():
        raise WorkspaceError(_("The folder {path} does not exist").format(path=path.parent))
    _require_writable(path)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    raw = sqlite3.connect(partial)
    # 16 KiB pages (SQLite's default is 4 KiB): an activity row with its version data is 1.5-2 KiB, and a merge
    # of 50 exports of 20,000 activities runs about a quarter faster (bench/merge_scale.py)
    raw.execute("PRAGMA page_size=16384")
    raw.execute(f"PRAGMA application_id={APPLICATION_ID}")
    raw.execute("PRAGMA journal_mode=DELETE")
    raw.close()
    engine = make_engine(partial)
    workspace_id = str(uuid.uuid4())
    try:
        with engine.begin() as connection:
            schema.upgrade(connection)
            connection.exec_driver_sql(f"PRAGMA user_version={schema.user_version(schema.head_revision())}")
        with Session(engine) as session:
            load_catalog(session)
            for key, value in {
                "workspace_id": workspace_id,
                "office": office,
                "clock": "0",
                "app_version": __version__,
                signing_keys.SETTING: signing_keys.new_private_key(),
            }.items():
                session.add(WorkspaceSetting(key=key, value=value))
            session.commit()
    finally:
        engine.dispose()  # the last connection's close checkpoints the WAL into the file
    os.replace(partial, path)
    return open_workspace(path)


def closed_cleanly(path: Path) -> bool:
    """Whether the last program to use the workspace closed it: SQLite removes the write-ahead log then."""
    log = Path(f"{path}-wal")
    return not log.exists() or log.stat().st_size == 0


@contextlib.contextmanager
def opened(path: Path, *, read_only: bool = False) -> Iterator[Workspace]:
    """A workspace open for the length of a ``with`` block: the one way a service given a path uses it."""
    workspace = open_workspace(path, read_only=read_only)
    try:
        yield workspace
    finally:
        workspace.close()


def open_workspace(path: Path, *, read_only: bool = False, verify: bool = True) -> Workspace:
    """Open a workspace, refusing foreign, corrupt or newer files; upgrade an older one after a backup.

    With ``verify`` false, the page-by-page check runs only if the workspace was not closed cleanly; the caller
    then checks it later with ``verify_workspace`` (the window opens on large workspaces without waiting).
    """
    path = Path(path)
    recognise(path)
    if not read_only:
        _require_writable(path)
        backups.remove_stale_partials(path)  # copies a killed restore or backup left
    check_now = verify or not closed_cleanly(path)
    engine = make_engine(path, read_only=read_only)
    try:
        with engine.connect() as connection:
            if check_now:
                _quick_check(connection, path)
            revision = schema.current_revision(connection)
    except OperationalError as error:
        engine.dispose()
        raise WorkspaceError(_storage_message(path, error)) from error
    except (sqlite3.DatabaseError, DatabaseError) as error:
        engine.dispose()
        raise _damaged(path, error) from error
    except WorkspaceError:
        engine.dispose()
        raise
    known = schema.known_revisions()
    if revision not in known:
        settings = _settings(engine)
        engine.dispose()
        needed = settings.get("app_version", "?")
        raise WorkspaceError(
            _("{path} was written by a newer Habitat Desktop; version {version} or later is needed").format(
                path=path, version=needed
            )
        )
    if revision != known[-1]:
        if read_only:
            engine.dispose()
            raise WorkspaceError(_("{path} needs an upgrade; open it with write access first").format(path=path))
        _upgrade(path, engine)
    elif not read_only and backups.scheduled_backup_due(path):
        try:
            backups.take_backup(path, "scheduled")
        except WorkspaceError as error:  # a full disk or a read-only folder must not stop the work itself
            print(_("The daily backup was not taken: {reason}").format(reason=error), file=sys.stderr)
    settings = _settings(engine)
    return Workspace(
        path=path, engine=engine, office=settings["office"], workspace_id=settings["workspace_id"], read_only=read_only
    )


def _upgrade(path: Path, engine: Engine) -> None:
    backups.take_backup(path, "pre-upgrade")
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, as batch migrations need
        with connection.begin():
            schema.upgrade(connection)
            connection.exec_driver_sql(f"PRAGMA user_version={schema.user_version(schema.head_revision())}")
        raw.execute("PRAGMA foreign_keys=ON")
    with Session(engine) as session:
        load_catalog(session)
        session.merge(WorkspaceSetting(key="app_version", value=__version__))
        session.commit()


def _damaged(path: Path, reason: object) -> WorkspaceError:
    if isinstance(reason, DatabaseError):
        reason = reason.orig
    return WorkspaceError(
        _("{path} is damaged ({reason}); restore a backup with 'habitat backups restore'").format(
            path=path, reason=reason
        )
    )


def _quick_check(connection: Connection, path: Path) -> None:
    verdict = connection.exec_driver_sql("PRAGMA quick_check").scalar()
    if verdict != "ok":
        raise _damaged(path, verdict)


def verify_workspace(workspace: Workspace) -> None:
    """Check every page of an open workspace (SQLite's quick check); raise a WorkspaceError if it is damaged."""
    try:
        with workspace.engine.connect() as connection:
            _quick_check(connection, workspace.path)
    except OperationalError as error:
        raise WorkspaceError(_storage_message(workspace.path, error)) from error
    except (sqlite3.DatabaseError, DatabaseError) as error:
        raise _damaged(workspace.path, error) from error


def integrity_report(workspace: Workspace) -> list[str]:
    """Problems a full check finds (empty when the workspace is sound)."""
    problems: list[str] = []
    with workspace.engine.connect() as connection:
        rows = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems.extend(rows)
        problems.extend(
            _("foreign key violation in {table}").format(table=row[0])
            for row in connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        )
    return problems


def written_by(workspace: Workspace) -> tuple[str, str]:
    """The schema revision of an open workspace ("-" if none) and the app version that last wrote it."""
    with workspace.engine.connect() as connection:
        revision = schema.current_revision(connection) or "-"
        version = connection.exec_driver_sql("SELECT value FROM workspace_setting WHERE key='app_version'").scalar()
    return revision, version or __version__
