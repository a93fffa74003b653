"""The worker processes: forked by the program itself on Linux (_run/forked.py), started by
multiprocessing elsewhere; either way a file is read within its time limit, a worker that
dies is a ``crashed`` file, and the outcomes are the same."""

from __future__ import annotations

import os
import time

import pytest

from transparantie_parser._run import forked, pool, reading
from transparantie_parser.batch import ParseOptions, parse_files

from .conftest import SEED


def _echo(channel: forked.Channel) -> None:
    while (message := channel.recv()) is not None:
        channel.send(message)


def _started(target: object) -> tuple[forked.ForkedProcess, forked.Channel]:
    parent, child = forked.pipe()
    process = forked.ForkedProcess(target, (child,), parent)  # type: ignore[arg-type]
    process.start()
    child.close()
    return process, parent


def test_a_forked_worker_sends_back_objects_larger_than_a_pipe_holds() -> None:
    process, channel = _started(_echo)
    big = bytes(range(256)) * 8192  # 2 MiB: a pipe holds 64 KiB, so it goes in parts
    for message in (big, ("a", 1, None), b""):
        channel.send(message)
        assert channel.recv() == message
    channel.send(None)
    process.join()
    channel.close()
    assert process.exitcode == 0


def test_a_forked_worker_that_dies_is_seen_by_wait_and_ends_recv() -> None:
    process, channel = _started(lambda _channel: os._exit(3))
    assert forked.wait([channel], timeout=10) == [channel]
    with pytest.raises(EOFError):
        channel.recv()
    process.join()
    channel.close()
    assert process.exitcode == 3


def test_wait_gives_nothing_when_no_worker_said_anything_in_time() -> None:
    process, channel = _started(_echo)
    started = time.monotonic()
    assert forked.wait([channel], timeout=0.05) == []
    assert time.monotonic() - started >= 0.05
    channel.send(None)
    process.join()
    channel.close()


def test_join_with_a_time_limit_returns_while_the_worker_runs_and_kill_ends_it() -> None:
    process, channel = _started(lambda _channel: time.sleep(60))
    process.join(timeout=0.05)
    assert process.is_alive()
    process.kill()
    process.join()
    channel.close()
    assert not process.is_alive()
    assert process.exitcode == -9  # SIGKILL


def test_a_worker_that_raises_ends_with_exit_code_1_and_its_traceback(
        capfd: pytest.CaptureFixture[str]) -> None:
    def fail(_channel: forked.Channel) -> None:
        raise ValueError("boom")

    process, channel = _started(fail)
    process.join()
    channel.close()
    assert process.exitcode == 1
    assert "ValueError: boom" in capfd.readouterr().err


def _hang(*_args: object) -> None:
    time.sleep(60)


def _abort(*_args: object) -> None:
    os.abort()


@pytest.fixture(params=[True, False], ids=["forked", "multiprocessing"])
def workers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    monkeypatch.setattr(pool, "_FORK", request.param)
    if not request.param:
        # multiprocessing's way, with its fork method: the workers see the monkeypatches
        # (spawned, where the system does not fork, they would import the module afresh)
        import multiprocessing

        monkeypatch.setattr(pool, "_context", lambda: multiprocessing.get_context("fork"))
    return bool(request.param)


def test_either_way_of_starting_workers_reads_the_same(workers: bool) -> None:
    (outcome,) = parse_files([str(SEED)], jobs=1)
    assert outcome.error_code is None
    assert [r.total.total for r in outcome.reports] == [5026]


def test_either_way_a_file_past_its_time_limit_is_a_timeout(
        workers: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "_read", _hang)  # the worker is forked: it calls this too
    started = time.monotonic()
    (outcome,) = parse_files([str(SEED)], ParseOptions(timeout=0.5), jobs=1)
    assert (outcome.error_code, outcome.error_message) == (
        "timeout", "reading took longer than 0.5 s (use --timeout to allow more)")
    assert time.monotonic() - started < 30


def test_either_way_a_worker_that_dies_is_a_crashed_file(
        workers: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "_read", _abort)
    outcomes = list(parse_files([str(SEED), str(SEED)], jobs=2, read_copies_once=False))
    assert [o.error_code for o in outcomes] == ["crashed", "crashed"]
