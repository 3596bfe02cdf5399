"""Webhooks: each declarant's subscriptions, and signed deliveries of its feed's events."""
