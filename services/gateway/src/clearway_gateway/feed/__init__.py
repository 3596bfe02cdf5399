"""The event feed: each declarant's own events, in one order, resumable from any cursor."""
