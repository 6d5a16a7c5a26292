"""Backends run labkit's PowerShell steps on lab hosts: the twin or real
Windows over WinRM, behind one interface (:mod:`labkit.backends.base`)."""
