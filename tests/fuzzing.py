"""A mutation fuzzer over the fixture PDFs: the files an archive collects when downloads
break, disks rot and tools misbehave."""

from __future__ import annotations

import random
import signal
import warnings
from collections.abc import Iterator

import transparantie_parser as tp

from .conftest import FIXTURES

SEEDS = [FIXTURES / "pdf" / name for name in (
    "a-seed-like.pdf", "b-header-rotated.pdf", "d-truetype-font.pdf", "h-rotate-90.pdf",
    "i-groff-tbl.pdf", "i-libreoffice-writer.pdf", "j-encrypted-rc4.pdf",
    "c-wrapped-names-centred.pdf",
)]


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One damaged copy of ``data`` and what was done to it."""
    kind = rng.choice(["flip", "flip", "truncate", "truncate-keep-eof", "splice", "zero-run",
                       "duplicate"])
    body = bytearray(data)
    if kind == "flip":
        for _ in range(rng.randint(1, 20)):
            body[rng.randrange(len(body))] = rng.randrange(256)
    elif kind == "truncate":
        del body[rng.randrange(len(body)):]
    elif kind == "truncate-keep-eof":
        # cut short but still ending like a PDF, so the cut reaches the PDF library
        del body[rng.randrange(len(body)):]
        body += b"\n%%EOF\n"
    elif kind == "splice":
        at = rng.randrange(len(body))
        body[at:at] = rng.randbytes(rng.randint(1, 4096))
    elif kind == "zero-run":
        at = rng.randrange(len(body))
        body[at: at + rng.randint(1, 2048)] = bytes(min(2048, len(body) - at))
    else:
        start = rng.randrange(len(body))
        piece = body[start: start + rng.randint(1, 4096)]
        at = rng.randrange(len(body))
        body[at:at] = piece
    return kind, bytes(body)


def cases(seed: int, count: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    originals = [(path.stem, path.read_bytes()) for path in SEEDS]
    for number in range(count):
        name, data = originals[number % len(originals)]
        kind, mutated = mutate(data, rng)
        yield f"case {number}: {kind} of {name}", mutated


class _Slow(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Slow()


def survives(data: bytes, engine: tp.Engine, seconds: int = 20) -> str:
    """Parse ``data``: either reports or a TransparantieError, in reasonable time. Returns
    what happened; anything else raises AssertionError naming the leaked exception."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        with warnings.catch_warnings(record=True) as said:
            # pages a mutation made unreadable are said in a warning: an outcome, not a leak
            warnings.simplefilter("always", tp.PagesNotReadWarning)
            reports = tp.parse_pdf(data, engine=engine)
        return f"{len(reports)} report(s)" + "".join(f", {w.category.__name__}" for w in said)
    except tp.TransparantieError as err:
        assert str(err).startswith("<bytes>: "), str(err)
        return err.code
    except _Slow:
        raise AssertionError(f"took more than {seconds} s") from None
    except Exception as err:
        raise AssertionError(f"leaked {type(err).__module__}.{type(err).__name__}: {err}") \
            from err
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(seed: int, count: int, engines: tuple[tp.Engine, ...]) -> dict[str, int]:
    """Every case through every engine; a tally of outcomes. Fails on the first escape."""
    tally: dict[str, int] = {}
    for name, data in cases(seed, count):
        for engine in engines:
            try:
                outcome = survives(data, engine)
            except AssertionError as err:
                raise AssertionError(f"{name}, engine {engine}: {err}") from err
            tally[outcome] = tally.get(outcome, 0) + 1
    return tally


if __name__ == "__main__":  # `make fuzz`: a longer run
    import sys
    import time

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else int(time.time())
    started = time.monotonic()
    print(f"fuzzing {count} cases with seed {seed} ...", flush=True)
    print(run(seed, count, ("pdfplumber", "pdfium")))
    print(f"done in {time.monotonic() - started:.0f} s: every case gave reports or a "
          "TransparantieError")
