//! Articles are evidence: rename never edits their text, and the user's corrections of
//! entities (kind, not an entity, same as, not the same as) are written to `newsls.toml`
//! and honoured by every feature, in this session and the next.

use crate::common::{Client, apply_workspace_edit, at, cursor, file_uri, temp_dir};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::PrepareRenameResponse;
use tower_lsp_server::ls_types::request::PrepareRenameRequest;

const TALKS: &str = "Moscow talks end without a deal\n\n\
Foreign Minister Sergei Lavrov met his Chinese counterpart in Moscow on Tuesday, officials said.\n\n\
<cite speaker=\"Sergei Lavrov\">\"We will talk again next month,\"</cite> Lavrov told reporters after the meeting.\n\n\
The Kremlin said the talks had been useful, and Kremlin aides praised the tone.\n";

const ENVOYS: &str = "Envoys meet in Beijing\n\n\
Russian Foreign Minister Sergey Lavrov arrived in Beijing on Monday for two days of talks.\n\n\
\"The region needs calm,\" Lavrov said at the airport. The Kremlin declined to comment.\n";

/// A workspace with the two articles, indexed; returns the client and the folder.
fn workspace(name: &str) -> (Client, PathBuf) {
    let dir = temp_dir(name);
    std::fs::write(dir.join("talks.txt"), TALKS).unwrap();
    std::fs::write(dir.join("envoys.txt"), ENVOYS).unwrap();
    (start(&dir), dir)
}

fn start(dir: &Path) -> Client {
    let caps = json!({"window": {"workDoneProgress": true},
                      "workspace": {"workspaceEdit": {"documentChanges": true}}});
    let (mut client, _) = Client::initialized(caps, Some(dir), Value::Null);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    client
}

fn open(client: &mut Client, dir: &Path, name: &str, text: &str) -> String {
    let uri = file_uri(&dir.join(name));
    client.open(&uri, text, 1);
    client.diagnostics(&uri, 1);
    uri
}

fn params(uri: &str, text: &str, needle: &str) -> Value {
    json!(at(uri, cursor(text, needle, 0, 1)))
}

/// The TOML a workspace edit appends to `newsls.toml`, and whether it creates the file.
fn settings_text(edit: &Value, settings: &Path) -> (String, bool) {
    let ops = edit["documentChanges"].as_array().unwrap();
    let uri = file_uri(settings);
    let created = ops.iter().any(|o| o["kind"] == "create" && o["uri"] == uri);
    let text = ops
        .iter()
        .filter(|o| o["textDocument"]["uri"] == uri)
        .flat_map(|o| o["edits"].as_array().unwrap())
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    (text, created)
}

#[test]
fn rename_changes_cite_speakers_and_settings_only() {
    let (mut client, dir) = workspace("trust-rename");
    let uri = open(&mut client, &dir, "talks.txt", TALKS);
    let prepared =
        client.call::<PrepareRenameRequest>(at(&uri, cursor(TALKS, "Lavrov told", 0, 1)));
    let Some(PrepareRenameResponse::RangeWithPlaceholder { placeholder, .. }) = prepared else {
        panic!("a range with a placeholder expected: {prepared:?}");
    };
    assert_eq!(placeholder, "Sergei Lavrov");
    let mut rename = params(&uri, TALKS, "Lavrov told");
    rename["newName"] = json!("Sergei V. Lavrov");
    let edit = client.request("textDocument/rename", rename);
    let ops = edit["documentChanges"].as_array().unwrap();
    let envoys = file_uri(&dir.join("envoys.txt"));
    assert!(
        ops.iter().all(|o| o["textDocument"]["uri"] != envoys),
        "no cite in envoys.txt: its text stays as published: {edit:#}"
    );
    let renamed = apply_workspace_edit(TALKS, &edit, &uri, "utf-16");
    assert_eq!(
        renamed,
        TALKS.replace("speaker=\"Sergei Lavrov\"", "speaker=\"Sergei V. Lavrov\""),
        "only the cite's speaker changes"
    );
    let settings = dir.join("newsls.toml");
    let (toml_text, created) = settings_text(&edit, &settings);
    assert!(created);
    let table: toml::Table = toml::from_str(&toml_text).unwrap();
    let rule = &table["entities"]["override"][0];
    assert_eq!(rule["name"].as_str(), Some("person:sergei-lavrov"));
    assert_eq!(rule["display"].as_str(), Some("Sergei V. Lavrov"));
    assert!(client.shutdown().success());
}

#[test]
fn rename_off_an_entity_says_why_not() {
    let (mut client, dir) = workspace("trust-rename-text");
    let uri = open(&mut client, &dir, "talks.txt", TALKS);
    let refused =
        client.try_call::<PrepareRenameRequest>(at(&uri, cursor(TALKS, "counterpart", 0, 1)));
    let message = refused.expect_err("no rename off an entity").message;
    assert!(message.contains("never edits article text"), "{message}");
    let mut rename = params(&uri, TALKS, "counterpart");
    rename["newName"] = json!("friend");
    let id = client.send_request("textDocument/rename", rename);
    assert!(
        client.response(id)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("never edits article text")
    );
    assert!(client.shutdown().success());
}

