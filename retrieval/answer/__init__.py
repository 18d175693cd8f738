"""Turning retrieved passages into answers and summaries."""
