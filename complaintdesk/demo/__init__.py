"""Demo data: two organisations, their staff and ~300 complaints written through the services."""
