"""SimCord tests: the real bot (real discord.py) against a simulated Discord; fixtures in conftest.py."""
