"""`newsls batch`: one output line per input line, in order; bad lines; one engine."""

import json
import subprocess

import newsls
from conftest import PLAIN_ARTICLE, UNICODE_ARTICLE, footer, seed_texts, site_article


def batch(newsls_bin, lines, *args, cwd=None):
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    run = subprocess.run(
        [newsls_bin, "batch", *args], input=data, capture_output=True, cwd=cwd, timeout=300
    )
    out = [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
    return run.returncode, out


def test_records_come_out_in_input_order_with_their_ids(newsls_bin, tmp_path):
    texts = seed_texts() + [UNICODE_ARTICLE, PLAIN_ARTICLE] + [site_article("Elm", n) for n in range(30)]
    # More lines than one window (1000), so windows join up in order.
    texts = texts * 40
    lines = [json.dumps({"id": f"doc-{i}", "text": t}) for i, t in enumerate(texts)]
    status, out = batch(newsls_bin, lines, cwd=tmp_path)
    assert status == 0
    assert [o["id"] for o in out] == [f"doc-{i}" for i in range(len(texts))]
    distinct = {t: r for t, r in zip(texts, newsls.annotate(list(dict.fromkeys(texts)), site_templates=False))}
    for text, record in zip(texts, out):
        record = dict(record)
        del record["id"]
        # One engine: the same record as the Python package.
        assert record == distinct[text]


def test_bad_lines_give_errors_and_the_others_go_on(newsls_bin, tmp_path):
    lines = [
        json.dumps({"id": 1, "text": PLAIN_ARTICLE}),
        "this is not JSON",
        json.dumps({"id": 3, "body": "no text field"}),
        json.dumps({"id": 4, "text": 12}),
        "",
        json.dumps(["an", "array"]),
        json.dumps({"text": UNICODE_ARTICLE}),
    ]
    status, out = batch(newsls_bin, lines, cwd=tmp_path)
    assert status == 1
    assert len(out) == len(lines)
    assert out[0]["id"] == 1 and "text_clean" in out[0]
    assert out[1]["line"] == 2 and out[1]["error"].startswith("not JSON")
    assert out[2] == {"line": 3, "error": 'no "text" field', "id": 3}
    assert out[3] == {"line": 4, "error": 'field "text" is not a string', "id": 4}
    assert out[4] == {"line": 5, "error": "empty line"}
    assert out[5] == {"line": 6, "error": "not a JSON object"}
    assert out[6]["id"] is None and out[6]["text_clean"] == newsls.analyze(UNICODE_ARTICLE)["text_clean"]


def test_invalid_utf8_and_too_long_lines_are_errors(newsls_bin, tmp_path):
    good = json.dumps({"id": "a", "text": PLAIN_ARTICLE}).encode()
    data = good + b"\n" + b'{"text": "\xff\xfe"}\n' + good + b"\n"
    run = subprocess.run([newsls_bin, "batch", "-"], input=data, capture_output=True, cwd=tmp_path)
    out = [json.loads(line) for line in run.stdout.splitlines()]
    assert run.returncode == 1
    assert [o.get("error") for o in out] == [None, "not UTF-8", None]
    (tmp_path / "newsls.toml").write_text("maxFileSize = 1000\n")
    status, out = batch(newsls_bin, [json.dumps({"text": "x" * 100_000}), json.dumps({"text": "short"})], cwd=tmp_path)
    assert status == 1
    assert "too long" in out[0]["error"] and "text_clean" in out[1]


def test_other_field_names_and_a_file_argument(newsls_bin, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"url": "https://example.org/a", "body": PLAIN_ARTICLE}) + "\n", encoding="utf-8")
    run = subprocess.run(
        [newsls_bin, "batch", str(path), "--text-field", "body", "--id-field", "url"],
        capture_output=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    (record,) = [json.loads(line) for line in run.stdout.splitlines()]
    assert record["id"] == "https://example.org/a"
    assert record == {"id": record["id"], **newsls.analyze(PLAIN_ARTICLE)}
    missing = subprocess.run([newsls_bin, "batch", str(tmp_path / "nope.jsonl")], capture_output=True)
    assert missing.returncode == 2 and b"nope.jsonl" in missing.stderr


def test_site_templates_within_a_window(newsls_bin, tmp_path):
    texts = [site_article("Elm", n) for n in range(4)]
    lines = [json.dumps({"text": t}) for t in texts]
    line = footer("Elm")
    _, plain = batch(newsls_bin, lines, cwd=tmp_path)
    _, templated = batch(newsls_bin, lines, "--site-templates", cwd=tmp_path)
    for text, a, b in zip(texts, plain, templated):
        assert line in a["text_clean"] and line not in b["text_clean"]
        assert [s["category"] for s in b["boilerplate"] if text[s["start"] : s["end"]] == line] == ["template"]
    del templated[0]["id"]
    assert templated[0] == newsls.annotate(texts)[0]
