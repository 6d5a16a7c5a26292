"""Types a script defines: ``enum`` (about_Enum) and ``class`` (about_Classes).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_enum?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes?view=powershell-5.1

What the twin runs, as 5.1 does:

- enums: members numbered from 0, or from the value given (``B = 5`` then
  ``C`` is 6); ``[E]::A``, ``[E]'A'``, ``[E]1``, ``.value__``, comparisons with
  names and numbers, ``[Flags()]`` combinations (``[F]'A, B'``, ``[F]3``);
  ``[enum]::GetNames/GetValues/Parse/IsDefined/GetUnderlyingType`` of a script enum;
  conversions and their errors as LanguagePrimitives has them (labkit.twin.enum_conversion).
- classes: typed properties with defaults (a value type starts at its default,
  others at $null), ``static`` properties and constructors, ``hidden`` members
  (labkit.twin.class_members), constructors and methods chosen by argument count
  and type (labkit.twin.script_overloads; ``: base(...)`` too), typed parameters
  and return types (only ``return`` gives a method's value: other output is
  dropped), ``$this``, inheritance from a script class or an exception type and
  the interfaces labkit.twin.class_bases honours (IComparable, IEquatable[T],
  IFormattable, IDisposable, ICloneable), ``[C]::new()``, ``New-Object C``,
  ``[C]@{Prop = value}``, ``-is [C]``, ``[C].BaseType``, and ``ToString()``
  used for ``"$obj"``.
- types are defined before the script runs, wherever they stand in it
  (PowerShell creates them when it parses the script), with the modules of its
  ``using module`` statements (labkit.twin.using_module); one a function body
  defines is that body's (undone when the call ends).  Method bodies follow
  5.1's parse-time rules (labkit.twin.method_checks).

Refused ("not emulated"): deriving from other .NET types, other interfaces,
attributes on classes and members other than validation attributes, a method
read without calling it (a PSMethod), Get-Member -Force.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from labkit.twin import class_bases, enum_conversion, exception_base, function_scopes, script_overloads
from labkit.twin import syntax as S
from labkit.twin.errors import PSParseError, UnsupportedConstruct
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.types import PSType
from labkit.twin.values import PSHashtable, PSRuntimeError, canonical_type, convert, to_number, to_string

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter


class EnumType:
    def __init__(self, engine: "Interpreter", defn: S.EnumDef):
        self.engine, self.defn, self.name, self.flags = engine, defn, defn.name, defn.flags
        self._members: list[PSEnum] | None = None
        self._computing = False

    @property
    def members(self) -> list[PSEnum]:
        if self._members is None:
            if self._computing:
                # ParserStrings.CycleInEnumInitializers (5.1)
                raise PSRuntimeError("Cannot define enum because of a cycle in the initialization expressions.",
                                     "ParserError", "CycleInEnumInitializers")
            self._computing = True
            try:
                out: list[PSEnum] = []
                value = -1
                seen: set[str] = set()
                for name, expr in self.defn.members:
                    if name.lower() in seen:
                        raise PSRuntimeError(f"The member '{name}' is already defined.", "ParserError", "MemberAlreadyDefined")
                    seen.add(name.lower())
                    value = self._initial_value(expr) if expr is not None else value + 1
                    if value > 2**31 - 1:
                        # PSType.DefineEnum: the member after Int32.MaxValue has no value left
                        raise PSRuntimeError("Enumerator value is too large for a System.Int.", "ParserError",
                                             "EnumeratorValueTooLarge")
                    out.append(PSEnum(self.name, name, value))
                self._members = out
            finally:
                self._computing = False
        return self._members

    def _initial_value(self, expr: Any) -> int:
        """``A = <value>``: an Int32, as PSType.DefineEnum converts it (ParserStrings EnumeratorValueTooLarge for a number
        out of range, CannotConvertValue for anything else)."""
        v = self.engine.eval(expr)
        if isinstance(v, PSEnum):
            v = v.value
        if isinstance(v, int) and not isinstance(v, bool):
            if -2**31 <= v <= 2**31 - 1:
                return int(v)
            raise PSRuntimeError("Enumerator value is too large for a System.Int.", "ParserError", "EnumeratorValueTooLarge")
        try:
            return int(convert(v, "int"))
        except PSRuntimeError:
            if isinstance(v, float):
                raise PSRuntimeError("Enumerator value is too large for a System.Int.", "ParserError",
                                     "EnumeratorValueTooLarge") from None
            raise PSRuntimeError('Cannot convert the value to type "int".', "ParserError", "CannotConvertValue") from None

    def names(self) -> str:
        return ", ".join(m.name for m in self.members)

    def base_type_name(self) -> str:
        return "System.Enum"

    def interface_names(self) -> list[str]:
        # System.Enum's interfaces (https://learn.microsoft.com/dotnet/api/system.enum?view=netframework-4.8)
        return ["System.IComparable", "System.IFormattable", "System.IConvertible"]

    def member(self, name: str) -> PSEnum | None:
        low = name.strip().lower()
        return next((m for m in self.members if m.name.lower() == low), None)

    def convert(self, value: Any) -> PSEnum:
        """``[E]value`` as 5.1's LanguagePrimitives converts to an enum (labkit.twin.enum_conversion)."""
        if isinstance(value, PSEnum):
            if value.type_name == self.name:
                return value
            value = value.value
        if isinstance(value, str):
            return self.from_int(enum_conversion.from_string(self, value))
        if value is None:
            # LanguagePrimitives.GetInvalidCastMessages: "nullToEnumInvalidCast" (ExtendedTypeSystem.resx)
            raise PSRuntimeError(f'Cannot convert null to type "{self.name}" due to enumeration values that are not valid. '
                                 'Specify one of the following enumeration values and try again. The possible enumeration '
                                 f'values are "{",".join(m.name for m in self.members)}".', "InvalidArgument",
                                 "nullToEnumInvalidCast")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.from_int(int(to_number(value)))
        if not isinstance(value, int):
            # 5.1 converts only integers with ConvertIntegerToEnum; how it converts a Double the twin does not model
            raise UnsupportedConstruct(f"converting the number {to_string(value)} (not an integer) to the enum [{self.name}]", 0)
        return self.from_int(enum_conversion.from_integer(self, int(value), value))

    def format(self, value: PSEnum, fmt: str) -> str:
        """Enum format strings G, D, X, F (https://learn.microsoft.com/dotnet/standard/base-types/enumeration-format-strings)."""
        f = fmt.upper() or "G"
        if f == "D":
            return str(value.value)
        if f == "X":
            return f"{value.value & 0xFFFFFFFF:08X}"
        if f == "F":
            names = [m.name for m in self.members if m.value and (value.value & m.value) == m.value]
            exact = next((m.name for m in self.members if m.value == value.value), None)
            if exact is not None:
                return exact
            return ", ".join(names) if names and sum(m.value for m in self.members if m.name in names) == value.value \
                else str(value.value)
        if f == "G":
            return self.from_int(value.value).name
        raise PSRuntimeError(f'Exception calling "ToString" with "1" argument(s): "Format String can be only "G", "g", "X", '
                             f'"x", "F", "f", "D" or "d"."', "NotSpecified", "FormatException")

    def type_method(self, name: str, args: list[Any]) -> Any:
        """[E].GetEnumNames() and the other reflection methods about_Enum shows."""
        low = name.lower()
        if low == "getenumnames" and not args:
            return [m.name for m in self.members]
        if low == "getenumvalues" and not args:
            return list(self.members)
        if low == "getenumname" and len(args) == 1:
            n = self.convert(args[0]).value if not isinstance(args[0], str) else self.convert(args[0]).value
            return next((m.name for m in self.members if m.value == n), None)
        if low == "getenumunderlyingtype" and not args:
            return PSType("System.Int32")       # 5.1's enums are Int32 (about_Enum; `enum E : byte` is 6.2's)
        if low == "isenumdefined" and len(args) == 1:
            v = args[0]
            return (self.member(v) is not None) if isinstance(v, str) else any(m.value == to_number(v) for m in self.members)
        return MISSING_METHOD

    def from_int(self, n: int) -> PSEnum:
        for m in self.members:
            if m.value == n:
                return m
        if self.flags:
            names = [m.name for m in self.members if m.value and (n & m.value) == m.value]
            if names and sum(m.value for m in self.members if m.name in names) == n:
                return PSEnum(self.name, ", ".join(names), n)
        return PSEnum(self.name, str(n), n)


