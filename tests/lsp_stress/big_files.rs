//! End to end with big files: a 10 MB single line is analysed and answered, a 50 MB file is
//! refused with the documented "too large" diagnostic, and the rest of the workspace keeps
//! working. The files are written at test time, never committed.
//!
//! Debug builds are too slow for this, so these tests are ignored by plain `cargo test`; CI
//! runs them against the release binary:
//! `NEWSLS_BIN=target/release/newsls cargo test --locked --test lsp_big_files -- --ignored`

use crate::common::{Client, file_uri, seed_text, temp_dir};
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};
use tower_lsp_server::ls_types::Position;

const MB: usize = 1_000_000;

/// How long one big request may take. Release analysis of 10 MB takes ~3 s on one core;
/// the bound leaves room for a CI machine shared with other builds.
const SLOW: Duration = Duration::from_secs(20);

/// At least `size` bytes of real article text, cut at a character boundary; with `one_line`
/// every line break becomes a space.
fn article_text(size: usize, one_line: bool) -> String {
    let mut unit = seed_text();
    if one_line {
        unit = unit.replace(['\r', '\n'], " ");
    }
    let mut text = unit.repeat(size / unit.len() + 1);
    let mut end = size;
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text.truncate(end);
    text
}

/// A workspace with the big file and a small article beside it.
fn workspace(name: &str, big_name: &str, big: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    std::fs::write(dir.join(big_name), big).unwrap();
    std::fs::write(
        dir.join("small.txt"),
        "Sergei Lavrov met Kim Jong Un in Moscow.\n",
    )
    .unwrap();
    dir
}

fn start(dir: &Path) -> Client {
    let caps = json!({"window": {"workDoneProgress": true}});
    let (client, _) = Client::initialized(caps, Some(dir), Value::Null);
    client
}

fn at(uri: &str, line: usize, character: usize) -> Value {
    let position = Position::new(line as u32, character as u32);
    json!(crate::common::at(uri, position))
}

/// The small article still gets diagnostics, hover and cross-file answers.
fn small_article_works(client: &mut Client, dir: &Path) {
    let small = file_uri(&dir.join("small.txt"));
    client.open(&small, "Sergei Lavrov met Kim Jong Un in Moscow.\n", 1);
    client.diagnostics(&small, 1);
    let hover = client.request("textDocument/hover", at(&small, 0, 9));
    assert!(hover["contents"].to_string().contains("Lavrov"), "{hover}");
    // The symbol points at the first file (in path order) naming the entity: the small
    // article, or a big one before it that names it too (then the entity has 2 files).
    let symbols = client.request("workspace/symbol", json!({"query": "Lavrov"}));
    let found = symbols.as_array().unwrap().iter().any(|s| {
        let two = s["containerName"]
            .as_str()
            .is_some_and(|c| c.ends_with("2 files"));
        s["name"] == "Sergei Lavrov" && (s["location"]["uri"] == small || two)
    });
    assert!(found, "{symbols}");
}

#[test]
#[ignore = "needs a release build: NEWSLS_BIN=target/release/newsls ... -- --ignored"]
fn ten_megabyte_single_line_is_analysed_and_answered() {
    let _serial = crate::one_at_a_time();
    let line = article_text(10 * MB, true);
    let dir = workspace("big-line", "one-line.txt", &line);
    let mut client = start(&dir);
    let end = client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    assert_eq!(end["params"]["value"]["message"], "2 articles indexed");

    let uri = file_uri(&dir.join("one-line.txt"));
    let clock = Instant::now();
    client.open(&uri, &line, 1);
    client.diagnostics(&uri, 1);
    for character in [0, 20, 5 * MB, 20 * MB] {
        client.request("textDocument/hover", at(&uri, 0, character));
        client.request("textDocument/definition", at(&uri, 0, character));
    }
    // References far from any name. (Those of a name with thousands of mentions on this line
    // are still too slow: position conversion scans the line for each mention.)
    let mut refs = at(&uri, 0, 5 * MB);
    refs["context"] = json!({"includeDeclaration": true});
    client.request("textDocument/references", refs);
    let document = json!({"textDocument": {"uri": uri}});
    client.request("textDocument/documentSymbol", document.clone());
    client.request("textDocument/foldingRange", document.clone());
    let mut actions = document;
    actions["range"] =
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 100}});
    actions["context"] = json!({"diagnostics": []});
    client.request("textDocument/codeAction", actions);
    // An edit at the far end of the line is applied and analysed.
    let end_of_line = crate::common::position(&line, line.len(), "utf-16");
    client.change(
        &uri,
        2,
        json!([{"range": {"start": end_of_line, "end": end_of_line}, "text": " The end."}]),
    );
    client.diagnostics(&uri, 2);
    let (version, text) = client.server_text(&uri);
    assert_eq!(version, 2);
    assert!(text.len() == line.len() + 9 && text.ends_with(" The end."));
    assert!(clock.elapsed() < 3 * SLOW, "took {:?}", clock.elapsed());

    small_article_works(&mut client, &dir);
    assert!(client.shutdown().success());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[ignore = "needs a release build: NEWSLS_BIN=target/release/newsls ... -- --ignored"]
fn fifty_megabyte_file_is_refused_with_a_diagnostic() {
    let _serial = crate::one_at_a_time();
    let big = article_text(50 * MB, false);
    let dir = workspace("big-file", "fifty.txt", &big);
    let mut client = start(&dir);
    // The scan skips the file over maxFileSize (16 MiB by default) and indexes the other.
    let end = client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    assert_eq!(end["params"]["value"]["message"], "1 article indexed");

    let uri = file_uri(&dir.join("fifty.txt"));
    let clock = Instant::now();
    client.open(&uri, &big, 1);
    let diags = client.diagnostics(&uri, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "too-large");
    let message = diags[0]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("{} bytes", big.len())) && message.contains("maxFileSize"),
        "{message}"
    );
    assert!(
        client
            .request("textDocument/hover", at(&uri, 1000, 3))
            .is_null()
    );
    client.change(&uri, 2, json!([{"text": "A short article now."}]));
    let after = client.diagnostics(&uri, 2);
    assert!(after.iter().all(|d| d["code"] != "too-large"), "{after:?}");
    assert!(clock.elapsed() < SLOW, "took {:?}", clock.elapsed());

    small_article_works(&mut client, &dir);
    assert!(client.shutdown().success());
    std::fs::remove_dir_all(&dir).unwrap();
}
