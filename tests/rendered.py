"""What a reader sees of text escaped with views.markup, for assertions on page texts."""
from __future__ import annotations

import html


def rendered(text: object) -> str:
    """`text` as shown: character references decoded, the invisible word joiners (which stop
    bare addresses from becoming links) dropped."""
    return html.unescape(str(text)).replace("\u2060", "")
