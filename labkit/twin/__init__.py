"""The twin: a digital twin of the Windows lab that runs the same PowerShell
text labkit sends to real servers (parser, interpreter, emulated cmdlets,
world model, durable store, lab clock, faults)."""
