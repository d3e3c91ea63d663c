"""The parent/child bookkeeping shared by the plain node trees behind on-screen trees."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Self


class NodeLinks:
    """Mixin for a dataclass node with ``children: list[Self]`` and ``parent: Self | None``.

    The item models of the UI need exactly these three operations: append, the row of a node
    among its siblings, and a depth-first walk.
    """

    children: list[Self]
    parent: Self | None

    def add(self, child: Self) -> Self:
        """Append ``child`` and make this node its parent."""
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        """Return this node's position among its parent's children (0 for the root)."""
        if self.parent is None:
            return 0
        for number, sibling in enumerate(self.parent.children):
            if sibling is self:
                return number
        raise ValueError("node is not among its parent's children")

    def walk(self) -> Iterator[Self]:
        """Yield this node and every node below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()
