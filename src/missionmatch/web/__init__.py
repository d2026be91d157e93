"""The browser and API edge: server-rendered pages for organisers and participants, and /api/v1."""
