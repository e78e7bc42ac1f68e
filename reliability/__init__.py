"""Fault, load, fuzz and security checks for the portal; each prints its figures.

Run them all with `make reliability`; see docs/reliability.md.
"""
