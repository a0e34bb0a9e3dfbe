"""The commands, one module per job; cli.py registers them."""
