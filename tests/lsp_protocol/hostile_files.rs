//! End to end: a workspace full of awkward files is indexed without harm, and files that
//! change or vanish on disk leave the server working.

use crate::common::{Client, file_uri, temp_dir};
use serde_json::json;

#[test]
fn awkward_files_are_skipped_or_read_and_the_server_keeps_working() {
    let dir = temp_dir("hostile-files");
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("nul.txt"), b"text\0with a NUL byte").unwrap();
    std::fs::write(
        dir.join("bom.txt"),
        b"\xEF\xBB\xBFSergei Lavrov spoke in Moscow.",
    )
    .unwrap();
    std::fs::write(
        dir.join("latin1.txt"),
        b"Caf\xE9 owners met Vladimir Putin.",
    )
    .unwrap();
    std::fs::write(dir.join("big.txt"), "word ".repeat(1000)).unwrap();
    std::fs::write(dir.join("one-line.txt"), "Moscow and Kyiv, ".repeat(200)).unwrap();
    std::fs::create_dir_all(dir.join("folder.txt")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("missing-target.txt"), dir.join("dangling.txt"))
            .unwrap();
    }
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::initialized(caps, Some(&dir), json!({"maxFileSize": 4000}));
    let end = client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    // empty, bom, latin1 and one-line are indexed; NUL (binary), big (over the limit), the
    // folder, the loop and the dangling link are not.
    assert_eq!(
        end["params"]["value"]["message"], "4 articles indexed",
        "{end}"
    );
    let latin1 = file_uri(&dir.join("latin1.txt"));
    let warned = client.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == latin1);
    assert_eq!(warned["params"]["diagnostics"][0]["code"], "invalid-utf8");

    // An open document over the limit is not analysed, and says so.
    let big = file_uri(&dir.join("big.txt"));
    client.open(&big, &"word ".repeat(1000), 1);
    let diags = client.diagnostics(&big, 1);
    assert_eq!(diags[0]["code"], "too-large");

    // A file deleted and another rewritten on disk while indexed.
    std::fs::remove_file(dir.join("bom.txt")).unwrap();
    std::fs::write(
        dir.join("empty.txt"),
        "Now it names Sergei Lavrov in Moscow.",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [
            {"uri": file_uri(&dir.join("bom.txt")), "type": 3},
            {"uri": file_uri(&dir.join("empty.txt")), "type": 2},
            {"uri": file_uri(&dir.join("folder.txt")), "type": 2},
        ]}),
    );
    // The server re-reads in the background: ask until the index shows the change.
    let mut symbols = Vec::new();
    for _ in 0..100 {
        let found = client.request("workspace/symbol", json!({"query": "lavrov"}));
        symbols = found.as_array().unwrap().clone();
        let uris: Vec<&str> = symbols
            .iter()
            .map(|s| s["location"]["uri"].as_str().unwrap())
            .collect();
        if uris.len() == 1 && uris[0].ends_with("empty.txt") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(symbols.len(), 1, "{symbols:?}");
    assert!(
        symbols[0]["location"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("empty.txt"),
        "{symbols:?}"
    );

    let ok = file_uri(&dir.join("fresh.txt"));
    client.open(&ok, "Still fine.", 1);
    client.diagnostics(&ok, 1);
    assert!(client.shutdown().success());
}
