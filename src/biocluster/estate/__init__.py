"""Real estate."""
