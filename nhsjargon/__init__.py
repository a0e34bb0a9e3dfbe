"""nhsjargon: decode the English NHS's organisational jargon from the terminal."""

__version__ = "0.2.0"
