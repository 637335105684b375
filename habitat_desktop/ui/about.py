"""The text of Help ▸ About: versions of the application and its libraries, where the data and the log live."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import qVersion

from habitat_desktop import APP_NAME, __version__, logging_setup
from habitat_desktop.l10n import _
from habitat_desktop.ui.bidi import in_reading_order, isolate


def about_text(workspace_path: Path | None) -> str:
    import babel

    lines = [
        _("{app} {version}").format(app=APP_NAME, version=__version__),
        _("Tracks how the resolutions of the UN-Habitat Assembly are implemented."),
        "",
        _("Python {version}, Qt {qt}, PySide6 {pyside}, Babel {babel}").format(
            version=platform.python_version(), qt=qVersion(), pyside=PySide6.__version__, babel=babel.__version__
        ),
        _("System: {system}").format(system=f"{platform.system()} {platform.release()} ({sys.platform})"),
    ]
    if workspace_path is not None:
        lines.append(_("Workspace: {path}").format(path=isolate(str(workspace_path))))
        lines.append(_("Data folder: {path}").format(path=isolate(str(Path(workspace_path).parent))))
    log_file = logging_setup.active_log_file()
    lines.append(
        _("Log file: {path}").format(path=isolate(str(log_file)))
        if log_file is not None
        else _("Log file: none (the log folder cannot be written)")
    )
    return in_reading_order("<br>".join(line.replace("&", "&amp;").replace("<", "&lt;") for line in lines))
