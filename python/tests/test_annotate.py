"""annotate(): order, templates within a call, bad input, the GIL."""

import threading

import newsls
import pytest
from conftest import PLAIN_ARTICLE, UNICODE_ARTICLE, footer, seed_texts, site_article


def categories_of(text: str, record: dict, line: str) -> list:
    return [b["category"] for b in record["boilerplate"] if text[b["start"] : b["end"]] == line]


def test_one_record_per_text_in_order():
    texts = seed_texts() + [UNICODE_ARTICLE, PLAIN_ARTICLE, ""] + [site_article("Elm", n) for n in range(20)]
    texts = texts[::-1]
    records = newsls.annotate(texts, site_templates=False)
    assert len(records) == len(texts)
    for text, record in zip(texts, records):
        assert record == newsls.analyze(text)
    assert newsls.annotate([]) == []


def test_accepts_any_iterable_of_str():
    texts = (t for t in [PLAIN_ARTICLE, UNICODE_ARTICLE])
    assert len(newsls.annotate(texts, threads=1)) == 2


def test_blocks_shared_by_three_texts_are_templates():
    texts = [site_article("Elm", n) for n in range(4)]
    line = footer("Elm")
    with_templates = newsls.annotate(texts)
    without = newsls.annotate(texts, site_templates=False)
    for text, record, alone in zip(texts, with_templates, without):
        assert categories_of(text, record, line) == ["template"]
        assert line not in record["text_clean"]
        assert categories_of(text, alone, line) == []
        assert line in alone["text_clean"]
    # Two texts are not enough to call a line a template.
    assert all(categories_of(t, r, line) == [] for t, r in zip(texts[:2], newsls.annotate(texts[:2])))


@pytest.mark.parametrize(
    "call",
    [
        lambda: newsls.analyze(None),
        lambda: newsls.analyze(42),
        lambda: newsls.analyze(b"bytes are not text"),
        lambda: newsls.analyze(["a list"]),
        lambda: newsls.annotate("one str is not a list of texts"),
        lambda: newsls.annotate([PLAIN_ARTICLE, 3]),
        lambda: newsls.annotate([PLAIN_ARTICLE, None]),
        lambda: newsls.annotate([b"bytes"]),
        lambda: newsls.annotate(7),
    ],
)
def test_anything_but_str_is_a_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_the_item_at_fault_is_named():
    with pytest.raises(TypeError, match="item 1: expected str, got int"):
        newsls.annotate(["fine", 3])


def test_a_lone_surrogate_is_a_value_error():
    with pytest.raises(UnicodeEncodeError):
        newsls.analyze("broken \ud800 text")


def test_huge_texts_are_refused_clearly():
    huge = "word " * (17 * 1024 * 1024 // 5)
    with pytest.raises(ValueError, match="over the limit"):
        newsls.analyze(huge)
    with pytest.raises(ValueError, match="text 1: text is"):
        newsls.annotate([PLAIN_ARTICLE, huge], site_templates=False)


def test_bad_thread_counts_are_value_errors():
    with pytest.raises(ValueError):
        newsls.annotate([PLAIN_ARTICLE], threads=0)
    with pytest.raises((TypeError, OverflowError)):
        newsls.annotate([PLAIN_ARTICLE], threads=-1)


@pytest.mark.parametrize(
    "text",
    [
        "“" * 50_000,
        '"' * 50_000 + "\n" + "'" * 50_000,
        "A" * 2_000_000,
        "Mr. " * 100_000,
        "\n" * 200_000,
        "\u0000\u200b\u2028\u0085\ufeff" * 10_000,
        "<cite speaker=\"x\">" * 10_000,
        ("word " * 40 + "\n\n") * 2_000,
    ],
)
def test_hostile_texts_return_records(text):
    record = newsls.analyze(text)
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


def test_the_gil_is_released_during_the_analysis():
    texts = [site_article("Oak", n) * 20 for n in range(300)]
    done = threading.Event()
    ticks = 0

    def work():
        newsls.annotate(texts, site_templates=False, threads=1)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():
        ticks += 1
        done.wait(0.001)
    worker.join()
    assert ticks > 20, f"the main thread ran only {ticks} times during annotate()"