class UserObject(PSObject):
    """An instance of a script class."""

    __slots__ = ("cls",)

    def __init__(self, cls: "ClassType"):
        super().__init__(cls.type_names)
        self.cls = cls

    def __str__(self) -> str:
        if self.cls.implements("System.IFormattable"):
            # LanguagePrimitives' string conversion: IFormattable.ToString(null, InvariantCulture)
            return self.format_with(None, invariant=True)
        m = self.cls.find_method("tostring", 0, static=False)
        if m is not None:
            return to_string(self.cls.call(m, self, []))
        if self.cls.dotnet_base is not None:      # Exception.ToString(): "Type: message"
            return f"{self.cls.name}: {to_string(self.get('Message'))}"
        return self.cls.name

    # about_Hidden: a hidden property is left out where PowerShell lists an object's properties (formatting,
    # Select-Object *, .PSObject.Properties); it is still read and written by name
    def names(self) -> list[str]:
        hidden = self.cls.hidden_properties
        return [n for n in super().names() if n.lower() not in hidden]

    def items(self) -> Iterator[tuple[str, Any]]:
        hidden = self.cls.hidden_properties
        return iter([(k, v) for k, v in super().items() if k.lower() not in hidden])

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        """A method called where the interpreter does not see the object first (member enumeration over a collection
        of instances, ``$sb.Invoke().M()``): the class's methods, then System.Object's."""
        r = instance_call(self.cls.engine, self, name, args, None)
        if r is not MISSING_METHOD:
            return r
        low = name.lower()
        if low == "tostring" and not args:
            return str(self)
        if low == "equals" and len(args) == 1:
            return self._equals(args[0])
        if low == "gethashcode" and not args:
            return id(self) & 0x7FFFFFFF
        raise AttributeError(name)

    def all_items(self) -> Iterator[tuple[str, Any]]:
        """Every property, the hidden ones too (what .NET reflection sees)."""
        return super().items()

    def member_rows(self) -> list[tuple[str, str, str]]:
        """Get-Member's rows (labkit.twin.class_members)."""
        from labkit.twin.class_members import member_rows
        return member_rows(self)

    def format_with(self, spec: str | None, invariant: bool = False) -> str:
        """``'{0:spec}' -f $obj`` (String.Format with the current culture) and the string conversion: an IFormattable
        class's ToString(format, provider); another object's format is ignored, as String.Format does."""
        if not self.cls.implements("System.IFormattable"):
            return str(self)
        from labkit.twin.cultures import en_us
        culture = en_us()
        provider = culture.get("Parent").get("Parent") if invariant else culture
        m = self.cls.find_method("ToString", 2, static=False, args=[spec, provider])
        return to_string(_owner(self.cls, m).call(m, self, [spec, provider])) if m is not None else str(self)

    # LanguagePrimitives.Equals / Compare of 5.1 (its source, commit 60b3b304f2 of the PowerShell mirror:
    # engine/LanguagePrimitives.cs) with a script object on the left: first.Equals(second), then Equals of the
    # second converted to the first's type; Compare converts the second, then IComparable.CompareTo, then Equals.
    def script_equals(self, other: Any) -> bool:
        if self._equals(other):
            return True
        try:
            converted = convert_to(self.cls.engine, self.cls.name, other)
        except PSRuntimeError:
            return False
        return converted is not other and self._equals(converted)

    def _equals(self, other: Any) -> bool:
        m = _object_equals(self.cls)
        if m is None:
            return self is other          # Object.Equals: the same instance
        return bool(self.cls.call(m, self, [other]))

    def compare_to(self, other: Any) -> int:
        try:
            converted = convert_to(self.cls.engine, self.cls.name, other)
        except PSRuntimeError as e:
            raise PSRuntimeError(f'Could not compare "{to_string(self)}" to "{to_string(other)}". Error: "{e}"',
                                 "InvalidOperation", "ComparisonFailure") from None
        if self.cls.implements("System.IComparable"):
            m = self.cls.find_method("CompareTo", 1, static=False)
            if m is not None:
                return int(to_number(_owner(self.cls, m).call(m, self, [converted])))
        if self._equals(other):
            return 0
        raise PSRuntimeError(f'Cannot compare "{to_string(self)}" because it is not IComparable.', "InvalidOperation",
                             "NotIcomparable")


