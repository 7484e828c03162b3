"""Partner recommendation: models."""
