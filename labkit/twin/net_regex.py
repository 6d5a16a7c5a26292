""".NET Framework regular expressions (System.Text.RegularExpressions, as Windows PowerShell 5.1
runs them) translated to the ``regex`` module.

The .NET pattern is parsed here, as .NET's own parser reads it, and written out again in ``regex``
syntax: so a pattern .NET refuses gets .NET's ArgumentException text (``parsing "[" - Unterminated
[] set.``), a pattern .NET accepts means what it means on .NET, and what the twin cannot run
(balancing groups, RightToLeft, a group referring to itself) is refused as not emulated instead
of matching differently.

- Group numbers: unnamed groups are numbered first, left to right, then named groups get the next
  free numbers; ``(?<2>...)`` names a number; a name or number used twice is one group.
  https://learn.microsoft.com/dotnet/standard/base-types/grouping-constructs-in-regular-expressions
- Character classes: ``\\w`` is ``[\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}]``, ``\\s`` is
  ``[\\f\\n\\r\\t\\v\\x85\\p{Z}]``, ``\\d`` is ``\\p{Nd}``; a ``-`` next to a shorthand is literal;
  ``[a-z-[aeiou]]`` subtracts; ``\\p{IsGreek}`` names a block.
  https://learn.microsoft.com/dotnet/standard/base-types/character-classes-in-regular-expressions
- Options: ``(?imnsx-imnsx)`` to the end of the enclosing group, ``(?imnsx-imnsx:...)``, and the
  RegexOptions values. https://learn.microsoft.com/dotnet/standard/base-types/regular-expression-options
- ECMAScript: ASCII ``\\w`` ``\\s`` ``\\d``, a backreference to a group that did not take part matches
  empty, a backslash and digits is the longest group number opened before it, else an octal escape or
  the digit ("ECMAScript matching behavior" on the options page).
- Everything else: https://learn.microsoft.com/dotnet/standard/base-types/regular-expression-language-quick-reference

Every capturing group is written as ``(?P<gN>...)`` for its .NET number N, so results are read by
.NET number whatever order Python would number them in.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator

import regex

# RegexOptions (https://learn.microsoft.com/dotnet/api/system.text.regularexpressions.regexoptions)
IGNORECASE, MULTILINE, EXPLICITCAPTURE, COMPILED, SINGLELINE = 1, 2, 4, 8, 16
IGNOREPATTERNWHITESPACE, RIGHTTOLEFT, ECMASCRIPT, CULTUREINVARIANT = 32, 64, 256, 512
_INLINE = {"i": IGNORECASE, "m": MULTILINE, "n": EXPLICITCAPTURE, "s": SINGLELINE, "x": IGNOREPATTERNWHITESPACE}

_WORD = r"\p{L}\p{Mn}\p{Nd}\p{Pc}"          # .NET's \w
_SPACE = r"\p{White_Space}"                  # [\f\n\r\t\v\x85\p{Z}]: Unicode's White_Space, the same set
_ECMA_WORD = "a-zA-Z_0-9"                    # RegexOptions.ECMAScript's \w, \s (\d is 0-9)
_ECMA_SPACE = r" \f\n\r\t\v"
_CATEGORIES = {"L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "Z", "Zs", "Zl", "Zp",
               "C", "Cc", "Cf", "Cs", "Co", "Cn", "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So"}

# The named blocks .NET knows (\p{IsBasicLatin} ...), with their ranges: "Supported named blocks",
# https://learn.microsoft.com/dotnet/standard/base-types/character-classes-in-regular-expressions
_BLOCKS = {
    "IsBasicLatin": (0x0000, 0x007F), "IsLatin-1Supplement": (0x0080, 0x00FF), "IsLatinExtended-A": (0x0100, 0x017F),
    "IsLatinExtended-B": (0x0180, 0x024F), "IsIPAExtensions": (0x0250, 0x02AF), "IsSpacingModifierLetters": (0x02B0, 0x02FF),
    "IsCombiningDiacriticalMarks": (0x0300, 0x036F), "IsGreek": (0x0370, 0x03FF), "IsGreekandCoptic": (0x0370, 0x03FF),
    "IsCyrillic": (0x0400, 0x04FF), "IsCyrillicSupplement": (0x0500, 0x052F), "IsArmenian": (0x0530, 0x058F),
    "IsHebrew": (0x0590, 0x05FF), "IsArabic": (0x0600, 0x06FF), "IsSyriac": (0x0700, 0x074F), "IsThaana": (0x0780, 0x07BF),
    "IsDevanagari": (0x0900, 0x097F), "IsBengali": (0x0980, 0x09FF), "IsGurmukhi": (0x0A00, 0x0A7F),
    "IsGujarati": (0x0A80, 0x0AFF), "IsOriya": (0x0B00, 0x0B7F), "IsTamil": (0x0B80, 0x0BFF), "IsTelugu": (0x0C00, 0x0C7F),
    "IsKannada": (0x0C80, 0x0CFF), "IsMalayalam": (0x0D00, 0x0D7F), "IsSinhala": (0x0D80, 0x0DFF), "IsThai": (0x0E00, 0x0E7F),
    "IsLao": (0x0E80, 0x0EFF), "IsTibetan": (0x0F00, 0x0FFF), "IsMyanmar": (0x1000, 0x109F), "IsGeorgian": (0x10A0, 0x10FF),
    "IsHangulJamo": (0x1100, 0x11FF), "IsEthiopic": (0x1200, 0x137F), "IsCherokee": (0x13A0, 0x13FF),
    "IsUnifiedCanadianAboriginalSyllabics": (0x1400, 0x167F), "IsOgham": (0x1680, 0x169F), "IsRunic": (0x16A0, 0x16FF),
    "IsTagalog": (0x1700, 0x171F), "IsHanunoo": (0x1720, 0x173F), "IsBuhid": (0x1740, 0x175F), "IsTagbanwa": (0x1760, 0x177F),
    "IsKhmer": (0x1780, 0x17FF), "IsMongolian": (0x1800, 0x18AF), "IsLimbu": (0x1900, 0x194F), "IsTaiLe": (0x1950, 0x197F),
    "IsKhmerSymbols": (0x19E0, 0x19FF), "IsPhoneticExtensions": (0x1D00, 0x1D7F),
    "IsLatinExtendedAdditional": (0x1E00, 0x1EFF), "IsGreekExtended": (0x1F00, 0x1FFF),
    "IsGeneralPunctuation": (0x2000, 0x206F), "IsSuperscriptsandSubscripts": (0x2070, 0x209F),
    "IsCurrencySymbols": (0x20A0, 0x20CF), "IsCombiningDiacriticalMarksforSymbols": (0x20D0, 0x20FF),
    "IsCombiningMarksforSymbols": (0x20D0, 0x20FF), "IsLetterlikeSymbols": (0x2100, 0x214F), "IsNumberForms": (0x2150, 0x218F),
    "IsArrows": (0x2190, 0x21FF), "IsMathematicalOperators": (0x2200, 0x22FF), "IsMiscellaneousTechnical": (0x2300, 0x23FF),
    "IsControlPictures": (0x2400, 0x243F), "IsOpticalCharacterRecognition": (0x2440, 0x245F),
    "IsEnclosedAlphanumerics": (0x2460, 0x24FF), "IsBoxDrawing": (0x2500, 0x257F), "IsBlockElements": (0x2580, 0x259F),
    "IsGeometricShapes": (0x25A0, 0x25FF), "IsMiscellaneousSymbols": (0x2600, 0x26FF), "IsDingbats": (0x2700, 0x27BF),
    "IsMiscellaneousMathematicalSymbols-A": (0x27C0, 0x27EF), "IsSupplementalArrows-A": (0x27F0, 0x27FF),
    "IsBraillePatterns": (0x2800, 0x28FF), "IsSupplementalArrows-B": (0x2900, 0x297F),
    "IsMiscellaneousMathematicalSymbols-B": (0x2980, 0x29FF), "IsSupplementalMathematicalOperators": (0x2A00, 0x2AFF),
    "IsMiscellaneousSymbolsandArrows": (0x2B00, 0x2BFF), "IsCJKRadicalsSupplement": (0x2E80, 0x2EFF),
    "IsKangxiRadicals": (0x2F00, 0x2FDF), "IsIdeographicDescriptionCharacters": (0x2FF0, 0x2FFF),
    "IsCJKSymbolsandPunctuation": (0x3000, 0x303F), "IsHiragana": (0x3040, 0x309F), "IsKatakana": (0x30A0, 0x30FF),
    "IsBopomofo": (0x3100, 0x312F), "IsHangulCompatibilityJamo": (0x3130, 0x318F), "IsKanbun": (0x3190, 0x319F),
    "IsBopomofoExtended": (0x31A0, 0x31BF), "IsKatakanaPhoneticExtensions": (0x31F0, 0x31FF),
    "IsEnclosedCJKLettersandMonths": (0x3200, 0x32FF), "IsCJKCompatibility": (0x3300, 0x33FF),
    "IsCJKUnifiedIdeographsExtensionA": (0x3400, 0x4DBF), "IsYijingHexagramSymbols": (0x4DC0, 0x4DFF),
    "IsCJKUnifiedIdeographs": (0x4E00, 0x9FFF), "IsYiSyllables": (0xA000, 0xA48F), "IsYiRadicals": (0xA490, 0xA4CF),
    "IsHangulSyllables": (0xAC00, 0xD7AF), "IsHighSurrogates": (0xD800, 0xDB7F),
    "IsHighPrivateUseSurrogates": (0xDB80, 0xDBFF), "IsLowSurrogates": (0xDC00, 0xDFFF), "IsPrivateUse": (0xE000, 0xF8FF),
    "IsPrivateUseArea": (0xE000, 0xF8FF), "IsCJKCompatibilityIdeographs": (0xF900, 0xFAFF),
    "IsAlphabeticPresentationForms": (0xFB00, 0xFB4F), "IsArabicPresentationForms-A": (0xFB50, 0xFDFF),
    "IsVariationSelectors": (0xFE00, 0xFE0F), "IsCombiningHalfMarks": (0xFE20, 0xFE2F),
    "IsCJKCompatibilityForms": (0xFE30, 0xFE4F), "IsSmallFormVariants": (0xFE50, 0xFE6F),
    "IsArabicPresentationForms-B": (0xFE70, 0xFEFF), "IsHalfwidthandFullwidthForms": (0xFF00, 0xFFEF),
    "IsSpecials": (0xFFF0, 0xFFFF),
}


class NetRegexError(Exception):
    """A pattern .NET refuses: the message is .NET Framework's ArgumentException text."""


