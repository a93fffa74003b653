"""Outputs that are not plain files: a device, a pipe, a process stream or a symbolic link is
never replaced by a regular file; what cannot be written is a usage error before any reading.

Each case runs as this user and, when that is root, again as a plain user (a child process
that drops to ``nobody`` before it writes): root may write where a plain user may not, and
each must get what it asked for."""

from __future__ import annotations

import functools
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from transparantie_parser._run.atomic import OutputRefused, OutputTarget, output_target

from .conftest import SEED

NOBODY = 65534

# The interpreter lives under /root, which a plain user cannot read: the child imports,
# while still root, every module a convert of the seed imports (as -X importtime lists them,
# its worker's included), then drops to nobody and runs the CLI.
_AS_PLAIN_USER = """
import importlib, os, sys
for name in os.environ["PRELOAD"].split():
    try:
        importlib.import_module(name)
    except Exception:
        pass
import transparantie_parser.cli as cli
os.setgroups([]); os.setgid({uid}); os.setuid({uid})
sys.exit(cli.main(sys.argv[1:]))
"""


@functools.cache
def _modules_a_convert_imports() -> str:
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "transparantie_parser", "convert",
             str(SEED), "-q", "-o", os.path.join(folder, "x.csv")],
            capture_output=True, text=True, timeout=120, check=True)
    names = [line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
             if line.startswith("import time:") and "|" in line]
    return " ".join(name for name in names if name != "imported package")


USERS = ["this user"] + (["plain user"] if os.geteuid() == 0 else [])


@pytest.fixture(scope="module")
def seed() -> Iterator[str]:
    """A copy of the seed a plain user can read: the checkout may sit in a folder only its
    owner can enter (a fresh clone in ``mktemp -d``)."""
    folder = tempfile.mkdtemp(prefix="output-targets-seed-")
    os.chmod(folder, 0o755)
    copy = shutil.copy(SEED, folder)
    os.chmod(copy, 0o644)
    yield str(copy)
    shutil.rmtree(folder)