def _object_equals(cls: "ClassType") -> "S.MethodDef | None":
    """The class's override of Object.Equals(object): ``[bool] Equals($o)`` / ``Equals([object]$o)``; an
    ``Equals([C]$o)`` (IEquatable[C]'s) is another overload, which ``-eq`` does not call."""
    for c in reversed(cls.chain()):
        for m in c.defn.methods:
            if m.return_type is not None and not m.static and m.name.lower() == "equals" and len(m.params) == 1 \
                    and (m.params[0].type_name is None or m.params[0].type_name.strip().lower() in ("object", "system.object")):
                return m
    return None


class ClassType:
    def __init__(self, engine: "Interpreter", defn: S.ClassDef, base: "ClassType | None",
                 bases: "class_bases.Bases | None" = None):
        self.engine, self.defn, self.name, self.base = engine, defn, defn.name, base
        self.bases = bases if bases is not None else class_bases.Bases(script_base=base)
        # a .NET base class below the script classes (System.Exception ...): the root of the chain's
        self.dotnet_base: str | None = base.dotnet_base if base is not None else self.bases.dotnet_base
        self.type_names = [defn.name] + (base.type_names if base else class_bases.lineage_of(self.bases))
        self.hidden_properties = {p.name.lower() for p in defn.properties if p.hidden and not p.static} | \
            (base.hidden_properties if base is not None else set())
        self.statics: dict[str, Any] = {}
        self.static_types: dict[str, str | None] = {}
        self._statics_ready = False
        self._init_failed: Exception | None = None

    def base_type_name(self) -> str:
        """``[C].BaseType``'s full name: the script base class, the .NET base class or System.Object."""
        return self.base.name if self.base is not None else (self.bases.dotnet_base or "System.Object")

    def interface_names(self) -> list[str]:
        """The interfaces' full names as -is compares them (a generic one with its argument: IEquatable[C])."""
        from labkit.twin.types import resolve
        out = []
        for name in self.bases.interfaces:
            t = resolve(name) if "[" in name else None
            out.append(t.display_full_name if t is not None else name)
        return out

    def implements(self, interface: str) -> bool:
        return any(interface in c.bases.interfaces for c in self.chain())

    # -- members ----------------------------------------------------------------------------
    def chain(self) -> list["ClassType"]:
        out, c = [], self
        while c is not None:
            out.append(c)
            c = c.base
        return out[::-1]         # base first

    def find_method(self, name: str, argc: int, static: bool, args: list[Any] | None = None) -> S.MethodDef | None:
        """The method a call with ``argc`` arguments runs: a derived class's method hides the base's of the same
        parameter types; among overloads, the one the arguments fit best (labkit.twin.script_overloads)."""
        low = name.lower()
        found: list[S.MethodDef] = []
        seen: set[tuple[str, ...]] = set()
        for c in reversed(self.chain()):
            for m in c.defn.methods:
                if m.return_type is not None and m.static == static and m.name.lower() == low and len(m.params) == argc:
                    signature = tuple((p.type_name or "object").strip().lower() for p in m.params)
                    if signature not in seen:
                        seen.add(signature)
                        found.append(m)
        if not found:
            return None
        if args is None or len(found) == 1:
            return found[0]
        return script_overloads.choose(self.engine, name, found, args)

    def has_method(self, name: str, static: bool) -> bool:
        low = name.lower()
        return any(m.return_type is not None and m.static == static and m.name.lower() == low
                   for c in self.chain() for m in c.defn.methods)

    def prop_def(self, name: str) -> S.PropDef | None:
        low = name.lower()
        for c in reversed(self.chain()):
            for p in c.defn.properties:
                if not p.static and p.name.lower() == low:
                    return p
        return None

    def _static_owner(self, name: str) -> "ClassType | None":
        low = name.lower()
        for c in reversed(self.chain()):
            c.ready_statics()
            if low in c.statics:
                return c
        return None

    def ready_statics(self) -> None:
        if self._statics_ready:
            if self._init_failed is not None:
                raise self._type_initialization_error()
            return
        self._statics_ready = True
        try:
            for p in self.defn.properties:
                if p.static:
                    self.static_types[p.name.lower()] = p.type_name
                    self.statics[p.name.lower()] = _typed(self.engine, p.type_name,
                                                          self.engine.eval(p.default) if p.default is not None else None,
                                                          p.default is None)
            # the static constructor, `static Foo() { }`, runs once, before the class is first used
            # (about_Classes_Constructors: "Static constructors")
            for m in self.defn.methods:
                if m.return_type is None and m.static and not m.params:
                    self.call(m, None, [], None)
        except Exception as e:      # noqa: BLE001  (an expression's error or a throw: PSRuntimeError, PSError)
            from labkit.twin.interpreter import PSError
            if not isinstance(e, (PSRuntimeError, PSError)):
                raise
            # .NET runs a type's static initialisers once; when they throw, this and every later use of the type
            # is a TypeInitializationException around the first error (PowerShell's Scripting.Classes.Exceptions
            # tests, "Exception from initializer": static members)
            self._init_failed = e
            raise self._type_initialization_error() from None

    def _type_initialization_error(self) -> PSRuntimeError:
        inner = self._init_failed
        record = getattr(inner, "record", None)
        message = to_string(record.get("Exception").get("Message")) if record is not None else str(inner)
        e = PSRuntimeError(f"The type initializer for '{self.name}' threw an exception.", "NotSpecified",
                           "TypeInitializationException")
        e.exception_type = "System.TypeInitializationException"          # type: ignore[attr-defined]
        e.inner_exception = getattr(inner, "exception_type", "System.Management.Automation.RuntimeException")  # type: ignore[attr-defined]
        e.inner_message = message                                          # type: ignore[attr-defined]
        return e

    def get_static(self, name: str, line: int) -> Any:
        owner = self._static_owner(name)
        if owner is None:
            if self.has_method(name, static=True) or name.lower() == "new":
                # a method group as a value (a PSMethod listing its OverloadDefinitions): not modelled
                raise UnsupportedConstruct(f"the method [{self.name}]::{name} as a value (without calling it)", line)
            return None
        return owner.statics[name.lower()]

    def set_static(self, name: str, value: Any) -> None:
        owner = self._static_owner(name)
        if owner is None:
            # an assignment's error id (PowerShell's Scripting.Classes.Exceptions tests: [C]::bar = 42)
            raise PSRuntimeError(f"The property '{name}' cannot be found on this object. Verify that the property exists "
                                 "and can be set.", "InvalidOperation", "PropertyAssignmentException")
        value = _assigned(self.engine, owner.static_types.get(name.lower()), name, value)
        p = next((p for p in owner.defn.properties if p.static and p.name.lower() == name.lower()), None)
        if p is not None:
            _validate(self.engine, p, value)
        owner.statics[name.lower()] = value

    # -- instances -----------------------------------------------------------------------------
    def new(self, args: list[Any], node: Any, ctor: S.MethodDef | None = None) -> UserObject:
        for c in self.chain():
            c.ready_statics()
        obj = UserObject(self)
        if self.dotnet_base is not None:
            exception_base.initialize(obj, self.name, self.dotnet_base)
        for c in self.chain():
            for p in c.defn.properties:
                if not p.static:
                    try:
                        value = self.engine.eval(p.default) if p.default is not None else None
                        obj.set(p.name, _typed(self.engine, p.type_name, value, p.default is None))
                    except PSRuntimeError as e:
                        # the error is placed at the initializer (PowerShell's Scripting.Classes.Exceptions tests:
                        # "Exception from initializer": InvocationInfo.Line is the property's line)
                        if getattr(e, "node", None) is None:
                            e.node = p      # type: ignore[attr-defined]   (read by Interpreter.to_pserror)
                        raise
        if ctor is not None:
            self.call(ctor, obj, args, node=node)     # the one the caller chose (labkit.twin.hashtable_conversion)
        else:
            self.construct(obj, args, node)
        return obj

    def construct(self, obj: UserObject, args: list[Any], node: Any) -> None:
        ctors = [m for m in self.defn.methods if m.return_type is None and not m.static]
        fitting = [m for m in ctors if len(m.params) == len(args)]
        ctor = script_overloads.choose(self.engine, "new", fitting, args) if fitting else None
        if ctor is None:
            if ctors or args:
                raise no_overload("new", len(args))
            self.construct_base(obj, [], node)
            return
        self.call(ctor, obj, args, node=node)

    def construct_base(self, obj: UserObject, args: list[Any], node: Any) -> None:
        """``: base(args)`` (or the implicit ``: base()``): the script base class's constructor, or the .NET base's."""
        if self.base is not None:
            self.base.construct(obj, args, node)
        elif self.dotnet_base is not None:
            exception_base.construct(obj, self.dotnet_base, args)
        elif args:
            raise no_overload("new", len(args))

    def call(self, m: S.MethodDef, this: Any, args: list[Any], node: Any = None) -> Any:
        """Run a method or constructor; its return value (converted to its return type)."""
        from labkit.twin.interpreter import Scope, _Return

        engine = self.engine
        saved = engine.scope
        callable_here = function_scopes.visible(engine)   # the functions of the call's scope stay callable
        # inside its methods a class's name means that class, wherever the object went (lexical type names)
        own_key = self.name.lower()
        own_before = engine.user_types.get(own_key)
        engine.user_types[own_key] = self
        # a method runs in a new scope of the session's current one: preference variables the caller set
        # ($VerbosePreference: about_Classes_Constructors' verbose messages) reach the cmdlets it calls; its own
        # variable reads are local ones (labkit.twin.method_checks: VariableNotLocal)
        engine.scope = Scope(saved)
        engine.scope.functions = callable_here
        try:
            if this is not None:
                engine.scope.vars["this"] = this
            for p, a in zip(m.params, args):
                engine.scope.vars[p.name.lower()] = _typed(engine, p.type_name, a, False)
            if m.return_type is None and this is not None:
                self.construct_base(this, [engine.eval(a) for a in m.base_args] if m.base_args is not None else [], node)
            out: list[Any] = []
            value: Any = None
            try:
                engine.nested_call(node, engine.exec_script_body, m.body, out, None)
            except _Return as r:
                value = r.value[0] if len(r.value) == 1 else (r.value or None)
            if m.return_type is None:
                return None
            if m.return_type.lower() == "void":
                from labkit.twin.members import VOID
                return VOID       # a [void] method writes nothing, not $null (the statement's $null would be output)
            return _typed(engine, m.return_type, value, False)
        finally:
            engine.scope = saved
            if engine.user_types.get(own_key) is self:
                if own_before is None:
                    engine.user_types.pop(own_key, None)
                else:
                    engine.user_types[own_key] = own_before


