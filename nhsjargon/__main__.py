"""Allow `python -m nhsjargon`."""

from nhsjargon.entry import main

if __name__ == "__main__":
    main()
