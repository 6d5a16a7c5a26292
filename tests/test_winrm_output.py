"""Parsing what powershell.exe sends back over WinRM, and where credentials come from."""

from __future__ import annotations

import base64
import pickle

import pytest

from labkit.backends import credentials as cred_mod
from labkit.backends.credentials import Credentials, CredentialsMissing, Secret, winrm_credentials
from labkit.backends.winrm import decode_clixml_text, encoded_command, parse_clixml_errors, split_stdout
from labkit.twin.serve import OutcomeError, clixml
from labkit.twin.serve.server import render, script_of

# What Windows PowerShell 5.1 wrote for `fake cmdlet` (from pywinrm's test suite): two progress
# records, then one error record wrapped at the console width.
WINDOWS_STDERR = (
    '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj><Obj S="progress" RefId="1"><TNRef RefId="0" /><MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>'
    "<S S=\"Error\">fake : The term 'fake' is not recognized as the name of a cmdlet, function, script file, or operable program. Check _x000D__x000A_</S>"
    '<S S="Error">the spelling of the name, or if a path was included, verify that the path is correct and try again._x000D__x000A_</S>'
    '<S S="Error">At line:1 char:1_x000D__x000A_</S><S S="Error">+ fake cmdlet_x000D__x000A_</S><S S="Error">+ ~~~~_x000D__x000A_</S>'
    '<S S="Error">    + CategoryInfo          : ObjectNotFound: (fake:String) [], CommandNotFoundException_x000D__x000A_</S>'
    '<S S="Error">    + FullyQualifiedErrorId : CommandNotFoundException_x000D__x000A_</S><S S="Error"> _x000D__x000A_</S></Objs>'
)


def test_windows_error_record_becomes_one_message():
    assert parse_clixml_errors(WINDOWS_STDERR) == [
        "fake : The term 'fake' is not recognized as the name of a cmdlet, function, script file, or operable program. Check\n"
        "the spelling of the name, or if a path was included, verify that the path is correct and try again."
    ]


def test_progress_only_is_no_error():
    progress_only = WINDOWS_STDERR[: WINDOWS_STDERR.index("<S S=")] + "</Objs>"
    assert parse_clixml_errors(progress_only) == []


def test_plain_stderr_lines_are_errors():
    assert parse_clixml_errors("'ipconfig2' is not recognized\r\n\r\nsecond\r\n") == ["'ipconfig2' is not recognized", "second"]


def test_broken_clixml_falls_back_to_text():
    assert parse_clixml_errors("#< CLIXML\r\n<in >dasf<?dsfij>") == ["<in >dasf<?dsfij>"]


def test_escapes_round_trip():
    text = "a_x000D_b\tc_x0041_d\n"
    assert decode_clixml_text(clixml.encode_text(text)) == text


def test_server_rendering_parses_back_to_the_messages():
    errors = [OutcomeError("first: it's <bad> & \"odd\"", "InvalidData", "E1", "t", 2),
              OutcomeError("multi\nline", script_line=None), OutcomeError("_x0041_ literal")]
    stderr = clixml.render(errors, "line one\nline two")
    assert stderr.startswith("#< CLIXML\r\n<Objs ")
    assert "At line:2 char:1" in decode_clixml_text(stderr) and "+ line two" in decode_clixml_text(stderr)
    assert parse_clixml_errors(stderr) == ["first: it's <bad> & \"odd\"", "multi\nline", "_x0041_ literal"]


def test_stdout_warnings_and_output():
    out, warns = split_stdout("WARNING: one\r\n{\r\n  \"a\": 1\r\n}\r\nWARNING: two\r\n")
    assert out == '{\n  "a": 1\n}' and warns == ["one", "two"]


def test_render_shapes_stdout_like_powershell():
    class R:
        ok, text, warnings, errors = True, "line1\nline2", ["w"], []
    out, err, code = render(R(), "")
    assert out == "WARNING: w\r\nline1\r\nline2\r\n" and code == 0 and "S=\"Error\"" not in err


def test_encoded_command_round_trips_through_the_server_parser():
    script = "& {\nparam($N)\n'é ✓ ' + $N\n} -N 'x'"
    cmd = encoded_command(script)
    assert cmd.startswith("powershell -NoProfile -NonInteractive -EncodedCommand ")
    assert base64.b64decode(cmd.split()[-1]).decode("utf-16-le") == script
    assert script_of(cmd) == script


# -- credentials ----------------------------------------------------------------

class FakeKeyring:
    def __init__(self, store: dict[tuple[str, str], str]):
        self.store = store

    def get_password(self, service, user):
        return self.store.get((service, user))

    def get_credential(self, service, user):
        for (s, u), p in self.store.items():
            if s == service:
                return type("Cred", (), {"username": u, "password": p})()
        return None


def test_environment_first():
    c = winrm_credentials({"LABKIT_WINRM_USER": "LAB\\admin", "LABKIT_WINRM_PASSWORD": "pw-from-env"})
    assert c.username == "LAB\\admin" and c.password.reveal() == "pw-from-env"
    assert "pw-from-env" not in repr(c) + str(c) + repr(c.password) + f"{c.password}"


def test_keyring_with_user(monkeypatch):
    monkeypatch.setattr(cred_mod, "_keyring", lambda: FakeKeyring({("labkit", "LAB\\admin"): "pw-from-keyring"}))
    c = winrm_credentials({"LABKIT_WINRM_USER": "LAB\\admin"})
    assert c.password.reveal() == "pw-from-keyring"


def test_keyring_credential_without_user(monkeypatch):
    monkeypatch.setattr(cred_mod, "_keyring", lambda: FakeKeyring({("labkit", "ops"): "pw2"}))
    c = winrm_credentials({})
    assert (c.username, c.password.reveal()) == ("ops", "pw2")


def test_missing_everywhere(monkeypatch):
    monkeypatch.setattr(cred_mod, "_keyring", lambda: FakeKeyring({}))
    with pytest.raises(CredentialsMissing, match="LABKIT_WINRM_USER and LABKIT_WINRM_PASSWORD"):
        winrm_credentials({})
    with pytest.raises(CredentialsMissing, match="for user 'bob'"):
        winrm_credentials({"LABKIT_WINRM_USER": "bob"})
    with pytest.raises(CredentialsMissing, match="LABKIT_WINRM_USER is not"):
        winrm_credentials({"LABKIT_WINRM_PASSWORD": "x"})


def test_broken_keyring_does_not_leak(monkeypatch):
    def broken():
        raise RuntimeError("backend exploded with secret-ish details")
    monkeypatch.setattr(cred_mod, "_keyring", broken)
    with pytest.raises(CredentialsMissing) as e:
        winrm_credentials({})
    assert "exploded" not in str(e.value) and "RuntimeError" in str(e.value)


def test_secret_is_not_picklable():
    with pytest.raises(TypeError):
        pickle.dumps(Credentials("u", Secret("p")))
