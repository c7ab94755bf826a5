"""newsls.ray on a local Ray with two CPUs: record columns, and templates within groups."""

import pytest

ray = pytest.importorskip("ray", reason="Ray Data is not installed (pip install 'newsls[ray]')")

import newsls  # noqa: E402
import newsls.ray  # noqa: E402
from conftest import PLAIN_ARTICLE, UNICODE_ARTICLE, footer, site_article  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def rows_by_id(ds):
    return {row["id"]: row for row in ds.take_all()}


def test_records_become_typed_columns(local_ray):
    texts = [UNICODE_ARTICLE, PLAIN_ARTICLE, ""] + [site_article("Elm", n) for n in range(5)]
    ds = ray.data.from_items([{"id": i, "text": t} for i, t in enumerate(texts)]).repartition(3)
    out = newsls.ray.annotate_dataset(ds)
    schema = out.schema()
    for field in newsls.ray.record_schema():
        assert schema.types[schema.names.index(field.name)] == field.type
    rows = rows_by_id(out)
    expected = newsls.annotate(texts, site_templates=False)
    for i, text in enumerate(texts):
        row = rows[i]
        assert row["text"] == text
        for column in newsls.ray.RECORD_COLUMNS:
            assert row[column] == expected[i][column], column


def test_templates_are_found_within_each_group(local_ray):
    items = [
        {"id": f"{site}-{n}", "site": site, "body": site_article(site, n)}
        for site in ("Elm", "Oak")
        for n in range(4)
    ]
    ds = ray.data.from_items(items).repartition(4)
    grouped = rows_by_id(newsls.ray.annotate_dataset(ds, text_column="body", group_by="site"))
    alone = rows_by_id(newsls.ray.annotate_dataset(ds, text_column="body"))
    assert len(grouped) == len(alone) == len(items)
    for item in items:
        line = footer(item["site"])
        text = item["body"]
        cats = [b["category"] for b in grouped[item["id"]]["boilerplate"] if text[b["start"] : b["end"]] == line]
        assert cats == ["template"], item["id"]
        assert line not in grouped[item["id"]]["text_clean"]
        assert line in alone[item["id"]]["text_clean"]


def test_a_missing_text_column_is_a_clear_error(local_ray):
    ds = ray.data.from_items([{"body": PLAIN_ARTICLE}])
    with pytest.raises(Exception, match="no column 'text'"):
        newsls.ray.annotate_dataset(ds).take_all()
