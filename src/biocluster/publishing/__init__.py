"""Published figures and reports."""
