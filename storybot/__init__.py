"""storybot: the command line, and the wiring that joins the core (``retrieval``) to the Discord edge."""

__version__ = "0.1.0"
