//! End to end: boilerplate diagnostics, quick fixes, fix-all, keep-this-block and folding.

use crate::common::{Client, apply_workspace_edit, file_uri, seed, temp_dir};
use newsls::lsp::contracts::KEEP_BLOCK;
use serde_json::{Value, json};
use std::process::Command;

fn caps() -> Value {
    json!({"workspace": {"workspaceEdit": {"documentChanges": true}, "applyEdit": true}})
}

fn boilerplate(diags: &[Value]) -> Vec<Value> {
    diags
        .iter()
        .filter(|d| d["data"]["kind"] == "boilerplate")
        .cloned()
        .collect()
}

fn actions(
    client: &mut Client,
    uri: &str,
    range: Value,
    diags: &[Value],
    only: Option<&str>,
) -> Vec<Value> {
    let mut context = json!({"diagnostics": diags});
    if let Some(only) = only {
        context["only"] = json!([only]);
    }
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
    );
    result.as_array().cloned().unwrap_or_default()
}

/// How many blocks the diagnostics cover (one diagnostic covers a run of blocks).
fn blocks(diags: &[Value]) -> u64 {
    diags
        .iter()
        .map(|d| d["data"]["blocks"].as_u64().unwrap())
        .sum()
}

/// The lines a diagnostic covers, 0-based.
fn lines(d: &Value) -> std::ops::RangeInclusive<usize> {
    let line = |end: &str| d["range"][end]["line"].as_u64().unwrap() as usize;
    line("start")..=line("end")
}

/// The text without the given 0-based lines and the blank lines after each.
fn without_lines(text: &str, gone: &[usize]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut keep = vec![true; lines.len()];
    for &line in gone {
        keep[line] = false;
        let mut next = line + 1;
        while next < lines.len() && lines[next].trim().is_empty() {
            keep[next] = false;
            next += 1;
        }
    }
    lines
        .iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(*l))
        .collect()
}

#[test]
fn diagnostics_fade_boilerplate_and_leave_the_story_alone() {
    let (_, text) = seed("004");
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///seed4.txt";
    client.open(uri, &text, 1);
    let diags = boilerplate(&client.diagnostics(uri, 1));
    assert!(blocks(&diags) >= 10, "{diags:#?}");
    assert!(
        diags.len() < blocks(&diags) as usize,
        "runs of blocks are one diagnostic each"
    );
    for d in &diags {
        assert_eq!(d["severity"], 4);
        assert_eq!(d["tags"], json!([1]));
        assert_eq!(d["source"], "newsls");
        assert!(d["message"].as_str().unwrap().starts_with("Boilerplate ("));
        assert!(d["code"].is_string());
        for line in lines(d) {
            let line = text.lines().nth(line).unwrap();
            assert!(
                !line.starts_with("MOSCOW — North Korean leader"),
                "story flagged: {line}"
            );
        }
    }
    assert!(diags.iter().any(|d| {
        lines(d).any(|line| {
            text.lines()
                .nth(line)
                .unwrap()
                .ends_with("Continue reading")
        })
    }));
    let twins: Vec<&Value> = diags
        .iter()
        .filter(|d| d["relatedInformation"].is_array())
        .collect();
    assert!(
        !twins.is_empty(),
        "the repeated teasers point at their first copy"
    );
    assert!(client.shutdown().success());
}

#[test]
fn remove_quick_fixes_remove_exactly_the_run_or_the_block() {
    let (_, text) = seed("004");
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///seed4-fix.txt";
    client.open(uri, &text, 1);
    let diags = boilerplate(&client.diagnostics(uri, 1));
    let target = diags
        .iter()
        .find(|d| d["code"] == "teaser-list" && d["data"]["blocks"].as_u64() > Some(1))
        .expect("a run of teasers")
        .clone();
    let n = target["data"]["blocks"].as_u64().unwrap();
    let first = *lines(&target).start();
    let cursor =
        json!({"start": {"line": first, "character": 0}, "end": {"line": first, "character": 0}});
    let found = actions(
        &mut client,
        uri,
        cursor,
        std::slice::from_ref(&target),
        None,
    );
    let titled = |title: &str| {
        found
            .iter()
            .find(|a| a["title"] == title)
            .unwrap_or_else(|| panic!("{title} in {found:#?}"))
    };
    let remove = titled(&format!(
        "Remove these {n} boilerplate blocks (teaser-list)"
    ));
    assert_eq!(remove["kind"], "quickfix");
    assert_eq!(remove["isPreferred"], true);
    assert_eq!(remove["diagnostics"][0]["range"], target["range"]);
    let change = &remove["edit"]["documentChanges"][0];
    assert_eq!(
        change["textDocument"]["version"], 1,
        "edits name the version they were computed for"
    );
    let run: Vec<usize> = lines(&target)
        .filter(|&l| !text.lines().nth(l).unwrap().trim().is_empty())
        .collect();
    assert_eq!(run.len() as u64, n);
    let removed = apply_workspace_edit(&text, &remove["edit"], uri, "utf-16");
    assert_eq!(removed, without_lines(&text, &run));

    let only = titled("Remove only this block (teaser-list)");
    let removed_one = apply_workspace_edit(&text, &only["edit"], uri, "utf-16");
    assert_eq!(removed_one, without_lines(&text, &[first]));
    assert!(found.iter().any(|a| a["command"]["command"] == KEEP_BLOCK));

    client.change(uri, 2, json!([{"text": removed}]));
    let after = boilerplate(&client.diagnostics(uri, 2));
    assert_eq!(blocks(&after), blocks(&diags) - n);
    assert!(client.shutdown().success());
}

