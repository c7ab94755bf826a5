//! End to end: what a misbehaving client sends gets the error the spec asks for, and the
//! server stays up; broken frames are skipped and the server still ends with its input.

use crate::common::{Client, Rng};
use newsls::lsp::contracts::DOCUMENT_TEXT;
use serde_json::{Value, json};
use std::time::Duration;

/// How long the server may take to exit once its input ends (the aim is under a second; the
/// margin is for a loaded machine).
const EXIT_LIMIT: Duration = Duration::from_secs(3);

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
        DOCUMENT_TEXT,
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

fn frame(body: &[u8]) -> Vec<u8> {
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// A request the server answers at once: symbols of a document that is not open (null).
fn symbols_request(id: i64) -> Vec<u8> {
    let request = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
                         "params": {"textDocument": {"uri": "file:///nowhere.txt"}}});
    frame(request.to_string().as_bytes())
}

/// Sends `junk` and then a request; checks the request is answered, and that the junk got
/// `nulls` errors with a null id and `code`.
fn answered_after(client: &mut Client, junk: &[u8], nulls: usize, code: i64) {
    static NEXT: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(10_000);
    let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut bytes = junk.to_vec();
    bytes.extend(symbols_request(id));
    client.send_raw(&bytes);
    let (response, errors) = client.response_and_nulls(id, nulls);
    assert!(
        response["result"].is_null() && response.get("error").is_none(),
        "{response}"
    );
    for error in errors {
        assert_eq!(error["error"]["code"], code, "{error}");
    }
}

/// Frames whose header is broken, or whose body is shorter than its header says.
const BROKEN_FRAMES: [&[u8]; 8] = [
    b"Content-Length: abc\r\n\r\n{}",
    b"Content-Length: -5\r\n\r\n{}",
    b"Content-Length: 99999999999999999999999\r\n\r\n{}",
    b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
    b"garbage before a header\r\n",
    b"Content-Length: 1000000000\r\n\r\n{\"jsonrpc\":\"2.0\"}",
    b"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"shutdown\"}",
    b"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"cut in a str",
];

#[test]
fn broken_frames_get_a_parse_error_and_the_next_frame_is_read() {
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    for junk in BROKEN_FRAMES {
        answered_after(&mut client, junk, 1, -32700);
    }
    assert!(client.shutdown().success());
}

#[test]
fn broken_frames_at_the_end_of_input_end_the_server() {
    let cut_short: [&[u8]; 2] = [
        b"Content-Length: 1000000000\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,",
        b"Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,",
    ];
    for junk in BROKEN_FRAMES.iter().chain(&cut_short) {
        let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
        client.send_raw(junk);
        client.close_stdin();
        let status = client.exit_within(EXIT_LIMIT);
        assert_eq!(status.code(), Some(1), "{}", String::from_utf8_lossy(junk));
    }
}

