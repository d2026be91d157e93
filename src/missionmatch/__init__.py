"""missionmatch: B2B matchmaking and meeting scheduling for economic missions."""

__version__ = "0.1.0"
