"""labkit: runbooks, a digital twin and real-lab tooling for a Hyper-V
failover cluster on iSCSI shared storage with CSV and live migration."""

__version__ = "0.1.0"
