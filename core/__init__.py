"""gongkai core: the domain, persistence and generators. Knows nothing of Textual."""

__version__ = "0.1.0"