def when_setting(name: str, reason: str, inner: str = "System.Management.Automation.PSInvalidCastException") -> PSRuntimeError:
    """The setter failed: SetValueInvocationException, ExceptionWhenSetting (about_Classes_Properties shows it for a
    validation attribute: "NotSpecified: (:) [], SetValueInvocationException"), the setter's own exception inside it
    (a hashtable conversion reports that one's message: labkit.twin.hashtable_conversion)."""
    e = PSRuntimeError(f'Exception setting "{name}": "{reason}"', "NotSpecified", "ExceptionWhenSetting")
    e.exception_type = "System.Management.Automation.SetValueInvocationException"     # type: ignore[attr-defined]
    e.inner_exception = inner                                                          # type: ignore[attr-defined]
    e.inner_message = reason                                                           # type: ignore[attr-defined]
    return e


def no_overload(name: str, argc: int) -> PSRuntimeError:
    """No method or constructor of that name takes ``argc`` arguments: a MethodException (about_Classes_Constructors
    shows it: "NotSpecified: (:) [], MethodException", MethodCountCouldNotFindBest)."""
    e = PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "{argc}".', "NotSpecified",
                       "MethodCountCouldNotFindBest")
    e.exception_type = "System.Management.Automation.MethodException"     # type: ignore[attr-defined]
    return e


