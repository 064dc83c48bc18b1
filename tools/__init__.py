"""Developer scripts (guide screenshots); not part of the shipped engine."""
