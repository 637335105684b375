"""A workspace's signed export (``.habx``) for a coordinator, and who signed an export before it is merged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.domain.models import TrustedOffice, WorkspaceSetting
from habitat_desktop.exchange import preparing
from habitat_desktop.exchange.package import (
    SUFFIX,
    ExportError,
    Manifest,
    UntrustedSignerError,
    read_package,
    snapshot,
    write_package,
)
from habitat_desktop.l10n import _
from habitat_desktop.storage import schema, signing_keys
from habitat_desktop.storage import workspace as storage

__all__ = [
    "ExportError",
    "Manifest",
    "Signer",
    "UntrustedSignerError",
    "export_signers",
    "export_workspace",
    "inspect_export",
]


def export_workspace(path: Path, output: Path) -> Manifest:
    """Write a signed ``.habx`` snapshot of a workspace (safe while the app has it open)."""
    output = Path(output)
    if output.suffix != SUFFIX:
        output = output.with_suffix(SUFFIX)
    if not output.parent.is_dir():
        raise HabitatError(_("The folder {path} does not exist").format(path=output.parent))
    preparing.remove_stale_copies()
    with storage.opened(Path(path)) as workspace, preparing.private_copy("habitat-export-") as folder:
        with workspace.transaction() as session:
            private_key = signing_keys.ensure_key(session)
        database = folder / "workspace.sqlite"
        snapshot(workspace.path, database)
        return write_package(
            database,
            output,
            office=workspace.office,
            workspace_id=workspace.workspace_id,
            schema_revision=schema.head_revision(),
            private_key=private_key,
        )


def inspect_export(file: Path) -> Manifest:
    """An export's manifest after its form, signature and hash have been checked (who signed it, and what)."""
    with preparing.private_copy("habitat-inspect-") as folder:
        return read_package(Path(file), folder).manifest


@dataclass(frozen=True)
class Signer:
    """Who signed an export: office and key fingerprint, and whether this workspace trusts that key."""

    file: Path
    office: str
    fingerprint: str
    trusted: bool


def export_signers(path: Path, files: Sequence[Path]) -> list[Signer]:
    """Each export's signer after checking its form, signature and hash (raises on a bad file)."""
    manifests = [(Path(file), inspect_export(file)) for file in files]
    with storage.opened(Path(path)) as workspace, workspace.reading() as session:
        own = session.get(WorkspaceSetting, signing_keys.SETTING)
        own_key = signing_keys.public_key(own.value) if own else ""
        signers = []
        for file, manifest in manifests:
            row = session.get(TrustedOffice, manifest.public_key)
            trusted = manifest.public_key == own_key or (row is not None and row.office == manifest.office)
            signers.append(Signer(file, manifest.office, manifest.fingerprint, trusted))
        return signers
