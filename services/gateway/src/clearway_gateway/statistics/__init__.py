"""The statistics read model: what crossed the border, by day, office, lane and vehicle."""
