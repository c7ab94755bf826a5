//! End to end: lifecycle, position-encoding negotiation and text synchronisation.

use crate::common::{Client, Rng, apply_edit, position, seed};
use newsls::lsp::contracts::DOCUMENT_TEXT;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::{
    InitializeResult, PositionEncodingKind, TextDocumentSyncCapability, TextDocumentSyncKind,
};

fn caps(encodings: Value) -> Value {
    json!({"general": {"positionEncodings": encodings}})
}

/// A random char boundary of `text`.
fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

const INSERTS: [&str; 8] = ["x", "—", "“quoted”", "…", "😀", "東京", "\n", "\r\nline\r"];

/// A random edit of `text`: (range, new text) with the range at char boundaries. CRLF pairs
/// are never split, since a position cannot point between their two characters.
fn random_edit(text: &str, rng: &mut Rng, encoding: &str) -> (Value, String) {
    let mut a = boundary(text, rng);
    let mut b = boundary(text, rng);
    for at in [&mut a, &mut b] {
        if *at > 0 && text[..*at].ends_with('\r') && text[*at..].starts_with('\n') {
            *at -= 1;
        }
    }
    let (start, end) = (a.min(b), a.max(b).min(a.min(b) + 40));
    let mut end = end;
    while !text.is_char_boundary(end)
        || (end > 0 && text[..end].ends_with('\r') && text[end..].starts_with('\n'))
    {
        end -= 1;
    }
    let end = end.max(start);
    let range =
        json!({"start": position(text, start, encoding), "end": position(text, end, encoding)});
    (range, INSERTS[rng.below(INSERTS.len())].to_string())
}

#[test]
fn lifecycle_and_encoding_negotiation() {
    let (client, result) = Client::initialized(caps(json!(["utf-32", "utf-8"])), None, Value::Null);
    let result: InitializeResult = serde_json::from_value(result).unwrap();
    let capabilities = &result.capabilities;
    assert_eq!(
        capabilities.position_encoding,
        Some(PositionEncodingKind::UTF32)
    );
    let Some(TextDocumentSyncCapability::Options(sync)) = &capabilities.text_document_sync else {
        panic!(
            "sync options expected: {:?}",
            capabilities.text_document_sync
        );
    };
    assert_eq!(sync.change, Some(TextDocumentSyncKind::INCREMENTAL));
    assert_eq!(result.server_info.unwrap().name, "newsls");
    assert!(client.shutdown().success());

    let (client, result) = Client::initialized(json!({}), None, Value::Null);
    let result: InitializeResult = serde_json::from_value(result).unwrap();
    assert_eq!(
        result.capabilities.position_encoding,
        Some(PositionEncodingKind::UTF16)
    );
    assert!(client.shutdown().success());
}

#[test]
fn random_edits_keep_server_text_equal_to_client_text_in_every_encoding() {
    let (_, seed_text) = seed("004");
    let base = format!("{seed_text}\r\nEmoji 😀, CJK 東京, dash —, “curly” … end\rmore");
    for (n, encoding) in ["utf-8", "utf-16", "utf-32"].into_iter().enumerate() {
        let (mut client, _) = Client::initialized(caps(json!([encoding])), None, Value::Null);
        let uri = format!("file:///sync-{encoding}.txt");
        let mut text = base.clone();
        client.open(&uri, &text, 1);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 + n as u64);
        for version in 2..=120 {
            let changes: Vec<Value> = (0..1 + rng.below(3))
                .map(|_| {
                    let (range, new_text) = random_edit(&text, &mut rng, encoding);
                    text = apply_edit(&text, &range, &new_text, encoding);
                    json!({"range": range, "text": new_text})
                })
                .collect();
            client.change(&uri, version, json!(changes));
            if version % 20 == 0 {
                assert_eq!(
                    client.server_text(&uri),
                    (version, text.clone()),
                    "{encoding} v{version}"
                );
            }
        }
        assert_eq!(client.server_text(&uri).1, text, "{encoding}");
        assert!(client.shutdown().success());
    }
}