fn hover(client: &mut Client, uri: &str, text: &str, needle: &str) -> String {
    let found = client.request("textDocument/hover", params(uri, text, needle));
    found["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The correction actions at `needle`.
fn corrections(client: &mut Client, uri: &str, text: &str, needle: &str) -> Vec<Value> {
    let here = cursor(text, needle, 0, 1);
    let range = json!({"start": here, "end": here});
    let found = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range,
               "context": {"diagnostics": [], "only": ["refactor.newsls.entity"]}}),
    );
    found.as_array().unwrap().clone()
}

/// Runs the action whose title starts with `title`, and plays the editor: appends what it
/// asks to `newsls.toml` on disk.
fn run(client: &mut Client, actions: &[Value], title: &str, settings: &Path) {
    let action = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("no action {title:?} in {actions:#?}"));
    assert!(
        action.get("edit").is_none(),
        "a correction never edits the text"
    );
    let command = &action["command"];
    client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    let expected = command["arguments"][0]["override"]["name"].clone();
    let apply = client
        .seen
        .iter()
        .rev()
        .find(|m| m["method"] == "workspace/applyEdit")
        .unwrap()
        .clone();
    let (snippet, _) = settings_text(&apply["params"]["edit"], settings);
    let table: toml::Table = toml::from_str(&snippet).unwrap();
    assert_eq!(
        table["entities"]["override"][0]["name"].as_str(),
        expected.as_str()
    );
    let mut file = std::fs::read_to_string(settings).unwrap_or_default();
    file.push_str(&snippet);
    std::fs::write(settings, file).unwrap();
}

#[test]
fn corrections_are_remembered_and_honoured_everywhere() {
    let (mut client, dir) = workspace("trust-correct");
    let settings = dir.join("newsls.toml");
    let talks = open(&mut client, &dir, "talks.txt", TALKS);
    let envoys = open(&mut client, &dir, "envoys.txt", ENVOYS);

    // The Kremlin, whatever it was taken for, is a place from now on, in both files.
    let before = hover(&mut client, &talks, TALKS, "Kremlin said");
    assert!(before.starts_with("**Kremlin** · "), "{before}");
    assert!(!before.starts_with("**Kremlin** · place"), "{before}");
    let actions = corrections(&mut client, &talks, TALKS, "Kremlin said");
    run(
        &mut client,
        &actions,
        "Mark “Kremlin” as a place",
        &settings,
    );
    for (uri, text) in [(&talks, TALKS), (&envoys, ENVOYS)] {
        let after = hover(&mut client, uri, text, "Kremlin");
        assert!(after.starts_with("**Kremlin** · place"), "{after}");
    }
    let symbols = client.request("workspace/symbol", json!({"query": "Kremlin"}));
    assert_eq!(
        symbols[0]["containerName"], "place · 2 files",
        "{symbols:#}"
    );

    // "Lavrov" in the envoys story is someone else; then the same man after all.
    let actions = corrections(&mut client, &envoys, ENVOYS, "Lavrov said");
    run(
        &mut client,
        &actions,
        "“Lavrov” here is not Sergey Lavrov",
        &settings,
    );
    let split = hover(&mut client, &envoys, ENVOYS, "Lavrov said");
    assert!(split.starts_with("**Lavrov** · person"), "{split}");
    let refs = |client: &mut Client| {
        let mut at = params(&envoys, ENVOYS, "Sergey Lavrov");
        at["context"] = json!({"includeDeclaration": true});
        client.request("textDocument/references", at)
    };
    let said = json!(cursor(ENVOYS, "Lavrov said", 0, 0));
    let found = refs(&mut client);
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["range"]["start"] != said)
    );
    let actions = corrections(&mut client, &envoys, ENVOYS, "Lavrov said");
    run(
        &mut client,
        &actions,
        "“Lavrov” is the same as Serge",
        &settings,
    );
    let found = refs(&mut client);
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["range"]["start"] == said)
    );
    assert!(client.shutdown().success());

    // The corrections are in newsls.toml: the next session and the CLI honour them.
    let mut client = start(&dir);
    let talks = open(&mut client, &dir, "talks.txt", TALKS);
    let again = hover(&mut client, &talks, TALKS, "Kremlin said");
    assert!(again.starts_with("**Kremlin** · place"), "{again}");
    assert!(client.shutdown().success());
    assert_eq!(
        std::fs::read_to_string(dir.join("talks.txt")).unwrap(),
        TALKS
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("envoys.txt")).unwrap(),
        ENVOYS
    );
}

