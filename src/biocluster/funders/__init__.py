"""Funder contracts."""
