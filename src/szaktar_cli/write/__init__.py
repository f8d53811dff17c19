"""Writing the user's files: validated first, under a lock, replaced atomically."""
