"""System.Text.Encoding and its .NET Framework 4.8 subclasses, as far as scripts use them with text:
``[Text.Encoding]::ASCII / BigEndianUnicode / Unicode / UTF7 / UTF8 / UTF32 / Default``, ``::GetEncoding(name or code
page)`` for those, the constructors ``[Text.UTF8Encoding]::new($bom)``, ``[Text.UnicodeEncoding]::new($bigEndian, $bom)``,
``[Text.UTF32Encoding]::new($bigEndian, $bom)``, ``[Text.ASCIIEncoding]::new()``, ``[Text.UTF7Encoding]::new()``, and the
instance members EncodingName, WebName, BodyName, HeaderName, CodePage, IsSingleByte, GetBytes(string),
GetByteCount(string), GetString(byte[]), GetPreamble().  Other code pages and members are refused as not emulated.

Preambles (byte order marks): Encoding.UTF8 and Encoding.Unicode/BigEndianUnicode/UTF32 have one; ASCII, UTF7 and
Default have none; a constructed encoding has one when its ``byteOrderMark`` argument says so (UTF8Encoding() has none).
ASCII writes ``?`` for characters past 127.
https://learn.microsoft.com/dotnet/api/system.text.encoding?view=netframework-4.8
https://learn.microsoft.com/dotnet/api/system.text.encoding.getpreamble?view=netframework-4.8
https://learn.microsoft.com/dotnet/api/system.text.utf8encoding.-ctor?view=netframework-4.8
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from labkit.twin.errors import UnsupportedConstruct
from labkit.twin.objects import PSObject
from labkit.twin.values import PSRuntimeError, to_bool, to_string


@dataclass(frozen=True)
class _Kind:
    type_name: str
    codec: str
    name: str          # EncodingName
    web: str           # WebName (BodyName and HeaderName are the same for these)
    code_page: int
    single_byte: bool = False


_KINDS = {
    "ascii": _Kind("System.Text.ASCIIEncoding", "ascii", "US-ASCII", "us-ascii", 20127, True),
    "unicode": _Kind("System.Text.UnicodeEncoding", "utf-16-le", "Unicode", "utf-16", 1200),
    "bigendianunicode": _Kind("System.Text.UnicodeEncoding", "utf-16-be", "Unicode (Big-Endian)", "utf-16BE", 1201),
    "utf7": _Kind("System.Text.UTF7Encoding", "utf-7", "Unicode (UTF-7)", "utf-7", 65000),
    "utf8": _Kind("System.Text.UTF8Encoding", "utf-8", "Unicode (UTF-8)", "utf-8", 65001),
    "utf32": _Kind("System.Text.UTF32Encoding", "utf-32-le", "Unicode (UTF-32)", "utf-32", 12000),
    "bigendianutf32": _Kind("System.Text.UTF32Encoding", "utf-32-be", "Unicode (UTF-32 Big-Endian)", "utf-32BE", 12001),
    # Encoding.Default on an en-US Windows Server: the ANSI code page 1252
    "default": _Kind("System.Text.SBCSCodePageEncoding", "cp1252", "Western European (Windows)", "Windows-1252", 1252, True),
}
_BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b"\xef\xbb\xbf", "utf-32-le": b"\xff\xfe\x00\x00",
         "utf-32-be": b"\x00\x00\xfe\xff"}
# Encoding.GetEncoding(name): the names and code pages of the encodings above
_BY_NAME = {"us-ascii": "ascii", "ascii": "ascii", "20127": "ascii", "utf-16": "unicode", "unicode": "unicode", "1200": "unicode",
            "utf-16be": "bigendianunicode", "unicodefffe": "bigendianunicode", "1201": "bigendianunicode", "utf-7": "utf7",
            "65000": "utf7", "utf-8": "utf8", "65001": "utf8", "utf-32": "utf32", "12000": "utf32", "utf-32be": "bigendianutf32",
            "12001": "bigendianutf32", "windows-1252": "default", "1252": "default"}
_STATIC = {"ascii": "ascii", "unicode": "unicode", "bigendianunicode": "bigendianunicode", "utf7": "utf7", "utf8": "utf8",
           "utf32": "utf32", "default": "default"}


class EncodingValue(PSObject):
    __slots__ = ("kind", "bom")

    def __init__(self, key: str, bom: bool | None = None):
        kind = _KINDS[key]
        self.kind = kind
        self.bom = (kind.codec in _BOMS) if bom is None else bom
        bases = [kind.type_name, "System.Text.Encoding", "System.Object"]
        super().__init__(bases, {"EncodingName": kind.name, "WebName": kind.web, "BodyName": kind.web, "HeaderName": kind.web,
                                 "CodePage": kind.code_page, "IsSingleByte": kind.single_byte}, tostring=kind.type_name)

    def encode(self, text: str) -> bytes:
        return text.encode(self.kind.codec, errors="replace")

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        from labkit.twin.casts import cast
        from labkit.twin.types import resolve

        low = name.lower()
        if low == "getpreamble" and not args:
            data = _BOMS.get(self.kind.codec, b"") if self.bom else b""
        elif low in ("getbytes", "getbytecount") and len(args) == 1:
            value = args[0]
            text = "".join(to_string(c) for c in value) if isinstance(value, list) else to_string(value)
            if value is None:
                raise PSRuntimeError(f'Exception calling "{name}" with "1" argument(s): "Value cannot be null.\r\nParameter name: '
                                     f'{"chars" if low == "getbytes" else "s"}"', "NotSpecified", "ArgumentNullException")
            data = self.encode(text)
            if low == "getbytecount":
                return len(data)
        elif low == "getstring" and len(args) == 1 and isinstance(args[0], list):
            raw = bytes(int(b) & 0xFF for b in args[0])
            return raw.decode(self.kind.codec, errors="replace")
        elif low == "tostring" and not args:
            return self.kind.type_name
        else:
            raise UnsupportedConstruct(f"{self.kind.type_name}.{name}() with {len(args)} argument(s)", 0)
        byte_array = resolve("System.Byte[]")
        return cast(list(data), byte_array) if byte_array is not None else list(data)


def static_encoding(name: str) -> EncodingValue | None:
    """``[System.Text.Encoding]::Name`` for the encodings the twin has; None for another member."""
    key = _STATIC.get(name.lower())
    return EncodingValue(key) if key is not None else None


def get_encoding(args: list[Any]) -> EncodingValue:
    """``[System.Text.Encoding]::GetEncoding(name or code page)``."""
    if len(args) != 1:
        raise UnsupportedConstruct(f"[System.Text.Encoding]::GetEncoding() with {len(args)} arguments", 0)
    key = _BY_NAME.get(to_string(args[0]).strip().lower())
    if key is None:
        raise UnsupportedConstruct(f"the encoding '{to_string(args[0])}' ([System.Text.Encoding]::GetEncoding)", 0)
    return EncodingValue(key)


def construct(type_name: str, args: list[Any]) -> EncodingValue | None:
    """``[T]::new(...)`` for the encodings' public constructors; None when ``type_name`` is not one of them."""
    flags = [to_bool(a) for a in args]
    if type_name == "System.Text.UTF8Encoding" and len(flags) <= 2:
        return EncodingValue("utf8", flags[0] if flags else False)
    if type_name == "System.Text.UnicodeEncoding" and len(flags) in (0, 2, 3):
        big = bool(flags and flags[0])
        return EncodingValue("bigendianunicode" if big else "unicode", flags[1] if flags else True)
    if type_name == "System.Text.UTF32Encoding" and len(flags) in (0, 2, 3):
        big = bool(flags and flags[0])
        return EncodingValue("bigendianutf32" if big else "utf32", flags[1] if flags else True)
    if type_name == "System.Text.ASCIIEncoding" and not args:
        return EncodingValue("ascii")
    if type_name == "System.Text.UTF7Encoding" and len(args) <= 1:
        return EncodingValue("utf7")
    return None


TYPES = ("System.Text.ASCIIEncoding", "System.Text.UnicodeEncoding", "System.Text.UTF7Encoding", "System.Text.UTF8Encoding",
         "System.Text.UTF32Encoding")
