"""Answer quality with the real local model on the shared evaluation sets."""
