"""International cooperation: models."""
