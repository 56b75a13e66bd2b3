"""Personal API keys: format, storage, authentication, scopes, rate limits."""
