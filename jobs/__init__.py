"""What runs when: the APScheduler jobs of the daemon."""
