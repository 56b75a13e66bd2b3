"""The milestone object on the wire: exactly the contract's keys, in the contract's order."""

from goals.selectors import MilestoneRow
from strive.sql import as_wire_timestamp


def milestone_json(row: MilestoneRow) -> dict:
    """A plain dict for the renderer; a DRF serializer costs ~10x more per object here."""
    return {
        "id": row.id,
        "description": row.description,
        "status": row.status,
        "order": row.order,
        "deadline": as_wire_timestamp(row.deadline),
        "createdAt": as_wire_timestamp(row.created_at),
        "updatedAt": as_wire_timestamp(row.updated_at),
    }
