"""Classes from other files: ``using module`` and dot-sourcing, when the twin's file system has the files.

about_Using (5.1): "The using module statement imports classes and enumerations from the root module ... A relative
path resolves relative to the script that has the using statement ... When <module-name> is a name ... PowerShell
searches the PSModulePath".
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_using?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import out, ps

CARDS = r"""
New-Item -ItemType Directory C:\lib\Cards -Force | Out-Null
Set-Content C:\lib\Cards\Cards.psm1 -Value @'
enum Suit { Hearts; Spades }
class Card {
  [Suit]$Suit; [int]$Rank
  Card([Suit]$s, [int]$r) { $this.Suit = $s; $this.Rank = $r }
  [string] ToString() { return "$($this.Rank) of $($this.Suit)" } }
function New-Card([int]$r) { [Card]::new('Spades', $r) }
function Get-Helper { 'internal' }
Export-ModuleMember -Function New-Card
'@
"""


def test_using_module_by_relative_path_gives_classes_enums_and_exported_functions(st):
    script = CARDS + r"""
Set-Content C:\lib\game.ps1 -Value @'
using module .\Cards
class Ace : Card { Ace() : base('Hearts', 1) { } }
"$([Card]::new('Hearts', 10))"; "$(New-Card 3)"; "$([Ace]::new())"; [Suit]::Spades.value__
@(Get-Command Get-Helper -ErrorAction SilentlyContinue).Count
'@
& C:\lib\game.ps1"""
    assert out(st, script) == ["10 of Hearts", "3 of Spades", "1 of Hearts", 1, 0]


def test_using_module_by_name_searches_psmodulepath(st):
    script = r"""
New-Item -ItemType Directory 'C:\Program Files\WindowsPowerShell\Modules\Shapes' -Force | Out-Null
Set-Content 'C:\Program Files\WindowsPowerShell\Modules\Shapes\Shapes.psm1' -Value 'class Circle { [double]$R = 1.5 }'
Set-Content C:\use-shapes.ps1 -Value "using module Shapes`n[Circle]::new().R"
& C:\use-shapes.ps1"""
    assert out(st, script) == [1.5]


def test_a_module_that_is_not_there_is_5_1_parse_error(st):
    r = ps(st, "Set-Content C:\\nomod.ps1 -Value \"using module NoSuchModule`n'ran'\"\n& C:\\nomod.ps1\n'caller goes on'")
    assert r.output == ["caller goes on"]
    assert r.errors[0].error_id == "ModuleNotFoundDuringParse"
    assert "Could not find the module 'NoSuchModule'." in r.errors[0].message


def test_a_module_with_its_own_scope_is_refused(st):
    script = r"""
Set-Content C:\counter.psm1 -Value "`$script:count = 0`nclass Counter { }"
Set-Content C:\use-counter.ps1 -Value "using module .\counter.psm1`n'ran'"
& C:\use-counter.ps1"""
    r = ps(st, script)
    assert not r.ok and "a module that runs statements when it loads" in r.error_text and "not emulated by the twin" in r.error_text


def test_manifests_are_refused(st):
    script = r"""
New-Item -ItemType Directory C:\lib\M -Force | Out-Null
Set-Content C:\lib\M\M.psd1 -Value "@{ RootModule = 'M.psm1' }"
Set-Content C:\lib\M\M.psm1 -Value 'class Thing { }'
Set-Content C:\lib\use-m.ps1 -Value "using module .\M`n'ran'"
& C:\lib\use-m.ps1"""
    r = ps(st, script)
    assert not r.ok and "module manifest (.psd1) is not emulated by the twin" in r.error_text


def test_dot_sourced_file_defines_classes_for_the_caller(st):
    script = r"""
Set-Content C:\shapes.ps1 -Value 'class Square { [int]$Side = 2; [int] Area() { return $this.Side * $this.Side } }'
. C:\shapes.ps1
[Square]::new().Area()"""
    assert out(st, script) == [4]


def test_scriptblock_create_does_using_module_when_it_parses(st):
    # about_Using: a relative path without a script file resolves from the current location
    script = r"""
New-Item -ItemType Directory C:\T\modules\FooForPaths -Force | Out-Null
Set-Content C:\T\modules\FooForPaths\FooForPaths.psm1 -Value 'class Foo { [string] GetModuleName() { return "FooForPaths" } }'
try { [scriptblock]::Create("using module .\FooForPaths`n[Foo]::new()") }
catch { $_.FullyQualifiedErrorId; $_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId }
Set-Location C:\T\modules
[scriptblock]::Create("using module .\FooForPaths`n[Foo]::new()").Invoke().GetModuleName()"""
    # a parse error of the text: MethodInvocationException around the ParseException, whose record's ID is the error's
    assert out(st, script) == ["ParseException", "ModuleNotFoundDuringParse", "FooForPaths"]


def test_using_module_sees_psmodulepath_as_the_session_set_it(st):
    script = r"""
New-Item -ItemType Directory C:\TD\modules\Foo -Force | Out-Null
Set-Content C:\TD\modules\Foo\Foo.psm1 -Value 'class Foo { [string] GetModuleName() { return "Foo" } }'
$env:PSModulePath += "$([System.IO.Path]::PathSeparator)C:\TD\modules"
[scriptblock]::Create("using module Foo`n[Foo]::new().GetModuleName()").Invoke()"""
    assert out(st, script) == ["Foo"]


def test_a_class_defined_in_a_function_is_that_function_s(st):
    # 5.1 resolves type names lexically: a C1 inside a filter does not replace the script's C1 (PowerShell's
    # BasicParsing "Scoped Types" cases); an object that leaves the function still reaches its own class
    script = """
class C1 { [string] GetContext() { return 'Test scope' } }
filter f1 { class C1 { [string] GetContext() { return 'f1 scope' } }; return [C1]::new().GetContext() }
f1; [C1]::new().GetContext(); (New-Object C1).GetContext()
function mk { class Inner { static [int]$N = 4; [int] Get() { return [Inner]::N } }; [Inner]::new() }
$o = mk; $o.Get()
try { [Inner]::new() } catch { $_.FullyQualifiedErrorId }"""
    assert out(st, script) == ["f1 scope", "Test scope", "Test scope", 4, "TypeNotFound"]
