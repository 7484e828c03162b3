"""Funder contracts: models."""
