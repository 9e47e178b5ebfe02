"""What is looked up in the content on every request, remembered until the content changes.

The municipalities and themes (``vocabulary``) and the search index's vocabulary
(corrections, derivations, compound splits, word counts) are read alike for every query.
They are kept in this process under a version: a number in the shared cache (the database
cache in production, so every worker sees it) that each change replaces (``content_changed``:
on publish, unpublish, edits and rebuilds). A worker reads the version at most once a
second, so another worker's change reaches it within a second; its own at once.
"""

import time
import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "wijkwijs:search-index-version"
VERSION_CHECK_INTERVAL = 1.0  # seconds
MAX_ENTRIES = 50_000  # then everything is forgotten and looked up again

_remembered: dict = {}
_version = {"value": None, "checked": 0.0}


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def content_changed():
    """Forget every look-up: now for this process, and for all once the change commits
    (a worker that looks up before the commit would remember the old vocabulary)."""
    _new_version()
    _remembered.clear()
    _version["checked"] = 0.0
    transaction.on_commit(_new_version)


def shared_version() -> str:
    """The content's version as the shared cache holds it now: a change committed by any
    worker is in it (what this process remembers may be a second older)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _current_version():
    now = time.monotonic()
    if now - _version["checked"] >= VERSION_CHECK_INTERVAL or _version["value"] is None:
        version = shared_version()
        if version != _version["value"]:
            _remembered.clear()
        _version.update(value=version, checked=now)
    return _version["value"]


def remembered(kind: str, key, look_up):
    """``look_up()``, or what it gave for (kind, key) since the index last changed."""
    _current_version()
    entry = (kind, key)
    if entry not in _remembered:
        if len(_remembered) >= MAX_ENTRIES:
            _remembered.clear()
        _remembered[entry] = look_up()
    return _remembered[entry]


def remembered_per_word(kind: str, words, look_up) -> dict:
    """{word: value} with ``look_up(missing words) -> {word: value}`` asked only for the
    words not remembered (a word ``look_up`` leaves out is remembered as None)."""
    _current_version()
    words = set(words)
    missing = {word for word in words if (kind, word) not in _remembered}
    if missing:
        if len(_remembered) + len(missing) >= MAX_ENTRIES:
            _remembered.clear()
            missing = words
        found = look_up(missing)
        for word in missing:
            _remembered[(kind, word)] = found.get(word)
    return {
        word: _remembered[(kind, word)]
        for word in words
        if _remembered.get((kind, word)) is not None
    }


def forget_here():
    """Forget what this process remembers, leaving the shared version alone (a test whose
    changes were rolled back)."""
    _remembered.clear()
