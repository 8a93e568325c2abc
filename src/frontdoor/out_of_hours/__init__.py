"""Out-of-hours work: the emergency duty team's records and the morning handover."""
