"""timeline: a geopolitical timeline database."""

__version__ = "0.1.0"
