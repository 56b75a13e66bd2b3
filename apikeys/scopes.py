"""The scopes the platform knows (contract section 3)."""

MILESTONES_READ = "milestones:read"

KNOWN_SCOPES: tuple[str, ...] = (
    "goals:read",
    "goals:write",
    MILESTONES_READ,
    "milestones:write",
    "user:read",
    "posts:read",
    "posts:write",
    "supports:read",
)
