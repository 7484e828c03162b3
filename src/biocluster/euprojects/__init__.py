"""EU and international projects."""
