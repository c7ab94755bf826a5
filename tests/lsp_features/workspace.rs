//! End to end: workspace indexing with progress, file watching and settings.

use crate::common::{Client, file_uri, seed, temp_dir};
use serde_json::{Value, json};

fn workspace_caps() -> Value {
    json!({
        "window": {"workDoneProgress": true},
        "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true}}
    })
}

#[test]
fn indexing_reports_progress_and_flags_invalid_utf8() {
    let dir = temp_dir("ws-progress");
    for i in 0..30 {
        std::fs::write(dir.join(format!("{i:03}.txt")), seed("002").1).unwrap();
    }
    std::fs::write(dir.join("bad.txt"), b"Caf\xE9 society.\n").unwrap();
    std::fs::write(dir.join("binary.txt"), b"\0\x01\x02").unwrap();
    std::fs::write(dir.join("notes.md"), "not indexed").unwrap();
    let (mut client, _) = Client::initialized(workspace_caps(), Some(&dir), Value::Null);
    let create = client.wait_for("window/workDoneProgress/create", |_| true);
    let token = create["params"]["token"].clone();
    client.wait_for("$/progress", |p| {
        p["token"] == token && p["value"]["kind"] == "begin"
    });
    let end = client.wait_for("$/progress", |p| {
        p["token"] == token && p["value"]["kind"] == "end"
    });
    assert_eq!(end["params"]["value"]["message"], "31 articles indexed");
    let bad_uri = file_uri(&dir.join("bad.txt"));
    let diags = client.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == bad_uri);
    assert_eq!(diags["params"]["diagnostics"][0]["code"], "invalid-utf8");
    assert!(client.shutdown().success());
}

#[test]
fn watched_files_keep_the_index_current() {
    let dir = temp_dir("ws-watch");
    std::fs::write(dir.join("a.txt"), "An article.").unwrap();
    let (mut client, _) = Client::initialized(workspace_caps(), Some(&dir), Value::Null);
    let registration = client.wait_for("client/registerCapability", |_| true);
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registered["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert_eq!(globs, ["**/*.txt", "**/newsls.toml"]);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");

    // A file created on disk is read and analysed: its invalid UTF-8 is reported.
    let created = dir.join("new.txt");
    std::fs::write(&created, b"Bad \xFF byte.").unwrap();
    let uri = file_uri(&created);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 1}]}),
    );
    let diags = client.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    assert_eq!(diags["params"]["diagnostics"][0]["code"], "invalid-utf8");
    // Deleting it, or a change to a file that is gone, does not disturb the server.
    std::fs::remove_file(&created).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 3}, {"uri": uri, "type": 2}]}),
    );
    let doc = file_uri(&dir.join("a.txt"));
    client.open(&doc, "Still working.", 1);
    client.diagnostics(&doc, 1);
    assert!(client.shutdown().success());
}

#[test]
fn settings_come_from_toml_and_the_client() {
    let dir = temp_dir("ws-settings");
    std::fs::write(dir.join("newsls.toml"), "exclude = [\"skip/**\"]\n").unwrap();
    std::fs::create_dir_all(dir.join("skip")).unwrap();
    std::fs::write(dir.join("skip/x.txt"), "skipped").unwrap();
    std::fs::write(dir.join("kept.txt"), "kept").unwrap();
    let mut client = Client::start();
    client.configuration = json!({"include": ["**/*.txt", "**/*.text"]});
    let caps = workspace_caps();
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(&dir), "capabilities": caps}),
    );
    client.notify("initialized", json!({}));
    let config_request = client.wait_for("workspace/configuration", |_| true);
    assert_eq!(config_request["params"]["items"][0]["section"], "newsls");
    let registration = client.wait_for("client/registerCapability", |_| true);
    let watchers =
        registration["params"]["registrations"][0]["registerOptions"]["watchers"].clone();
    assert_eq!(watchers.as_array().unwrap().len(), 3, "{watchers}");
    let end = client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    assert_eq!(end["params"]["value"]["message"], "1 article indexed");
    assert!(client.shutdown().success());
}

#[test]
fn invalid_client_settings_are_reported_and_ignored() {
    let (mut client, _) = Client::initialized(json!({}), None, json!({"include": ["a/[b"]}));
    let shown = client.wait_for("window/showMessage", |_| true);
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("invalid glob")
    );
    client.open("file:///x.txt", "Text.", 1);
    client.diagnostics("file:///x.txt", 1);
    assert!(client.shutdown().success());
}

#[test]
fn lines_shared_by_many_files_are_flagged_as_templates() {
    let dir = temp_dir("ws-templates");
    for i in 1..=4 {
        let text = format!(
            "Council approves budget number {i}\n\n\
             The city council voted on Tuesday to approve spending plan number {i}, which raises funding for parks and roads.\n\n\
             Council members debated measure {i} for several hours before the vote, with residents speaking for and against it.\n\n\
             The Riverside Chronicle has covered the valley and its towns since the year the mill opened.\n"
        );
        std::fs::write(dir.join(format!("a{i}.txt")), text).unwrap();
    }
    let (mut client, _) = Client::initialized(workspace_caps(), Some(&dir), Value::Null);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let path = dir.join("a1.txt");
    let uri = file_uri(&path);
    client.open(&uri, &std::fs::read_to_string(&path).unwrap(), 1);
    let diags = client.diagnostics(&uri, 1);
    let template = diags
        .iter()
        .find(|d| d["code"] == "template")
        .expect("template line flagged");
    assert_eq!(template["range"]["start"]["line"], 6);
    assert!(
        diags.iter().all(|d| d["range"]["start"]["line"] != 2),
        "the story stays"
    );
    assert!(client.shutdown().success());

    // The CLI sees the same when given the folder, and nothing when given one file.
    let out = std::process::Command::new(crate::common::bin())
        .arg("check")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .matches("[template]")
            .count(),
        4
    );
    let out = std::process::Command::new(crate::common::bin())
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("[template]"));
}

#[test]
fn unknown_keys_of_newsls_toml_are_warned_about_in_place() {
    let dir = temp_dir("ws-unknown-keys");
    let config = dir.join("newsls.toml");
    std::fs::write(
        &config,
        "exclude = []\n[boilerplate]\n  sevrity = \"error\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.txt"), "An article.").unwrap();
    let (mut client, _) = Client::initialized(workspace_caps(), Some(&dir), Value::Null);
    let uri = file_uri(&config);
    let published = client.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    let diags = published["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "unknown-setting");
    assert_eq!(diags[0]["severity"], 2);
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 2, "character": 2})
    );
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("boilerplate.sevrity")
    );

    // Fixed on disk: the warning goes away.
    std::fs::write(
        &config,
        "exclude = []\n[boilerplate]\n  severity = \"error\"\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 2}]}),
    );
    client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"] == json!([])
    });
    assert!(client.shutdown().success());
}
