"""The pages app.py registers with st.Page, read from its source, so a new page joins the tests that use this list."""
from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO_ROOT


def app_pages() -> dict[str, str]:
    """Page file (e.g. "pages/profile.py") → URL path ("" for the default page), in app.py's order:
    the pages a visitor of the demo sees (a page for the team only is left out)."""
    pages = {}
    tree = ast.parse((REPO_ROOT / "app.py").read_text(encoding="utf-8"))
    team_only = {  # pages behind a team setting (`if ….admin:`) are not shown to visitors of the demo
        id(call) for branch in ast.walk(tree) if isinstance(branch, ast.If) and "admin" in ast.unparse(branch.test)
        for call in ast.walk(branch) if isinstance(call, ast.Call)
    }
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and id(node) not in team_only]
    for node in sorted(calls, key=lambda call: (call.lineno, call.col_offset)):  # in the order of the navigation
        if getattr(node.func, "attr", None) == "Page":
            source = ast.literal_eval(node.args[0])
            keywords = {keyword.arg: keyword.value for keyword in node.keywords}
            if "default" in keywords and ast.literal_eval(keywords["default"]):
                pages[source] = ""
            elif "url_path" in keywords:
                pages[source] = ast.literal_eval(keywords["url_path"])
            else:
                pages[source] = Path(source).stem
    return pages
