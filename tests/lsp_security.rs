//! End to end: the server reads only inside its workspace folders (and what the client
//! sends it), writes no file, opens no socket, and refuses oversized or invalid patterns in
//! its settings with a clear message while keeping the settings it had.
//!
//! File and network access is checked by running the server under strace (Debian's `strace`
//! package) and reading every open, socket and connect call it made.

mod common;

use common::{Client, bin, file_uri, temp_dir};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// A workspace folder `ws`, a folder `outside` beside it with a secret article, and links
/// from inside the workspace to the secret.
struct Layout {
    ws: PathBuf,
    outside: PathBuf,
    trace: PathBuf,
}

fn layout(name: &str) -> Layout {
    let base = temp_dir(name);
    let (ws, outside) = (base.join("ws"), base.join("outside"));
    std::fs::create_dir_all(ws.join("drafts")).unwrap();
    std::fs::create_dir_all(outside.join("dir")).unwrap();
    std::fs::write(ws.join("inside.txt"), "Kim Jong Il arrived in Moscow.\n").unwrap();
    for secret in [outside.join("secret.txt"), outside.join("dir/secret.txt")] {
        std::fs::write(secret, "Angela Merkel visited Paris on Monday.\n").unwrap();
    }
    std::os::unix::fs::symlink(outside.join("secret.txt"), ws.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(outside.join("dir"), ws.join("linkdir")).unwrap();
    Layout {
        ws,
        outside,
        trace: base.join("trace.log"),
    }
}

/// The files the workspace index names `query` in.
fn indexed_in(client: &mut Client, query: &str) -> Vec<String> {
    let found = client.request("workspace/symbol", json!({"query": query}));
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["location"]["uri"].as_str().unwrap().to_string())
        .collect()
}

/// Asks until `query` is indexed somewhere (files changed on disk are re-read in the
/// background).
fn wait_indexed(client: &mut Client, query: &str) {
    for _ in 0..100 {
        if !indexed_in(client, query).is_empty() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let all = indexed_in(client, "");
    panic!("{query} was never indexed; {all:?}");
}

fn watched(client: &mut Client, changes: &[(String, u32)]) {
    let changes: Vec<Value> = changes
        .iter()
        .map(|(uri, typ)| json!({"uri": uri, "type": typ}))
        .collect();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": changes}),
    );
}

/// The server, under strace, initialized on `ws`.
fn traced_server(layout: &Layout) -> Client {
    Command::new("strace")
        .arg("-V")
        .output()
        .expect("this test needs strace (Debian package strace)");
    let mut strace = Command::new("strace");
    strace
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=open,openat,creat,socket,connect",
            "-o",
        ])
        .arg(&layout.trace)
        .arg(bin());
    let caps = json!({"window": {"workDoneProgress": true}});
    let (client, _) = Client::start_with(strace).initialize(caps, Some(&layout.ws), Value::Null);
    client
}

/// The system calls strace saw, a line each.
fn trace_lines(trace: &Path) -> Vec<String> {
    std::fs::read_to_string(trace)
        .expect("strace wrote no trace")
        .lines()
        .map(str::to_string)
        .collect()
}

/// Whether a traced call returned without an error (strace shows errors as `= -1 ...`).
fn succeeded(line: &str) -> bool {
    line.rsplit_once(" = ")
        .is_some_and(|(_, result)| !result.starts_with('-'))
}

