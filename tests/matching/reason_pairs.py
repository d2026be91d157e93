"""Hand-written pairs for the reasons test: in each, one need sentence of the asker is answered by one offer
sentence of the answerer, and the other sentences are plausible distractors from the same trade (another need
of the same company, the answerer's self-description, a second product). The reason shown for the
recommendation must name exactly those two sentences. Languages cross in most pairs, as at a mission."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReasonCase:
    name: str
    asker_language: str
    needs: tuple[str, ...]  # the asker's need sentences, in order
    right_need: int  # index of the one the answerer answers
    answerer_language: str
    offers: tuple[str, ...]
    right_offer: int


CASES = (
    ReasonCase(
        "bakery flour, fr → ja",
        "fr",
        (
            "Nous cherchons un transitaire pour nos exportations vers l'Asie.",
            "Nous voulons aussi un importateur qui vende nos farines bio aux boulangeries japonaises.",
            "Enfin, un salon professionnel au Japon nous intéresse.",
        ),
        1,
        "ja",
        (
            "当社は創業50年の食品商社です。",
            "全国のベーカリー600店に輸入小麦粉などの製パン材料を卸しています。",
            "冷凍食品の物流センターも運営しています。",
        ),
        1,
    ),
    ReasonCase(
        "leak detection, de → ja",
        "de",
        (
            "Wir suchen Software für die Abrechnung unserer Wasserkunden.",
            "Außerdem brauchen wir Sensoren, die Lecks in alten Wasserleitungen akustisch orten.",
        ),
        1,
        "ja",
        (
            "水道管に取り付ける音響式の漏水検知センサーを製造しています。",
            "浄水場の運転管理の受託も行っています。",
            "国内40の自治体で導入実績があります。",
        ),
        0,
    ),
    ReasonCase(
        "cobots, en → de",
        "en",
        (
            "We need a system integrator to build palletising cells with our collaborative robots.",
            "We also look for a distributor of spare parts in Benelux.",
        ),
        0,
        "de",
        (
            "Wir sind ein Ingenieurbüro mit 30 Mitarbeitenden in Kayl.",
            "Wir planen und bauen Palettier- und Verpackungszellen mit kollaborativen Robotern.",
            "Wir bieten auch Schulungen zur Maschinensicherheit an.",
        ),
        1,
    ),
    ReasonCase(
        "sake importer, ja → fr",
        "ja",
        (
            "輸出用の化粧箱のデザイン会社を探しています。",
            "ベネルクスのレストランに日本酒を卸してくれる輸入業者を探しています。",
        ),
        1,
        "fr",
        (
            "Nous importons des vins et spiritueux et les distribuons à 900 restaurants au Benelux.",
            "Nous organisons aussi des dégustations pour les sommeliers.",
            "Notre entrepôt sous douane se trouve à Bettembourg.",
        ),
        0,
    ),
    ReasonCase(
        "heat pumps, fr → de",
        "fr",
        (
            "Nous voulons des pompes à chaleur de grande puissance qui fournissent de l'eau à 90 °C.",
            "Nous cherchons aussi un bureau d'études pour agrandir notre réseau de chaleur.",
        ),
        0,
        "de",
        (
            "Wir sind die europäische Niederlassung eines japanischen Herstellers.",
            "Unsere Großwärmepumpen mit CO2 als Kältemittel erreichen Vorlauftemperaturen bis 90 °C.",
        ),
        1,
    ),
    ReasonCase(
        "game localisation, ja → en",
        "ja",
        (
            "欧州向けのマーケティングを担う代理店も検討しています。",
            "ゲームのフランス語とドイツ語へのローカライズとデバッグを任せられる会社を探しています。",
        ),
        1,
        "en",
        (
            "We are a team of 25 testers based in Luxembourg.",
            "We localise games into French, German, Spanish and Italian and run linguistic QA.",
            "We also organise a yearly indie game festival.",
        ),
        1,
    ),
    ReasonCase(
        "paper packaging, fr → ja",
        "fr",
        (
            "Nous cherchons un emballage en papier sans plastique, avec une barrière à l'humidité.",
            "Nous aimerions aussi trouver du cacao de Madagascar en commerce équitable.",
        ),
        0,
        "ja",
        (
            "菓子メーカー向けに、包装デザインの提案も行っています。",
            "プラスチックを使わずに水蒸気や油をはじく紙製のバリア包材を製造しています。",
        ),
        1,
    ),
    ReasonCase(
        "care exoskeleton, fr → ja",
        "fr",
        (
            "Nous voulons réduire les maux de dos de nos soignants lors des transferts de résidents.",
            "Nous cherchons aussi un logiciel de planification des équipes de nuit.",
        ),
        0,
        "ja",
        (
            "介護職員の腰の負担を軽減する装着型アシストスーツを製造しています。",
            "認知症の方と会話するロボットも開発中です。",
        ),
        0,
    ),
    ReasonCase(
        "japanese course, en → en",
        "en",
        (
            "We need new sports facilities for our students.",
            "Many students ask for Japanese, and we need online Japanese classes taught by real teachers.",
        ),
        1,
        "en",
        (
            "We run cultural tours of Kyoto for foreign students.",
            "We teach live online Japanese classes from beginner to JLPT N2 with certified teachers.",
        ),
        1,
    ),
    ReasonCase(
        "recycled aluminium, ja → en",
        "ja",
        (
            "低炭素の再生アルミ合金インゴットの調達先を探しています。",
            "金型の設計を手伝ってくれる欧州のエンジニアも募集しています。",
        ),
        0,
        "en",
        (
            "We also trade copper scrap with foundries in Germany.",
            "We remelt post-consumer scrap into low-carbon aluminium casting alloys delivered as ingots.",
        ),
        1,
    ),
    ReasonCase(
        "anime catalogue, en → ja",
        "en",
        (
            "We want to hire presenters who speak Japanese for a travel show.",
            "We need to license a catalogue of Japanese anime series for our youth channel.",
        ),
        1,
        "ja",
        (
            "テレビアニメ約300タイトルの海外配信権を管理し、ライセンス販売しています。",
            "アニメ関連のイベント運営も請け負っています。",
        ),
        0,
    ),
    ReasonCase(
        "SAP recruitment, ja → en",
        "ja",
        (
            "日本語と英語ができるSAPコンサルタントを欧州で採用したいので、人材紹介会社を探しています。",
            "ルクセンブルクで事務所を借りたいです。",
        ),
        0,
        "en",
        (
            "We are a recruitment agency for multilingual IT consultants, including Japanese speakers.",
            "We also run payroll for small foreign subsidiaries.",
        ),
        0,
    ),
)
