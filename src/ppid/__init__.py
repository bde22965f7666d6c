"""PPID: public-information management for Indonesian public bodies (UU 14/2008)."""

__version__ = "0.1.0"
