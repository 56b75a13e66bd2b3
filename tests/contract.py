"""The contract's own example, written out: what the API must reproduce byte for byte."""

PUBLIC_EXAMPLE = {
    "data": [
        {
            "id": "ms001",
            "description": "Complete first 5K run",
            "status": "succeeded",
            "order": 0,
            "deadline": "2026-03-31T00:00:00.000Z",
            "createdAt": "2026-01-15T10:30:00.000Z",
            "updatedAt": "2026-02-10T08:00:00.000Z",
        },
        {
            "id": "ms002",
            "description": "Run a half marathon",
            "status": "pending",
            "order": 1,
            "deadline": "2026-06-30T00:00:00.000Z",
            "createdAt": "2026-01-15T10:35:00.000Z",
            "updatedAt": "2026-01-15T10:35:00.000Z",
        },
    ]
}