def _typed(engine: "Interpreter", type_name: str | None, value: Any, default: bool) -> Any:
    if type_name is None:
        return value
    _, is_array = canonical_type(type_name)
    if default and value is None:
        ut = engine.user_types.get(type_name.strip().lower())
        if isinstance(ut, EnumType):
            return ut.from_int(0)          # an enum is a value type: its default is 0 (about_Enum)
        return None if is_array else _value_default(type_name)
    return convert_to(engine, type_name, value)


def _value_default(type_name: str) -> Any:
    """A typed property's value before anything is assigned: null for a reference type, the value type's default
    (0, $false, [char]0, DateTime.MinValue, TimeSpan.Zero, Guid.Empty, an enum's 0) otherwise (about_Classes_Properties:
    "Default property values")."""
    from datetime import datetime

    from labkit.twin.casts import cast
    from labkit.twin.types import resolve

    t = resolve(type_name)
    if t is None or t.element is not None or "System.ValueType" not in t.lineage():
        return None
    if t.full_name == "System.DateTime":
        return datetime(1, 1, 1)
    try:
        return cast("00000000-0000-0000-0000-000000000000" if t.full_name == "System.Guid" else 0, t)
    except PSRuntimeError:
        raise UnsupportedConstruct(f"the default value of a [{type_name}] property", 0) from None


