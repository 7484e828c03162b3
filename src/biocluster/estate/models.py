"""Real estate: models."""
