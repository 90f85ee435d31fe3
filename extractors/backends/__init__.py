"""Backends open files and turn pages into words and rulings."""
