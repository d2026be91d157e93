"""The four demo missions in campaign order, after the source articles: Tokyo (2024), then Osaka 1–3 (2025).

Each mission's dates, cities, programme and B2B sessions are in `tokyo_mission` and `osaka_missions`.
Theme numbers refer to `themes.THEMES`, in `data/themes.json` order: 0 in-orbit servicing,
1 lunar payloads, 2 HPC, 3 quantum, 4 AI vision, 5 health data, 6 biologics CDMO, 7 particle therapy,
8 payments, 9 funds, 10 air cargo, 11 data centres, 12 nanotubes, 13 battery recycling, 14 vehicle-to-grid,
15 5G, 16 cybersecurity, 17 e-commerce, 18 hydrogen, 19 market entry.
"""

from typing import Any, Final

from missionmatch.demo.osaka_missions import OSAKA_1, OSAKA_2, OSAKA_3
from missionmatch.demo.tokyo_mission import TOKYO

MISSIONS: Final[list[dict[str, Any]]] = [TOKYO, OSAKA_1, OSAKA_2, OSAKA_3]
