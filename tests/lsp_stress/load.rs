//! End to end under load: 200 rapid edits with hover and references requests in flight,
//! none awaited before the next is sent. The server must answer a fresh request promptly
//! afterwards, publish its last diagnostics for the last version, and give its memory back.
//!
//! Ignored by plain `cargo test` (a debug build analyses too slowly for the timing bounds);
//! CI runs it against the release binary:
//! `NEWSLS_BIN=target/release/newsls cargo test --locked --test lsp_load -- --ignored`

use crate::common::{Client, apply_edit, file_uri, fixtures, seed_text, temp_dir};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const EDITS: i64 = 200;

/// The resident memory of a process in bytes, from /proc/<pid>/status.
fn rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .expect("VmRSS line");
    let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb * 1024
}

/// A round trip through the server: every message sent before it has been read.
fn round_trip(client: &mut Client, uri: &str) -> Duration {
    let clock = Instant::now();
    client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    clock.elapsed()
}

/// The edit of step `version`: a sentence inserted at the start of some line, so entities
/// and quotes shift; the last one adds a stray closing tag, a finding only it can cause.
fn edit(text: &str, version: i64) -> (Value, String) {
    let lines = text.split('\n').count();
    let line = (version as usize * 7919) % lines;
    let new_text = if version == EDITS + 1 {
        "</cite> "
    } else {
        "Vladimir Putin said so. "
    };
    let start = json!({"line": line, "character": 0});
    let range = json!({"start": start, "end": start});
    let after = apply_edit(text, &range, new_text, "utf-16");
    (json!([{"range": range, "text": new_text}]), after)
}

#[test]
#[ignore = "needs a release build: NEWSLS_BIN=target/release/newsls ... -- --ignored"]
fn rapid_edits_with_requests_in_flight() {
    let _serial = crate::one_at_a_time();
    let dir = temp_dir("load");
    for entry in std::fs::read_dir(fixtures().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let (mut client, _) = Client::initialized(json!({}), Some(&dir), Value::Null);
    let uri = file_uri(&dir.join("load.txt"));
    // About 190 KB, so that a leak of every version's analysis would stand out.
    let mut text = seed_text().repeat(10);
    client.open(&uri, &text, 1);
    client.diagnostics(&uri, 1);
    round_trip(&mut client, &uri);
    let baseline = rss(client.pid());

    let lavrov = text.find("Lavrov").expect("a name to ask about");
    let at = crate::common::position(&text, lavrov, "utf-16");
    let mut ids = Vec::new();
    for version in 2..=EDITS + 1 {
        let (changes, after) = edit(&text, version);
        text = after;
        client.change(&uri, version, changes);
        let params = json!({"textDocument": {"uri": uri}, "position": at});
        ids.push(client.send_request("textDocument/hover", params.clone()));
        let mut refs = params;
        refs["context"] = json!({"includeDeclaration": true});
        ids.push(client.send_request("textDocument/references", refs));
    }
    // Every request is answered, with a result or the "content modified" error.
    for (id, response) in client.responses(&ids) {
        assert!(
            response.get("result").is_some() || response["error"]["code"] == -32801,
            "request {id}: {response}"
        );
    }
    let fresh = round_trip(&mut client, &uri);
    assert!(
        fresh < Duration::from_secs(2),
        "fresh request took {fresh:?}"
    );

    let last = EDITS + 1;
    let diags = client.diagnostics(&uri, last);
    assert!(
        diags.iter().any(|d| d["code"] == "tag-stray-close"),
        "{diags:?}"
    );
    assert_eq!(client.server_text(&uri), (last, text));
    // Nothing older is published after the last version's diagnostics.
    std::thread::sleep(Duration::from_millis(500));
    round_trip(&mut client, &uri);
    let published: Vec<&Value> = client
        .seen
        .iter()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
        })
        .collect();
    assert_eq!(published.last().unwrap()["params"]["version"], last);

    // Memory settles back near the baseline. Freed memory is not always returned to the
    // system (allocator arenas per worker thread, ropey's and the index's spare capacity),
    // so the bound is generous: 64 MiB over the baseline. A leak of each version's text and
    // analysis (200 versions of 190 KB, several times their size once analysed) is far more.
    std::thread::sleep(Duration::from_secs(1));
    round_trip(&mut client, &uri);
    let settled = rss(client.pid());
    eprintln!(
        "RSS: baseline {} MiB, after load {} MiB",
        baseline >> 20,
        settled >> 20
    );
    assert!(
        settled < baseline + (64 << 20),
        "RSS {settled} after load, {baseline} before"
    );
    assert!(client.shutdown().success());
    std::fs::remove_dir_all(&dir).unwrap();
}
