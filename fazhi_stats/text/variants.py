"""Texts written in traditional characters, read with the simplified characters of the rules.

Government documents are published in simplified characters, but copies on other sites are
often converted to traditional ones (寧夏…指標體系: 8項1級指標). The extractor's vocabulary (units,
qualifiers, keywords, masks) is simplified, so such a text is read through a view where each
traditional character is replaced by its simplified one: one character for one, so offsets and
the quoted text stay those of the original.

The table is OpenCC's character table (``TSCharacters.txt`` of the opencc-python-reimplemented
package, Apache-2.0): each traditional character with its first simplified reading.

>>> as_simplified("本指標體系共設8項1級指標、32項2級指標、115項3級指標")
'本指标体系共设8项1级指标、32项2级指标、115项3级指标'
>>> as_simplified("共设8项一级指标")  # already simplified: the same text
'共设8项一级指标'
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

__all__ = ["as_simplified", "is_traditional"]

# Characters frequent in the genre that exist only in traditional writing (none of them is a
# simplified character): a text holding many of them near its top is written in traditional.
_TRADITIONAL_HINTS = re.compile(
    "[們這個來時為與關於區國會學說對發經過還進實體機構設劃總點兩門問題開間務員當幾應從處動隊類級"
    "紀錄議論檢權責規範條屆萬億項場證統計數據網絡辦縣鄉鎮執審書歲計畫務護覽舉聯參傳達環節]"
)
_HEAD_CHARS = (
    1500  # a traditional text has many hints in its first lines; this is read for every text
)
_MIN_HINTS = 8


@cache
def _table() -> dict[int, str]:
    """Traditional character (code point) → simplified character, one for one."""
    path = files("opencc") / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        first = simplified.split(" ")[0] if simplified else ""
        if len(traditional) == 1 and len(first) == 1 and first != traditional:
            table[ord(traditional)] = first
    return table


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (read from its opening)."""
    return len(_TRADITIONAL_HINTS.findall(text, 0, _HEAD_CHARS)) >= _MIN_HINTS


def as_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones when it is written in
    traditional characters, else ``text`` itself; the length never changes."""
    if not is_traditional(text):
        return text
    return text.translate(_table())
