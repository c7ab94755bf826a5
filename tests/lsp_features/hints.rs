//! Inlay hints: the speaker after each uncited quotation; accepting one cites the quote.

use crate::common::{Client, apply_edit};
use serde_json::{Value, json};

const TEXT: &str = "MOSCOW — “We will respond,” Foreign Minister Sergei Lavrov said on Monday.\n\
                    The plan was called “dead” by critics.\n";

fn hints(client: &mut Client, uri: &str) -> Vec<Value> {
    let hints = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}}}),
    );
    hints.as_array().cloned().unwrap_or_default()
}

#[test]
fn uncited_quotes_show_their_speaker_and_accepting_cites() {
    let (mut client, init) = Client::initialized(json!({}), None, Value::Null);
    assert_eq!(init["capabilities"]["inlayHintProvider"], true);
    let uri = "file:///hints.txt";
    client.open(uri, TEXT, 1);
    let found = hints(&mut client, uri);
    assert_eq!(found.len(), 1, "the scare quote gets none: {found:?}");
    let hint = &found[0];
    assert_eq!(hint["label"], "— Sergei Lavrov");
    // UTF-16: "MOSCOW — “We will respond,”" is 27 units.
    assert_eq!(hint["position"], json!({"line": 0, "character": 27}));
    let mut edits: Vec<&Value> = hint["textEdits"].as_array().unwrap().iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e["range"]["start"]["character"].as_u64()));
    let mut text = TEXT.to_string();
    for edit in edits {
        text = apply_edit(
            &text,
            &edit["range"],
            edit["newText"].as_str().unwrap(),
            "utf-16",
        );
    }
    assert!(text.contains("<cite speaker=\"Sergei Lavrov\""), "{text}");
    client.change(uri, 2, json!([{"text": text}]));
    client.diagnostics(uri, 2);
    assert!(
        hints(&mut client, uri).is_empty(),
        "a cited quote has no hint"
    );
    assert!(client.shutdown().success());
}
