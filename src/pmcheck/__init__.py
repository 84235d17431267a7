"""pmcheck: keep incident postmortems blameless, complete and followed through."""

__version__ = "0.1.0"
