"""Allow `python -m nhsjargon`."""

from nhsjargon.cli import main

if __name__ == "__main__":
    main()
