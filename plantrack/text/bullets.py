"""The marks news summaries and reports set before items (● results, ◆ goals, ■ headings …)."""

from __future__ import annotations

import re

BULLETS = "●◆■▲◇□○•·▪►▶★☆※◎❖➢➤✓√-—*"
_LEADING = re.compile(r"^[\s" + re.escape(BULLETS) + r"]+")


def strip_bullets(text: str) -> str:
    """An item's text without the marks before it (●2023年… -> 2023年…)."""
    return _LEADING.sub("", text)


def bullet_of(line: str) -> str | None:
    """The mark a line opens with, if any."""
    body = line.lstrip()
    return body[0] if body and body[0] in BULLETS.replace("-", "").replace("—", "").replace("*", "") else None
