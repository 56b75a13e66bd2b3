"""Plumbing every API endpoint shares: envelope, errors, timestamps, check order."""
