"""Stand-off exports read back by their real consumers (spaCy, bratly, pyld), and `newsls cite`
undone by the export: on the seeds, our own edge-case articles, and the benchmark folders
when ../shared/bench is present."""

import json
import subprocess
from pathlib import Path

import pytest
import spacy
from bratly import EntityAnnotation
from bratly.io import read_and_load_ann_file
from conftest import PLAIN_ARTICLE, REPO, SEEDS, UNICODE_ARTICLE
from pyld import jsonld

BENCH = REPO.parent / "shared" / "bench"
CONTEXT = Path(__file__).parent / "data" / "anno.jsonld"
CONTEXT_URLS = {"http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"}

TAGGED = (
    '<source publication="Harbour Post" date="2024-03-05"/>\n'
    "Ferry opens 🚢 in 東京 and Lisbon\n\n"
    '<cite speaker="Tomás Ribeiro">“We listened,”</cite> said Mayor Tomás Ribeiro. '
    "“This is their victory,” Ribeiro added.\r\n"
)
NO_ENTITIES = "nothing here but lower-case words, and no quotations at all.\n"
OWN = {
    "unicode.txt": UNICODE_ARTICLE,
    "plain.txt": PLAIN_ARTICLE,
    "tagged.txt": TAGGED,
    "empty.txt": NO_ENTITIES,
}


def folders():
    """(name, path or None): the seeds always, the benchmark's dev folders when present."""
    yield "seeds", SEEDS
    for name in ("quotes/dev", "entities/dev", "boilerplate/dev"):
        path = BENCH / name
        yield name, path if path.is_dir() else None


FOLDERS = list(folders())


@pytest.fixture(params=["own"] + [name for name, _ in FOLDERS])
def corpus(request, tmp_path_factory) -> Path:
    """A folder of articles: our own edge cases, the seeds, or a benchmark folder."""
    if request.param == "own":
        folder = tmp_path_factory.mktemp("own")
        for name, text in OWN.items():
            (folder / name).write_bytes(text.encode("utf-8"))
        return folder
    path = dict(FOLDERS)[request.param]
    if path is None:
        pytest.skip(f"../shared/bench/{request.param} is absent: benchmark round trip skipped")
    return path


def newsls(bin_: str, *args: str) -> subprocess.CompletedProcess:
    out = subprocess.run([bin_, *args], capture_output=True, text=True, encoding="utf-8")
    assert out.returncode == 0, out.stderr
    return out


def spans_export(bin_: str, folder: Path) -> list:
    out = newsls(bin_, "export", "--format", "spans", str(folder))
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_spans_build_spacy_docs_without_losing_a_span(newsls_bin, corpus):
    nlp = spacy.blank("en")
    records = spans_export(newsls_bin, corpus)
    assert records
    exported = made = 0
    for record in records:
        text = record["text"]
        doc = nlp.make_doc(text)
        groups = {"spans": "label", "quotes": None, "boilerplate": "category", "cites": None}
        for key, label in groups.items():
            spans = []
            for item in record[key]:
                assert 0 <= item["start"] < item["end"] <= len(text), item
                span = doc.char_span(
                    item["start"],
                    item["end"],
                    label=item[label] if label else key.upper(),
                    alignment_mode="expand",
                )
                assert span is not None, (record["path"], item, text[item["start"] : item["end"]])
                assert span.start_char <= item["start"] and item["end"] <= span.end_char
                spans.append(span)
            doc.spans[key] = spans
            exported += len(record[key])
            made += len(doc.spans[key])
        for item in record["spans"]:
            assert item["label"] in {"PERSON", "ORG", "PLACE", "OTHER"}
    assert made == exported


def test_spans_text_is_the_article_without_its_tags(newsls_bin, tmp_path):
    for name, text in OWN.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    records = {Path(r["path"]).name: r for r in spans_export(newsls_bin, tmp_path)}
    tagged = records["tagged.txt"]
    assert tagged["text"] == (
        "Ferry opens 🚢 in 東京 and Lisbon\n\n"
        "“We listened,” said Mayor Tomás Ribeiro. “This is their victory,” Ribeiro added.\r\n"
    )
    [cite] = tagged["cites"]
    assert tagged["text"][cite["start"] : cite["end"]] == "“We listened,”"
    assert cite["speaker"] == "Tomás Ribeiro" and cite["source"] == "Harbour Post"
    quotes = [tagged["text"][q["start"] : q["end"]] for q in tagged["quotes"]]
    assert quotes == ["“We listened,”", "“This is their victory,”"]
    assert records["empty.txt"]["spans"] == []
    assert records["unicode.txt"]["text"] == UNICODE_ARTICLE


