"""A bounded memory of recently seen keys (oldest forgotten first)."""
from __future__ import annotations

from collections import OrderedDict


class RecentKeys:
    def __init__(self, size: int):
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def add(self, key: str) -> bool:
        """True if the key is new (and remembers it), False if it was seen recently."""
        if key in self._keys:
            return False
        self._keys[key] = None
        if len(self._keys) > self._size:
            self._keys.popitem(last=False)
        return True

    def __len__(self) -> int:
        return len(self._keys)
