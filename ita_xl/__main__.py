"""``python -m ita_xl`` runs the CLI (handy where the console script is not on PATH)."""
from .cli import main

main()
