"""EU and international projects: models."""
