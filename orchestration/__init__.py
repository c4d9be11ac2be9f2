"""The Dagster code location: `dagster dev -m orchestration.definitions`."""
