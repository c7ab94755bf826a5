//! End to end: what a misbehaving client sends gets the error the spec asks for, and the
//! server stays up.

mod common;

use common::Client;
use serde_json::{Value, json};

fn error_code(client: &mut Client, id: i64) -> i64 {
    let response = client.response(id);
    response["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("expected an error: {response}"))
}

/// The server still answers: open a document and get its diagnostics.
fn still_alive(client: &mut Client, uri: &str) {
    client.open(uri, "Still here.", 1);
    client.diagnostics(uri, 1);
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut client = Client::start();
    let id = client.send_request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(error_code(&mut client, id), -32002);
    client.request("initialize", json!({"capabilities": {}}));
    client.notify("initialized", json!({}));
    still_alive(&mut client, "file:///a.txt");
    assert!(client.shutdown().success());
}

#[test]
fn garbage_gets_errors_not_a_crash() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let id = client.send_request("newsls/noSuchMethod", json!({}));
    assert_eq!(error_code(&mut client, id), -32601);
    let id = client.send_request("textDocument/hover", json!({"textDocument": 42}));
    assert_eq!(error_code(&mut client, id), -32602);
    client.send_raw(b"Content-Length: 10\r\n\r\n{not json}");
    let parse_error = client.response_null_id();
    assert_eq!(parse_error["error"]["code"], -32700);
    client.notify("textDocument/didChange", json!({"bogus": true}));
    client.notify("$/someUnknownNotification", json!({}));
    still_alive(&mut client, "file:///b.txt");
    assert!(client.shutdown().success());
}

#[test]
fn positions_and_documents_that_do_not_exist() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///short.txt";
    client.open(uri, "Vladimir Putin met Kim Jong Un.\n", 1);
    client.diagnostics(uri, 1);
    for position in [
        json!({"line": 0, "character": 9999}),
        json!({"line": 500, "character": 0}),
    ] {
        let at = json!({"textDocument": {"uri": uri}, "position": position});
        client.request("textDocument/hover", at.clone());
        client.request("textDocument/definition", at.clone());
        let mut refs = at.clone();
        refs["context"] = json!({"includeDeclaration": true});
        client.request("textDocument/references", refs);
        client.request("textDocument/completion", at);
    }
    for unknown in [
        "file:///never-opened.txt",
        "untitled:Untitled-1",
        "https://example.invalid/a.txt",
    ] {
        let at = json!({"textDocument": {"uri": unknown}, "position": {"line": 0, "character": 0}});
        assert!(client.request("textDocument/hover", at).is_null());
        let symbols = client.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": unknown}}),
        );
        assert!(symbols.is_null());
    }
    let id = client.send_request(
        "newsls/documentText",
        json!({"textDocument": {"uri": "file:///never-opened.txt"}}),
    );
    assert_eq!(error_code(&mut client, id), -32602);
    still_alive(&mut client, "file:///c.txt");
    assert!(client.shutdown().success());
}

#[test]
fn requests_after_shutdown_are_invalid() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    client.request("shutdown", Value::Null);
    let id = client.send_request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(error_code(&mut client, id), -32600);
    client.notify("exit", Value::Null);
    client.close_stdin();
    assert!(client.wait_exit().success());
}

#[test]
fn cancelled_requests_are_answered() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    let uri = "file:///cancel.txt";
    client.open(uri, "Sergei Lavrov said so.", 1);
    let id = client.send_request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    client.notify("$/cancelRequest", json!({"id": id}));
    let response = client.response(id);
    assert!(
        response.get("result").is_some() || response["error"]["code"] == -32800,
        "{response}"
    );
    still_alive(&mut client, "file:///d.txt");
    assert!(client.shutdown().success());
}
