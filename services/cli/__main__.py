"""`python -m services.cli`: the same as the `convegni` console script."""

from services.cli.main import main

main()
