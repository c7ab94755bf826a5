//! End to end: the server reads only inside its workspace folders (and what the client
//! sends it), writes no file, opens no socket, and refuses oversized or invalid patterns in
//! its settings with a clear message while keeping the settings it had.
//!
//! File and network access is checked by running the server under strace (Debian's `strace`
//! package) and reading every open, socket and connect call it made; without strace that
//! test is skipped with a message, unless `NEWSLS_REQUIRE_STRACE=1` (set by CI).

use crate::common::{Client, bin, file_uri, temp_dir};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Whether strace can run here. Without it the test is skipped with a message (a fresh
/// machine need not have it), unless `NEWSLS_REQUIRE_STRACE=1` (CI installs strace and sets
/// it, so the test cannot silently stop running there).
fn strace_available() -> bool {
    let found = Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("NEWSLS_REQUIRE_STRACE").is_none_or(|v| v != "1"),
            "NEWSLS_REQUIRE_STRACE=1 but strace cannot run (Debian package strace)"
        );
        eprintln!(
            "skipped: strace is not installed (Debian package strace); \
             set NEWSLS_REQUIRE_STRACE=1 to make this an error"
        );
    }
    found
}

/// The server, under strace, initialized on `ws`.
fn traced_server(layout: &Layout) -> Client {
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
    if !strace_available() {
        return;
    }
    let layout = layout("security-io");
    let mut client = traced_server(&layout);
    let end = client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    // inside.txt only: the links are not followed.
    assert_eq!(end["params"]["value"]["message"], "1 article indexed");

    // The client reports changes to files outside the workspace, through `..`, and through
    // the links; a real new file inside comes last, so once it is indexed all were handled.
    let ws = &layout.ws;
    std::fs::write(
        ws.join("new.txt"),
        "Barack Obama visited Paris on Monday.\n",
    )
    .unwrap();
    let dotdot = ws.join("../outside/secret.txt");
    client.watched(&[
        (&layout.outside.join("secret.txt"), 1),
        (&dotdot, 2),
        (&ws.join("link.txt"), 2),
        (&ws.join("linkdir/secret.txt"), 1),
        (&ws.join("new.txt"), 1),
    ]);
    client.wait_indexed("Obama", &["new.txt"]);
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
    assert_eq!(client.indexed_in("Merkel"), Vec::<String>::new());
    assert_eq!(client.indexed_in("Clinton"), Vec::<String>::new());
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
    assert_eq!(end["params"]["value"]["message"], "1 article indexed");

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
    client.watched(&[(&dir.join("drafts/d.txt"), 1), (&dir.join("b.txt"), 1)]);
    client.wait_indexed("Obama", &["b.txt"]);
    assert_eq!(client.indexed_in("Merkel"), Vec::<String>::new());
    let ok = file_uri(&dir.join("a.txt"));
    client.open(&ok, "Still fine.", 1);
    client.diagnostics(&ok, 1);
    assert!(client.shutdown().success());
    std::fs::remove_dir_all(&dir).unwrap();
}
