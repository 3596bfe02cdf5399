"""Clearway declaration service: lodges, validates and tracks export declarations."""
