"""The annual company survey: models."""
