//! Each workspace folder reads its own `newsls.toml`.

use crate::common::{Client, file_uri, seed, temp_dir};
use serde_json::{Value, json};

#[test]
fn each_folder_has_its_own_settings() {
    let dir = temp_dir("folders");
    let (a, b) = (dir.join("a"), dir.join("b"));
    for (folder, settings) in [
        (&a, "[boilerplate]\nseverity = \"warning\"\n"),
        (&b, "[boilerplate]\nenabled = false\n"),
    ] {
        std::fs::create_dir_all(folder).unwrap();
        std::fs::write(folder.join("newsls.toml"), settings).unwrap();
        std::fs::write(folder.join("story.txt"), seed("000").1).unwrap();
    }
    let mut client = Client::start();
    let folders: Vec<Value> = [&a, &b]
        .iter()
        .map(|f| json!({"uri": file_uri(f), "name": f.file_name().unwrap().to_string_lossy()}))
        .collect();
    client.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": folders, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    let text = seed("000").1;
    let (in_a, in_b) = (
        file_uri(&a.join("story.txt")),
        file_uri(&b.join("story.txt")),
    );
    // The boilerplate diagnostics (the seed's uncited quotes are at `overview.severity`).
    let boilerplate = |diags: Vec<Value>| -> Vec<Value> {
        diags
            .into_iter()
            .filter(|d| d["data"]["kind"] == "boilerplate")
            .collect()
    };
    client.open(&in_a, &text, 1);
    let diags = boilerplate(client.diagnostics(&in_a, 1));
    assert!(!diags.is_empty(), "the appeal of seed 000 is flagged in a");
    assert!(
        diags.iter().all(|d| d["severity"] == 2),
        "a's severity: {diags:?}"
    );
    client.open(&in_b, &text, 1);
    assert_eq!(
        boilerplate(client.diagnostics(&in_b, 1)),
        Vec::<Value>::new(),
        "b turned boilerplate off"
    );
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": in_b}}),
    );
    assert_eq!(folds, json!([]), "nothing folds where boilerplate is off");
    assert!(client.shutdown().success());
    std::fs::remove_dir_all(&dir).unwrap();
}
