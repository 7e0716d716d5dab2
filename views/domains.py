"""The order of topics and indicators in menus: the contract's domain order, then by label."""
from __future__ import annotations

import pandas as pd

from loaders.contract import DOMAINS


def indicator_order(catalog: pd.DataFrame) -> list[str]:
    """Indicator ids grouped by domain in the contract's order, by German label within a domain."""
    rank = {domain: position for position, domain in enumerate(DOMAINS)}
    ordered = catalog.assign(_rank=catalog["domain"].map(rank)).sort_values(["_rank", "label_de"])
    return list(ordered["indicator_id"])
