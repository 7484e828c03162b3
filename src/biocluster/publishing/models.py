"""Published figures and reports: models."""
