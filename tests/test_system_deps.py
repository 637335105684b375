"""`.ci/system-deps.sh` installs every system library Qt's window needs, so `make run` opens it on a bare Debian."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / ".ci" / "system-deps.sh"

# Libraries of a minimal Debian 12 system (the packages of the debian:bookworm-slim image: libc6, libstdc++6,
# libgcc-s1, zlib1g, libzstd1, liblzma5, liblz4-1, libsystemd0, libcap2, libgcrypt20, libgpg-error0, libmd0,
# libpcre2-8-0); everything else Qt loads must be on the script's list.
DEBIAN_BASE = {
    "linux-vdso.so.1",
    "ld-linux-x86-64.so.2",
    "ld-linux-aarch64.so.1",
    "libc.so.6",
    "libm.so.6",
    "libdl.so.2",
    "libpthread.so.0",
    "librt.so.1",
    "libstdc++.so.6",
    "libgcc_s.so.1",
    "libz.so.1",
    "libzstd.so.1",
    "liblzma.so.5",
    "liblz4.so.1",
    "libsystemd.so.0",
    "libcap.so.2",
    "libgcrypt.so.20",
    "libgpg-error.so.0",
    "libmd.so.0",
    "libpcre2-8.so.0",
}


def _script(*args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(["sh", str(SCRIPT), *args], capture_output=True, text=True, check=True, env=env, timeout=60)
    return result.stdout


def _listed() -> dict[str, str]:
    """The script's library → Debian package list, as it prints it with --list."""
    pairs = [line.split() for line in _script("--list").splitlines() if line.strip()]
    assert all(len(pair) == 2 for pair in pairs)
    return {library: package for library, package in pairs}


def _qt_binaries() -> list[Path]:
    """The xcb platform plugin, its GL integrations and the Qt modules the window imports."""
    pyside = Path(pytest.importorskip("PySide6").__file__).parent
    plugin = pyside / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        pytest.skip("this PySide6 has no xcb platform plugin")
    found = [plugin, *sorted((pyside / "Qt" / "plugins" / "xcbglintegrations").glob("*.so"))]
    found += [p for name in ("QtCore", "QtGui", "QtWidgets") for p in pyside.glob(f"{name}.*so")]
    return found


def _system_libraries(binary: Path, pyside: Path) -> set[str]:
    """The libraries ``binary`` loads, directly or not, that do not come with PySide6 ("not found" ones included)."""
    wheels = pyside.parent.resolve()  # PySide6 and shiboken6 bring their own
    output = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
    needed = set()
    for line in output.splitlines():
        match = re.match(r"\s*(\S+)(?:\s+=>\s+(\S+))?", line)
        if not match:
            continue
        name, location = match.groups()
        if location and Path(location).resolve().is_relative_to(wheels):
            continue
        needed.add(Path(name).name)
    return needed


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="needs Linux and ldd")
def test_every_library_the_xcb_plugin_loads_is_installed_by_the_script_or_in_a_minimal_debian() -> None:
    listed = _listed()
    pyside = Path(pytest.importorskip("PySide6").__file__).parent
    needed: set[str] = set()
    for binary in _qt_binaries():
        needed |= _system_libraries(binary, pyside)
    assert {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0"} <= needed  # ldd was read right
    uncovered = sorted(needed - set(listed) - DEBIAN_BASE)
    assert not uncovered, f".ci/system-deps.sh does not install {uncovered}"


def _fake_ldconfig(folder: Path, libraries: list[str]) -> dict[str, str]:
    """A PATH whose ``ldconfig -p`` knows only ``libraries`` (as a machine without the others would answer)."""
    folder.mkdir()
    lines = "".join(f"\t{lib} (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/{lib}\\n" for lib in libraries)
    fake = folder / "ldconfig"
    fake.write_text(f'#!/bin/sh\nprintf "{len(libraries)} libs found in cache\\n{lines}"\n')
    fake.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_dry_run_names_exactly_the_packages_of_the_missing_libraries(tmp_path: Path) -> None:
    listed = _listed()
    hidden = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0"}
    env = _fake_ldconfig(tmp_path / "bin", [lib for lib in listed if lib not in hidden])
    output = _script("--dry-run", env=env)
    assert output.startswith("Would install:")
    packages = set(output.split(":", 1)[1].split()) - {"python3-venv"}
    assert packages == {"libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0"}


def test_dry_run_is_silent_when_nothing_is_missing(tmp_path: Path) -> None:
    env = _fake_ldconfig(tmp_path / "bin", list(_listed()))
    output = _script("--dry-run", env=env)
    assert set(output.replace("Would install:", "").split()) <= {"python3-venv"}


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_and_setup_install_the_window_libraries_not_only_package() -> None:
    for target in ("run", "setup", "test"):
        plan = subprocess.run(
            ["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True, check=True, timeout=60
        ).stdout
        calls = [line.split() for line in plan.splitlines() if "system-deps.sh" in line]
        assert calls, f"make {target} does not run .ci/system-deps.sh"
        assert all(call[-1].endswith("system-deps.sh") for call in calls), calls  # the full list, not a subset
