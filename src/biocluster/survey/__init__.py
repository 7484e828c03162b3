"""The annual company survey."""
