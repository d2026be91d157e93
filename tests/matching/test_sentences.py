from missionmatch.matching.sentences import split_sentences, units


def test_french_sentences_keep_company_forms_and_decimals() -> None:
    text = "Nous sommes Éole Lux S.A. et exploitons 2.5 GW. Nous cherchons un partenaire au Japon !  Merci."
    assert split_sentences(text) == [
        "Nous sommes Éole Lux S.A. et exploitons 2.5 GW.",
        "Nous cherchons un partenaire au Japon !",
        "Merci.",
    ]


def test_english_abbreviations_do_not_end_sentences() -> None:
    text = "We work with Dr. Sato on sensors, e.g. accelerometers. We need a distributor."
    assert split_sentences(text) == [
        "We work with Dr. Sato on sensors, e.g. accelerometers.",
        "We need a distributor.",
    ]


def test_a_temperature_unit_ends_a_sentence_an_initial_does_not() -> None:
    text = "Wir liefern Wasser bei 90 °C. Nous cherchons J. Sato. Vielen Dank."
    assert split_sentences(text) == [
        "Wir liefern Wasser bei 90 °C.",
        "Nous cherchons J. Sato.",
        "Vielen Dank.",
    ]


def test_german_sentences() -> None:
    text = "Wir entwickeln Software, z.B. für Banken. Wir suchen Vertriebspartner in Japan?Ja."
    assert split_sentences(text) == [
        "Wir entwickeln Software, z.B. für Banken.",
        "Wir suchen Vertriebspartner in Japan?Ja.",
    ]


def test_japanese_splits_on_full_width_terminators_without_spaces() -> None:
    text = "振動センサーを製造しています。欧州で実証したい！協力できますか？"
    assert split_sentences(text) == [
        "振動センサーを製造しています。",
        "欧州で実証したい！",
        "協力できますか？",
    ]


def test_mixed_japanese_and_latin() -> None:
    assert split_sentences("CHAdeMO対応の充電器です。Also CCS. Contact us.") == [
        "CHAdeMO対応の充電器です。",
        "Also CCS.",
        "Contact us.",
    ]


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []
    assert units("") == []


def test_units_add_the_whole_field_only_when_there_are_several_sentences() -> None:
    assert units("One need only.") == ["One need only."]
    assert units("First need.  Second\nneed.") == ["First need.", "Second need.", "First need. Second need."]
