"""Normalisation folds accents and case however a text mixes plain letters and others: the
quick path for runs of plain ASCII must agree with Unicode normalisation of the whole."""

import pytest

from wijkwijs.normalise import normalise


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Coöperatie “De Wijk”", "cooperatie de wijk"),
        ("e\u0301e\u0301n café", "een cafe"),  # accents typed as separate marks
        ("İJsselmonde", "ijsselmonde"),  # a capital dotted I folds to a plain i
        ("STRAẞE Straße", "strasse strasse"),
        ("ﬁets — ½ uur", "fiets 1 2 uur"),  # ligature and fraction: compatibility forms
        ("Wmo-loket_Noord", "wmo loket noord"),
        ("", ""),
    ],
)
def test_mixed_texts_fold_as_one_would_expect(text, normalised):
    assert normalise(text) == normalised
