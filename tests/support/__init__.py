"""Shared test helpers: certificate factory (`certs`) and loopback servers (`servers`)."""