#[test]
fn edits_and_requests_interleaved_stay_in_order() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///order.txt";
    let mut text = String::from("start\n");
    client.open(uri, &text, 1);
    let mut expected = Vec::new();
    // Fire 300 edits, each followed by a request, without waiting for any answer.
    for version in 2..302 {
        let end = position(&text, text.len(), "utf-16");
        let insert = format!("{version}—");
        client.change(
            uri,
            version,
            json!([{"range": {"start": end, "end": end}, "text": insert}]),
        );
        text.push_str(&insert);
        let id = client.send_request(DOCUMENT_TEXT, json!({"textDocument": {"uri": uri}}));
        expected.push((id, version, text.clone()));
    }
    for (id, version, text) in expected {
        let response = client.response(id);
        assert_eq!(response["result"]["version"], version);
        assert_eq!(response["result"]["text"], text);
    }
    // The last version's diagnostics are always published, whatever was coalesced.
    client.diagnostics(uri, 301);
    assert!(client.shutdown().success());
}

#[test]
fn full_text_changes_replace_the_document() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///full.txt";
    client.open(uri, "old text", 1);
    client.change(uri, 2, json!([{"text": "brand new\ntext"}]));
    assert_eq!(client.server_text(uri), (2, "brand new\ntext".to_string()));
    assert!(client.shutdown().success());
}

#[test]
fn out_of_range_edit_is_refused_and_logged() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///refuse.txt";
    client.open(uri, "one\ntwo", 1);
    let bad = json!([{"range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 2}}, "text": "x"}]);
    client.change(uri, 2, bad);
    let log = client.wait_for("window/logMessage", |p| {
        p["message"].as_str().unwrap().contains("refused")
    });
    assert_eq!(log["params"]["type"], 1);
    assert_eq!(client.server_text(uri), (1, "one\ntwo".to_string()));
    // Edits after the refused one still apply, and a character past the line end clamps.
    let clamp = json!([{"range": {"start": {"line": 0, "character": 99}, "end": {"line": 0, "character": 99}}, "text": "!"}]);
    client.change(uri, 3, clamp);
    assert_eq!(client.server_text(uri), (3, "one!\ntwo".to_string()));
    // A change for a document never opened is logged, not fatal.
    client.change("file:///never.txt", 1, json!([{"text": "x"}]));
    client.wait_for("window/logMessage", |p| {
        p["message"].as_str().unwrap().contains("not open")
    });
    assert!(client.shutdown().success());
}

#[test]
fn diagnostics_carry_the_version_and_clear_on_close() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///diag.txt";
    client.open(uri, "Some text.", 7);
    client.diagnostics(uri, 7);
    client.change(uri, 8, json!([{"text": "Other text."}]));
    client.diagnostics(uri, 8);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri
            && p.get("version").is_none_or(Value::is_null)
            && p["diagnostics"] == json!([])
    });
    assert!(
        cleared["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(client.shutdown().success());
}

#[test]
fn exit_without_shutdown_ends_the_process() {
    let mut client = Client::start();
    client.notify("exit", Value::Null);
    client.close_stdin();
    let status = client.wait_exit();
    assert!(
        !status.success(),
        "exit without shutdown must report failure"
    );
}

/// The publishes for `uri` received so far, in order.
fn publishes<'a>(client: &'a Client, uri: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    client
        .seen
        .iter()
        .filter(move |m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| &m["params"])
        .filter(move |p| p["uri"] == uri)
}

/// A burst of edits that add and remove boilerplate: every publish is for a version no older
/// than the one before, and the final version's diagnostics (from the per-keystroke layout)
/// are exactly what a full analysis (`newsls check`) reports for the final text.
#[test]
fn published_versions_only_move_forward_and_agree_with_a_full_analysis() {
    let (_, text) = seed("004");
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///burst.txt";
    client.open(uri, &text, 1);
    let mut current = text.clone();
    let mut rng = Rng(0x5eed);
    for version in 2..=40 {
        let lines: Vec<&str> = current.lines().collect();
        let at = rng.below(lines.len());
        let mut edited: Vec<&str> = lines.clone();
        if version % 3 == 0 {
            edited.remove(at);
        } else {
            edited.insert(at, "Donate now to keep our journalism free for everyone.");
        }
        current = edited.join("\n");
        client.change(uri, version, json!([{"text": current}]));
    }
    let last = client.diagnostics(uri, 40);
    // The full analysis of the last version has been stored once a request is answered.
    client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let versions: Vec<i64> = publishes(&client, uri)
        .map(|p| p["version"].as_i64().unwrap())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "published versions went back: {versions:?}"
    );

    assert_eq!(essentials(&last), checked("burst", &current));
    assert!(client.shutdown().success());
}

