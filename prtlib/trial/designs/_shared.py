"""Helpers shared by the simulations of :mod:`prtlib.trial.designs`: seeds, cached standard
normal draws and the trial's size."""

from __future__ import annotations

import functools
import zlib

import numpy as np

from prtlib import _validate
from prtlib.trial import published


def _seed(seed) -> int:
    return _validate.integer("seed", seed, minimum=0)


@functools.lru_cache(maxsize=16)
def _standard_draws_cached(name: str, seed: int, shape: tuple):
    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
    out = rng.standard_normal(shape)
    out.setflags(write=False)
    return out


def _standard_draws(key, shape):
    """Standard normal draws for a named simulation and seed (cached, read-only)."""
    name, seed = key
    return _standard_draws_cached(name, seed, tuple(shape))


def _trial_size(n) -> int | None:
    """``n``, or the trial's number randomized (151, Figure 1) when ``n`` is None."""
    return int(published.get("n.randomized.total")) if n is None else n