def convert_to(engine: "Interpreter", type_name: str, value: Any) -> Any:
    """``[type]value`` where the type may be one the script defined."""
    ut = engine.user_types.get(type_name.strip().lower()) if engine.user_types else None
    if ut is None:
        from labkit.twin.casts import cast
        from labkit.twin.types import resolve

        t = resolve(type_name) if engine.user_types else None
        if t is not None and _names_user_type(engine, t):
            return cast(value, t)      # [C[]], [List[C]]: a composite of a script's type
        return convert(value, type_name)
    if isinstance(ut, EnumType):
        return ut.convert(value)
    if isinstance(value, UserObject) and ut.name in value.type_names:
        return value
    if value is None:
        return None
    if isinstance(value, PSHashtable) or (isinstance(value, PSObject) and not isinstance(value, UserObject)):
        # [C]@{Prop = value}: a constructor taking the dictionary, else the default one and the properties
        from labkit.twin.hashtable_conversion import from_dictionary
        return from_dictionary(ut, value)
    if _constructor_for(ut, value) is not None:
        return ut.new([value], None)
    # LanguagePrimitives.FigureConstructorConversion finds a constructor whose one parameter takes the value's
    # type (Type.GetConstructor); without one, the conversion fails (ExtendedTypeSystem.InvalidCastException)
    from labkit.twin.types import value_type
    raise PSRuntimeError(f'Cannot convert the "{to_string(value)}" value of type "{value_type(value).display_full_name}" '
                         f'to type "{ut.name}".', "InvalidArgument", "ConvertToFinalInvalidCastException")


def _constructor_for(ut: "ClassType", value: Any) -> "S.MethodDef | None":
    from labkit.twin.types import is_instance, resolve

    for m in ut.defn.methods:
        if m.return_type is None and not m.static and len(m.params) == 1:
            tn = m.params[0].type_name
            if tn is None or tn.strip().lower() in ("object", "system.object", "psobject"):
                return m
            t = resolve(tn)
            if t is not None and is_instance(value, t):
                return m
    return None


def _names_user_type(engine: "Interpreter", t: Any) -> bool:
    if t.element is not None:
        return _names_user_type(engine, t.element)
    return t.full_name.lower() in engine.user_types or any(_names_user_type(engine, a) for a in t.args)


def _assigned(engine: "Interpreter", type_name: str | None, name: str, value: Any) -> Any:
    """The value an assignment stores in a typed property; a value that does not convert is the setter's exception,
    SetValueInvocationException "Exception setting ..." (ExtendedTypeSystem.ExceptionWhenSetting; PowerShell's
    Scripting.Classes inheritance tests: `[A]::b = "bla"` fails with that error ID)."""
    try:
        return _typed(engine, type_name, value, False)
    except PSRuntimeError as e:
        raise when_setting(name, str(e)) from None


