"""System.Random of the .NET Framework (Knuth's subtractive generator), so that ``Get-Random -SetSeed n``
gives the numbers Windows PowerShell 5.1 gives for that seed.

https://learn.microsoft.com/dotnet/api/system.random (the .NET Framework 4.8 algorithm: reference source
``System/Random.cs``).
"""

from __future__ import annotations

MBIG = 2**31 - 1
MSEED = 161803398


def _i32(x: int) -> int:
    """C#'s unchecked Int32 arithmetic: Random.cs subtracts seeds that can leave the Int32 range (a seed above MSEED
    makes SeedArray[55] negative), and the result wraps around."""
    return (x + 2**31) % 2**32 - 2**31


class NetRandom:
    def __init__(self, seed: int):
        subtraction = MBIG if seed == -2**31 else abs(seed)
        mj = _i32(MSEED - subtraction)
        seeds = [0] * 56
        seeds[55] = mj
        mk = 1
        for i in range(1, 55):
            ii = (21 * i) % 55
            seeds[ii] = mk
            mk = _i32(mj - mk)
            if mk < 0:
                mk += MBIG
            mj = seeds[ii]
        for _ in range(4):
            for i in range(1, 56):
                seeds[i] = _i32(seeds[i] - seeds[1 + (i + 30) % 55])
                if seeds[i] < 0:
                    seeds[i] += MBIG
        self._seeds, self._inext, self._inextp = seeds, 0, 21

    def _internal_sample(self) -> int:
        a = self._inext + 1 if self._inext + 1 < 56 else 1
        b = self._inextp + 1 if self._inextp + 1 < 56 else 1
        r = _i32(self._seeds[a] - self._seeds[b])
        if r == MBIG:
            r -= 1
        if r < 0:
            r += MBIG
        self._seeds[a] = r
        self._inext, self._inextp = a, b
        return r

    def next_double(self) -> float:
        return self._internal_sample() * (1.0 / MBIG)

    def _large_sample(self) -> float:
        result = self._internal_sample()
        if self._internal_sample() % 2 == 0:
            result = -result
        return (result + (MBIG - 1)) / (2 * MBIG - 1)

    def next(self, lo: int, hi: int) -> int:
        """Random.Next(minValue, maxValue): lo <= n < hi."""
        rng = hi - lo
        if rng <= MBIG:
            return int(self.next_double() * rng) + lo
        return int(self._large_sample() * rng) + lo

    def next_bytes(self, n: int) -> bytes:
        return bytes(self._internal_sample() % 256 for _ in range(n))