#[test]
fn json_that_is_not_a_message_is_an_invalid_request() {
    let deep = format!(
        r#"{{"jsonrpc":"2.0","id":13,"method":"x","params":{}{}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let cases: Vec<(&[u8], Value)> =
        vec![
        (b"42", Value::Null),
        (b"[]", Value::Null),
        (b"null", Value::Null),
        (b"\"s\"", Value::Null),
        (br#"{"jsonrpc":"2.0","id":7}"#, json!(7)),
        (br#"{"jsonrpc":"1.0","id":8,"method":"shutdown"}"#, json!(8)),
        (br#"{"id":"nine","method":"shutdown"}"#, json!("nine")),
        (br#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#, Value::Null),
        (br#"{"jsonrpc":"2.0","id":10,"method":7}"#, json!(10)),
        (
            br#"[{"jsonrpc":"2.0","id":11,"method":"shutdown"},{"jsonrpc":"2.0","method":"exit"}]"#,
            Value::Null,
        ),
        (br#"{"jsonrpc":"2.0","id":12,"error":"not an error object"}"#, Value::Null),
        (deep.as_bytes(), json!(13)),
    ];
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    for (body, id) in cases {
        client.send_raw(&frame(body));
        let response = client.response_to(&id);
        assert_eq!(response["error"]["code"], -32600, "{response}");
        // Nothing in them ran (no shutdown, no exit): the server answers as before.
        answered_after(&mut client, b"", 0, 0);
    }
    // Bodies that are not JSON (or not UTF-8) keep their parse error.
    answered_after(&mut client, &frame(b"\"\xff\xfe\""), 1, -32700);
    answered_after(&mut client, &frame(b""), 1, -32700);
    assert!(client.shutdown().success());
}

#[test]
fn dollar_requests_get_method_not_found_and_dollar_notifications_nothing() {
    let mut client = Client::start();
    // Before `initialize` too.
    let id = client.send_request("$/noSuchRequest", json!({}));
    assert_eq!(error_code(&mut client, id), -32601);
    client.request("initialize", json!({"capabilities": {}}));
    client.notify("initialized", json!({}));
    client.notify("$/noSuchNotification", json!({}));
    let id = client.send_request("$/noSuchRequest", json!({}));
    assert_eq!(error_code(&mut client, id), -32601);
    answered_after(&mut client, b"", 0, 0);
    assert!(client.shutdown().success());
}

/// One piece of junk: random bytes, a broken frame or a body that is no message.
fn junk(rng: &mut Rng) -> Vec<u8> {
    let random =
        |rng: &mut Rng, n: usize| -> Vec<u8> { (0..n).map(|_| rng.below(256) as u8).collect() };
    let request = br#"{"jsonrpc":"2.0","id":77,"method":"shutdown","params":null}"#;
    match rng.below(9) {
        0 => {
            let n = 1 + rng.below(200);
            random(rng, n)
        }
        1 => {
            let n = rng.below(80);
            let mut line: Vec<u8> = (0..n).map(|_| b' ' + rng.below(95) as u8).collect();
            line.extend(b"\r\n");
            line
        }
        2 => {
            let values = [
                "abc",
                "-5",
                "99999999999999999999999",
                "",
                "1e3",
                "12 12",
                "0x10",
            ];
            let value = values[rng.below(values.len())];
            format!("Content-Length: {value}\r\n\r\n{{}}").into_bytes()
        }
        3 => b"Content-Type: application/vscode-jsonrpc\r\n\r\n{}".to_vec(),
        4 => {
            let cut = rng.below(request.len());
            let claimed = request.len() + 1 + rng.below(1000);
            let mut bytes = format!("Content-Length: {claimed}\r\n\r\n").into_bytes();
            bytes.extend(&request[..cut]);
            bytes
        }
        5 => {
            let n = rng.below(100);
            frame(&random(rng, n))
        }
        6 => {
            let bodies = [
                "42",
                "[]",
                "null",
                "\"s\"",
                "{}",
                r#"{"jsonrpc":"2.0","id":3}"#,
            ];
            frame(bodies[rng.below(bodies.len())].as_bytes())
        }
        7 => {
            let n = rng.below(100);
            let mut bytes = b"Content-Length: 1000000000\r\n\r\n".to_vec();
            bytes.extend(random(rng, n));
            bytes
        }
        _ => frame(br#"[{"jsonrpc":"2.0","id":78,"method":"shutdown"}]"#),
    }
}

#[test]
fn a_thousand_pieces_of_junk_between_requests() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut client, _) = Client::initialized(json!({}), None, Value::Null);
    for round in 0..1000 {
        let junk = junk(&mut rng);
        let id = 100_000 + round;
        let mut bytes = junk.clone();
        bytes.extend(symbols_request(id));
        client.send_raw(&bytes);
        let response = client.response(id);
        assert!(
            response["result"].is_null() && response.get("error").is_none(),
            "after {:?}: {response}",
            String::from_utf8_lossy(&junk)
        );
    }
    assert_eq!(client.shutdown().code(), Some(0));
}