def convert(seed: str, user: str, *args: str, stdout: int | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``convert SEED -q ARGS`` as this user or as a plain user."""
    argv = ["convert", seed, "-q", *args]
    if user == "plain user":
        command = [sys.executable, "-c", _AS_PLAIN_USER.format(uid=NOBODY), *argv]
        env = {**os.environ, "PRELOAD": _modules_a_convert_imports()}
        cwd = cwd or Path(seed).parent  # the checkout may be closed to a plain user
    else:
        command = [sys.executable, "-m", "transparantie_parser", *argv]
        env = None
    return subprocess.run(command, stdout=stdout if stdout is not None else subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=120, cwd=cwd, env=env)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder both users may reach and write in (pytest's own is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="output-targets-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


@pytest.mark.parametrize("user", USERS)
def test_dev_null_stays_a_device(seed: str, user: str) -> None:
    before = os.stat("/dev/null")
    done = convert(seed, user, "-o", "/dev/null", "--format", "csv",
                   "--problems", "/dev/null", "--regions", "/dev/null")
    assert done.returncode == 0, done.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.parametrize("user", USERS)
def test_a_named_pipe_stays_a_pipe_and_its_reader_gets_the_csv(
        seed: str, user: str, shared_tmp: Path) -> None:
    fifo = shared_tmp / "rows.csv"
    os.mkfifo(fifo)
    fifo.chmod(0o666)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = convert(seed, user, "-o", str(fifo))
    if reader.is_alive():  # the convert never opened the pipe: let the reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    lines = received[0].decode("utf-8").splitlines()
    assert lines[0].startswith("table_id,source,page,region,period")
    assert len(lines) == 1 + 14  # the header and the seed's 14 municipalities
    assert ",Breda,41,579,767,248,1635," in received[0].decode("utf-8")


@pytest.mark.parametrize("user", USERS)
def test_dev_stdout_writes_to_where_standard_output_goes(
        seed: str, user: str, shared_tmp: Path) -> None:
    target = shared_tmp / "captured.csv"
    with target.open("w") as handle:
        os.chmod(target, 0o666)
        done = convert(seed, user, "-o", "/dev/stdout", "--format", "csv", stdout=handle.fileno())
    assert done.returncode == 0, done.stderr
    text = target.read_text(encoding="utf-8")
    assert text.count("\n") == 15
    assert ",Zundert,4,22,46,27,99," in text


@pytest.mark.parametrize("user", USERS)
def test_a_symbolic_link_stays_and_its_target_is_replaced(
        seed: str, user: str, shared_tmp: Path) -> None:
    data = shared_tmp / "data"
    data.mkdir(mode=0o777)
    data.chmod(0o777)
    old = data / "2020q4.csv"
    old.write_text("stale\n")
    old.chmod(0o666)
    link = shared_tmp / "latest.csv"
    link.symlink_to(Path("data") / "2020q4.csv")
    done = convert(seed, user, "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("data", "2020q4.csv")
    text = old.read_text(encoding="utf-8")
    assert text.startswith("table_id,") and ",Breda,41,579,767,248,1635," in text
    assert sorted(p.name for p in data.iterdir()) == ["2020q4.csv"]  # no temporary left


@pytest.mark.parametrize("user", USERS)
def test_a_link_to_a_file_not_there_yet_makes_the_file_and_keeps_the_link(
        seed: str, user: str, shared_tmp: Path) -> None:
    link = shared_tmp / "latest.csv"
    link.symlink_to("new.csv")
    done = convert(seed, user, "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert (shared_tmp / "new.csv").read_text(encoding="utf-8").count("\n") == 15


@pytest.mark.parametrize("user", USERS)
def test_a_loop_of_links_is_a_usage_error_and_nothing_is_written(
        seed: str, user: str, shared_tmp: Path) -> None:
    loop = shared_tmp / "loop.csv"
    loop.symlink_to("loop.csv")
    done = convert(seed, user, "-o", str(loop))
    assert done.returncode == 2
    assert f"output {str(loop)!r} cannot be written: Too many levels of symbolic links" \
        in done.stderr
    assert os.readlink(loop) == "loop.csv"
    assert sorted(p.name for p in shared_tmp.iterdir()) == ["loop.csv"]


def test_a_block_device_is_refused_before_anything_is_read(seed: str, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    try:
        os.mknod(disk, 0o666 | stat.S_IFBLK, os.makedev(7, 200))
    except (PermissionError, OSError) as err:
        pytest.skip(f"cannot make a block device node here: {err}")
    done = convert(seed, "this user", "-o", str(disk), "--format", "csv")
    assert done.returncode == 2
    assert (f"output {str(disk)!r} is a block device; name a file, a pipe or a character "
            "device") in done.stderr
    assert stat.S_ISBLK(os.lstat(disk).st_mode)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(OutputRefused, match="is neither a file nor a stream"):
            output_target(str(path))


def test_output_targets_of_each_kind(tmp_path: Path) -> None:
    (tmp_path / "real.csv").write_text("")
    (tmp_path / "link.csv").symlink_to("real.csv")
    os.mkfifo(tmp_path / "fifo")
    real = os.path.realpath(tmp_path / "real.csv")
    assert output_target(str(tmp_path / "link.csv")) == OutputTarget(real, through=False)
    assert output_target(str(tmp_path / "real.csv")) == OutputTarget(real, through=False)
    assert output_target(str(tmp_path / "fifo")) == OutputTarget(str(tmp_path / "fifo"),
                                                                 through=True)
    assert output_target("/dev/null") == OutputTarget("/dev/null", through=True)
    assert output_target("/dev/stdout") == OutputTarget("/dev/stdout", through=True)
    assert output_target("/dev/fd/1") == OutputTarget("/dev/fd/1", through=True)
    with pytest.raises(OutputRefused, match="is a folder; name a file"):
        output_target(str(tmp_path))


def test_a_plain_user_cannot_write_a_root_owned_file_and_is_told_so(
        seed: str, shared_tmp: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to make a file a plain user cannot write")
    owned = shared_tmp / "root-owned.csv"
    owned.write_text("keep\n")
    owned.chmod(0o644)
    done = convert(seed, "plain user", "-o", str(owned))
    assert done.returncode == 2
    assert f"output {str(owned)!r} cannot be written (permission denied)" in done.stderr
    assert owned.read_text() == "keep\n"
