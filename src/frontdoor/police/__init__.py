"""Police notifications (PPNs), the daily multi-agency screening of domestic abuse notifications, MARAC and Operation Encompass."""