#[test]
fn fix_all_leaves_what_strip_prints() {
    let (path, text) = seed("004");
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///seed4-all.txt";
    client.open(uri, &text, 3);
    let diags = boilerplate(&client.diagnostics(uri, 3));
    let everything =
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let on_save = actions(
        &mut client,
        uri,
        everything.clone(),
        &[],
        Some("source.fixAll"),
    );
    assert!(
        on_save.is_empty(),
        "nothing deletes text on save: {on_save:#?}"
    );
    let found = actions(
        &mut client,
        uri,
        everything,
        &[],
        Some("source.newsls.removeBoilerplate"),
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    let fix_all = &found[0];
    assert_eq!(fix_all["kind"], "source.newsls.removeBoilerplate");
    assert_eq!(
        fix_all["title"],
        format!(
            "Remove all boilerplate in this file ({} blocks)",
            blocks(&diags)
        )
    );
    let fixed = apply_workspace_edit(&text, &fix_all["edit"], uri, "utf-16");
    let stripped = Command::new(crate::common::bin())
        .arg("strip")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(fixed, String::from_utf8(stripped.stdout).unwrap());
    assert!(fixed.contains("The Kremlin has written off North Korea’s Soviet-era debts"));
    client.change(uri, 4, json!([{"text": fixed}]));
    assert!(boilerplate(&client.diagnostics(uri, 4)).is_empty());
    let none = actions(
        &mut client,
        uri,
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}),
        &[],
        Some("source.newsls.removeBoilerplate"),
    );
    assert!(none.is_empty());
    assert!(client.shutdown().success());
}

#[test]
fn keep_this_block_writes_a_suppression_that_survives_reopening() {
    let dir = temp_dir("keep");
    let (_, text) = seed("000");
    let path = dir.join("article.txt");
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    let (mut client, _) = Client::initialized(caps(), Some(&dir), Value::Null);
    client.open(&uri, &text, 1);
    let diags = boilerplate(&client.diagnostics(&uri, 1));
    let target = diags[0].clone();
    // The cursor on the first line of the diagnostic: keep that block.
    let line = *lines(&target).start();
    let cursor =
        json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}});
    let found = actions(
        &mut client,
        &uri,
        cursor,
        std::slice::from_ref(&target),
        Some("quickfix"),
    );
    let keep = found
        .iter()
        .find(|a| a["command"]["command"] == KEEP_BLOCK)
        .unwrap();
    let command = keep["command"].clone();
    client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    let apply = client.wait_for("workspace/applyEdit", |_| true);
    let ops = apply["params"]["edit"]["documentChanges"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(ops[0]["kind"], "create");
    let settings = dir.join("newsls.toml");
    assert_eq!(ops[1]["textDocument"]["uri"], file_uri(&settings));
    // Play the editor: create the file with the edit, as the client was told.
    std::fs::write(&settings, ops[1]["edits"][0]["newText"].as_str().unwrap()).unwrap();
    let after = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri
            && p["version"] == 1
            && blocks(&boilerplate(p["diagnostics"].as_array().unwrap())) == blocks(&diags) - 1
    });
    let after = boilerplate(after["params"]["diagnostics"].as_array().unwrap());
    assert!(after.iter().all(|d| !lines(d).contains(&line)));
    assert!(client.shutdown().success());

    // A new session reads the suppression from newsls.toml; the article text never changed.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let (mut client, _) = Client::initialized(caps(), Some(&dir), Value::Null);
    client.open(&uri, &text, 1);
    let reopened = boilerplate(&client.diagnostics(&uri, 1));
    assert_eq!(blocks(&reopened), blocks(&diags) - 1);
    assert!(client.shutdown().success());
}

#[test]
fn boilerplate_runs_fold() {
    let (_, text) = seed("004");
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///seed4-fold.txt";
    client.open(uri, &text, 1);
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    let folds = folds.as_array().unwrap();
    assert!(!folds.is_empty());
    for fold in folds {
        assert!(fold["endLine"].as_u64() > fold["startLine"].as_u64());
        assert!(
            fold["collapsedText"]
                .as_str()
                .unwrap()
                .starts_with("boilerplate: ")
        );
    }
    assert!(client.shutdown().success());
}

#[test]
fn severity_and_switch_come_from_settings() {
    let (_, text) = seed("004");
    let (mut client, _) = Client::initialized(
        caps(),
        None,
        json!({"boilerplate": {"severity": "warning"}}),
    );
    client.open("file:///s.txt", &text, 1);
    let diags = boilerplate(&client.diagnostics("file:///s.txt", 1));
    assert!(!diags.is_empty() && diags.iter().all(|d| d["severity"] == 2));
    assert!(client.shutdown().success());
    let (mut client, _) =
        Client::initialized(caps(), None, json!({"boilerplate": {"enabled": false}}));
    client.open("file:///s.txt", &text, 1);
    assert!(boilerplate(&client.diagnostics("file:///s.txt", 1)).is_empty());
    assert!(client.shutdown().success());
}
