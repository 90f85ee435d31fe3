"""Mappers: typed tables and narrative sentences -> readings (path, value, source)."""
