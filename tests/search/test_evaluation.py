"""The relevance evaluation follows DESIGN.md's rules to the letter."""

import json
import math

import pytest
from django.core.management import CommandError, call_command

from search.evaluation import load_judgments, score
from search.results import Hit

JUDGMENTS = [
    {
        "id": "T1",
        "query": "wederkerigheid",
        "kind": "short",
        "filters": {},
        "relevant": [
            {"phrase": "Wederkerigheid is één van de uitgangspunten", "grade": 3, "passage": "p:1"},
            {"phrase": "iets terugdoen voor de buurt", "grade": 3, "passage": "p:1"},
            {"phrase": "vraag naar wederkerigheid", "grade": 2, "passage": "p:2"},
            {"phrase": "wederkerig gedrag", "grade": 1, "passage": "p:3"},
        ],
        "must_not": [{"phrase": "uitkristalliseren"}],
    },
    {
        "id": "A1",
        "query": "geheim",
        "kind": "access",
        "filters": {},
        "relevant": [{"phrase": "vertrouwelijk verslag", "grade": 3, "passage": "x:1"}],
    },
]


@pytest.fixture
def judgments(tmp_path):
    path = tmp_path / "oordelen.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in JUDGMENTS), encoding="utf-8")
    return load_judgments(path)


def hit(text, title="Sectie"):
    return Hit(type="sectie", title=title, url="/x/", text=text)


def test_phrases_match_after_normalisation(judgments):
    # Curly quotes, accents, case and punctuation do not matter.
    found = score(judgments[0], [hit("“WEDERKERIGHEID is een van de uitgangspunten!”")], k=10)
    assert found.grades == [3]


def test_a_hit_earns_the_best_uncredited_passage_and_each_passage_counts_once(judgments):
    hits = [
        hit("iets terugdoen voor de buurt, en een vraag naar wederkerigheid"),  # p:1 and p:2
        hit("Wederkerigheid is een van de uitgangspunten"),  # p:1 again: already credited
        hit("nogmaals een vraag naar wederkerigheid en wederkerig gedrag"),  # p:2 free, p:3
    ]
    result = score(judgments[0], hits, k=10)
    assert result.grades == [3, 0, 2]
    ideal = 3 + 2 / math.log2(3) + 1 / math.log2(4)
    assert result.ndcg == pytest.approx((3 + 0 + 2 / math.log2(4)) / ideal)
    assert result.recall == 1.0  # both grade ≥ 2 passages are in the top 10
    assert result.reciprocal_rank == 1.0


def test_only_the_top_k_counts(judgments):
    hits = [hit("niets relevants")] * 3 + [hit("wederkerig gedrag")]
    assert score(judgments[0], hits, k=3).ndcg == 0.0
    result = score(judgments[0], hits, k=4)
    assert result.reciprocal_rank == 0.25 and result.recall == 0.0


def test_must_not_phrases_count_as_violations(judgments):
    result = score(judgments[0], [hit("het uitkristalliseren van taken")], k=10)
    assert result.must_not_violations == 1


def test_access_items_leak_when_any_phrase_is_returned(judgments):
    assert score(judgments[1], [hit("Een vertrouwelijk verslag.")], k=10).leaked
    assert not score(judgments[1], [hit("Openbaar.")], k=10).leaked


@pytest.mark.django_db
def test_the_command_reports_every_metric_and_the_baseline(tmp_path, capsys):
    path = tmp_path / "oordelen.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in JUDGMENTS), encoding="utf-8")
    call_command("evaluate_search", str(path), "--engine", "wagtail-default", "--json")
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {
        "engine",
        "k",
        "queries",
        "ndcg",
        "recall",
        "mrr",
        "must_not_violations",
        "access_leaks",
        "per_query",
    }
    assert result["engine"] == "wagtail-default" and result["queries"] == 2
    assert {row["id"] for row in result["per_query"]} == {"T1", "A1"}
    with pytest.raises(CommandError, match="lager dan"):
        call_command("evaluate_search", str(path), "--min-ndcg", "0.99")


def test_a_broken_judgments_file_is_a_clear_error(tmp_path):
    path = tmp_path / "kapot.jsonl"
    path.write_text('{"id": "X1", "query": \n', encoding="utf-8")
    with pytest.raises(CommandError, match="onleesbaar"):
        call_command("evaluate_search", str(path))


@pytest.mark.django_db
def test_figures_per_document_and_with_one_document_left_out(tmp_path, capsys):
    items = [
        {**JUDGMENTS[0], "id": "A-1", "source": "a"},
        {**JUDGMENTS[0], "id": "B-1", "source": "b", "query": "niets te vinden hier"},
    ]
    path = tmp_path / "oordelen.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in items), encoding="utf-8")
    arguments = ["--engine", "wagtail-default", "--json", "--by-source", "--holdout", "b"]
    call_command("evaluate_search", str(path), *arguments)
    result = json.loads(capsys.readouterr().out)
    assert set(result["by_source"]) == {"a", "b"}
    assert result["by_source"]["b"]["queries"] == 1
    assert result["holdout"]["left_out"] == result["by_source"]["b"]
    assert result["holdout"]["tuned"] == result["by_source"]["a"]
    with pytest.raises(CommandError, match="geen oordelen"):
        call_command("evaluate_search", str(path), "--holdout", "c")


@pytest.mark.django_db
def test_explain_shows_what_each_top_hit_scores_for(capsys):
    from tests.factories import PracticeFactory

    PracticeFactory(title="Kraakpand", summary="Een kraakpand wordt een buurthuis.")
    arguments = ["--explain", "kraakpand buurthuis", "--engine", "embedded", "--json"]
    call_command("evaluate_search", *arguments)
    explained = json.loads(capsys.readouterr().out)
    first = explained[0]
    assert first["title"] == "Kraakpand" and first["rank"] == 1
    assert any("kraakpand" in reason for reason in first["reasons"])
    assert any("every word" in reason for reason in first["reasons"])


@pytest.mark.django_db
def test_explain_follows_a_typo_to_the_words_the_search_used(capsys):
    from tests.factories import PracticeFactory

    PracticeFactory(title="Kraakpand", summary="Een kraakpand wordt een buurthuis.")
    PracticeFactory(title="Elders", summary="Over tuinieren.")
    call_command("evaluate_search", "--explain", "kraakpnd", "--engine", "embedded")
    printed = capsys.readouterr().out
    assert "kraakpand" in printed.splitlines()[0]  # what was searched instead
    assert "1." in printed and "Kraakpand" in printed and "Elders" not in printed