def set_property(obj: UserObject, name: str, value: Any) -> None:
    p = obj.cls.prop_def(name)
    if p is None and obj.cls.dotnet_base is not None and obj.has(name):
        exception_base.set_inherited(obj, name, value)
        return
    if p is None:
        raise PSRuntimeError(f"The property '{name}' cannot be found on this object. Verify that the property exists "
                             "and can be set.", "InvalidOperation", "PropertyNotFound")
    value = _assigned(obj.cls.engine, p.type_name, p.name, value)
    _validate(obj.cls.engine, p, value)
    obj.set(p.name, value)


def _validate(engine: "Interpreter", p: S.PropDef, value: Any) -> None:
    """The property's validation attributes, on an assignment to it (instance or static): ExceptionWhenSetting."""
    from labkit.twin.binding import BindingError

    holder = S.Param(p.name)
    for kind, vals in p.validate:
        try:
            engine.validate(holder, kind, vals, value, True)
        except BindingError as e:
            reason = str(e).split(". ", 1)[1] if ". " in str(e) else str(e)
            raise when_setting(p.name, reason, "System.Management.Automation.ValidationMetadataException") from None


def define(engine: "Interpreter", st: Any) -> None:
    key = st.name.lower()
    existing = engine.user_types.get(key)
    if existing is not None and existing.defn is st:
        return
    if type(st) is S.EnumDef:
        engine.user_types[key] = EnumType(engine, st)
        return
    try:
        bases = class_bases.resolve_bases(engine, st, engine.user_types)
    except PSParseError as e:
        raise class_bases.parse_failure(engine, e, st) from None
    engine.user_types[key] = ClassType(engine, st, bases.script_base, bases)


def define_nested(engine: "Interpreter", st: Any) -> None:
    """A class or enum statement run inside a function or script block: 5.1 resolves type names lexically, so the
    type is that body's; when the call ends, the name means again what it meant outside (PowerShell's BasicParsing
    "Scoped Types" tests: a class C1 inside a filter does not replace the script's C1)."""
    key = st.name.lower()
    before = engine.user_types.get(key)
    define(engine, st)
    if engine.call_depth > 0 and engine.user_types.get(key) is not before:
        engine.type_undo.append((key, before))


def undo_types(engine: "Interpreter", mark: int) -> None:
    while len(engine.type_undo) > mark:
        key, before = engine.type_undo.pop()
        if before is None:
            engine.user_types.pop(key, None)
        else:
            engine.user_types[key] = before


def hoist(engine: "Interpreter", script: S.Script) -> None:
    """Define the script's enums and classes before it runs (PowerShell defines them at parse time), after the
    modules its ``using module`` statements name (labkit.twin.using_module)."""
    if script.modules:
        from labkit.twin.using_module import load
        load(engine, script)
    for blk in (script.body, script.begin, script.process, script.end):
        if blk is None:
            continue
        for st in blk.statements:
            if type(st) is S.EnumDef or type(st) is S.ClassDef:
                define(engine, st)
    for blk in (script.body, script.begin, script.process, script.end):
        for st in (blk.statements if blk is not None else []):
            if type(st) is S.EnumDef:
                _enum_values_now(engine, st)


def _enum_values_now(engine: "Interpreter", st: S.EnumDef) -> None:
    """5.1 computes an enum's values when it defines the type, before the script runs: a value it cannot take is a
    parse error then, not at the enum's first use."""
    ut = engine.user_types.get(st.name.lower())
    if not isinstance(ut, EnumType) or ut.defn is not st:
        return
    from labkit.twin.interpreter import PSError
    try:
        ut.members
    except PSRuntimeError as e:
        raise class_bases.parse_failure(engine, PSParseError(str(e), st.line, st.col, e.error_id), st) from None
    except PSError as e:
        raise class_bases.parse_failure(engine, PSParseError(e.info.message, st.line, st.col, e.info.error_id), st) from None


def instance_member(obj: "UserObject", name: str, line: int) -> None:
    """Refuse ``$obj.Method`` read as a value (a PSMethod with its OverloadDefinitions), which the twin does not model."""
    if not obj.has(name) and obj.cls.has_method(name, static=False):
        raise UnsupportedConstruct(f"the method {obj.cls.name}.{name} as a value (without calling it)", line)


def static_target(engine: "Interpreter", node: Any) -> "ClassType | EnumType | None":
    """The script type left of ``::``: ``[C]``, or a variable holding the type (``$t = [C]``) or an instance
    (``$this::Count``, about_Classes: static members are reached through the type of an instance too)."""
    if type(node) is S.TypeLit:
        return engine.user_types.get(node.name.strip().lower())
    if type(node) is not S.Var:
        return None
    value = engine.eval(node)
    if isinstance(value, UserObject):
        return value.cls
    if isinstance(value, PSType) or isinstance(value, PSEnum):
        found = engine.user_types.get((value.full_name if isinstance(value, PSType) else value.type_name).lower())
        return found if isinstance(found, (ClassType, EnumType)) else None
    return None


