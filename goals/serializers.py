"""The milestone object on the wire: exactly the contract's keys, in the contract's order."""

from goals.selectors import MilestoneRow
from strive.api.timestamps import format_timestamp
from strive.sql import as_datetime


def milestone_json(row: MilestoneRow) -> dict:
    """A plain dict for the renderer; a DRF serializer costs ~10x more per object here."""
    return {
        "id": row.id,
        "description": row.description,
        "status": row.status,
        "order": row.order,
        "deadline": format_timestamp(as_datetime(row.deadline)),
        "createdAt": format_timestamp(as_datetime(row.created_at)),
        "updatedAt": format_timestamp(as_datetime(row.updated_at)),
    }
