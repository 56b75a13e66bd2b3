"""`make fuzz`: schemathesis against gunicorn serving seeded data."""
