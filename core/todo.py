"""What needs the user now: each domain app's ``<app>/todo.py`` offers ``items(user) -> list[TodoItem]``.

The home page lists them above the sections. An item counts what the user has to act on and links to a list
filtered to exactly those records, so the number and the list agree; items with a count of zero are dropped.
Core renders them and imports no domain app.
"""

from dataclasses import dataclass

from core.discovery import domain_modules


@dataclass(frozen=True)
class TodoItem:
    title: str  # what is waiting, e.g. "Reviews assigned to you"
    count: int
    url: str  # the list filtered to exactly the counted records
    urgent: bool = False  # overdue or past a deadline: shown first, in red
    order: int = 100


def todo_items(user) -> list[TodoItem]:
    """Return every app's items for the user that count something, urgent first."""
    collected: list[TodoItem] = []
    for _app, module in domain_modules("todo"):
        contribute = getattr(module, "items", None)  # core's own todo.py is this protocol, not a contribution
        if contribute is not None:
            collected.extend(item for item in contribute(user) if item.count)
    return sorted(collected, key=lambda item: (not item.urgent, item.order))
