"""Named identity rules over reconciled values -> checks and findings."""
