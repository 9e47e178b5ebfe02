"""A saved search's filters: the search page's own filter names, as it sends them."""

from search.filters import FACET_NAMES

MAX_VALUES = 10


def search_filters(data) -> dict:
    """The filters of a search form's data, in the shape engines take: name → values."""
    return {
        name: sorted(set(data.getlist(name)))[:MAX_VALUES]
        for name in FACET_NAMES
        if data.getlist(name)
    }


def search_parameters(follow) -> list[tuple[str, str]]:
    """The query string of a saved search (for its page and its feed)."""
    return [("q", follow.query)] + [
        (name, value) for name, values in follow.filters.items() for value in values
    ]
