"""Get-Random (Microsoft.PowerShell.Utility) as Windows PowerShell 5.1 has it.

A number: Int32 when -Minimum and -Maximum are Int32 (or absent: 0 and Int32.MaxValue), Int64 when they are
Int64, else a Double; a string bound to either is read as a number literal is; -Minimum must be below
-Maximum.  Items: -Count of the -InputObject items (default one), each at most once, in random order.
-SetSeed starts .NET's System.Random from that seed (the same numbers as on Windows).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-random?view=powershell-5.1
"""

from __future__ import annotations

import secrets
import weakref
from typing import Any, Iterator

from labkit.twin.dotnet_values import Int64Value
from labkit.twin.attributes import check_range
from labkit.twin.errors import CmdletError
from labkit.twin.net_random import NetRandom
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list, parse_number, to_number, to_string

INT_MAX, LONG_MAX = 2**31 - 1, 2**63 - 1
# the seeded generator of each session (engine), once -SetSeed was used
_SESSIONS: "weakref.WeakKeyDictionary[Any, NetRandom]" = weakref.WeakKeyDictionary()


def _operand(value: Any) -> Any:
    """ProcessOperand: a string is scanned as a number literal (int, long or double by its form)."""
    if isinstance(value, str):
        n = parse_number(value)
        if n is None:
            raise CmdletError(f'Cannot convert value "{value}" to type "System.Double". Error: "Input string was not in a correct format."',
                              "InvalidArgument", "InvalidCastFromStringToDoubleOrSingle")
        if isinstance(n, int) and not -2**31 <= n <= INT_MAX:
            return Int64Value(n)
        return n
    return value


def _kind(v: Any) -> str:
    if v is None:
        return "int"
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "double"
    if isinstance(v, Int64Value) or (isinstance(v, int) and not -2**31 <= v <= INT_MAX):
        return "long"
    if isinstance(v, int) and type(v) is int:
        return "int"
    return "double"


def _too_big(lo: Any, hi: Any) -> CmdletError:
    return CmdletError(f"The Minimum value ({to_string(lo)}) cannot be greater than or equal to the Maximum value ({to_string(hi)}).",
                       "InvalidArgument", "MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetRandomCommand")


def _double(gen: NetRandom, lo: float, hi: float) -> float:
    diff = hi - lo
    while True:
        r = gen.next_double()
        if diff == float("inf"):
            n = lo + (r * hi) - (r * lo)
        else:
            n = lo + r * diff
            diff *= r
        if n < hi:
            return n


def _long(gen: NetRandom, lo: int, hi: int) -> int:
    diff = hi - lo
    if diff <= INT_MAX:
        return lo + gen.next(0, diff)
    mask = (1 << diff.bit_length()) - 1
    while True:
        r = int.from_bytes(gen.next_bytes(8), "little") & mask
        if r < diff:
            return int(float(lo) + float(r))


@cmdlet("Get-Random", honours={"SetSeed", "Maximum", "Minimum", "Count", "InputObject"}, stream=True)
def get_random(ctx: Any, args: dict[str, Any], input: Any) -> Iterator[Any]:
    seed = args.get("SetSeed")
    gen = _SESSIONS.get(ctx.engine)
    if seed is not None or gen is None:
        # "This seed value is used for the current command and for all subsequent Get-Random commands in the
        # current session until you use SetSeed again" (-SetSeed, 5.1)
        gen = NetRandom(int(seed) if seed is not None else secrets.randbits(31))
        if seed is not None:
            _SESSIONS[ctx.engine] = gen
    count = int(args.get("Count", 1))
    check_range("Count", count, 1, 2**31 - 1)      # GetRandomCommand: [ValidateRange(1, int.MaxValue)] Count
    items = list(input) if input is not None else (as_list(args["InputObject"]) if "InputObject" in args else None)
    if items is not None:
        chosen: list[Any] = []
        for i, item in enumerate(items):
            if i < count:
                chosen.append(item)
            elif gen.next(0, i + 1) < count:
                chosen[gen.next(0, len(chosen))] = item
        for i in range(len(chosen)):
            j = gen.next(i, len(chosen))
            yield chosen[j]
            chosen[j] = chosen[i]
        return
    hi, lo = _operand(args.get("Maximum")), _operand(args.get("Minimum"))
    kinds = {_kind(hi), _kind(lo)}
    out: list[Any] = []
    if kinds == {"int"}:
        a, b = (int(lo) if lo is not None else 0), (int(hi) if hi is not None else INT_MAX)
        if a >= b:
            raise _too_big(a, b)
        out = [gen.next(a, b) for _ in range(count)]
    elif kinds <= {"int", "long"}:
        a, b = (int(lo) if lo is not None else 0), (int(hi) if hi is not None else LONG_MAX)
        if a >= b:
            raise _too_big(a, b)
        out = [Int64Value(_long(gen, a, b)) for _ in range(count)]
    else:
        a = float(to_number(lo)) if lo is not None else 0.0
        b = float(to_number(hi)) if hi is not None else 1.7976931348623157e308
        if a >= b:
            raise _too_big(a, b)
        out = [_double(gen, a, b) for _ in range(count)]
    yield from out