#[test]
fn reads_stay_in_the_workspace_and_nothing_is_written_or_sent() {
    let layout = layout("security-io");
    let mut client = traced_server(&layout);
    let end = client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    // inside.txt only: the links are not followed.
    assert_eq!(end["params"]["value"]["message"], "1 articles indexed");

    // The client reports changes to files outside the workspace, through `..`, and through
    // the links; a real new file inside comes last, so once it is indexed all were handled.
    let ws = &layout.ws;
    std::fs::write(
        ws.join("new.txt"),
        "Barack Obama visited Paris on Monday.\n",
    )
    .unwrap();
    let dotdot = format!("{}/../outside/secret.txt", file_uri(ws));
    watched(
        &mut client,
        &[
            (file_uri(&layout.outside.join("secret.txt")), 1),
            (dotdot, 2),
            (file_uri(&ws.join("new.txt")), 1),
        ],
    );
    wait_indexed(&mut client, "Obama");
    // A document outside the workspace that the client opens and closes is not read back.
    let opened = file_uri(&layout.outside.join("dir/secret.txt"));
    client.open(&opened, "Hillary Clinton visited Paris on Monday.\n", 1);
    client.diagnostics(&opened, 1);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": opened}}),
    );
    // Every kind of request on a workspace document, code actions included.
    let inside = file_uri(&ws.join("inside.txt"));
    client.open(
        &inside,
        "Kim Jong Il arrived in Moscow.\nShare this article\n",
        1,
    );
    client.diagnostics(&inside, 1);
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}});
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": inside}, "range": whole, "context": {"diagnostics": []}}),
    );
    for action in actions.as_array().into_iter().flatten() {
        if let Some(command) = action.get("command").filter(|c| c.is_object()) {
            let id = client.send_request(
                "workspace/executeCommand",
                json!({"command": command["command"], "arguments": command["arguments"]}),
            );
            client.response(id);
        }
    }
    assert!(indexed_in(&mut client, "Merkel").is_empty());
    assert!(indexed_in(&mut client, "Clinton").is_empty());
    assert!(client.shutdown().success());

    let lines = trace_lines(&layout.trace);
    let opens: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("open") && succeeded(l))
        .collect();
    assert!(opens.len() > 3, "strace saw no file opens: {lines:?}");
    for line in &opens {
        assert!(
            !line.contains("/outside"),
            "read outside the workspace: {line}"
        );
        assert!(
            !line.contains("O_WRONLY") && !line.contains("O_RDWR") && !line.contains("O_CREAT"),
            "opened for writing: {line}"
        );
    }
    let network: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("socket(") || l.contains("connect("))
        .collect();
    assert!(network.is_empty(), "network calls: {network:?}");
    assert!(!ws.join("newsls.toml").exists());
}

#[test]
fn oversized_and_invalid_globs_are_refused_and_the_previous_settings_kept() {
    let dir = temp_dir("security-globs");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(dir.join("a.txt"), "Kim Jong Il arrived.\n").unwrap();
    let long = "a".repeat(2000);
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::initialized(caps, Some(&dir), json!({"exclude": [long]}));
    let refused = client.wait_for("window/showMessage", |_| true);
    let message = refused["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("glob longer than 1024 bytes") && message.contains("previous settings"),
        "{message}"
    );
    assert_eq!(refused["params"]["type"], 1);
    // The defaults stay: the workspace is indexed.
    let end = client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    assert_eq!(end["params"]["value"]["message"], "1 articles indexed");

    // Good settings, then bad ones: the good ones stay in force.
    let settings = |exclude: Value| json!({"settings": {"newsls": {"exclude": exclude}}});
    client.notify(
        "workspace/didChangeConfiguration",
        settings(json!(["drafts/**"])),
    );
    client.notify(
        "workspace/didChangeConfiguration",
        settings(json!(["drafts/[oops"])),
    );
    let invalid = client.wait_for("window/showMessage", |p| {
        p["message"].as_str().unwrap().contains("invalid glob")
    });
    assert!(
        invalid["params"]["message"]
            .as_str()
            .unwrap()
            .contains("drafts/[oops"),
        "{invalid}"
    );
    std::fs::write(
        dir.join("drafts/d.txt"),
        "Angela Merkel visited Paris on Monday.\n",
    )
    .unwrap();
    std::fs::write(dir.join("b.txt"), "Barack Obama visited Paris on Monday.\n").unwrap();
    watched(
        &mut client,
        &[
            (file_uri(&dir.join("drafts/d.txt")), 1),
            (file_uri(&dir.join("b.txt")), 1),
        ],
    );
    wait_indexed(&mut client, "Obama");
    assert!(indexed_in(&mut client, "Merkel").is_empty());
    let ok = file_uri(&dir.join("a.txt"));
    client.open(&ok, "Still fine.", 1);
    client.diagnostics(&ok, 1);
    assert!(client.shutdown().success());
    std::fs::remove_dir_all(&dir).unwrap();
}
