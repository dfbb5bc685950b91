"""Regular expressions built from word lists: one prefix tree instead of a long alternation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching the longest of ``words`` at a position, factored as a prefix tree.

    The regex engine tries an alternation branch by branch; with the common prefixes
    factored out (行政(?:复议(?:申请)?|许可)) it reads each character once.

    >>> trie_pattern(["行政复议", "行政复议申请", "行政许可"])
    '行政(?:复议(?:申请)?|许可)'
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            child = node[ch]
            # a chain of single children is one literal run
            run = re.escape(ch)
            while len(child) == 1 and "" not in child:
                ((nxt, child),) = child.items()
                run += re.escape(nxt)
            branches.append(run + render(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
        return body

    return render(tree)
