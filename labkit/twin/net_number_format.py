""".NET Framework's numeric format strings in the en-US culture (the lab servers'): what ``"{0:N2}" -f $x``
and ``$x.ToString('0.00')`` give in Windows PowerShell 5.1.

- Standard formats: https://learn.microsoft.com/dotnet/standard/base-types/standard-numeric-format-strings
  (C currency "$1,234.57", negative "($1,234.57)": en-US's CurrencyNegativePattern 0 on .NET Framework;
  D, E with a three-digit exponent "1.234560E+003", F, G, N, P "12.50 %" (PercentPositivePattern 0), R, X).
- Custom formats: https://learn.microsoft.com/dotnet/standard/base-types/custom-numeric-format-strings
  (0 and # placeholders, the decimal point, group separators and number scaling by commas, %, literals in
  quotes or after a backslash, and up to three sections positive;negative;zero).
- Rounding: .NET Framework formats a Double from its 15 significant digits and rounds half away from zero
  (``"{0:F1}" -f 0.25`` is 0.3, ``"{0:N0}" -f 2.5`` is 3), unlike Python's round-half-even on the binary value.

What this module does not model (exponents inside custom formats, ‰) returns None: the caller refuses it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def _exact(value: int | float) -> Decimal:
    exact = getattr(value, "exact", None)           # a System.Decimal keeps its own digits
    if isinstance(exact, Decimal):
        return exact
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(format(value, ".15g"))           # a Double: its 15 significant digits


def _round(d: Decimal, places: int) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _grouped(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ",".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def _fixed(d: Decimal, places: int, group: bool) -> str:
    """|d| rounded to ``places`` decimals, with en-US's separators."""
    text = format(_round(abs(d), places), "f")
    whole, _, frac = text.partition(".")
    whole = _grouped(whole) if group else whole
    return whole + ("." + frac if places else "")


def standard(value: int | float, spec: str) -> str | None:
    """A standard format ("N2", "C", "X8" ...), or None when ``spec`` is not one."""
    kind, digits = spec[0], spec[1:]
    if digits and not digits.isdigit():
        return None
    precision = int(digits) if digits else None
    upper = kind.upper()
    if upper not in "CDEFGNPRX":
        return None
    integral = isinstance(value, int) and not isinstance(value, bool) and not hasattr(value, "exact")
    d = _exact(value)
    negative = d < 0
    if upper == "C":
        text = "$" + _fixed(d, 2 if precision is None else precision, True)
        return f"({text})" if negative and _round(d, 2 if precision is None else precision) != 0 else text
    if upper in "FNP":
        places = 2 if precision is None else precision
        if upper == "P":
            d *= 100
        text = _fixed(d, places, upper != "F")
        sign = "-" if negative and _round(d, places) != 0 else ""
        return sign + text + (" %" if upper == "P" else "")
    if upper == "E":
        places = 6 if precision is None else precision
        if d == 0:
            mantissa, exponent = Decimal(0), 0
        else:
            exponent = abs(d).adjusted()
            mantissa = _round(abs(d).scaleb(-exponent), places)
            if mantissa >= 10:
                mantissa, exponent = _round(mantissa / 10, places), exponent + 1
        sign = "-" if negative else ""
        return f"{sign}{format(mantissa, 'f')}{kind}{'+' if exponent >= 0 else '-'}{abs(exponent):03d}"
    if upper in "DX":
        if not integral:
            return None                      # .NET: FormatException for D/X on a non-integer
        n = int(value)
        if upper == "D":
            body = str(abs(n)).zfill(precision or 0)
            return ("-" if n < 0 else "") + body
        bits = 32 if -(1 << 31) <= n < (1 << 32) else 64
        text = format(n & ((1 << bits) - 1), "X" if kind == "X" else "x")
        return text.zfill(precision or 0)
    if upper == "G" and precision:
        text = format(float(d), f".{precision}{'G' if kind == 'G' else 'g'}")
        if "E" in text.upper():
            mant, exp = text.upper().split("E")
            text = f"{mant}{'E' if kind == 'G' else 'e'}{exp[0]}{exp[1:].zfill(2)}"
        return text
    return None                              # G / R without precision: the value's own ToString()


def _sections(spec: str) -> list[str]:
    out, cur, quote, i = [], [], "", 0
    while i < len(spec):
        c = spec[i]
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "\\" and i + 1 < len(spec):
            cur.append(spec[i:i + 2])
            i += 2
            continue
        elif c == ";":
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    out.append("".join(cur))
    return out[:3]


