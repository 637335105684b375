"""Merging offices' exports into a workspace (all files or none, after a backup), a preview of it, and its history."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from habitat_desktop.domain.errors import HabitatError, WorkspaceError
from habitat_desktop.domain.models import MergeEvent
from habitat_desktop.exchange import export_checks, preparing
from habitat_desktop.exchange.package import ExportError, Manifest, OpenedPackage, read_manifest, verify_content
from habitat_desktop.l10n import _, ngettext
from habitat_desktop.services.changes import Changes
from habitat_desktop.services.trust import check_trust, write_policy
from habitat_desktop.storage import activity_store, backups, foreign_writes, schema
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.engine import merge_connection
from habitat_desktop.storage.merge_counts import RECORD_TABLES, MergeCounts
from habitat_desktop.storage.merging import MalformedExportError, deferred_search_merging, merge_export
from habitat_desktop.storage.write_policy import ForbiddenWriteError, WritePolicy

__all__ = [
    "MergeCancelledError",
    "MergeEventView",
    "MergeFileResult",
    "MergeResult",
    "merge_files",
    "merge_history",
]


class MergeCancelledError(HabitatError):
    def __init__(self) -> None:
        super().__init__(_("The merge was cancelled; nothing was changed."))


@dataclass(frozen=True)
class MergeFileResult:
    """What merging one export did (or would do)."""

    file: Path
    office: str
    fingerprint: str
    export_id: str
    counts: MergeCounts
    set_aside: int = 0  # records holding writes the signer may not make, left as they were
    proposals: int = 0  # the signer's writes among them, kept as proposals (storage/foreign_writes.py)

    def set_aside_lines(self) -> list[str]:
        """What was set aside, in sentences (none when nothing was)."""
        if not self.set_aside:
            return []
        lines = [
            ngettext(
                "Set aside {count} record that office {office} may not change; nothing of it was merged.",
                "Set aside {count} records that office {office} may not change; nothing of them was merged.",
                self.set_aside,
            ).format(count=self.set_aside, office=self.office)
        ]
        if self.proposals:
            lines.append(
                ngettext(
                    "{count} change of office {office} is kept as a proposal to accept or reject (habitat conflicts, "
                    "or File > Conflicts).",
                    "{count} changes of office {office} are kept as proposals to accept or reject (habitat conflicts, "
                    "or File > Conflicts).",
                    self.proposals,
                ).format(count=self.proposals, office=self.office)
            )
        return lines

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.file),
            "office": self.office,
            "fingerprint": self.fingerprint,
            "export_id": self.export_id,
            **self.counts.as_dict(),
            "tables": self.counts.per_table(),
            "set_aside": self.set_aside,
            "proposals": self.proposals,
        }


@dataclass(frozen=True)
class MergeResult:
    """The outcome of merging several exports, per file and in total."""

    files: list[MergeFileResult]
    dry_run: bool
    backup: Path | None = None
    totals: MergeCounts = field(default_factory=MergeCounts)

    @property
    def changes(self) -> Changes:
        """What the merge changed: nothing for a preview; else any activity, conflict or office may have."""
        if self.dry_run or self.backup is None:
            return Changes()
        return Changes(all_activities=True, conflicts=True, offices=True)

    def as_dict(self) -> dict[str, object]:
        return {
            **self.totals.as_dict(),
            "tables": self.totals.per_table(),
            "dry_run": self.dry_run,
            "backup": str(self.backup) if self.backup else None,
            "files": [result.as_dict() for result in self.files],
        }


def merge_files(
    path: Path,
    files: Sequence[Path],
    *,
    dry_run: bool = False,
    trust: bool = False,
    as_coordinator: bool = False,
    progress: Callable[[int, int], None] = lambda _done, _total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> MergeResult:
    """Merge exports into a workspace: all files or none, after a backup; or only say what would change.

    With ``trust``, the signers not trusted yet are trusted (with ``as_coordinator``, to pass on other offices'
    changes too: ``storage.write_policy.WritePolicy``). An export whose content was merged before (or given twice)
    changes nothing, so it is not extracted nor checked again; its content is still hashed against its signed
    manifest. A merge of nothing new takes no backup.
    """
    if not files:
        raise HabitatError(_("No export files given"))
    preparing.remove_stale_copies()
    with storage.opened(Path(path)) as workspace:
        exports = [(Path(file), read_manifest(Path(file))) for file in files]  # form and signature of each
        with workspace.reading() as session:  # refuse an untrusted signer before anything is written
            for file, manifest in exports:
                check_trust(session, file, manifest, trust, as_coordinator)
            new = _new_contents(session, exports)
            context = activity_store.validation_context(session, workspace.office)
        total = sum(sum(manifest.counts[t] for t in RECORD_TABLES) for _file, manifest in exports)
        export_checks.expected_schema(schema.head_revision())  # made here, not in the worker: Alembic is global
        with preparing.prepared_in_turn(new, context) as packages:  # content checked as the merge comes to it
            backup = None if dry_run or not new else backups.take_backup(workspace.path, "pre-merge")
            try:
                with workspace.trial() if dry_run else workspace.transaction() as session:
                    trusting = (trust, as_coordinator)
                    results = _merge_all(session, exports, packages, trusting, total, progress, cancelled)
            except sqlite3.OperationalError as error:  # another program holds the write lock past the busy timeout
                raise WorkspaceError(storage.storage_message(workspace.path, str(error))) from error
    totals = MergeCounts()
    for result in results:
        totals.add(result.counts)
    return MergeResult(files=results, dry_run=dry_run, backup=backup, totals=totals)


def _new_contents(session: Session, exports: Sequence[tuple[Path, Manifest]]) -> list[tuple[Path, Manifest]]:
    """The exports whose content this workspace has not merged, each content once (the first file holding it)."""
    seen: set[str] = set()
    new = []
    for file, manifest in exports:
        if manifest.sha256 not in seen and not _merged_before(session, manifest):
            new.append((file, manifest))
        seen.add(manifest.sha256)
    return new


def _merge_all(
    session: Session,
    exports: Sequence[tuple[Path, Manifest]],
    packages: Iterator[OpenedPackage],
    trust: tuple[bool, bool],
    total: int,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> list[MergeFileResult]:
    target = merge_connection(session.connection())
    with deferred_search_merging(target):
        return _merge_packages(session, target, exports, packages, trust, total, progress, cancelled)


def _merge_packages(
    session: Session,
    target: sqlite3.Connection,
    exports: Sequence[tuple[Path, Manifest]],
    packages: Iterator[OpenedPackage],
    trust: tuple[bool, bool],
    total: int,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> list[MergeFileResult]:
    results = []
    done = 0
    for path, manifest in exports:
        check_trust(session, path, manifest, *trust)
        merge_id = str(uuid.uuid4())
        records = sum(manifest.counts[t] for t in RECORD_TABLES)
        aside = foreign_writes.SetAside(manifest.office)
        if _merged_before(session, manifest):  # the join is idempotent: the same content changes nothing
            verify_content(path, manifest)  # but what is skipped must be what was merged
            counts = MergeCounts.unchanged_records({t: manifest.counts[t] for t in RECORD_TABLES})
        else:  # writes the signer may not make are set aside, not merged (storage/foreign_writes.py)
            policy, aside = foreign_writes.quarantining(write_policy(session, manifest))
            counts = _merge_package(target, next(packages), merge_id, done, total, progress, cancelled, policy)
        proposals = aside.store(target, merge_id)
        done += records
        progress(done, total)
        session.add(
            MergeEvent(
                id=merge_id,
                file_name=path.name,
                content_sha256=manifest.sha256,
                export_id=manifest.export_id,
                signer=manifest.office,
                key_fingerprint=manifest.fingerprint,
                summary=counts.as_dict(),
            )
        )
        session.flush()
        results.append(
            MergeFileResult(
                file=path,
                office=manifest.office,
                fingerprint=manifest.fingerprint,
                export_id=manifest.export_id,
                counts=counts,
                set_aside=aside.records,
                proposals=proposals,
            )
        )
    return results


def _merge_package(
    target: sqlite3.Connection,
    package: OpenedPackage,
    merge_id: str,
    done: int,
    total: int,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    policy: WritePolicy,
) -> MergeCounts:
    """Merge one prepared export; a malformed record, or a write its signer may not make, names the file."""
    # checked by preparing.prepare and unchanged since: a private folder of this process
    source = export_checks.open_defensively(package.path, package.database, verify=False)
    try:
        return merge_export(
            target,
            source,
            export_id=package.manifest.export_id,
            merge_id=merge_id,
            cancelled=cancelled,
            progress=lambda count: progress(done + count, total),
            policy=policy,
        )
    except InterruptedError:
        raise MergeCancelledError() from None
    except ForbiddenWriteError as error:
        raise ExportError(package.path, _forbidden(error, policy)) from error
    except (MalformedExportError, sqlite3.IntegrityError, UnicodeDecodeError) as error:
        raise ExportError(package.path, _("malformed records ({reason})").format(reason=error)) from error
    except sqlite3.OperationalError as error:
        if "decode" in str(error):
            raise ExportError(package.path, _("malformed records ({reason})").format(reason=error)) from error
        raise
    finally:
        source.close()


def _forbidden(error: ForbiddenWriteError, policy: WritePolicy) -> str:
    if error.table == "office" and error.owner == policy.own_office:
        return _("it changes this workspace's own office record ({office}), which only this office may change").format(
            office=policy.own_office
        )
    return _(
        "it brings a change by office {writer} to record {record} ({table}) of office {owner}; office {signer} is "
        "trusted for its own records only (to pass on other offices' changes, trust it as a coordinator: "
        "habitat merge --trust-coordinator)"
    ).format(writer=error.writer, record=error.record, table=error.table, owner=error.owner, signer=policy.signer)


def _merged_before(session: Session, manifest: Manifest) -> bool:
    return (
        session.exec(select(MergeEvent.id).where(col(MergeEvent.content_sha256) == manifest.sha256).limit(1)).first()
        is not None
    )


@dataclass(frozen=True)
class MergeEventView:
    """One line of the merge history."""

    merge_id: str
    file_name: str
    sha256: str
    signer: str
    fingerprint: str
    merged_at: dt.datetime
    summary: dict[str, int]


def merge_history(path: Path) -> list[MergeEventView]:
    """Every export merged into the workspace, newest first."""
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        rows = session.exec(select(MergeEvent).order_by(col(MergeEvent.merged_at).desc())).all()
        return [
            MergeEventView(
                r.id, r.file_name, r.content_sha256, r.signer, r.key_fingerprint, r.merged_at, dict(r.summary)
            )
            for r in rows
        ]