class NetRegexNotEmulated(Exception):
    """A pattern or option .NET accepts and the twin does not run."""


def _is_word(ch: str) -> bool:
    """RegexCharClass.IsWordChar: the characters of a group name, and those \\X may not escape."""
    cat = unicodedata.category(ch)
    return cat[0] == "L" or cat in ("Mn", "Nd", "Pc") or ch in "\u200c\u200d"


def _lower(ch: str) -> str:
    low = ch.lower()
    return low[0] if low else ch


@lru_cache(maxsize=None)
def _folded_category(cat: str, negate: bool) -> str:
    """Under IgnoreCase .NET Framework lowercases each input character before testing a class, so
    \\p{Lu} matches the characters whose lowercase is an uppercase letter (almost none). This is that
    set over the UTF-16 range, as a class body matched case-sensitively."""
    members = [c for c in range(0x10000) if (unicodedata.category(_lower(chr(c))) == cat) != negate]
    ranges: list[str] = []
    start = prev = None
    for c in members:
        if prev is not None and c == prev + 1:
            prev = c
            continue
        if start is not None:
            ranges.append(_range(start, prev))
        start = prev = c
    if start is not None:
        ranges.append(_range(start, prev))
    if negate:
        ranges.append(r"\U00010000-\U0010FFFF")
    return "".join(ranges)


