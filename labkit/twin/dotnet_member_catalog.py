"""The members Get-Member lists for the .NET types the twin keeps as Python values, as Windows PowerShell 5.1
on .NET Framework 4.8 lists them (DotNetAdapter: the public members and every interface method, named
``IInterface.Method``; definitions with PowerShell's type names).  A type not listed here is refused by
Get-Member as not emulated rather than described wrongly.

Sources: Get-Member's 5.1 page (example 6: https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-member?view=powershell-5.1)
shows the shape; the full rows are 5.1's output of ``'text' | Get-Member``, ``1 | Get-Member`` and ``@{} | Get-Member``
on Windows (published transcripts), checked against the types' .NET Framework 4.8 pages:
https://learn.microsoft.com/dotnet/api/system.string?view=netframework-4.8 ,
https://learn.microsoft.com/dotnet/api/system.int32?view=netframework-4.8 ,
https://learn.microsoft.com/dotnet/api/system.collections.hashtable?view=netframework-4.8 (Double and Boolean below)
"""

from __future__ import annotations

_CONVERTIBLE = """ToBoolean|Method|bool IConvertible.ToBoolean(System.IFormatProvider provider)
ToByte|Method|byte IConvertible.ToByte(System.IFormatProvider provider)
ToChar|Method|char IConvertible.ToChar(System.IFormatProvider provider)
ToDateTime|Method|datetime IConvertible.ToDateTime(System.IFormatProvider provider)
ToDecimal|Method|decimal IConvertible.ToDecimal(System.IFormatProvider provider)
ToDouble|Method|double IConvertible.ToDouble(System.IFormatProvider provider)
ToInt16|Method|int16 IConvertible.ToInt16(System.IFormatProvider provider)
ToInt32|Method|int IConvertible.ToInt32(System.IFormatProvider provider)
ToInt64|Method|long IConvertible.ToInt64(System.IFormatProvider provider)
ToSByte|Method|sbyte IConvertible.ToSByte(System.IFormatProvider provider)
ToSingle|Method|float IConvertible.ToSingle(System.IFormatProvider provider)
ToType|Method|System.Object IConvertible.ToType(type conversionType, System.IFormatProvider provider)
ToUInt16|Method|uint16 IConvertible.ToUInt16(System.IFormatProvider provider)
ToUInt32|Method|uint32 IConvertible.ToUInt32(System.IFormatProvider provider)
ToUInt64|Method|uint64 IConvertible.ToUInt64(System.IFormatProvider provider)"""

