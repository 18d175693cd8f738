"""Helpers for the tests (not tests themselves): paths, scripted chat models, servers and processes."""
