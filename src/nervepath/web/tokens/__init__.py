"""Personal API tokens: the stored (hashed) form; issuing and checking them is in ``accounts/tokens.py``."""
