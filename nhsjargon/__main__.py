"""`python -m nhsjargon`: the same as the console script."""

from nhsjargon.launch import main

if __name__ == "__main__":
    main()