_STRING = """Clone|Method|System.Object Clone(), System.Object ICloneable.Clone()
CompareTo|Method|int CompareTo(System.Object value), int CompareTo(string strB), int IComparable.CompareTo(System.Object obj), int IComparable[string].CompareTo(string other)
Contains|Method|bool Contains(string value)
CopyTo|Method|void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)
EndsWith|Method|bool EndsWith(string value), bool EndsWith(string value, System.StringComparison comparisonType), bool EndsWith(string value, bool ignoreCase, cultureinfo culture)
Equals|Method|bool Equals(System.Object obj), bool Equals(string value), bool Equals(string value, System.StringComparison comparisonType), bool IEquatable[string].Equals(string other)
GetEnumerator|Method|System.CharEnumerator GetEnumerator(), System.Collections.IEnumerator IEnumerable.GetEnumerator(), System.Collections.Generic.IEnumerator[char] IEnumerable[char].GetEnumerator()
GetHashCode|Method|int GetHashCode()
GetType|Method|type GetType()
GetTypeCode|Method|System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()
IndexOf|Method|int IndexOf(char value), int IndexOf(char value, int startIndex), int IndexOf(char value, int startIndex, int count), int IndexOf(string value), int IndexOf(string value, int startIndex), int IndexOf(string value, int startIndex, int count), int IndexOf(string value, System.StringComparison comparisonType), int IndexOf(string value, int startIndex, System.StringComparison comparisonType), int IndexOf(string value, int startIndex, int count, System.StringComparison comparisonType)
IndexOfAny|Method|int IndexOfAny(char[] anyOf), int IndexOfAny(char[] anyOf, int startIndex), int IndexOfAny(char[] anyOf, int startIndex, int count)
Insert|Method|string Insert(int startIndex, string value)
IsNormalized|Method|bool IsNormalized(), bool IsNormalized(System.Text.NormalizationForm normalizationForm)
LastIndexOf|Method|int LastIndexOf(char value), int LastIndexOf(char value, int startIndex), int LastIndexOf(char value, int startIndex, int count), int LastIndexOf(string value), int LastIndexOf(string value, int startIndex), int LastIndexOf(string value, int startIndex, int count), int LastIndexOf(string value, System.StringComparison comparisonType), int LastIndexOf(string value, int startIndex, System.StringComparison comparisonType), int LastIndexOf(string value, int startIndex, int count, System.StringComparison comparisonType)
LastIndexOfAny|Method|int LastIndexOfAny(char[] anyOf), int LastIndexOfAny(char[] anyOf, int startIndex), int LastIndexOfAny(char[] anyOf, int startIndex, int count)
Normalize|Method|string Normalize(), string Normalize(System.Text.NormalizationForm normalizationForm)
PadLeft|Method|string PadLeft(int totalWidth), string PadLeft(int totalWidth, char paddingChar)
PadRight|Method|string PadRight(int totalWidth), string PadRight(int totalWidth, char paddingChar)
Remove|Method|string Remove(int startIndex, int count), string Remove(int startIndex)
Replace|Method|string Replace(char oldChar, char newChar), string Replace(string oldValue, string newValue)
Split|Method|string[] Split(Params char[] separator), string[] Split(char[] separator, int count), string[] Split(char[] separator, System.StringSplitOptions options), string[] Split(char[] separator, int count, System.StringSplitOptions options), string[] Split(string[] separator, System.StringSplitOptions options), string[] Split(string[] separator, int count, System.StringSplitOptions options)
StartsWith|Method|bool StartsWith(string value), bool StartsWith(string value, System.StringComparison comparisonType), bool StartsWith(string value, bool ignoreCase, cultureinfo culture)
Substring|Method|string Substring(int startIndex), string Substring(int startIndex, int length)
ToCharArray|Method|char[] ToCharArray(), char[] ToCharArray(int startIndex, int length)
ToLower|Method|string ToLower(), string ToLower(cultureinfo culture)
ToLowerInvariant|Method|string ToLowerInvariant()
ToString|Method|string ToString(), string ToString(System.IFormatProvider provider), string IConvertible.ToString(System.IFormatProvider provider)
ToUpper|Method|string ToUpper(), string ToUpper(cultureinfo culture)
ToUpperInvariant|Method|string ToUpperInvariant()
Trim|Method|string Trim(Params char[] trimChars), string Trim()
TrimEnd|Method|string TrimEnd(Params char[] trimChars)
TrimStart|Method|string TrimStart(Params char[] trimChars)
Chars|ParameterizedProperty|char Chars(int index) {get;}
Length|Property|int Length {get;}"""

_INT32 = """CompareTo|Method|int CompareTo(System.Object value), int CompareTo(int value), int IComparable.CompareTo(System.Object obj), int IComparable[int].CompareTo(int other)
Equals|Method|bool Equals(System.Object obj), bool Equals(int obj), bool IEquatable[int].Equals(int other)
GetHashCode|Method|int GetHashCode()
GetType|Method|type GetType()
GetTypeCode|Method|System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()
ToString|Method|string ToString(), string ToString(string format), string ToString(System.IFormatProvider provider), string ToString(string format, System.IFormatProvider provider), string IFormattable.ToString(string format, System.IFormatProvider formatProvider), string IConvertible.ToString(System.IFormatProvider provider)"""