def _code(c: int) -> str:
    return f"\\u{c:04x}" if c <= 0xFFFF else f"\\U{c:08x}"


def _range(a: int, b: int | None) -> str:
    b = a if b is None else b
    return _code(a) if a == b else _code(a) + "-" + _code(b)


def _char(ch: str) -> str:
    """One character as regex-module pattern text (inside or outside a class)."""
    if ch.isascii() and (ch.isalnum() or ch == "_"):
        return ch
    if ch.isascii() and ch.isprintable():
        return "\\" + ch
    return _code(ord(ch))


@dataclass
class _Class:
    """A character class being read: a plain set, members that need their own atom (\\W, \\S, a
    case-folded category), negation and a subtracted class."""
    negate: bool = False
    body: list[str] = field(default_factory=list)
    atoms: list[str] = field(default_factory=list)
    subtract: str | None = None

    def text(self) -> str:
        plain = "[" + "".join(self.body) + "]" if self.body else None
        if not self.atoms:
            out = (("[^" + "".join(self.body) + "]") if self.negate else plain) if plain else (r"[\s\S]" if self.negate else "(?!)")
        else:
            union = "|".join(([plain] if plain else []) + self.atoms)
            out = f"(?:(?!{union})[\\s\\S])" if self.negate else f"(?:{union})"
        if self.subtract is not None:
            out = f"(?:(?!{self.subtract}){out})"
        return out


@dataclass
class _Frame:
    close: str                  # text that ends the group in the output
    options: int                # options at the group's start (restored at its end)
    start: int                  # output index where the group's current branch starts
    conditional: bool = False   # (?(...)yes|no): one | at most
    alternates: int = 0
    cond_pending: bool = False  # the next group is the condition of this (?(...)


