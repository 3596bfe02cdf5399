"""What follows from the declaration service's events: keep our copy, decide the lane,
open and close the work each lane needs."""
