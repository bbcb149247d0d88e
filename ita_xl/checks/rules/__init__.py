"""The rules, grouped by theme.  Importing this package registers them with the engine."""
from . import dates, indicators, people, plan, result, tables, text, values  # noqa: F401