class _Parser:
    """One pass over a .NET pattern. With ``numbers`` None it only collects the groups (like .NET's
    CountCaptures); with them it writes the regex-module pattern."""

    def __init__(self, pattern: str, options: int, numbers: dict[str, int] | None, slots: set[int] | None):
        self.p, self.n, self.pos = pattern, len(pattern), 0
        self.options = options
        self.global_i = bool(options & IGNORECASE)
        self.numbers, self.slots = numbers, slots
        self.counting = numbers is None
        self.ecma = bool(options & ECMASCRIPT)
        self.opened: set[int] = set()     # group numbers whose '(' is behind the scan (ECMAScript backreferences)
        self.autocap = 1
        self.declared: list[tuple[str, str | int]] = []   # ('auto', n) / ('num', n) / ('name', s) in order
        self.out: list[str] = []
        self.stack: list[_Frame] = []
        self.unit: int | None = None      # output index of the last quantifiable unit
        self.quantified = False

    # -- errors ------------------------------------------------------------------------------------
    def fail(self, what: str) -> NetRegexError:
        return NetRegexError(f'parsing "{self.p}" - {what}')

    # -- helpers -----------------------------------------------------------------------------------
    def peek(self, k: int = 0) -> str:
        i = self.pos + k
        return self.p[i] if i < self.n else ""

    def opt(self, flag: int) -> bool:
        return bool(self.options & flag)

    def ci(self, atom: str) -> str:
        """An atom under the current IgnoreCase setting, when it differs from the pattern's."""
        if self.opt(IGNORECASE) == self.global_i:
            return atom
        return f"(?i:{atom})" if self.opt(IGNORECASE) else f"(?-i:{atom})"

    def add_unit(self, text: str) -> None:
        self.unit = len(self.out)
        self.quantified = False
        self.out.append(text)

    def add_nonunit(self, text: str) -> None:
        self.unit = None
        self.out.append(text)

    def skip_blank(self) -> None:
        """ScanBlank: (?#...) comments always; white space and # comments under x."""
        while True:
            if self.opt(IGNOREPATTERNWHITESPACE):
                while self.pos < self.n and self.p[self.pos] in " \t\n\r\f\v":
                    self.pos += 1
                if self.peek() == "#":
                    while self.pos < self.n and self.p[self.pos] != "\n":
                        self.pos += 1
                    continue
            if self.p.startswith("(?#", self.pos):
                end = self.p.find(")", self.pos)
                if end < 0:
                    self.pos = self.n
                    raise self.fail("Unterminated (?#...) comment.")
                self.pos = end + 1
                continue
            return

    def slot_name(self, number: int) -> str:
        return f"g{number}"

    # -- the pattern -------------------------------------------------------------------------------
    def parse(self) -> str:
        self.stack.append(_Frame(close="", options=self.options, start=0))
        while True:
            self.skip_blank()
            if self.pos >= self.n:
                break
            ch = self.p[self.pos]
            if ch in "*+?" or (ch == "{" and self.true_quantifier()):
                if self.unit is None:
                    raise self.fail("Quantifier {x,y} following nothing.")
                if self.quantified:
                    raise self.fail(f"Nested quantifier {ch}.")
                self.quantifier()
                continue
            self.pos += 1
            if ch == "[":
                self.add_unit(self.ci(self.char_class().text()))
            elif ch == "(":
                self.group_open()
            elif ch == ")":
                self.group_close()
            elif ch == "|":
                self.alternate()
            elif ch == "\\":
                self.backslash()
            elif ch == "^":
                self.add_unit("(?m:^)" if self.opt(MULTILINE) else r"\A")
            elif ch == "$":
                self.add_unit("(?m:$)" if self.opt(MULTILINE) else "(?=\\n?\\Z)")
            elif ch == ".":
                self.add_unit("(?s:.)" if self.opt(SINGLELINE) else "[^\\n]")
            else:
                self.add_unit(self.ci(_char(ch)))
        if len(self.stack) > 1:
            raise self.fail("Not enough )'s.")
        return "".join(self.out)

    def true_quantifier(self) -> bool:
        i = self.pos + 1
        j = i
        while j < self.n and self.p[j].isdigit() and self.p[j].isascii():
            j += 1
        if j == i or j >= self.n:
            return False
        if self.p[j] == "}":
            return True
        if self.p[j] != ",":
            return False
        j += 1
        while j < self.n and self.p[j].isdigit() and self.p[j].isascii():
            j += 1
        return j < self.n and self.p[j] == "}"

    def quantifier(self) -> None:
        ch = self.p[self.pos]
        self.pos += 1
        if ch == "{":
            end = self.p.index("}", self.pos)
            body = self.p[self.pos:end]
            self.pos = end + 1
            lo, _, hi = body.partition(",")
            if hi and int(lo) > int(hi):
                raise self.fail("Illegal {x,y} with x > y.")
            q = "{" + str(int(lo)) + ("," + str(int(hi)) if hi else ("," if "," in body else "")) + "}"
        else:
            q = ch
        self.skip_blank()
        if self.peek() == "?":
            self.pos += 1
            q += "?"
        assert self.unit is not None
        unit = "".join(self.out[self.unit:])
        del self.out[self.unit:]
        self.out.append(f"(?:{unit}){q}")
        self.quantified = True
        self.skip_blank()
        nxt = self.peek()
        if nxt in ("*", "+", "?") or (nxt == "{" and self.true_quantifier()):
            raise self.fail(f"Nested quantifier {nxt}.")

    def alternate(self) -> None:
        frame = self.stack[-1]
        if frame.conditional:
            frame.alternates += 1
            if frame.alternates > 1:
                raise self.fail("Too many | in (?()|).")
        self.add_nonunit("|")

    # -- groups ------------------------------------------------------------------------------------
    def push(self, open_text: str, close: str, conditional: bool = False) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.cond_pending:
            parent.cond_pending = False
            if not open_text.startswith(("(?=", "(?!", "(?<=", "(?<!")):
                open_text, close = "(?=" + open_text, close + ")"
        self.out.append(open_text)
        self.unit = None
        self.stack.append(_Frame(close=close, options=self.options, start=len(self.out), conditional=conditional))

    def capture_open(self, key: str | int | None) -> None:
        """A capturing group: ``key`` is a name, a number, or None for the next unnamed one."""
        if self.counting:
            if key is None:
                self.declared.append(("auto", self.autocap))
                self.autocap += 1
            elif isinstance(key, int):
                self.declared.append(("num", key))
            else:
                self.declared.append(("name", key))
            self.push("(", ")")
            return
        assert self.numbers is not None
        if key is None:
            number = self.autocap
            self.autocap += 1
        elif isinstance(key, int):
            number = key
        else:
            number = self.numbers[key]
        self.opened.add(number)
        self.push(f"(?P<{self.slot_name(number)}>", ")")

    def group_open(self) -> None:
        if self.peek() != "?":
            if self.opt(EXPLICITCAPTURE) or (self.stack[-1].cond_pending):
                self.push("(?:", ")")
            else:
                self.capture_open(None)
            return
        self.pos += 1
        ch = self.peek()
        if ch == "":
            raise self.fail("Unrecognized grouping construct.")
        self.pos += 1
        if ch == ":":
            self.push("(?:", ")")
        elif ch in "=!":
            self.push("(?" + ch, ")")
        elif ch == ">":
            self.push("(?>", ")")
        elif ch in "<'":
            close = ">" if ch == "<" else "'"
            nxt = self.peek()
            if ch == "<" and nxt in ("=", "!"):
                self.pos += 1
                self.push("(?<" + nxt, ")")
                return
            self.named_group(close)
        elif ch == "(":
            self.conditional()
        else:
            self.pos -= 1
            self.inline_options()

    def scan_name(self) -> str:
        start = self.pos
        while self.pos < self.n and _is_word(self.p[self.pos]):
            self.pos += 1
        return self.p[start:self.pos]

    def scan_decimal(self) -> int:
        start = self.pos
        while self.pos < self.n and "0" <= self.p[self.pos] <= "9":
            self.pos += 1
        return int(self.p[start:self.pos])

    def is_slot(self, number: int) -> bool:
        return self.counting or (self.slots is not None and number in self.slots)

    def is_name(self, name: str) -> bool:
        return self.counting or (self.numbers is not None and name in self.numbers)

    def named_group(self, close: str) -> None:
        """(?<name>...), (?'name'...), (?<3>...), (?<name-other>...), (?<-other>...)."""
        ch = self.peek()
        key: str | int | None = None
        balancing = False
        if "0" <= ch <= "9":
            key = self.scan_decimal()
            if self.peek() not in (close, "-", ""):
                raise self.fail("Invalid group name: Group names must begin with a word character.")
            if key == 0:
                raise self.fail("Capture number cannot be zero.")
        elif ch and _is_word(ch):
            key = self.scan_name()
            if self.peek() not in (close, "-", ""):
                raise self.fail("Invalid group name: Group names must begin with a word character.")
        elif ch == "-":
            balancing = True
        else:
            raise self.fail("Invalid group name: Group names must begin with a word character.")
        if self.peek() == "-":
            self.pos += 1
            other = self.peek()
            if "0" <= other <= "9":
                number = self.scan_decimal()
                if not self.is_slot(number):
                    raise self.fail(f"Reference to undefined group number {number}.")
            elif other and _is_word(other):
                name = self.scan_name()
                if not self.is_name(name):
                    raise self.fail(f"Reference to undefined group name {name}.")
            else:
                raise self.fail("Invalid group name: Group names must begin with a word character.")
            if self.peek() not in (close, ""):
                raise self.fail("Invalid group name: Group names must begin with a word character.")
            balancing = True
        if self.peek() != close:
            raise self.fail("Unrecognized grouping construct.")
        self.pos += 1
        if balancing and not self.counting:
            raise NetRegexNotEmulated(
                f'The balancing group in the regular expression "{self.p}" is not emulated by the twin.')
        self.capture_open(key)

    def conditional(self) -> None:
        """(?(name)yes|no), (?(1)yes|no), (?(expression)yes|no)."""
        paren = self.pos
        ch = self.peek()
        if "0" <= ch <= "9":
            number = self.scan_decimal()
            if self.peek() == ")":
                self.pos += 1
                if not self.is_slot(number):
                    raise self.fail(f"(?({number}) ) reference to undefined group.")
                self.push(f"(?({self.slot_name(number)})" if not self.counting else "(?(", ")", conditional=True)
                return
            raise self.fail(f"(?({number}) ) malformed.")
        if ch and _is_word(ch) and not self.counting:
            name = self.scan_name()
            if self.numbers is not None and name in self.numbers and self.peek() == ")":
                self.pos += 1
                self.push(f"(?({self.slot_name(self.numbers[name])})", ")", conditional=True)
                return
        self.pos = paren - 1          # the condition is the group that starts here
        rest = self.p[self.pos:]
        if len(rest) >= 3 and rest[1] == "?":
            if rest[2] == "#":
                raise self.fail("Alternation conditions cannot be comments.")
            if rest[2] == "'" or (len(rest) >= 4 and rest[2] == "<" and rest[3] not in "!="):
                raise self.fail("Alternation conditions do not capture and cannot be named.")
        self.push("(?", ")", conditional=True)
        self.stack[-1].cond_pending = True

    def inline_options(self) -> None:
        """(?imnsx-imnsx) for the rest of the group, or (?imnsx-imnsx:...)."""
        options = self.options
        on = True
        while self.pos < self.n:
            ch = self.p[self.pos]
            if ch == "-":
                on = False
            elif ch in _INLINE:
                options = options | _INLINE[ch] if on else options & ~_INLINE[ch]
            else:
                break
            self.pos += 1
        end = self.peek()
        if end == ")":
            self.pos += 1
            self.options = options
            return
        if end == ":":
            self.pos += 1
            self.push("(?:", ")")
            self.options = options
            return
        raise self.fail("Unrecognized grouping construct.")

    def group_close(self) -> None:
        if len(self.stack) == 1:
            raise self.fail("Too many )'s.")
        frame = self.stack.pop()
        if frame.cond_pending:
            raise self.fail("Illegal conditional (?(...)) expression.")
        self.options = frame.options
        start = frame.start - 1
        self.out.append(frame.close)
        text = "".join(self.out[start:])
        del self.out[start:]
        self.add_unit(text)

    # -- escapes -----------------------------------------------------------------------------------
    def backslash(self) -> None:
        if self.pos >= self.n:
            raise self.fail("Illegal \\ at end of pattern.")
        ch = self.p[self.pos]
        if ch in "bBAGZz":
            self.pos += 1
            if self.ecma and ch in "bB":   # word boundaries between ECMAScript's word characters
                w = f"[{_ECMA_WORD}]"
                boundary = f"(?:(?<={w})(?!{w})|(?<!{w})(?={w}))"
                self.add_unit(boundary if ch == "b" else f"(?!{boundary})")
                return
            self.add_unit({"b": r"\b", "B": r"\B", "A": r"\A", "G": r"\G", "Z": r"(?=\n?\Z)", "z": r"\Z"}[ch])
            return
        if ch in "wWsSdD":
            self.pos += 1
            self.add_unit(self.shorthand(ch))
            return
        if ch in "pP":
            self.pos += 1
            self.add_unit(self.property(ch == "P", in_class=False))
            return
        # backreferences: \k<name>, \k'name', \<name>, \1
        angled = False
        save = self.pos
        if ch == "k":
            if self.pos + 1 < self.n and self.p[self.pos + 1] in "<'":
                self.pos += 1
                angled = True
            else:
                self.pos += 1
                raise self.fail("Unrecognized escape sequence \\k.")  # .NET: \k needs <name> or 'name'
        elif ch in "<'" and self.pos + 1 < self.n:
            angled = True
        if angled:
            close = ">" if self.p[self.pos] == "<" else "'"
            self.pos += 1
            c = self.peek()
            if "0" <= c <= "9":
                number = self.scan_decimal()
                if self.peek() == close:
                    self.pos += 1
                    if self.is_slot(number):
                        self.add_unit(self.ci(f"(?P={self.slot_name(number)})") if not self.counting else "")
                        return
                    if ch == "k":
                        raise self.fail(f"Reference to undefined group number {number}.")
            elif c and _is_word(c):
                name = self.scan_name()
                if self.peek() == close:
                    self.pos += 1
                    if self.is_name(name):
                        self.add_unit(self.ci(f"(?P={self.slot_name(self.numbers[name])})") if not self.counting else "")
                        return
                    if ch == "k":
                        raise self.fail(f"Reference to undefined group name {name}.")
            if ch == "k":
                raise self.fail("Malformed \\k<...> named back reference.")
            self.pos = save               # \< or \' that names no group: the character itself
        elif "1" <= ch <= "9" and self.ecma:
            if self.ecma_backreference():
                return
        elif "1" <= ch <= "9":
            number = self.scan_decimal()
            if self.is_slot(number):
                self.add_unit(self.ci(f"(?P={self.slot_name(number)})") if not self.counting else "")
                return
            if number <= 9:
                raise self.fail(f"Reference to undefined group number {number}.")
            self.pos = save
        self.add_unit(self.ci(_char(self.char_escape())))

    def char_escape(self) -> str:
        """ScanCharEscape: the character a \\ sequence stands for (self.pos is after the \\)."""
        ch = self.p[self.pos]
        self.pos += 1
        if "0" <= ch <= "7":
            self.pos -= 1
            start = self.pos
            while self.pos < self.n and self.pos - start < 3 and "0" <= self.p[self.pos] <= "7":
                self.pos += 1
            return chr(int(self.p[start:self.pos], 8) & 0xFF)
        if ch in "xu":
            digits = 2 if ch == "x" else 4
            text = self.p[self.pos:self.pos + digits]
            if len(text) < digits or any(c not in "0123456789abcdefABCDEF" for c in text):
                raise self.fail("Insufficient hexadecimal digits.")
            self.pos += digits
            return chr(int(text, 16))
        simple = {"a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
        if ch in simple:
            return simple[ch]
        if ch == "c":
            if self.pos >= self.n:
                raise self.fail("Missing control character.")
            c = self.p[self.pos]
            self.pos += 1
            if "a" <= c <= "z":
                c = c.upper()
            code = ord(c) - ord("@")
            if 0 <= code < 32:
                return chr(code)
            raise self.fail("Unrecognized control character.")
        if _is_word(ch) and not self.ecma:
            raise self.fail(f"Unrecognized escape sequence \\{ch}.")
        return ch

    def ecma_backreference(self) -> bool:
        """ECMAScript: a backslash and digits is the backreference made of as many digits as name a group opened
        before it; with none, an octal escape or the digit itself (the table of "ECMAScript vs. canonical
        matching behavior"). A group that did not take part matches the empty string."""
        start = self.pos
        number, best, end = 0, -1, start
        i = start
        while i < self.n and "0" <= self.p[i] <= "9":
            number = number * 10 + int(self.p[i])
            i += 1
            if number in self.opened or self.counting:
                best, end = number, i
            if number > 10 ** 9:
                break
        if best < 0:
            return False
        self.pos = end
        key = self.slot_name(best)
        self.add_unit("" if self.counting else self.ci(f"(?({key})(?P={key}))"))
        return True

    def shorthand(self, ch: str) -> str:
        if self.ecma:   # ECMAScript's classes are ASCII: [a-zA-Z_0-9], [ \f\n\r\t\v], [0-9]
            body = {"d": "0-9", "s": _ECMA_SPACE, "w": _ECMA_WORD}[ch.lower()]
            return f"[^{body}]" if ch.isupper() else f"[{body}]"
        if ch == "d":
            return r"\p{Nd}"
        if ch == "D":
            return r"\P{Nd}"
        if ch == "s":
            return _SPACE
        if ch == "S":
            return r"\P{White_Space}"
        return f"[{_WORD}]" if ch == "w" else f"[^{_WORD}]"

    def property(self, negate: bool, in_class: bool) -> str:
        """\\p{Name} / \\P{Name}: a general category or a named block."""
        if self.peek() != "{" or self.pos + 1 >= self.n:
            raise self.fail("Incomplete \\p{X} character escape.")
        end = self.p.find("}", self.pos)
        if end < 0:
            raise self.fail("Incomplete \\p{X} character escape.")
        name = self.p[self.pos + 1:end]
        self.pos = end + 1
        if name in _BLOCKS:
            lo, hi = _BLOCKS[name]
            body = _range(lo, hi)
        elif name in _CATEGORIES:
            if self.opt(IGNORECASE) and name in ("Lu", "Ll", "Lt"):
                body = _folded_category(name, negate)
                text = f"(?-i:[{body}])" if body else "(?!)"
                return text
            body = f"\\p{{{name}}}"
        else:
            raise self.fail(f"Unknown property '{name}'.")
        if in_class:
            return ("[^" + body + "]") if negate else body
        return ("[^" + body + "]") if negate else ("[" + body + "]")

    # -- character classes -------------------------------------------------------------------------
    def char_class(self) -> _Class:
        """ScanCharClass, self.pos after the '['."""
        cls = _Class()
        if self.peek() == "^":
            self.pos += 1
            cls.negate = True
        first = True
        in_range = False
        prev = ""
        while True:
            if self.pos >= self.n:
                raise self.fail("Unterminated [] set.")
            ch = self.p[self.pos]
            self.pos += 1
            translated = False
            if ch == "]" and not first:
                break
            if ch == "\\" and self.pos < self.n:
                esc = self.p[self.pos]
                self.pos += 1
                if esc in "dDsSwWpP":
                    if in_range:
                        raise self.fail(f"Cannot include class \\{esc} in character range.")
                    if esc in "pP":
                        text = self.property(esc == "P", in_class=True)
                        if text.startswith("[^") or text.startswith("(?"):
                            cls.atoms.append(text)
                        else:
                            cls.body.append(text)
                    elif self.ecma:
                        text = self.shorthand(esc)
                        if text.startswith("[^"):
                            cls.atoms.append(text)
                        else:
                            cls.body.append(text[1:-1])
                    elif esc == "W":
                        cls.atoms.append(f"[^{_WORD}]")
                    elif esc == "w":
                        cls.body.append(_WORD)
                    else:
                        cls.body.append(self.shorthand(esc))
                    first = False
                    continue
                if esc == "-":
                    ch = "-"
                    translated = True
                else:
                    self.pos -= 1
                    ch = self.char_escape()
                    translated = True
            elif ch == "[" and self.peek() == ":" and not in_range:
                save = self.pos
                self.pos += 1
                self.scan_name()
                if not self.p.startswith(":]", self.pos):
                    self.pos = save
                else:
                    self.pos += 2
            if in_range:
                in_range = False
                if ch == "[" and not translated and not first:
                    cls.body.append(_char(prev))
                    cls.subtract = self.char_class().text()
                    if self.peek() not in ("]", ""):
                        raise self.fail("A subtraction must be the last element in a character class.")
                else:
                    if prev > ch:
                        raise self.fail("[x-y] range in reverse order.")
                    cls.body.append(_char(prev) + "-" + _char(ch) if prev != ch else _char(ch))
            elif self.pos + 1 < self.n and self.p[self.pos] == "-" and self.p[self.pos + 1] != "]":
                prev = ch
                in_range = True
                self.pos += 1
            elif self.pos < self.n and ch == "-" and not translated and self.p[self.pos] == "[" and not first:
                self.pos += 1
                cls.subtract = self.char_class().text()
                if self.peek() not in ("]", ""):
                    raise self.fail("A subtraction must be the last element in a character class.")
            else:
                cls.body.append(_char(ch))
            first = False
        return cls


@dataclass(frozen=True)
class NetRegex:
    """A compiled .NET pattern: the regex-module pattern and .NET's group numbers and names."""
    pattern: str
    options: int
    rx: regex.Pattern[str]
    numbers: tuple[int, ...]          # GetGroupNumbers: ascending, 0 first
    names: tuple[str, ...]            # GetGroupNames, in the same order
    number_of: dict[str, int]         # name (or number as text) -> number

    def key(self, number: int) -> int | str:
        """The regex-module group that holds .NET group ``number``."""
        return 0 if number == 0 else f"g{number}"

    def search(self, text: str, pos: int = 0) -> regex.Match[str] | None:
        return self.rx.search(text, pos)

    def finditer(self, text: str, pos: int = 0) -> Iterator[regex.Match[str]]:
        return self.rx.finditer(text, pos)

    def group(self, m: regex.Match[str], number: int) -> str | None:
        return m.group(self.key(number))

    def replace(self, text: str, evaluator: Callable[[regex.Match[str]], str], count: int = -1) -> str:
        """Regex.Replace: ``count`` < 0 replaces every match, 0 none."""
        if count == 0:
            return text
        return self.rx.sub(evaluator, text, count=max(count, 0))

    def split(self, text: str, count: int = 0) -> list[str]:
        """Regex.Split: the text between matches, each match's captured groups (in group-number order,
        those that took part) between them; ``count`` > 0 caps the pieces.
        https://learn.microsoft.com/dotnet/api/system.text.regularexpressions.regex.split?view=netframework-4.8"""
        if count == 1:
            return [text]
        out: list[str] = []
        prev = 0
        pieces = 0
        for m in self.rx.finditer(text):
            if count > 0 and pieces >= count - 1:
                break
            out.append(text[prev:m.start()])
            prev = m.end()
            for number in self.numbers[1:]:
                value = m.group(self.key(number))
                if value is not None:
                    out.append(value)
            pieces += 1
        out.append(text[prev:])
        return out


def _check_options(options: int) -> None:
    if options < 0 or options >> 10:
        raise NetRegexError("Specified argument was out of the range of valid values.\r\nParameter name: options")
    if options & RIGHTTOLEFT:
        raise NetRegexNotEmulated("RegexOptions.RightToLeft is not emulated by the twin.")
    if options & ECMASCRIPT:
        if options & ~(ECMASCRIPT | IGNORECASE | MULTILINE | COMPILED):
            raise NetRegexError("Specified argument was out of the range of valid values.\r\nParameter name: options")


@lru_cache(maxsize=1000)
def compile_pattern(pattern: str, options: int = 0) -> NetRegex:
    """A .NET pattern with RegexOptions, ready to run (cached, as PowerShell caches its regexes)."""
    _check_options(options)
    counter = _Parser(pattern, options, None, None)
    counter.parse()
    # AssignNameSlots: the named groups take the free numbers after the unnamed ones.
    slots = {key for kind, key in counter.declared if kind in ("auto", "num")}
    numbers: dict[str, int] = {}
    names_in_order: list[str] = []
    for kind, key in counter.declared:
        if kind == "name" and key not in numbers:
            numbers[str(key)] = -1
            names_in_order.append(str(key))
    autocap = 1
    for name in names_in_order:
        while autocap in slots:
            autocap += 1
        numbers[name] = autocap
        slots.add(autocap)
        autocap += 1
    for s in slots:
        numbers.setdefault(str(s), s)
    writer = _Parser(pattern, options, numbers, set(slots))
    text = writer.parse()
    try:
        rx = regex.compile(text, regex.IGNORECASE if options & IGNORECASE else 0)
    except regex.error as e:  # a construct this translation gets wrong: say so rather than guess
        raise NetRegexNotEmulated(f'The regular expression "{pattern}" is not emulated by the twin ({e}).') from None
    ordered = sorted(slots)
    by_number = {v: k for k, v in numbers.items() if not k.isdigit()}
    names = tuple(["0"] + [by_number.get(n, str(n)) for n in ordered])
    number_of = {"0": 0, **numbers}
    return NetRegex(pattern, options, rx, tuple([0] + ordered), names, number_of)


def escape(text: str) -> str:
    """Regex.Escape: escapes \\, *, +, ?, |, {, [, (, ), ^, $, ., #, and white space (not ] or })."""
    out = []
    for ch in text:
        if ch in "\\*+?|{[()^$.#":
            out.append("\\" + ch)
        elif ch == " ":
            out.append("\\ ")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\f":
            out.append("\\f")
        else:
            out.append(ch)
    return "".join(out)


def unescape(text: str) -> str:
    """Regex.Unescape: each escape a pattern knows (\\n, \\t, \\x41, \\u0041, \\101, \\cA, \\. ...) as the
    character it stands for; an escape .NET does not know raises its ArgumentException text."""
    scanner = _Parser(text, 0, None, None)
    out: list[str] = []
    while scanner.pos < scanner.n:
        ch = text[scanner.pos]
        scanner.pos += 1
        if ch != "\\":
            out.append(ch)
            continue
        if scanner.pos >= scanner.n:
            raise scanner.fail("Illegal \\ at end of pattern.")
        out.append(scanner.char_escape())
    return "".join(out)
