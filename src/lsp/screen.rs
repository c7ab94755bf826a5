//! What the protocol library may see. tower-lsp-server stops reading after any body it cannot
//! decode, answers an object without `method` as a request for method "", and says nothing to
//! a `$/` request; so each body is checked first. One the library can take passes unchanged;
//! the others are swapped for a stand-in request carrying the JSON-RPC error they deserve,
//! answered by [`super::edge`] before the library sees it.

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The method of the stand-in request.
pub const STAND_IN: &str = "newsls/invalidMessage";

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;

/// What to do with a message body.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Pass it on; `exit` says it is the `exit` notification (the last one to read).
    Pass { exit: bool },
    /// Pass this stand-in instead, which is answered with an error.
    Answer(Vec<u8>),
    /// Drop it without an answer.
    Drop,
}

/// The members of a JSON-RPC message, read without copying params or results. Duplicate
/// members fail here as they would in the library.
#[derive(Deserialize)]
struct Envelope {
    jsonrpc: Option<Value>,
    method: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    /// Read only so that a duplicate `params` fails here too.
    #[serde(default, rename = "params")]
    _params: Present,
    #[serde(default)]
    result: Present,
    #[serde(default)]
    error: Present,
}

/// Whether a member is there at all (`null` included).
#[derive(Default)]
struct Present(bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| Present(true))
    }
}

/// Keeps a member given as `null` apart from a missing one.
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// Decides what becomes of a body read from the client.
pub fn screen(body: &[u8]) -> Verdict {
    let Ok(text) = std::str::from_utf8(body) else {
        return answer(
            Value::Null,
            PARSE_ERROR,
            "Parse error: the message is not UTF-8",
        );
    };
    // An object only: serde would also read a struct from an array.
    let object = text.trim_start().starts_with('{');
    let envelope = match serde_json::from_str::<Envelope>(text) {
        Ok(envelope) if object => envelope,
        _ if serde_json::from_str::<IgnoredAny>(text).is_err() => {
            return answer(
                Value::Null,
                PARSE_ERROR,
                "Parse error: the message is not JSON",
            );
        }
        _ if text.trim_start().starts_with('[') => {
            return invalid(Value::Null, "batches are not part of LSP");
        }
        _ => return invalid(Value::Null, "not a JSON-RPC message object"),
    };
    let id = envelope.id.clone().filter(is_id);
    if envelope.jsonrpc != Some(json!("2.0")) {
        return invalid(id.unwrap_or_default(), "\"jsonrpc\" must be \"2.0\"");
    }
    match &envelope.method {
        Some(Value::String(method)) => request(text, method, &envelope),
        Some(_) => invalid(id.unwrap_or_default(), "\"method\" must be a string"),
        None if envelope.result.0 || envelope.error.0 => response(text),
        None => invalid(id.unwrap_or_default(), "no \"method\""),
    }
}

/// A request or notification: passes if the library can read it.
fn request(text: &str, method: &str, envelope: &Envelope) -> Verdict {
    let id = envelope.id.as_ref();
    if id.is_some_and(|id| !is_id(id)) {
        return invalid(Value::Null, "\"id\" must be an integer, a string or null");
    }
    if envelope.result.0 || envelope.error.0 {
        return invalid(id.cloned().unwrap_or_default(), "a request has no result");
    }
    let id = id.cloned();
    if method.starts_with("$/") || method == STAND_IN {
        // LSP defines no `$/` request: one gets "method not found". `$/` notifications pass
        // (the library handles `$/cancelRequest` and drops the others silently).
        return match id {
            Some(id) => answer(id, METHOD_NOT_FOUND, "Method not found"),
            None if method == STAND_IN => Verdict::Drop,
            None => Verdict::Pass { exit: false },
        };
    }
    // The last word on params (depth, number range) is the library's own parser.
    if serde_json::from_str::<Request>(text).is_err() {
        return invalid(id.unwrap_or_default(), "unreadable params");
    }
    Verdict::Pass {
        exit: method == "exit",
    }
}

/// A response to one of the server's requests: passes if the library can read it.
fn response(text: &str) -> Verdict {
    match serde_json::from_str::<Response>(text) {
        Ok(_) => Verdict::Pass { exit: false },
        Err(_) => invalid(Value::Null, "not a valid response"),
    }
}

/// A JSON-RPC id the library accepts: an integer, a string or null.
fn is_id(id: &Value) -> bool {
    id.is_i64() || id.is_string() || id.is_null()
}

