//! End to end: hover, definition, references, highlights, symbols and semantic tokens
//! of entities across a workspace of the seed articles.

mod common;

use common::{Client, file_uri, fixtures, offset, position, temp_dir};
use serde_json::{Value, json};
use std::path::PathBuf;

/// A workspace holding copies of the seeds, indexed; returns the client and the folder.
fn workspace(name: &str) -> (Client, PathBuf) {
    let dir = temp_dir(name);
    for entry in std::fs::read_dir(fixtures().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let caps = json!({"window": {"workDoneProgress": true}, "workspace": {"workspaceEdit": {"documentChanges": true}}});
    let (mut client, _) = Client::initialized(caps, Some(&dir), Value::Null);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    (client, dir)
}

/// Opens a seed copy; returns its uri and text.
fn open(client: &mut Client, dir: &std::path::Path, prefix: &str) -> (String, String) {
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    client.open(&uri, &text, 1);
    client.diagnostics(&uri, 1);
    (uri, text)
}

/// The position of the `nth` occurrence of `needle` (plus `into` bytes), in UTF-16.
fn at(text: &str, needle: &str, nth: usize, into: usize) -> Value {
    let start = text.match_indices(needle).nth(nth).unwrap().0;
    position(text, start + into, "utf-16")
}

fn covered<'a>(text: &'a str, range: &Value) -> &'a str {
    &text[offset(text, &range["start"], "utf-16")..offset(text, &range["end"], "utf-16")]
}

fn params(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

#[test]
fn hover_names_the_entity_and_links_its_other_mentions() {
    let (mut client, dir) = workspace("ent-hover");
    let (uri, text) = open(&mut client, &dir, "000");
    let hover = client.request(
        "textDocument/hover",
        params(&uri, at(&text, "Lavrov said", 0, 2)),
    );
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        markdown.starts_with("**Sergei Lavrov** · person"),
        "{markdown}"
    );
    assert!(markdown.contains("in this file"), "{markdown}");
    assert!(markdown.contains("Other mentions:"), "{markdown}");
    assert!(
        markdown.contains("003_bc02b2ddaed6895b.txt:"),
        "Sergey Lavrov in 003 is the same entity: {markdown}"
    );
    assert!(markdown.contains("](file://"), "links: {markdown}");
    assert_eq!(covered(&text, &hover["range"]), "Lavrov");
    // Nothing to say off a name.
    let none = client.request(
        "textDocument/hover",
        params(&uri, at(&text, "timing", 0, 1)),
    );
    assert!(none.is_null());
    assert!(client.shutdown().success());
}

#[test]
fn definition_references_and_highlights() {
    let (mut client, dir) = workspace("ent-nav");
    let (uri, text) = open(&mut client, &dir, "000");
    let cursor = at(&text, "Lavrov refused", 0, 0);
    let definition = client.request("textDocument/definition", params(&uri, cursor.clone()));
    assert_eq!(definition["uri"], uri);
    assert_eq!(covered(&text, &definition["range"]), "Sergei Lavrov");
    assert_eq!(definition["range"]["start"]["line"], 0);

    let mut refs = params(&uri, cursor.clone());
    refs["context"] = json!({"includeDeclaration": true});
    let all = client.request("textDocument/references", refs.clone());
    let all = all.as_array().unwrap();
    let here: Vec<&Value> = all.iter().filter(|l| l["uri"] == uri).collect();
    assert_eq!(here.len(), text.matches("Lavrov").count());
    assert!(
        all.iter()
            .any(|l| l["uri"].as_str().unwrap().contains("003_")),
        "other files count"
    );
    for l in &here {
        assert!(covered(&text, &l["range"]).ends_with("Lavrov"));
    }
    refs["context"] = json!({"includeDeclaration": false});
    let without = client.request("textDocument/references", refs);
    assert_eq!(without.as_array().unwrap().len(), all.len() - 1);

    let highlights = client.request("textDocument/documentHighlight", params(&uri, cursor));
    assert_eq!(highlights.as_array().unwrap().len(), here.len());
    assert!(client.shutdown().success());
}

#[test]
fn symbols_outline_search_and_tokens() {
    let (mut client, dir) = workspace("ent-symbols");
    let (uri, _) = open(&mut client, &dir, "000");
    let outline = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let groups: Vec<&str> = outline
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert!(
        groups.contains(&"People") && groups.contains(&"Places"),
        "{groups:?}"
    );
    let people = &outline
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "People")
        .unwrap()["children"];
    assert!(
        people
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Sergei Lavrov")
    );

    let found = client.request("workspace/symbol", json!({"query": "lavr"}));
    let found = found.as_array().unwrap();
    assert!(
        found[0]["name"].as_str().unwrap().ends_with("Lavrov"),
        "{found:?}"
    );
    assert!(
        found[0]["containerName"]
            .as_str()
            .unwrap()
            .contains("files")
    );

    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let data = tokens["data"].as_array().unwrap();
    assert!(!data.is_empty() && data.len() % 5 == 0);
    assert!(client.shutdown().success());
}

