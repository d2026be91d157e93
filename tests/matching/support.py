"""Test doubles and a small hand-written mission for the matching tests."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from missionmatch.matching import Profile


class CountingEmbedder:
    """Wraps an embedder and counts the texts it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return self.inner.embed(texts)


class HashEmbedder:
    """Deterministic vectors from a text hash: for property tests of the rules, where meaning is irrelevant
    and hundreds of random missions must run in seconds."""

    name = "hash-test"
    dim = 16

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for t in texts:
            seed = int.from_bytes(hashlib.sha256(t.encode()).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(self.dim)
            rows.append(v / np.linalg.norm(v))
        return np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)


# A wind-energy mission, a domain absent from the dev set. The French need of lu-eole is answered by the
# Japanese offer of jp-shindo; jp-kaze needs the same thing as lu-eole (a peer, not a partner); jp-hoso and
# jp-kome offer unrelated things; lu-eole-2 belongs to the same organisation as lu-eole.
MISSION = [
    Profile(
        "lu-eole",
        "LU",
        "Éole Lux S.A.",
        "fr",
        ("energy",),
        offers="Nous exploitons quarante éoliennes au Luxembourg et en Lorraine. "
        "Nous partageons nos données d'exploitation avec nos partenaires.",
        needs="Nous cherchons des capteurs de vibration pour la maintenance prédictive de nos éoliennes. "
        "Nous voulons aussi réduire nos coûts d'assurance.",
    ),
    Profile(
        "lu-eole-2",
        "LU",
        "Eole Lux  s.a.",
        "fr",
        ("energy",),
        offers="Filiale de maintenance des parcs éoliens.",
        needs="Nous cherchons des pièces détachées pour turbines.",
    ),
    Profile(
        "lu-bank",
        "LU",
        "Moselle Private Bank",
        "en",
        ("fintech",),
        offers="We are a private bank financing renewable energy projects in Europe.",
        needs="We want to co-finance solar farms with Japanese trading houses.",
    ),
    Profile(
        "lu-empty",
        "LU",
        "Generic Holding S.A.",
        "de",
        ("consulting",),
        offers="Wir beraten Unternehmen bei der Expansion nach Europa.",
        needs="",
    ),
    Profile(
        "jp-shindo",
        "JP",
        "株式会社シンドウセンサー",
        "ja",
        ("manufacturing",),
        offers="風力発電機の予知保全に使う振動センサーを製造しています。ブレードや増速機の異常を早期に検知できます。",
        needs="欧州の風力発電事業者で実証試験を行い、運転データを共有してくれるパートナーを探しています。",
    ),
    Profile(
        "jp-kaze",
        "JP",
        "かぜ電力株式会社",
        "ja",
        ("energy",),
        offers="北海道で風力発電所を運営しています。",
        needs="当社の風車の予知保全のために振動センサーを探しています。",
    ),
    Profile(
        "jp-hoso",
        "JP",
        "ほそ包装株式会社",
        "ja",
        ("food",),
        offers="食品向けの生分解性包装フィルムを製造しています。",
        needs="欧州の食品メーカーへの販路を探しています。",
    ),
    Profile(
        "jp-trade",
        "JP",
        "Marunouchi Trading Corp.",
        "en",
        ("energy",),
        offers="We are a trading house developing solar farms across Asia and Europe.",
        needs="We are looking for European banks to co-finance our solar projects.",
    ),
]
