//! End to end: every code action offered anywhere on every seed is a versioned edit that
//! only does what it says: removals take out whole flagged lines (and the blank lines after
//! them), citations only insert tags, and no two edits of one action overlap.

use crate::common::{Client, apply_workspace_edit, fixtures, offset};
use serde_json::{Value, json};

/// Byte ranges and new texts of an action's edits on `uri`.
fn edits(text: &str, edit: &Value, uri: &str) -> Vec<(usize, usize, String)> {
    let changes = edit["documentChanges"]
        .as_array()
        .expect("versioned documentChanges");
    let mut out = Vec::new();
    for change in changes {
        assert_eq!(change["textDocument"]["uri"], uri);
        assert_eq!(
            change["textDocument"]["version"], 1,
            "edits name the version they were made for"
        );
        for e in change["edits"].as_array().unwrap() {
            let start = offset(text, &e["range"]["start"], "utf-16");
            let end = offset(text, &e["range"]["end"], "utf-16");
            out.push((start, end, e["newText"].as_str().unwrap().to_string()));
        }
    }
    out.sort();
    out
}

#[test]
fn every_action_on_every_seed_touches_only_its_range() {
    let caps = json!({"workspace": {"workspaceEdit": {"documentChanges": true}}});
    let (mut client, _) = Client::initialized(caps, None, Value::Null);
    let mut seeds: Vec<_> = std::fs::read_dir(fixtures().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let mut checked = 0;
    for (n, path) in seeds.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let uri = format!("file:///safety-{n}.txt");
        client.open(&uri, &text, 1);
        let diags = client.diagnostics(&uri, 1);
        // Every line a boilerplate diagnostic covers (one diagnostic covers a run of blocks).
        let flagged: Vec<u64> = diags
            .iter()
            .filter(|d| d["data"]["kind"] == "boilerplate")
            .flat_map(|d| {
                let line = |end: &str| d["range"][end]["line"].as_u64().unwrap();
                line("start")..=line("end")
            })
            .collect();
        for (line, content) in text.lines().enumerate() {
            // The line's end in UTF-16 units, as the client sends it.
            let width = content.encode_utf16().count();
            let range = json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": width}});
            let actions = client.request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": diags}}),
            );
            for action in actions.as_array().into_iter().flatten() {
                let Some(edit) = action.get("edit") else {
                    assert!(
                        action["command"]["command"].is_string(),
                        "an action does something: {action}"
                    );
                    continue;
                };
                let title = action["title"].as_str().unwrap();
                let edits = edits(&text, edit, &uri);
                for pair in edits.windows(2) {
                    assert!(pair[0].1 <= pair[1].0, "{title}: overlapping edits");
                }
                for (start, end, new_text) in &edits {
                    if title.starts_with("Cite") {
                        assert_eq!(start, end, "{title}: citations only insert");
                        assert!(
                            new_text.starts_with("<cite ") || new_text == "</cite>",
                            "{title}: {new_text}"
                        );
                    } else if title.starts_with("Insert article source header") {
                        assert_eq!((*start, *end), (0, 0));
                        assert!(
                            new_text.starts_with("<source") && new_text.ends_with("/>\n"),
                            "{new_text:?}"
                        );
                    } else {
                        assert!(new_text.is_empty(), "{title}: removals insert nothing");
                        // Every removed non-blank line is a flagged one.
                        let first_line = text[..*start].matches('\n').count() as u64;
                        for (i, removed) in text[*start..*end].lines().enumerate() {
                            if !removed.trim().is_empty() {
                                assert!(
                                    flagged.contains(&(first_line + i as u64)),
                                    "{title}: removed an unflagged line: {removed}"
                                );
                            }
                        }
                    }
                }
                let applied = apply_workspace_edit(&text, edit, &uri, "utf-16");
                assert!(
                    applied.len() != text.len() || applied != text,
                    "{title}: the edit changes something"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} actions checked");
    assert!(client.shutdown().success());
}