def test_brat_files_read_back_with_every_span_on_its_text(newsls_bin, corpus, tmp_path):
    out = tmp_path / "brat"
    newsls(newsls_bin, "export", "--format", "brat", "--out", str(out), str(corpus))
    assert (out / "annotation.conf").is_file()
    texts = {Path(r["path"]).stem: r["text"] for r in spans_export(newsls_bin, corpus)}
    anns = sorted(out.rglob("*.ann"))
    assert len(anns) == len(texts)
    for ann in anns:
        with open(ann.with_suffix(".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        assert text == texts[ann.stem]
        lines = [line for line in ann.read_text(encoding="utf-8").split("\n") if line]
        collection = read_and_load_ann_file(
            str(ann), no_duplicates=False, sorting=False, renumerotize=False
        )
        assert len(collection.annotations) == len(lines), ann
        for annotation in collection.annotations:
            if not isinstance(annotation, EntityAnnotation):
                continue
            pieces = [text[f.start : f.end] for f in annotation.fragments]
            assert " ".join(pieces) == annotation.content, (ann, str(annotation))


def offline_loader(url, options=None):
    """Serves the vendored Web Annotation context; refuses every other URL."""
    if url not in CONTEXT_URLS:
        raise jsonld.JsonLdError(f"offline: {url}", "loading document failed")
    document = json.loads(CONTEXT.read_text(encoding="utf-8"))
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": document}


OA = "http://www.w3.org/ns/oa#"
# Files of a folder expanded by pyld (slow: about a second per article); the selectors of
# every file are checked.
EXPANDED = 12


def test_w3c_expands_and_every_quote_selector_matches_its_position(newsls_bin, corpus, tmp_path):
    out = tmp_path / "w3c"
    newsls(newsls_bin, "export", "--format", "w3c", "--out", str(out), str(corpus))
    files = sorted(out.rglob("*.jsonld"))
    assert files
    for i, path in enumerate(files):
        with open(path.with_suffix(".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        doc = json.loads(path.read_text(encoding="utf-8"))
        for item in doc["first"]["items"]:
            quote, position = item["target"]["selector"]
            start, end = position["start"], position["end"]
            assert text[start:end] == quote["exact"], (path, item["id"])
            assert text[:start].endswith(quote["prefix"])
            assert text[end:].startswith(quote["suffix"])
        if i >= EXPANDED:
            continue
        expanded = jsonld.expand(
            doc, {"documentLoader": offline_loader, "base": path.as_uri()}
        )
        nodes = json.dumps(expanded)
        assert nodes.count(f'"{OA}Annotation"') == doc["total"]
        assert nodes.count(f'"{OA}TextQuoteSelector"') == doc["total"]
        # Relative ids resolve beside the file: each target is the text copy.
        assert (path.with_suffix(".txt").as_uri() in nodes) == (doc["total"] > 0)


def test_cite_then_export_gives_back_the_original_text(newsls_bin, corpus, tmp_path):
    work = tmp_path / "work"
    for path in corpus.rglob("*.txt"):
        copy = work / path.relative_to(corpus)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
    originals = {p: p.read_bytes() for p in work.rglob("*.txt")}
    dry = newsls(newsls_bin, "cite", "--dry-run", str(work))
    assert {p: p.read_bytes() for p in originals} == originals, "--dry-run wrote"
    before = {Path(r["path"]): r["text"] for r in spans_export(newsls_bin, work)}
    newsls(newsls_bin, "cite", str(work))
    changed = [p for p in originals if p.read_bytes() != originals[p]]
    assert changed and "+++ b/" in dry.stdout
    for record in spans_export(newsls_bin, work):
        path = Path(record["path"])
        # The tags removed, the article is what it was.
        assert record["text"] == before[path], path
        quotes = {(q["start"], q["end"]) for q in record["quotes"] if q["speaker"]}
        cites = {(c["start"], c["end"]) for c in record["cites"]}
        assert quotes <= cites, path
    again = newsls(newsls_bin, "cite", str(work))
    assert "cited 0 quotes" in again.stderr
