"""`python -m skillmatch`."""

from skillmatch.cli import main

main()
