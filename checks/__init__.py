"""Checks against a live server, outside the unit test suite: fuzzing and real browsers."""
