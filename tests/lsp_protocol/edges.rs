//! End to end: protocol edge cases not covered elsewhere. Stale document versions, changes
//! to documents never opened, and the exit codes the spec asks for (`exit` ends the process
//! by itself, with 0 after `shutdown` and 1 without).

use crate::common::{Client, apply_edit};
use newsls::lsp::contracts::DOCUMENT_TEXT;
use serde_json::{Value, json};

/// Waits for the server to exit (stdin still open, so only `exit` can end it).
fn exit_code(client: &mut Client) -> Option<i32> {
    client.wait_exit().code()
}

#[test]
fn exit_after_shutdown_is_code_0() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(exit_code(&mut client), Some(0));
}

#[test]
fn exit_without_shutdown_is_code_1() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///open.txt";
    client.open(uri, "Sergei Lavrov spoke.", 1);
    client.diagnostics(uri, 1);
    client.notify("exit", Value::Null);
    assert_eq!(exit_code(&mut client), Some(1));
}

#[test]
fn a_stale_version_is_applied_in_arrival_order_and_analysed() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///stale.txt";
    let mut text = "Sergei Lavrov spoke in Moscow.\n".to_string();
    client.open(uri, &text, 5);
    client.diagnostics(uri, 5);
    // Version 3 after 5: a client bug, but the edit is the user's latest typing.
    let end = json!({"line": 1, "character": 0});
    let range = json!({"start": end, "end": end});
    text = apply_edit(&text, &range, "</cite>\n", "utf-16");
    client.change(uri, 3, json!([{"range": range, "text": "</cite>\n"}]));
    assert_eq!(client.server_text(uri), (3, text.clone()));
    let diags = client.diagnostics(uri, 3);
    assert!(
        diags.iter().any(|d| d["code"] == "tag-stray-close"),
        "{diags:?}"
    );
    // The same version again, then a proper one: each edit lands, the last analysis wins.
    client.change(uri, 3, json!([{"text": "Kim Jong Il arrived.\n</cite>\n"}]));
    client.change(uri, 4, json!([{"text": "Kim Jong Il arrived.\n"}]));
    assert_eq!(
        client.server_text(uri),
        (4, "Kim Jong Il arrived.\n".to_string())
    );
    let diags = client.diagnostics(uri, 4);
    assert!(
        diags.iter().all(|d| d["code"] != "tag-stray-close"),
        "{diags:?}"
    );
    assert!(client.shutdown().success());
}

#[test]
fn a_change_to_a_document_never_opened_creates_nothing() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///never-opened.txt";
    let edit = json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]);
    client.change(uri, 2, edit.clone());
    client.change(uri, 3, json!([{"text": "Whole text."}]));
    let id = client.send_request(DOCUMENT_TEXT, json!({"textDocument": {"uri": uri}}));
    assert_eq!(client.response(id)["error"]["code"], -32602);
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}});
    assert!(client.request("textDocument/hover", at).is_null());
    // Opening it later starts from the opened text, not from the stray changes.
    client.open(uri, "Opened.", 1);
    client.change(uri, 2, edit);
    assert_eq!(client.server_text(uri), (2, "xOpened.".to_string()));
    assert!(client.shutdown().success());
}

/// How long the server may take to exit once its input ends (the aim is under a second; the
/// margin is for a loaded machine). Without the fix these servers never exit.
const EXIT_LIMIT: std::time::Duration = std::time::Duration::from_secs(3);

/// A client that never answers the server's requests: initialized with the capabilities that
/// make the server ask (settings, progress, file watchers), a workspace and an open document,
/// and the server's `workspace/configuration` request left pending.
fn silent_client(name: &str) -> Client {
    let root = crate::common::temp_dir(name);
    std::fs::write(root.join("a.txt"), "Sergei Lavrov spoke in Moscow.\n").unwrap();
    let capabilities = json!({
        "window": {"workDoneProgress": true},
        "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true}}
    });
    let mut client = Client::start();
    client.answers = false;
    let (mut client, _) = client.initialize(capabilities, Some(&root), Value::Null);
    client.open(
        &crate::common::file_uri(&root.join("a.txt")),
        "Sergei Lavrov spoke.",
        1,
    );
    client.wait_for("workspace/configuration", |_| true);
    client
}

#[test]
fn closing_stdin_ends_a_server_waiting_on_its_client() {
    let mut client = silent_client("eof-pending");
    client.close_stdin();
    assert_eq!(client.exit_within(EXIT_LIMIT).code(), Some(1));
}

