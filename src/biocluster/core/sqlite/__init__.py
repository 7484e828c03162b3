"""The SQLite database backend of the project (`ENGINE = "biocluster.core.sqlite"`)."""
