"""The article record: its fields, its offsets, and text_clean equal to `newsls strip`."""

import subprocess

import newsls
import pytest
from conftest import PLAIN_ARTICLE, SEEDS, UNICODE_ARTICLE, seed_texts

CATEGORIES = {
    "appeal",
    "navigation",
    "teaser-list",
    "caption",
    "notice",
    "duplicate",
    "title",
    "template",
    "aside",
}
KINDS = {"person", "organization", "place", "other"}


def check_contract(text: str, record: dict) -> None:
    """Every field of the record has its type, and every offset indexes `text`."""
    assert set(record) == {"text_clean", "boilerplate", "entities", "quotes", "metadata"}
    assert isinstance(record["text_clean"], str)
    for span in record["boilerplate"]:
        assert set(span) == {"start", "end", "category", "reason"}
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert span["category"] in CATEGORIES
        assert span["reason"]
        # A boilerplate line is gone from the clean text.
        assert text[span["start"] : span["end"]] not in record["text_clean"].splitlines()
    ids = set()
    for entity in record["entities"]:
        assert set(entity) == {"id", "name", "kind", "mentions"}
        assert entity["kind"] in KINDS
        assert entity["id"].startswith(entity["kind"] + ":")
        assert entity["mentions"]
        ids.add(entity["id"])
        for m in entity["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for quote in record["quotes"]:
        assert set(quote) == {"start", "end", "text", "speaker", "channel", "confidence"}
        assert text[quote["start"] : quote["end"]] == quote["text"]
        if quote["speaker"] is None:
            assert quote["confidence"] is None
        else:
            assert set(quote["speaker"]) == {"name", "entity_id"}
            assert 0.0 < quote["confidence"] <= 1.0
            assert quote["speaker"]["entity_id"] in ids | {None}
    metadata = record["metadata"]
    assert set(metadata) == {
        "headline",
        "publication",
        "authors",
        "date",
        "dateline",
        "agencies",
    }
    assert all(isinstance(a, str) for a in metadata["authors"] + metadata["agencies"])


def test_offsets_index_python_strings_with_emoji_cjk_and_curly_quotes():
    record = newsls.analyze(UNICODE_ARTICLE)
    check_contract(UNICODE_ARTICLE, record)
    ribeiro = next(e for e in record["entities"] if "Tomás Ribeiro" in e["name"])
    assert ribeiro["kind"] == "person"
    # Mentions after the emoji and the CJK are still exact.
    quotes = record["quotes"]
    assert any(q["text"].startswith("“We listened") for q in quotes)
    said = [q for q in quotes if q["speaker"] and q["speaker"]["entity_id"] == ribeiro["id"]]
    assert said and said[0]["speaker"]["name"] == "Tomás Ribeiro"  # the name without its title
    gift = [q for q in quotes if q["text"] == "“a gift to developers”"]
    assert gift, quotes
    start = UNICODE_ARTICLE.index("“a gift to developers”")
    assert (gift[0]["start"], gift[0]["end"]) == (start, start + len("“a gift to developers”"))
    late = [m for e in record["entities"] for m in e["mentions"] if m["start"] > UNICODE_ARTICLE.index("横浜")]
    assert late, "some mention after the CJK text"


def test_metadata_and_boilerplate_of_an_article():
    record = newsls.analyze(UNICODE_ARTICLE)
    assert record["metadata"]["headline"] == "Harbor city council approves the new ferry line 🚢"
    assert record["metadata"]["authors"] == ["Maria Okafor"]
    assert record["metadata"]["dateline"] == "LISBON"
    appeal = [b for b in record["boilerplate"] if "newsletter" in UNICODE_ARTICLE[b["start"] : b["end"]]]
    assert appeal and appeal[0]["category"] == "appeal"
    assert "Subscribe to our newsletter" not in record["text_clean"]
    assert "ferry line between the old port" in record["text_clean"]


@pytest.mark.parametrize("text", [UNICODE_ARTICLE, PLAIN_ARTICLE] + seed_texts())
def test_every_text_keeps_the_contract(text):
    check_contract(text, newsls.analyze(text))


def test_text_clean_is_what_newsls_strip_prints(newsls_bin, tmp_path):
    files = sorted(SEEDS.glob("*.txt"))
    for name, text in [("unicode.txt", UNICODE_ARTICLE), ("plain.txt", PLAIN_ARTICLE)]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    assert len(files) >= 7
    for path in files:
        stripped = subprocess.run(
            [newsls_bin, "strip", str(path)], capture_output=True, check=True, cwd=tmp_path
        ).stdout.decode("utf-8")
        text = path.read_text(encoding="utf-8")
        assert newsls.analyze(text)["text_clean"] == stripped, path.name


def test_empty_and_blank_texts_have_empty_records():
    for text in ["", "   \n\n  ", "\r\n"]:
        record = newsls.analyze(text)
        check_contract(text, record)
        assert record["entities"] == [] and record["quotes"] == []