#[test]
fn closing_stdin_after_shutdown_is_code_0_even_with_requests_pending() {
    let mut client = silent_client("eof-after-shutdown");
    let id = client.send_request("shutdown", Value::Null);
    assert!(client.response(id).get("error").is_none());
    client.close_stdin();
    assert_eq!(client.exit_within(EXIT_LIMIT).code(), Some(0));
}

#[test]
fn exit_ends_a_server_waiting_on_its_client() {
    let mut client = silent_client("exit-pending");
    let id = client.send_request("shutdown", Value::Null);
    client.response(id);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_within(EXIT_LIMIT).code(), Some(0));
}

/// Whether process `pid` has ended (gone, or a zombie waiting to be reaped by init).
#[cfg(target_os = "linux")]
fn ended(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z'),
        Err(_) => true,
    }
}

/// The server runs in the background of a shell (its parent, whose pid goes in `initialize`)
/// and keeps its stdin, which this test holds open: only the parent watch can end it.
#[cfg(target_os = "linux")]
#[test]
fn the_server_exits_when_the_process_that_started_it_is_killed() {
    let pid_file = crate::common::temp_dir("parent").join("server.pid");
    let mut command = std::process::Command::new("sh");
    command
        .arg("-c")
        .arg(r#"exec 3<&0; "$0" <&3 3<&- & echo $! > "$1"; wait"#)
        .arg(crate::common::bin())
        .arg(&pid_file);
    let mut client = Client::start_with(command);
    let parent = client.pid();
    client.request(
        "initialize",
        json!({"processId": parent, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    let server: u32 = loop {
        if let Some(pid) = std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|s| s.trim().parse().ok())
        {
            break pid;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(!ended(server));
    client.kill();
    let deadline = std::time::Instant::now() + crate::common::TIMEOUT;
    while !ended(server) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let gone = ended(server);
    if !gone {
        let _ = std::process::Command::new("kill")
            .arg(server.to_string())
            .status();
    }
    assert!(gone, "the server outlived its parent");
}

/// A small article of our own, different for each `n`.
fn generated_article(n: usize) -> String {
    const PEOPLE: [&str; 6] = [
        "Anna Berg",
        "Tomas Lind",
        "Maria Costa",
        "Jonas Weber",
        "Elena Petrova",
        "David Okafor",
    ];
    const PLACES: [&str; 5] = ["Lisbon", "Oslo", "Nairobi", "Quito", "Hanoi"];
    let (person, place) = (PEOPLE[n % PEOPLE.len()], PLACES[n % PLACES.len()]);
    format!(
        "Harbour plan number {n} approved in {place}\n\n\
         The city council of {place} voted on Tuesday to approve harbour plan number {n}, \
         which moves the ferry terminal {} metres north and adds a cycle lane.\n\n\
         \"This plan has waited {} years,\" {person} told reporters after the vote.\n\n\
         Work is due to start in the spring and to last about {} months.\n",
        100 + n % 900,
        2 + n % 20,
        6 + n % 30,
    )
}

/// The issue's "whatever it waits for": input that ends while the workspace scan of a large
/// folder is still reading and analysing, with a workspace-symbol request waiting for that
/// scan (up to 10 s), ends the server as quickly as input that ends when it is idle.
#[test]
fn closing_stdin_during_the_workspace_scan_ends_the_server() {
    let root = crate::common::temp_dir("eof-scan");
    // Long enough that the scan outlasts a few progress reports (one each 100 ms).
    for n in 0..2000 {
        let text = generated_article(n).repeat(8);
        std::fs::write(root.join(format!("{n:04}.txt")), text).unwrap();
    }
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::initialized(caps, Some(&root), Value::Null);
    let done = |p: &Value| -> Option<(usize, usize)> {
        let message = p["value"]["message"].as_str()?;
        let (done, total) = message.split_once('/')?;
        Some((done.parse().ok()?, total.parse().ok()?))
    };
    // A report of a scan under way (some files read, not all), or the end if it was quicker.
    let seen = client.wait_for("$/progress", |p| {
        p["value"]["kind"] == "end" || done(p).is_some_and(|(d, total)| d > 0 && d < total)
    });
    assert_ne!(
        seen["params"]["value"]["kind"], "end",
        "the scan ended before the test could close the input; the workspace is too small"
    );
    client.send_request("workspace/symbol", json!({"query": "Berg"}));
    let closed = std::time::Instant::now();
    client.close_stdin();
    let status = client.exit_within(EXIT_LIMIT);
    eprintln!(
        "exited {:?} after stdin closed during the scan ({} then)",
        closed.elapsed(),
        seen["params"]["value"]["message"]
    );
    assert_eq!(status.code(), Some(1));
    std::fs::remove_dir_all(&root).unwrap();
}
