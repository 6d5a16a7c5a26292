"""WinRM credentials: from the environment or the system keyring, never from a
lab file or a papermill parameter (papermill writes parameters into the
executed notebook).

Lookup order:

1. ``LABKIT_WINRM_USER`` and ``LABKIT_WINRM_PASSWORD`` both set: use them.
2. ``LABKIT_WINRM_USER`` set, no password: ``keyring.get_password("labkit", user)``.
3. neither: ``keyring.get_credential("labkit", None)`` (backends that can list
   a credential for a service give user and password together).

The password is held in a :class:`Secret`, whose ``repr``/``str`` never show
it; only :meth:`Secret.reveal` gives it, for the one call that needs it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV_USER = "LABKIT_WINRM_USER"
ENV_PASSWORD = "LABKIT_WINRM_PASSWORD"
KEYRING_SERVICE = "labkit"


class Secret:
    """A string that does not show itself in reprs, logs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self):  # never pickled into a notebook or a cache
        raise TypeError("a Secret cannot be pickled")


@dataclass(frozen=True)
class Credentials:
    """A user name (``DOMAIN\\user``, ``user@domain`` or ``user``) and its password."""

    username: str
    password: Secret

    def __repr__(self) -> str:
        return f"Credentials(username={self.username!r}, password=********)"

    __str__ = __repr__


class CredentialsMissing(RuntimeError):
    """No WinRM credentials in the environment nor in the keyring."""


def _keyring():  # imported lazily: keyring probes its backends at import
    import keyring

    return keyring


def winrm_credentials(environ: dict[str, str] | None = None) -> Credentials:
    """The credentials the winrm backend (and ``labkit twin serve``) use."""
    env = os.environ if environ is None else environ
    user = env.get(ENV_USER) or None
    password = env.get(ENV_PASSWORD)
    if user and password is not None and password != "":
        return Credentials(user, Secret(password))
    if password and not user:
        raise CredentialsMissing(f"{ENV_PASSWORD} is set but {ENV_USER} is not; set both (user as DOMAIN\\user or user)")
    how = (f"set {ENV_USER} and {ENV_PASSWORD} in the environment, or store the password in the system keyring "
           f"with: keyring set {KEYRING_SERVICE} <user> (and set {ENV_USER})")
    try:
        kr = _keyring()
        if user:
            stored = kr.get_password(KEYRING_SERVICE, user)
            if stored:
                return Credentials(user, Secret(stored))
        else:
            cred = kr.get_credential(KEYRING_SERVICE, None)
            if cred is not None and cred.username and cred.password:
                return Credentials(cred.username, Secret(cred.password))
    except Exception as e:  # no usable keyring backend: say so, without details that could hold a secret
        raise CredentialsMissing(f"no WinRM credentials: the keyring is not usable ({type(e).__name__}); {how}") from None
    who = f"for user {user!r} " if user else ""
    raise CredentialsMissing(f"no WinRM credentials {who}in the environment or the keyring (service {KEYRING_SERVICE!r}); {how}")
