//! End to end: files rewritten or deleted on disk while open in the editor. The editor's
//! buffer wins: the server keeps the document, its text and its diagnostics; once a deleted
//! file is closed it leaves the index, and a rewritten one is indexed from disk again.

use crate::common::{Client, file_uri, temp_dir};
use serde_json::{Value, json};

const A_DISK: &str = "Angela Merkel visited Paris on Monday.\n";
const A_EDITOR: &str = "Sergei Lavrov spoke in Moscow.\n</cite>\n";
const B_EDITOR: &str = "Vladimir Putin spoke in Moscow.\n</cite>\n";

/// The latest diagnostics published for `uri`, if any.
fn latest_diagnostics(client: &Client, uri: &str) -> Option<Value> {
    client
        .seen
        .iter()
        .rev()
        .find(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .map(|m| m["params"].clone())
}

fn has_stray_close(params: &Value) -> bool {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "tag-stray-close")
}

#[test]
fn open_buffers_win_over_disk_changes_until_closed() {
    let dir = temp_dir("disk-changes");
    let (a, b, c) = (dir.join("a.txt"), dir.join("b.txt"), dir.join("c.txt"));
    std::fs::write(&a, "Kim Jong Il arrived.\n").unwrap();
    std::fs::write(&b, "Kim Jong Il left.\n").unwrap();
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::initialized(caps, Some(&dir), Value::Null);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let (a_uri, b_uri) = (file_uri(&a), file_uri(&b));
    client.open(&a_uri, A_EDITOR, 1);
    client.open(&b_uri, B_EDITOR, 1);
    assert!(
        client
            .diagnostics(&a_uri, 1)
            .iter()
            .any(|d| d["code"] == "tag-stray-close")
    );
    assert!(
        client
            .diagnostics(&b_uri, 1)
            .iter()
            .any(|d| d["code"] == "tag-stray-close")
    );

    // On disk, a is rewritten and b deleted; c appears last, so once c is indexed the
    // server has handled the other two changes.
    std::fs::write(&a, A_DISK).unwrap();
    std::fs::remove_file(&b).unwrap();
    std::fs::write(&c, "Kim Jong Un waved.\n").unwrap();
    client.watched(&[(&a, 2), (&b, 3), (&c, 1)]);
    client.wait_indexed("Kim Jong Un", &["c.txt"]);

    assert_eq!(client.server_text(&a_uri), (1, A_EDITOR.to_string()));
    assert_eq!(client.server_text(&b_uri), (1, B_EDITOR.to_string()));
    assert_eq!(client.indexed_in("Merkel"), Vec::<String>::new());
    assert_eq!(client.indexed_in("Lavrov"), ["a.txt"]);
    assert_eq!(client.indexed_in("Putin"), ["b.txt"]);
    for uri in [&a_uri, &b_uri] {
        let latest = latest_diagnostics(&client, uri).unwrap();
        assert!(has_stray_close(&latest), "{uri}: {latest}");
    }
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": b_uri}, "position": {"line": 0, "character": 10}}),
    );
    assert!(hover["contents"].to_string().contains("Putin"), "{hover}");
    client.change(&b_uri, 2, json!([{"text": "Vladimir Putin spoke.\n"}]));
    let edited = client.diagnostics(&b_uri, 2);
    assert!(
        edited.iter().all(|d| d["code"] != "tag-stray-close"),
        "{edited:?}"
    );

    // Closed: the deleted file leaves the index, the rewritten one is read from disk.
    for uri in [&a_uri, &b_uri] {
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    client.wait_indexed("Putin", &[]);
    client.wait_indexed("Merkel", &["a.txt"]);
    assert_eq!(client.indexed_in("Lavrov"), Vec::<String>::new());
    assert_eq!(client.indexed_in("Kim Jong Un"), ["c.txt"]);
    assert!(client.shutdown().success());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_document_whose_folder_is_deleted_while_open_keeps_working() {
    let dir = temp_dir("disk-deleted-open");
    let a = dir.join("a.txt");
    std::fs::write(&a, A_EDITOR).unwrap();
    let (mut client, _) = Client::initialized(json!({}), Some(&dir), Value::Null);
    let a_uri = file_uri(&a);
    client.open(&a_uri, A_EDITOR, 1);
    client.diagnostics(&a_uri, 1);
    std::fs::remove_dir_all(&dir).unwrap();
    // The whole folder is gone: the editor's buffer is all there is, and it still works.
    client.watched(&[(&a, 3)]);
    client.change(&a_uri, 2, json!([{"text": B_EDITOR}]));
    assert!(
        client
            .diagnostics(&a_uri, 2)
            .iter()
            .any(|d| d["code"] == "tag-stray-close")
    );
    assert_eq!(client.indexed_in("Putin"), ["a.txt"]);
    assert_eq!(client.server_text(&a_uri), (2, B_EDITOR.to_string()));
    assert!(client.shutdown().success());
}
