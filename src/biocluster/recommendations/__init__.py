"""Partner recommendation."""
