"""`python -m searchengine` is the `search` command."""

from searchengine.cli import main

main()
