"""The search panel, its results model, and the searches run on workers."""
