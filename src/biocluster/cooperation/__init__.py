"""International cooperation."""
