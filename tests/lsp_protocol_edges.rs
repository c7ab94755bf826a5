//! End to end: protocol edge cases not covered elsewhere. Stale document versions, changes
//! to documents never opened, and the exit codes the spec asks for (`exit` ends the process
//! by itself, with 0 after `shutdown` and 1 without).

mod common;

use common::{Client, apply_edit};
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
    let id = client.send_request("newsls/documentText", json!({"textDocument": {"uri": uri}}));
    assert_eq!(client.response(id)["error"]["code"], -32602);
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}});
    assert!(client.request("textDocument/hover", at).is_null());
    // Opening it later starts from the opened text, not from the stray changes.
    client.open(uri, "Opened.", 1);
    client.change(uri, 2, edit);
    assert_eq!(client.server_text(uri), (2, "xOpened.".to_string()));
    assert!(client.shutdown().success());
}