#[test]
fn a_display_name_shows_after_the_rename_is_saved() {
    let (mut client, dir) = workspace("trust-display");
    let envoys = open(&mut client, &dir, "envoys.txt", ENVOYS);
    let mut rename = params(&envoys, ENVOYS, "Lavrov said");
    rename["newName"] = json!("Sergei V. Lavrov");
    let edit = client.request("textDocument/rename", rename);
    let settings = dir.join("newsls.toml");
    let (snippet, _) = settings_text(&edit, &settings);
    std::fs::write(&settings, snippet).unwrap();
    client.watched(&[(&settings, 1)]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let shown = hover(&mut client, &envoys, ENVOYS, "Sergey Lavrov");
        if shown.starts_with("**Sergei V. Lavrov** · person") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{shown}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(client.shutdown().success());
}

#[test]
fn the_cli_honours_the_corrections() {
    let dir = temp_dir("trust-cli-corrections");
    std::fs::write(dir.join("talks.txt"), TALKS).unwrap();
    let settings = dir.join("newsls.toml");
    std::fs::write(
        &settings,
        "[[entities.override]]\nname = \"Kremlin\"\nkind = \"none\"\n\n\
         [[entities.override]]\nname = \"person:sergei-lavrov\"\ndisplay = \"Sergei V. Lavrov\"\n",
    )
    .unwrap();
    let entities = |config: Option<&Path>| {
        let mut command = std::process::Command::new(crate::common::bin());
        command.args(["entities", "--format", "json"]);
        if let Some(config) = config {
            command.arg("--config").arg(config);
        }
        let out = command.arg(dir.join("talks.txt")).output().unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let names: Vec<String> = json[0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap().to_string())
            .collect();
        names
    };
    let plain = entities(None);
    assert!(plain.contains(&"Kremlin".to_string()), "{plain:?}");
    let corrected = entities(Some(&settings));
    assert!(!corrected.contains(&"Kremlin".to_string()), "{corrected:?}");
    assert!(
        corrected.contains(&"Sergei V. Lavrov".to_string()),
        "{corrected:?}"
    );
    assert!(
        !corrected.contains(&"Sergei Lavrov".to_string()),
        "{corrected:?}"
    );
}

/// The semantic token type at `needle` (0 person, 1 organization, 2 place, 3 other: the
/// legend's order), if a token starts there.
fn token_type(client: &mut Client, uri: &str, text: &str, needle: &str) -> Option<u64> {
    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let want = cursor(text, needle, 0, 0);
    let data: Vec<u64> = tokens["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    let (mut line, mut start) = (0, 0);
    data.chunks(5).find_map(|t| {
        start = if t[0] == 0 { start + t[1] } else { t[1] };
        line += t[0];
        (line == u64::from(want.line) && start == u64::from(want.character)).then_some(t[3])
    })
}

/// The speakers offered inside `<cite speaker="` at the end of `text`.
fn speakers(client: &mut Client, uri: &str, text: &str) -> Vec<String> {
    let end = crate::common::position_of(text, text.len());
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": end}),
    );
    let labels = items.as_array().unwrap().iter();
    labels
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn tokens_and_speaker_completion_follow_the_corrections() {
    let typing = format!("{TALKS}\n<cite speaker=\"");
    let seen = |dir: &Path| {
        let mut client = start(dir);
        let uri = open(&mut client, dir, "talks.txt", &typing);
        let kremlin = token_type(&mut client, &uri, &typing, "Kremlin said");
        let offered = speakers(&mut client, &uri, &typing);
        assert!(client.shutdown().success());
        (kremlin, offered)
    };
    let dir = temp_dir("trust-tokens");
    std::fs::write(dir.join("talks.txt"), TALKS).unwrap();
    std::fs::write(dir.join("envoys.txt"), ENVOYS).unwrap();
    let (kremlin, offered) = seen(&dir);
    assert!(kremlin.is_some_and(|t| t != 2), "{kremlin:?}");
    for name in ["Sergei Lavrov", "Kremlin"] {
        assert!(offered.contains(&name.to_string()), "{offered:?}");
    }

    std::fs::write(
        dir.join("newsls.toml"),
        "[[entities.override]]\nname = \"Kremlin\"\nkind = \"place\"\n\n\
         [[entities.override]]\nname = \"person:sergei-lavrov\"\ndisplay = \"Sergei V. Lavrov\"\n",
    )
    .unwrap();
    let (kremlin, offered) = seen(&dir);
    assert_eq!(kremlin, Some(2), "the Kremlin is coloured as a place");
    // A place does not speak; the display name replaces the recognised one.
    assert!(
        offered.contains(&"Sergei V. Lavrov".to_string()),
        "{offered:?}"
    );
    assert!(
        !offered
            .iter()
            .any(|s| s == "Kremlin" || s == "Sergei Lavrov"),
        "{offered:?}"
    );
}
