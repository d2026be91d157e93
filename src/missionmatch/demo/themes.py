"""Complementary need ↔ offer themes: what a Luxembourg company needs, a Japanese company offers, and back.

Each theme is written natively in every language a side may use: delegation profiles in French, English or
German; host profiles in Japanese or English. `lu` holds the delegation's offer and need, `jp` the host's.
"""

from typing import Final

Texts = dict[str, tuple[str, str]]  # language -> (offers, needs)

THEMES: Final[list[dict]] = [
    {
        "sector": "space",
        "keywords": ["in-orbit servicing", "debris removal"],
        "lu": {
            "fr": (
                "Nous exploitons un réseau de stations sol en Europe et proposons le suivi de satellites.",
                "Nous cherchons un partenaire capable d'assurer l'entretien en orbite et le retrait de débris.",
            ),
            "en": (
                "We operate a network of European ground stations and offer satellite tracking services.",
                "We are looking for a partner for in-orbit servicing and active debris removal.",
            ),
            "de": (
                "Wir betreiben ein Netz europäischer Bodenstationen und bieten Satellitenverfolgung an.",
                "Wir suchen einen Partner für Wartung im Orbit und die Beseitigung von Weltraumschrott.",
            ),
        },
        "jp": {
            "ja": (
                "軌道上の衛星の点検・修理とスペースデブリの除去サービスを提供しています。",
                "欧州の地上局ネットワークと衛星追跡サービスを必要としています。",
            ),
            "en": (
                "We provide in-orbit inspection, life extension and debris removal for satellites.",
                "We need access to ground stations in Europe for tracking our spacecraft.",
            ),
        },
    },
    {
        "sector": "space",
        "keywords": ["lunar payload", "space resources"],
        "lu": {
            "fr": (
                "Nous développons des instruments de prospection des ressources lunaires.",
                "Nous recherchons un lanceur ou un atterrisseur lunaire pour transporter notre charge utile.",
            ),
            "en": (
                "We build instruments for prospecting lunar resources such as water ice.",
                "We need a lunar lander provider to carry our payload to the Moon's surface.",
            ),
            "de": (
                "Wir entwickeln Instrumente zur Erkundung von Ressourcen auf dem Mond.",
                "Wir suchen einen Anbieter von Mondlandern, der unsere Nutzlast transportiert.",
            ),
        },
        "jp": {
            "ja": (
                "月面着陸機を開発しており、顧客のペイロードを月面まで輸送するサービスを提供しています。",
                "月の水資源を探査する科学機器を搭載してくれるパートナーを探しています。",
            ),
            "en": (
                "We develop a lunar lander and offer payload delivery to the surface of the Moon.",
                "We are looking for scientific instruments to prospect lunar water on our missions.",
            ),
        },
    },
    {
        "sector": "hpc",
        "keywords": ["supercomputer", "GPU computing"],
        "lu": {
            "fr": (
                "Nous mettons à disposition des heures de calcul sur un supercalculateur national.",
                "Nous cherchons des utilisateurs industriels et des simulations numériques à grande échelle.",
            ),
            "en": (
                "We provide compute time on a national supercomputer with GPU partitions.",
                "We are seeking industrial users with large-scale simulation workloads.",
            ),
            "de": (
                "Wir stellen Rechenzeit auf einem nationalen Supercomputer zur Verfügung.",
                "Wir suchen Industriekunden mit großen Simulationsaufgaben.",
            ),
        },
        "jp": {
            "ja": (
                "自動車の衝突解析や流体シミュレーションなど大規模な数値計算を行っています。",
                "GPUを備えたスーパーコンピュータの計算資源を欧州で確保したいと考えています。",
            ),
            "en": (
                "We run large crash and fluid-dynamics simulations for the automotive industry.",
                "We need access to GPU supercomputing capacity in Europe.",
            ),
        },
    },
    {
        "sector": "quantum",
        "keywords": ["quantum key distribution", "secure communications"],
        "lu": {
            "fr": (
                "Nous exploitons une infrastructure de communication sécurisée pour les administrations.",
                "Nous cherchons une technologie de distribution quantique de clés pour protéger nos liaisons.",
            ),
            "en": (
                "We run secure communication infrastructure for public administrations.",
                "We need quantum key distribution technology to protect our fibre links.",
            ),
            "de": (
                "Wir betreiben eine sichere Kommunikationsinfrastruktur für Behörden.",
                "Wir benötigen Quantenschlüsselverteilung, um unsere Glasfaserverbindungen abzusichern.",
            ),
        },
        "jp": {
            "ja": (
                "光ファイバー網向けの量子鍵配送（QKD）装置を製造しています。",
                "欧州で量子暗号通信の実証実験を行う通信事業者を探しています。",
            ),
            "en": (
                "We manufacture quantum key distribution systems for fibre networks.",
                "We are looking for a European network operator to pilot quantum-secured links.",
            ),
        },
    },
    {
        "sector": "ai",
        "keywords": ["computer vision", "quality inspection"],
        "lu": {
            "fr": (
                "Nous développons des modèles de vision par ordinateur pour le contrôle qualité industriel.",
                "Nous souhaitons accéder à des lignes de production pour entraîner et valider nos modèles.",
            ),
            "en": (
                "We develop computer-vision models for automated quality inspection.",
                "We want access to production lines to train and validate our models.",
            ),
            "de": (
                "Wir entwickeln Bildverarbeitungsmodelle für die automatische Qualitätsprüfung.",
                "Wir suchen Zugang zu Produktionslinien, um unsere Modelle zu trainieren.",
            ),
        },
        "jp": {
            "ja": (
                "精密部品の工場を運営しており、製造ラインのデータを提供できます。",
                "外観検査を自動化する画像認識AIを導入したいと考えています。",
            ),
            "en": (
                "We operate precision-parts factories and can share production-line data.",
                "We want to introduce AI image recognition to automate visual inspection.",
            ),
        },
    },
    {
        "sector": "health",
        "keywords": ["health data", "anonymisation"],
        "lu": {
            "fr": (
                "Nous proposons une plateforme d'anonymisation et d'hébergement sécurisé de données de santé.",
                "Nous cherchons des hôpitaux qui souhaitent partager des données cliniques pour la recherche.",
            ),
            "en": (
                "We offer a platform to anonymise and securely host health data.",
                "We are looking for hospitals willing to share clinical data for research.",
            ),
            "de": (
                "Wir bieten eine Plattform zur Anonymisierung und sicheren Speicherung von Gesundheitsdaten.",
                "Wir suchen Kliniken, die klinische Daten für die Forschung bereitstellen.",
            ),
        },
        "jp": {
            "ja": (
                "大学病院として豊富な臨床データと電子カルテを保有しています。",
                "医療データを安全に匿名化し、国際共同研究で活用できる基盤を探しています。",
            ),
            "en": (
                "As a university hospital we hold rich clinical data and electronic records.",
                "We need a secure way to anonymise health data for international research.",
            ),
        },
    },
    {
        "sector": "pharma",
        "keywords": ["GMP manufacturing", "biologics"],
        "lu": {
            "fr": (
                "Nous développons un anticorps monoclonal contre les maladies auto-immunes.",
                "Nous cherchons un façonnier capable de produire notre anticorps sous conditions BPF.",
            ),
            "en": (
                "We are developing a monoclonal antibody against autoimmune diseases.",
                "We need a contract manufacturer to produce our antibody under GMP.",
            ),
            "de": (
                "Wir entwickeln einen monoklonalen Antikörper gegen Autoimmunerkrankungen.",
                "Wir benötigen einen Auftragshersteller, der unseren Antikörper unter GMP produziert.",
            ),
        },
        "jp": {
            "ja": (
                "バイオ医薬品のGMP受託製造（CDMO）サービスを提供しています。",
                "欧州の創薬ベンチャーから新しい抗体医薬の案件を獲得したいと考えています。",
            ),
            "en": (
                "We provide GMP contract development and manufacturing for biologics.",
                "We are looking for new antibody projects from European biotech companies.",
            ),
        },
    },
    {
        "sector": "health",
        "keywords": ["particle therapy", "oncology"],
        "lu": {
            "fr": (
                "Nous formons les équipes médicales aux nouvelles techniques de radiothérapie.",
                "Nous cherchons un centre de thérapie par ions lourds pour une coopération clinique.",
            ),
            "en": (
                "We train medical teams in advanced radiotherapy techniques.",
                "We seek a heavy-ion therapy centre for clinical cooperation.",
            ),
            "de": (
                "Wir schulen medizinische Teams in modernen Strahlentherapieverfahren.",
                "Wir suchen ein Schwerionen-Therapiezentrum für eine klinische Zusammenarbeit.",
            ),
        },
        "jp": {
            "ja": (
                "重粒子線がん治療を行う医療センターで、治療実績と臨床データがあります。",
                "海外の医療スタッフ向け研修プログラムを共同で開発するパートナーを探しています。",
            ),
            "en": (
                "We are a heavy-ion cancer therapy centre with extensive clinical experience.",
                "We want partners to co-develop training programmes for foreign medical staff.",
            ),
        },
    },
    {
        "sector": "fintech",
        "keywords": ["payments", "EU licence"],
        "lu": {
            "fr": (
                "Nous sommes un établissement de paiement agréé dans l'Union européenne.",
                "Nous cherchons une technologie de paiement mobile par QR code à distribuer en Europe.",
            ),
            "en": (
                "We are a licensed e-money institution passported across the EU.",
                "We are looking for mobile QR-code payment technology to distribute in Europe.",
            ),
            "de": (
                "Wir sind ein in der EU zugelassenes E-Geld-Institut.",
                "Wir suchen eine mobile QR-Code-Zahlungslösung für den europäischen Markt.",
            ),
        },
        "jp": {
            "ja": (
                "QRコード決済アプリを開発し、国内で多くの加盟店に提供しています。",
                "欧州で事業を展開するために、EUの決済ライセンスを持つパートナーが必要です。",
            ),
            "en": (
                "We developed a QR-code payment app used by many merchants in Japan.",
                "We need a partner holding an EU payment licence to expand into Europe.",
            ),
        },
    },
    {
        "sector": "fintech",
        "keywords": ["fund administration", "investment funds"],
        "lu": {
            "fr": (
                "Nous assurons l'administration et la domiciliation de fonds d'investissement.",
                "Nous cherchons des gestionnaires d'actifs japonais qui veulent distribuer leurs fonds en Europe.",
            ),
            "en": (
                "We provide fund administration and domiciliation for investment funds.",
                "We seek Japanese asset managers who want to distribute funds in Europe.",
            ),
            "de": (
                "Wir bieten Fondsadministration und Domizilierung für Investmentfonds an.",
                "Wir suchen japanische Vermögensverwalter, die ihre Fonds in Europa vertreiben möchten.",
            ),
        },
        "jp": {
            "ja": (
                "国内の個人投資家向けに投資信託を運用している資産運用会社です。",
                "欧州で投資ファンドを設定・販売するための管理会社を探しています。",
            ),
            "en": (
                "We are an asset manager running investment trusts for Japanese retail investors.",
                "We need a fund administrator to set up and distribute funds in Europe.",
            ),
        },
    },
    {
        "sector": "logistics",
        "keywords": ["air cargo", "cold chain"],
        "lu": {
            "fr": (
                "Nous exploitons un hub de fret aérien avec une chaîne du froid certifiée.",
                "Nous cherchons des expéditeurs japonais de produits pharmaceutiques vers l'Europe.",
            ),
            "en": (
                "We run an air-cargo hub with a certified cold chain for pharmaceuticals.",
                "We are looking for Japanese shippers of pharmaceuticals to Europe.",
            ),
            "de": (
                "Wir betreiben ein Luftfrachtdrehkreuz mit zertifizierter Kühlkette.",
                "Wir suchen japanische Versender von Arzneimitteln nach Europa.",
            ),
        },
        "jp": {
            "ja": (
                "医薬品や精密機器を欧州へ輸出している商社です。",
                "温度管理が可能な欧州の航空貨物拠点を探しています。",
            ),
            "en": (
                "We are a trading house exporting medicines and precision instruments to Europe.",
                "We need a European air-cargo hub with temperature-controlled handling.",
            ),
        },
    },
    {
        "sector": "data-centres",
        "keywords": ["colocation", "green energy"],
        "lu": {
            "fr": (
                "Nous exploitons des centres de données Tier IV alimentés en énergie renouvelable.",
                "Nous cherchons des entreprises japonaises qui veulent héberger leurs serveurs en Europe.",
            ),
            "en": (
                "We operate Tier IV data centres powered by renewable energy.",
                "We are looking for Japanese companies that need to host servers in Europe.",
            ),
            "de": (
                "Wir betreiben Tier-IV-Rechenzentren mit erneuerbarer Energie.",
                "Wir suchen japanische Unternehmen, die Server in Europa betreiben wollen.",
            ),
        },
        "jp": {
            "ja": (
                "ECサイトとクラウドサービスを運営しており、欧州の顧客が増えています。",
                "GDPRに対応するため、欧州内に安全なデータセンターを確保したいです。",
            ),
            "en": (
                "We run e-commerce and cloud services with a growing European customer base.",
                "We need secure data-centre capacity inside the EU for GDPR compliance.",
            ),
        },
    },
    {
        "sector": "materials",
        "keywords": ["carbon nanotubes", "composites"],
        "lu": {
            "fr": (
                "Nous fabriquons des pièces composites pour l'aéronautique et l'automobile.",
                "Nous cherchons un fournisseur de nanotubes de carbone de haute pureté.",
            ),
            "en": (
                "We manufacture composite parts for aerospace and automotive customers.",
                "We need a supplier of high-purity carbon nanotubes.",
            ),
            "de": (
                "Wir fertigen Verbundbauteile für Luftfahrt und Automobilindustrie.",
                "Wir suchen einen Lieferanten hochreiner Kohlenstoffnanoröhren.",
            ),
        },
        "jp": {
            "ja": (
                "高純度のカーボンナノチューブを量産するスタートアップです。",
                "航空宇宙や自動車向け複合材料を製造する欧州の顧客を探しています。",
            ),
            "en": (
                "We are a start-up mass-producing high-purity carbon nanotubes.",
                "We are looking for European composite manufacturers in aerospace and automotive.",
            ),
        },
    },
    {
        "sector": "circular-economy",
        "keywords": ["battery recycling", "critical metals"],
        "lu": {
            "fr": (
                "Nous collectons les batteries usagées de véhicules électriques dans la Grande Région.",
                "Nous cherchons un procédé de recyclage pour récupérer le lithium et le cobalt.",
            ),
            "en": (
                "We collect used electric-vehicle batteries across the Greater Region.",
                "We need a recycling process to recover lithium and cobalt.",
            ),
            "de": (
                "Wir sammeln gebrauchte Batterien von Elektrofahrzeugen in der Großregion.",
                "Wir suchen ein Recyclingverfahren zur Rückgewinnung von Lithium und Kobalt.",
            ),
        },
        "jp": {
            "ja": (
                "使用済みリチウムイオン電池からリチウムやコバルトを回収する技術を持っています。",
                "欧州で使用済みバッテリーを安定的に調達できるパートナーを探しています。",
            ),
            "en": (
                "We have technology to recover lithium and cobalt from spent batteries.",
                "We are looking for a reliable source of used batteries in Europe.",
            ),
        },
    },
    {
        "sector": "mobility",
        "keywords": ["vehicle-to-grid", "charging"],
        "lu": {
            "fr": (
                "Gestionnaire de réseau électrique, nous disposons de sites de test et de données de charge.",
                "Nous voulons tester des bornes de recharge bidirectionnelles (vehicle-to-grid).",
            ),
            "en": (
                "As a grid operator we have test sites and real-time load data.",
                "We want to pilot bidirectional vehicle-to-grid charging stations.",
            ),
            "de": (
                "Als Netzbetreiber verfügen wir über Testgelände und Lastdaten in Echtzeit.",
                "Wir möchten bidirektionale Ladestationen (Vehicle-to-Grid) erproben.",
            ),
        },
        "jp": {
            "ja": (
                "電気自動車の電力を系統に戻せる双方向充電器（V2G）を製造しています。",
                "欧州で実証試験を行うため、電力系統の運用者と協力したいです。",
            ),
            "en": (
                "We manufacture bidirectional vehicle-to-grid chargers.",
                "We need a European grid operator to run field trials.",
            ),
        },
    },
    {
        "sector": "ict-telecom",
        "keywords": ["5G", "private networks"],
        "lu": {
            "fr": (
                "Nous intégrons des réseaux privés pour les ports, aéroports et sites industriels.",
                "Nous cherchons un fournisseur d'équipements 5G Open RAN.",
            ),
            "en": (
                "We integrate private networks for ports, airports and industrial sites.",
                "We are looking for an Open RAN 5G equipment vendor.",
            ),
            "de": (
                "Wir integrieren private Netze für Häfen, Flughäfen und Industriestandorte.",
                "Wir suchen einen Hersteller von Open-RAN-5G-Ausrüstung.",
            ),
        },
        "jp": {
            "ja": (
                "Open RANに対応した5G基地局ソフトウェアと機器を提供しています。",
                "欧州で産業用プライベート5Gを構築するシステムインテグレーターを探しています。",
            ),
            "en": (
                "We provide Open RAN 5G base-station software and hardware.",
                "We need European system integrators building private 5G for industry.",
            ),
        },
    },
    {
        "sector": "cybersecurity",
        "keywords": ["security operations", "threat intelligence"],
        "lu": {
            "fr": (
                "Nous exploitons un centre opérationnel de sécurité pour les banques européennes.",
                "Nous cherchons des données de renseignement sur les menaces visant l'Asie.",
            ),
            "en": (
                "We run a security operations centre for European banks.",
                "We need threat intelligence covering attacks in Asia.",
            ),
            "de": (
                "Wir betreiben ein Sicherheitszentrum (SOC) für europäische Banken.",
                "Wir suchen Bedrohungsdaten über Angriffe in Asien.",
            ),
        },
        "jp": {
            "ja": (
                "アジア地域のサイバー攻撃に関する脅威インテリジェンスを提供しています。",
                "欧州の金融機関向けに監視サービスを提供するSOC事業者と提携したいです。",
            ),
            "en": (
                "We provide threat intelligence on cyber attacks in the Asia-Pacific region.",
                "We want to partner with a SOC provider serving European financial institutions.",
            ),
        },
    },
    {
        "sector": "e-commerce",
        "keywords": ["marketplace", "cross-border"],
        "lu": {
            "fr": (
                "Nous produisons des vins et des crémants luxembourgeois primés.",
                "Nous cherchons une place de marché en ligne pour vendre au Japon.",
            ),
            "en": (
                "We produce award-winning Luxembourg wines and crémants.",
                "We are looking for an online marketplace to sell in Japan.",
            ),
            "de": (
                "Wir erzeugen preisgekrönte Luxemburger Weine und Crémants.",
                "Wir suchen einen Online-Marktplatz für den Verkauf in Japan.",
            ),
        },
        "jp": {
            "ja": (
                "越境ECのオンラインモールを運営し、海外ブランドの日本進出を支援しています。",
                "欧州の高品質なワインや食品のブランドを探しています。",
            ),
            "en": (
                "We run a cross-border online mall that helps foreign brands enter Japan.",
                "We are looking for premium European wine and food brands.",
            ),
        },
    },
    {
        "sector": "energy",
        "keywords": ["hydrogen", "electrolysers"],
        "lu": {
            "fr": (
                "Nous développons des projets industriels de production d'hydrogène vert.",
                "Nous cherchons des électrolyseurs fiables et de grande capacité.",
            ),
            "en": (
                "We develop industrial green-hydrogen production projects.",
                "We need reliable large-capacity electrolysers.",
            ),
            "de": (
                "Wir entwickeln industrielle Projekte zur Erzeugung von grünem Wasserstoff.",
                "Wir suchen zuverlässige Elektrolyseure mit hoher Leistung.",
            ),
        },
        "jp": {
            "ja": (
                "大容量のアルカリ水電解装置を製造しています。",
                "欧州のグリーン水素プロジェクトへの納入先を探しています。",
            ),
            "en": (
                "We manufacture large alkaline water electrolysers.",
                "We are looking for green-hydrogen projects in Europe to supply.",
            ),
        },
    },
    {
        "sector": "consulting",
        "keywords": ["market entry", "legal"],
        "lu": {
            "fr": (
                "Cabinet d'avocats, nous accompagnons l'implantation de filiales au Luxembourg.",
                "Nous cherchons des entreprises japonaises qui veulent ouvrir une filiale en Europe.",
            ),
            "en": (
                "As a law firm we help companies set up subsidiaries in Luxembourg.",
                "We are looking for Japanese companies planning a European subsidiary.",
            ),
            "de": (
                "Als Kanzlei begleiten wir die Gründung von Tochtergesellschaften in Luxemburg.",
                "Wir suchen japanische Unternehmen, die eine Niederlassung in Europa planen.",
            ),
        },
        "jp": {
            "ja": (
                "産業用センサーを製造しており、欧州市場への進出を計画しています。",
                "欧州に子会社を設立するための法務・税務の支援が必要です。",
            ),
            "en": (
                "We make industrial sensors and plan to enter the European market.",
                "We need legal and tax advice to set up a European subsidiary.",
            ),
        },
    },
]