def _tokens(section: str) -> list[tuple[str, str]] | None:
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        c = section[i]
        if c in "'\"":
            j = section.find(c, i + 1)
            j = len(section) if j < 0 else j
            tokens.append(("lit", section[i + 1:j]))
            i = j + 1
            continue
        if c == "\\" and i + 1 < len(section):
            tokens.append(("lit", section[i + 1]))
            i += 2
            continue
        if c in "eE" and i + 1 < len(section) and section[i + 1] in "+-0":
            return None                                   # scientific notation in a custom format
        if c == "\u2030":
            return None                                   # per mille
        tokens.append((c if c in "0#.,%" else "lit", c))
        i += 1
    return tokens


def custom(value: int | float, spec: str) -> str | None:
    """A custom format ("0.00", "#,##0", "00", "0.0%;(0.0%)" ...), or None when it uses what is not modelled."""
    d = _exact(value)
    sections = _sections(spec)
    section, signed = sections[0], True
    if d < 0 and len(sections) > 1 and sections[1]:
        section, signed = sections[1], False
    tokens = _tokens(section)
    if tokens is None:
        return None
    kinds = [k for k, _ in tokens]
    if "0" not in kinds and "#" not in kinds:
        return "".join(t for k, t in tokens)              # no digit placeholder: the literal text
    point = kinds.index(".") if "." in kinds else len(tokens)
    last_digit = max(i for i, k in enumerate(kinds) if k in "0#")
    # commas right before the point (or right after the last placeholder when there is none) scale by 1000 each
    scale = 0
    if point < len(tokens):
        j = point - 1
        while j >= 0 and kinds[j] == ",":
            scale, j = scale + 1, j - 1
    else:
        k = last_digit + 1
        while k < len(kinds) and kinds[k] == ",":
            scale, k = scale + 1, k + 1
        j = last_digit
    group = any(k == "," for k in kinds[:j + 1]) and any(k in "0#" for k in kinds[:j + 1])
    frac_slots = [k for k in kinds[point + 1:] if k in "0#"]
    places = len(frac_slots)
    min_frac = max((i + 1 for i, k in enumerate(frac_slots) if k == "0"), default=0)
    magnitude = abs(d).scaleb(-3 * scale) * (100 ** kinds.count("%"))
    rounded = _round(magnitude, places)
    if len(sections) > 2 and sections[2] and rounded == 0:
        return custom(0, sections[2]) if sections[2] != spec else None
    whole, _, frac = format(rounded, "f").partition(".")
    frac = frac.rstrip("0").ljust(min_frac, "0")
    int_slots = [i for i, k in enumerate(kinds[:point]) if k in "0#"]
    first_zero = next((n for n, i in enumerate(int_slots) if kinds[i] == "0"), len(int_slots))
    min_int = len(int_slots) - first_zero
    whole = whole.lstrip("0") if whole != "0" or min_int == 0 else whole
    whole = whole.zfill(min_int) if min_int else (whole if whole != "0" else "")
    if group:
        whole = _grouped(whole) if whole else whole
    # digits go right to left into the integer placeholders and literals stay where they are; the digits
    # beyond the placeholders go where the first one stands (a grouped number is one block)
    int_tokens = tokens[:point]
    if not int_slots:
        text = "".join(t for k, t in int_tokens if k in ("lit", "%")) + whole
    elif group:
        before = "".join(t for k, t in int_tokens[:int_slots[0]] if k in ("lit", "%"))
        after = "".join(t for k, t in int_tokens[int_slots[-1] + 1:] if k in ("lit", "%"))
        text = before + whole + after
    else:
        out: list[str] = []
        digits = list(whole)
        for i in range(point - 1, -1, -1):
            k, t = tokens[i]
            if k in "0#":
                out.append("".join(digits) if i == int_slots[0] else (digits.pop() if digits else ""))
                if i == int_slots[0]:
                    digits = []
            elif k in ("lit", "%"):
                out.append(t)
        text = "".join(reversed(out))
    if places and (frac or min_frac):
        text += "."
    fi = 0
    for k, t in tokens[point + 1:]:
        if k in "0#":
            if fi < len(frac):
                text += frac[fi]
            fi += 1
        elif k == "lit" or k == "%":
            text += t
    negative = d < 0 and signed and (rounded != 0)
    return ("-" if negative else "") + text