def static_member(engine: "Interpreter", ut: Any, name: str, line: int) -> Any:
    if isinstance(ut, EnumType):
        m = ut.member(name)
        if m is None:
            return None      # as PowerShell: an unknown static member is $null
        return m
    return ut.get_static(name, line)


def static_call(engine: "Interpreter", ut: Any, name: str, args: list[Any], node: Any) -> Any:
    low = name.lower()
    if isinstance(ut, EnumType):
        r = enum_static(engine, name, args)      # [Season]::IsDefined([Season], 1): System.Enum's statics
        if r is not MISSING_METHOD:
            return r
    if isinstance(ut, ClassType):
        if low == "new":
            return ut.new(args, node)
        m = ut.find_method(name, len(args), static=True, args=args)
        if m is not None:
            for c in ut.chain():
                c.ready_statics()
            return ut.call(m, None, args, node)
    raise PSRuntimeError(f"Method invocation failed because [{ut.name}] does not contain a method named '{name}'.",
                         "InvalidOperation", "MethodNotFound")


def cast_class(engine: "Interpreter", expr: Any) -> "ClassType | None":
    """The script class of ``([Base]$this)`` when ``expr`` is such a cast (parentheses unwrapped), else None."""
    while type(expr) is S.Paren and len(getattr(expr.pipeline, "stages", [])) == 1:
        expr = expr.pipeline.stages[0]
    if type(expr) is not S.Cast:
        return None
    ut = engine.user_types.get(expr.type_name.strip().lower())
    return ut if isinstance(ut, ClassType) else None


def instance_call(engine: "Interpreter", obj: Any, name: str, args: list[Any], node: Any,
                  as_class: "ClassType | None" = None) -> Any:
    """``obj.name(args)``; ``as_class``: the object was cast to a base class, ``([Base]$this).M()``, which
    calls the base class's method, not the override (about_Classes_Inheritance: "To call the base class
    method for an instance, cast the instance variable ($this) to the base class")."""
    if isinstance(obj, PSEnum):
        ut = engine.user_types.get(obj.type_name.lower())
        if not isinstance(ut, EnumType):
            return MISSING_METHOD
        low = name.lower()
        if low == "hasflag" and len(args) == 1:
            flag = ut.convert(args[0]).value
            return (obj.value & flag) == flag
        if low == "tostring" and len(args) == 1:
            return ut.format(obj, to_string(args[0]))
        return MISSING_METHOD
    cls = as_class if as_class is not None and as_class.name in obj.type_names else obj.cls
    m = cls.find_method(name, len(args), static=False, args=args)
    if m is None:
        if cls.has_method(name, static=False):
            raise no_overload(name, len(args))
        return MISSING_METHOD
    return _owner(cls, m).call(m, obj, args, node)


def _owner(cls: "ClassType", m: S.MethodDef) -> "ClassType":
    """The class in ``cls``'s chain that defines ``m`` (its base class is the one `: base()` means)."""
    c: ClassType | None = cls
    while c is not None:
        if m in c.defn.methods:
            return c
        c = c.base
    return cls


MISSING_METHOD = object()


def enum_static(engine: "Interpreter", name: str, args: list[Any]) -> Any:
    """[enum]::GetNames / GetValues / Parse / IsDefined of a script enum, else MISSING_METHOD."""
    if not args or not engine.user_types:
        return MISSING_METHOD
    target = args[0]
    tname = to_string(target.get("Name")) if isinstance(target, PSObject) else to_string(target)
    ut = engine.user_types.get(tname.lower())
    if not isinstance(ut, EnumType):
        return MISSING_METHOD
    low = name.lower()
    if low == "getnames":
        return [m.name for m in ut.members]
    if low == "getvalues":
        return list(ut.members)
    if low == "parse" and len(args) >= 2:
        return ut.convert(to_string(args[1]))
    if low == "isdefined" and len(args) == 2:
        v = args[1]
        return (ut.member(v) is not None) if isinstance(v, str) else any(m.value == to_number(v) for m in ut.members)
    if low == "format" and len(args) == 3:
        return ut.format(ut.convert(args[1]), to_string(args[2]))
    if low == "getname" and len(args) == 2:
        return ut.type_method("GetEnumName", [args[1]])
    if low == "toobject" and len(args) == 2:
        return ut.convert(args[1])
    if low == "getunderlyingtype" and len(args) == 1:
        return PSType("System.Int32")
    return MISSING_METHOD


def enum_arithmetic(engine: "Interpreter", left: Any, result: Any) -> Any:
    """``[E]::A + [E]::B`` is an [E] again (.NET enum arithmetic), for script enums."""
    ut = engine.user_types.get(left.type_name.lower())
    if isinstance(ut, EnumType) and isinstance(result, int) and not isinstance(result, bool):
        return ut.from_int(result)
    return result