_HASHTABLE = """Add|Method|void Add(System.Object key, System.Object value), void IDictionary.Add(System.Object key, System.Object value)
Clear|Method|void Clear(), void IDictionary.Clear()
Clone|Method|System.Object Clone(), System.Object ICloneable.Clone()
Contains|Method|bool Contains(System.Object key), bool IDictionary.Contains(System.Object key)
ContainsKey|Method|bool ContainsKey(System.Object key)
ContainsValue|Method|bool ContainsValue(System.Object value)
CopyTo|Method|void CopyTo(array array, int arrayIndex), void ICollection.CopyTo(array array, int index)
Equals|Method|bool Equals(System.Object obj)
GetEnumerator|Method|System.Collections.IDictionaryEnumerator GetEnumerator(), System.Collections.IDictionaryEnumerator IDictionary.GetEnumerator(), System.Collections.IEnumerator IEnumerable.GetEnumerator()
GetHashCode|Method|int GetHashCode()
GetObjectData|Method|void GetObjectData(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context), void ISerializable.GetObjectData(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context)
GetType|Method|type GetType()
OnDeserialization|Method|void OnDeserialization(System.Object sender), void IDeserializationCallback.OnDeserialization(System.Object sender)
Remove|Method|void Remove(System.Object key), void IDictionary.Remove(System.Object key)
ToString|Method|string ToString()
Item|ParameterizedProperty|System.Object Item(System.Object key) {get;set;}
Count|Property|int Count {get;}
IsFixedSize|Property|bool IsFixedSize {get;}
IsReadOnly|Property|bool IsReadOnly {get;}
IsSynchronized|Property|bool IsSynchronized {get;}
Keys|Property|System.Collections.ICollection Keys {get;}
SyncRoot|Property|System.Object SyncRoot {get;}
Values|Property|System.Collections.ICollection Values {get;}"""


# System.Double has Int32's shape (CompareTo, Equals, GetTypeCode, the four ToString overloads and the interfaces'
# methods; https://learn.microsoft.com/dotnet/api/system.double?view=netframework-4.8)
_DOUBLE = _INT32.replace("CompareTo(int value)", "CompareTo(double value)").replace("IComparable[int].CompareTo(int other)",
          "IComparable[double].CompareTo(double other)").replace("Equals(int obj)", "Equals(double obj)").replace(
          "IEquatable[int].Equals(int other)", "IEquatable[double].Equals(double other)")

# System.Boolean: no IFormattable (https://learn.microsoft.com/dotnet/api/system.boolean?view=netframework-4.8)
_BOOLEAN = """CompareTo|Method|int CompareTo(System.Object obj), int CompareTo(bool value), int IComparable.CompareTo(System.Object obj), int IComparable[bool].CompareTo(bool other)
Equals|Method|bool Equals(System.Object obj), bool Equals(bool obj), bool IEquatable[bool].Equals(bool other)
GetHashCode|Method|int GetHashCode()
GetType|Method|type GetType()
GetTypeCode|Method|System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()
ToString|Method|string ToString(), string ToString(System.IFormatProvider provider), string IConvertible.ToString(System.IFormatProvider provider)"""


def _rows(text: str) -> list[tuple[str, str, str]]:
    return [tuple(line.split("|", 2)) for line in text.splitlines()]  # type: ignore[misc]


CATALOG: dict[str, list[tuple[str, str, str]]] = {
    "System.String": _rows(_STRING) + _rows(_CONVERTIBLE),
    "System.Int32": _rows(_INT32) + _rows(_CONVERTIBLE),
    "System.Double": _rows(_DOUBLE) + _rows(_CONVERTIBLE),
    "System.Boolean": _rows(_BOOLEAN) + _rows(_CONVERTIBLE),
    "System.Collections.Hashtable": _rows(_HASHTABLE),
}