#[test]
fn the_index_follows_edits_of_open_documents() {
    let (mut client, dir) = workspace("ent-edit");
    let (uri, text) = open(&mut client, &dir, "004");
    // A sentence added inside the story (mentions inside boilerplate are not indexed).
    let story_end = text.find("\n\nThe Kremlin said").unwrap();
    let edited = format!(
        "{} Foreign Minister Sergei Lavrov said the visit was welcome.{}",
        &text[..story_end],
        &text[story_end..]
    );
    client.change(&uri, 2, json!([{"text": edited}]));
    client.diagnostics(&uri, 2);
    let (other, other_text) = open(&mut client, &dir, "000");
    let mut refs = params(&other, at(&other_text, "Lavrov said", 0, 0));
    refs["context"] = json!({"includeDeclaration": true});
    let all = client.request("textDocument/references", refs);
    assert!(
        all.as_array().unwrap().iter().any(|l| l["uri"] == uri),
        "the new mention in the edited file is found"
    );
    assert!(client.shutdown().success());
}

#[test]
fn a_syndicated_story_is_not_a_template() {
    // 000 and 001 run the same wire story; a third copy must not turn its paragraphs into
    // "site template" boilerplate, which would hide them from references.
    let dir = temp_dir("ent-copies");
    for entry in std::fs::read_dir(fixtures().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        dir.join("000_a66d8d7f1149ab9a.txt"),
        dir.join("zz-copy.txt"),
    )
    .unwrap();
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::initialized(caps, Some(&dir), Value::Null);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let (uri, text) = open(&mut client, &dir, "zz-copy");
    let mut refs = params(&uri, at(&text, "Lavrov said", 0, 0));
    refs["context"] = json!({"includeDeclaration": true});
    let all = client.request("textDocument/references", refs);
    let files: std::collections::BTreeSet<String> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap().rsplit('/').next().unwrap()[..3].to_string())
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["000", "001", "003", "zz-"]
    );
    assert!(client.shutdown().success());
}

#[test]
fn references_right_after_start_wait_for_the_index() {
    let dir = temp_dir("ent-early");
    for entry in std::fs::read_dir(fixtures().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    // No wait for the end of indexing: the request itself waits for it.
    let (mut client, _) = Client::initialized(json!({}), Some(&dir), Value::Null);
    let path = dir.join("000_a66d8d7f1149ab9a.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    client.open(&uri, &text, 1);
    let mut refs = params(&uri, at(&text, "Lavrov said", 0, 0));
    refs["context"] = json!({"includeDeclaration": true});
    let all = client.request("textDocument/references", refs);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|l| l["uri"].as_str().unwrap().contains("003_"))
    );
    assert!(client.shutdown().success());
}

#[test]
fn references_stream_partial_results_before_an_empty_response() {
    // Enough copies of a story that the locations fill several batches.
    let dir = temp_dir("ent-partial");
    let seed = fixtures().join("seeds/000_a66d8d7f1149ab9a.txt");
    for n in 0..120 {
        std::fs::copy(&seed, dir.join(format!("copy-{n:03}.txt"))).unwrap();
    }
    let caps = json!({"window": {"workDoneProgress": true}, "workspace": {"configuration": true}});
    let (mut client, _) = Client::initialized(caps, Some(&dir), Value::Null);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let path = dir.join("copy-000.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    client.open(&uri, &text, 1);
    client.diagnostics(&uri, 1);
    let mut refs = params(&uri, at(&text, "Lavrov said", 0, 0));
    refs["context"] = json!({"includeDeclaration": true});
    let whole = client.request("textDocument/references", refs.clone());
    let whole = whole.as_array().unwrap();
    assert!(whole.len() > 300, "{} locations", whole.len());

    refs["partialResultToken"] = json!("refs-1");
    let response = client.request("textDocument/references", refs);
    assert_eq!(response, json!([]), "the results came as partial results");
    // Every batch arrived before the response (the client's `seen` is in arrival order).
    let batches: Vec<&Vec<Value>> = client
        .seen
        .iter()
        .filter(|m| m["method"] == "$/progress" && m["params"]["token"] == "refs-1")
        .map(|m| m["params"]["value"].as_array().unwrap())
        .collect();
    assert!(batches.len() > 1, "{} batches", batches.len());
    let streamed: Vec<&Value> = batches.into_iter().flatten().collect();
    assert_eq!(streamed, whole.iter().collect::<Vec<_>>());
    assert!(client.shutdown().success());
}
