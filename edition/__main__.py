"""`python -m edition` runs the command-line interface."""

from edition.cli import main

main()
