"""Get-Random as the Windows PowerShell 5.1 reference page describes it
(reference/5.1/Microsoft.PowerShell.Utility/Get-Random.md)."""

from __future__ import annotations

from labkit.twin.net_random import NetRandom
from support.twin_script import ps, out


# -SetSeed: "Specifies a seed value for the random number generator. This seed value is used for the current
# command and for all subsequent Get-Random commands in the current session" -- the same seed, the same number.
def test_set_seed_repeats_the_number_and_bounds_hold(st):
    a, b, lo_ok = out(st, "Get-Random -SetSeed 7 -Maximum 100; Get-Random -SetSeed 7 -Maximum 100; "
                          "@(1..50 | ForEach-Object { Get-Random -Minimum 5 -Maximum 10 }).Where({ $_ -lt 5 -or $_ -ge 10 }).Count -eq 0")
    assert a == b and 0 <= a < 100 and lo_ok is True


def test_the_type_follows_minimum_and_maximum(st):
    assert out(st, """
        (Get-Random).GetType().Name; (Get-Random -Maximum 20.).GetType().Name; (Get-Random -Maximum '20.').GetType().Name
        (Get-Random -Maximum 5000000000).GetType().Name; (Get-Random -Minimum 1 -Maximum 2)
    """) == ["Int32", "Double", "Double", "Int64", 1]


def test_minimum_must_be_below_maximum(st):
    r = ps(st, "Get-Random -Minimum 20 -Maximum 10")
    assert r.errors[0].message == "The Minimum value (20) cannot be greater than or equal to the Maximum value (10)."


# -Count: "Determines how many objects are returned ... includes each object only once".
def test_items_each_once(st):
    assert out(st, "$r = 1..10 | Get-Random -Count 10; ($r | Sort-Object) -join ','; @(Get-Random -InputObject 1, 2, 3 -Count 2).Count") == [
        "1,2,3,4,5,6,7,8,9,10", 2]


def test_net_random_is_knuths_subtractive_generator():
    # the generator's defining recurrence: each sample is the difference of the samples 55 and 24 back
    g = NetRandom(123)
    xs = [g._internal_sample() for _ in range(200)]
    assert all(0 <= x < 2**31 - 1 for x in xs) and len(set(xs)) > 190
    assert NetRandom(123).next(0, 1000) == NetRandom(123).next(0, 1000)


def test_the_seed_carries_on_through_the_session(st):
    a, b = out(st, "Get-Random -SetSeed 9 -Maximum 1000 > $null; Get-Random -Maximum 1000; "
                   "Get-Random -SetSeed 9 -Maximum 1000 > $null; Get-Random -Maximum 1000")
    assert a == b


def test_seeds_above_mseed_wrap_as_int32(st) -> None:
    # Random.cs subtracts in unchecked Int32: a seed above MSEED (161803398) makes SeedArray[55] negative and the
    # sums wrap; without the wrap a sample reached 1.0 and Get-Random -Count picked past its list (a Python IndexError)
    for seed in (161803399, 2000000000, 2**31 - 1):
        g = NetRandom(seed)
        assert all(0 <= g.next_double() < 1 for _ in range(2000))
    r = ps(st, "foreach ($s in 2000000000, 2147483647, 1999999999) { (1..52 | Get-Random -Count 8 -SetSeed $s).Count }")
    assert not r.errors and r.output == [8, 8, 8]


def test_count_below_one_is_refused(st) -> None:
    # GetRandomCommand: [ValidateRange(1, int.MaxValue)] Count
    r = ps(st, "1..3 | Get-Random -Count 0")
    assert "The 0 argument is less than the minimum allowed range of 1." in r.error_text
