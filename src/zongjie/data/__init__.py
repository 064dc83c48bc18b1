"""Data layer: typed models, YAML reading with line numbers, and the validated ``Content``."""