/// What identifies a diagnostic.
fn essentials(diagnostics: &[Value]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|d| json!([d["range"], d["code"], d["message"], d["severity"]]))
        .collect()
}

/// The diagnostics a full analysis (`newsls check`) reports for `text`.
fn checked(name: &str, text: &str) -> Vec<Value> {
    let path = crate::common::temp_dir(name).join(format!("{name}.txt"));
    std::fs::write(&path, text).unwrap();
    let output = std::process::Command::new(crate::common::bin())
        .args(["check", "--format", "json", "--position-encoding", "utf-16"])
        .arg(&path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    essentials(report[0]["diagnostics"].as_array().unwrap())
}

/// Typing in a long document (laid out per keystroke from its latest full analysis and the
/// edits since): every keystroke's version gets diagnostics that flag the line being typed
/// once it reads as an appeal, and the last version's settle on what a full analysis reports.
#[test]
fn typing_in_a_long_document_settles_on_the_full_analysis() {
    let article = crate::common::seed_text();
    let text = vec![article.as_str(); 400 * 1024 / article.len() + 1].join("\n");
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///long.txt";
    client.open(uri, &text, 1);
    client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    // A new paragraph after the first line of the middle copy of the articles.
    let middle = text.len() / 2;
    let at = middle + text[middle..].find('\n').unwrap();
    let mut current = text.clone();
    let mut version = 1;
    for typed in ["\n\n"]
        .into_iter()
        .chain("Subscribe to our newsletter".split_inclusive(|_| true))
    {
        // Each piece goes after what was typed before it.
        let offset = at + (current.len() - text.len());
        let here = position(&current, offset, "utf-16");
        let range = json!({"start": here, "end": here});
        current.insert_str(offset, typed);
        version += 1;
        client.change(uri, version, json!([{"range": range, "text": typed}]));
        client.diagnostics(uri, version);
    }
    let line = current[..at + 2].matches('\n').count();
    // The typed line is flagged as an appeal: its own diagnostic, or part of a junk region
    // that names the appeal among its categories.
    let flagged = |diagnostics: &[Value]| {
        diagnostics.iter().any(|d| {
            let range = &d["range"];
            let covers = range["start"]["line"].as_u64() <= Some(line as u64)
                && range["end"]["line"].as_u64() >= Some(line as u64);
            covers
                && (d["code"] == "appeal"
                    || d["message"].as_str().is_some_and(|m| m.contains("appeal")))
        })
    };
    assert!(flagged(&client.diagnostics(uri, version)));
    let expected = checked("long", &current);
    client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri
            && p["version"] == version
            && essentials(p["diagnostics"].as_array().unwrap()) == expected
    });
    assert!(client.shutdown().success());
}

/// Closing a document while its edits are still being analysed leaves it with no
/// diagnostics: nothing computed before the close is published after it.
#[test]
fn closing_during_analysis_leaves_no_diagnostics_behind() {
    let (_, text) = seed("004");
    let big = text.repeat(20);
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///closing.txt";
    client.open(uri, &big, 1);
    for version in 2..=6 {
        client.change(uri, version, json!([{"text": format!("{big}\n{version}")}]));
    }
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"] == json!([])
    });
    // Give any analysis still running the time to finish, then look at what came last.
    std::thread::sleep(std::time::Duration::from_millis(500));
    client.open("file:///other.txt", "Other text.", 1);
    client.diagnostics("file:///other.txt", 1);
    let last = publishes(&client, uri).last().unwrap().clone();
    assert_eq!(last["diagnostics"], json!([]), "{last}");
    assert!(client.shutdown().success());
}