fn invalid(id: Value, why: &str) -> Verdict {
    answer(id, INVALID_REQUEST, &format!("Invalid Request: {why}"))
}

/// The stand-in request for a message answered with an error.
fn answer(id: Value, code: i64, message: &str) -> Verdict {
    Verdict::Answer(stand_in(id, code, message))
}

fn stand_in(id: Value, code: i64, message: &str) -> Vec<u8> {
    let request = json!({"jsonrpc": "2.0", "id": id, "method": STAND_IN,
                         "params": {"code": code, "message": message}});
    request.to_string().into_bytes()
}

/// The stand-in for a frame that could not be read at all.
pub fn broken_frame() -> Vec<u8> {
    stand_in(Value::Null, PARSE_ERROR, "Parse error: broken frame")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (id, code) a body is answered with, if it is.
    fn answered(body: &str) -> Option<(Value, i64)> {
        match screen(body.as_bytes()) {
            Verdict::Answer(stand_in) => {
                let stand_in: Value = serde_json::from_slice(&stand_in).unwrap();
                assert_eq!(stand_in["method"], STAND_IN);
                Some((stand_in["id"].clone(), stand_in["params"]["code"].as_i64()?))
            }
            _ => None,
        }
    }

    #[test]
    fn messages_pass_unchanged() {
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"method":"shutdown","params":null}"#,
            r#"{"jsonrpc":"2.0","id":"a","method":"textDocument/hover","params":{"x":[1,2]}}"#,
            r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
            r#"{"jsonrpc":"2.0","method":"$/unknown"}"#,
            r#"{"jsonrpc":"2.0","id":3,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"no"}}"#,
        ] {
            assert_eq!(
                screen(body.as_bytes()),
                Verdict::Pass { exit: false },
                "{body}"
            );
        }
        let exit = br#"{"jsonrpc":"2.0","method":"exit"}"#;
        assert_eq!(screen(exit), Verdict::Pass { exit: true });
    }

    #[test]
    fn what_is_not_a_message_gets_the_error_it_deserves() {
        let deep = format!(
            r#"{{"jsonrpc":"2.0","id":9,"method":"x","params":{}{}}}"#,
            "[".repeat(300),
            "]".repeat(300)
        );
        let cases = [
            ("{not json}", Value::Null, PARSE_ERROR),
            ("", Value::Null, PARSE_ERROR),
            ("42", Value::Null, INVALID_REQUEST),
            ("[]", Value::Null, INVALID_REQUEST),
            (r#"["2.0","shutdown",1]"#, Value::Null, INVALID_REQUEST),
            (
                r#"[{"jsonrpc":"2.0","id":1,"method":"x"}]"#,
                Value::Null,
                INVALID_REQUEST,
            ),
            ("null", Value::Null, INVALID_REQUEST),
            (r#""s""#, Value::Null, INVALID_REQUEST),
            (r#"{"jsonrpc":"2.0","id":2}"#, json!(2), INVALID_REQUEST),
            (
                r#"{"jsonrpc":"1.0","id":3,"method":"x"}"#,
                json!(3),
                INVALID_REQUEST,
            ),
            (
                r#"{"id":"four","method":"x"}"#,
                json!("four"),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":5,"method":1}"#,
                json!(5),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
                Value::Null,
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":6,"method":"x","id":7}"#,
                Value::Null,
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":8,"error":"no"}"#,
                Value::Null,
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":8,"method":"x","result":1}"#,
                json!(8),
                INVALID_REQUEST,
            ),
            (&deep, json!(9), INVALID_REQUEST),
            (
                r#"{"jsonrpc":"2.0","id":10,"method":"x","params":1e999}"#,
                json!(10),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":11,"method":"$/x"}"#,
                json!(11),
                METHOD_NOT_FOUND,
            ),
            (
                r#"{"jsonrpc":"2.0","id":12,"method":"newsls/invalidMessage"}"#,
                json!(12),
                METHOD_NOT_FOUND,
            ),
        ];
        for (body, id, code) in cases {
            assert_eq!(answered(body), Some((id, code)), "{body}");
        }
        let not_utf8 = screen(b"\"\xff\"");
        assert!(matches!(not_utf8, Verdict::Answer(_)));
        let own = br#"{"jsonrpc":"2.0","method":"newsls/invalidMessage"}"#;
        assert_eq!(screen(own), Verdict::Drop);
    }
}
