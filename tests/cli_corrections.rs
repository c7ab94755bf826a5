//! End to end: the entity corrections of `newsls.toml` (`[[entities.override]]`) reach every
//! command that reports entities: check, entities, quotes, export and batch.

mod common;

use common::{bin, temp_dir};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The Kremlin is taken for a person here, Interfax is cited by name, and the short "Wang"
/// stands for a minister named in full only in the other article.
const TALKS: &str = "Harbour talks end without a deal\n\n\
Foreign Minister Sergei Lavrov met his Chinese counterpart in Moscow on Tuesday, officials said.\n\n\
\"We will talk again next month,\" Wang told reporters after the meeting.\n\n\
The Kremlin said the talks had been useful. Interfax reported that aides praised the tone.\n\n\
<cite speaker=\"Interfax\">\"The talks were useful,\"</cite> Interfax quoted a source as saying.\n";

const ENVOYS: &str = "Envoys meet in Beijing\n\n\
Chinese Foreign Minister Wang Yi arrived in Beijing on Monday for two days of talks with his \
Russian counterpart.\n\n\
\"The region needs calm,\" Wang Yi said at the airport. The Kremlin declined to comment.\n";

/// A kind, "not an entity", and "same as" an entity that only the other file names.
const SETTINGS: &str = "[[entities.override]]\nname = \"Kremlin\"\nkind = \"organization\"\n\n\
[[entities.override]]\nname = \"Interfax\"\nkind = \"none\"\n\n\
[[entities.override]]\nname = \"Wang\"\nsame_as = \"Wang Yi\"\n";

/// Runs newsls in `dir` (where it finds `newsls.toml`), with `stdin` as its input.
fn newsls(dir: &Path, args: &[&str], stdin: &str) -> Value {
    use std::io::Write;
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run newsls");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // One JSON value, or JSON Lines (export, batch): the first line, the talks article's.
    serde_json::from_str(&stdout)
        .or_else(|_| serde_json::from_str(stdout.lines().next().unwrap_or_default()))
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"))
}

/// (id, name, kind) of each entity of a list of them.
fn entities(list: &Value) -> Vec<(String, String, String)> {
    let field = |e: &Value, key: &str| e[key].as_str().unwrap_or_default().to_string();
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| (field(e, "id"), field(e, "name"), field(e, "kind")))
        .collect()
}

fn folder(name: &str, settings: bool) -> std::path::PathBuf {
    let dir = temp_dir(name);
    std::fs::write(dir.join("talks.txt"), TALKS).unwrap();
    std::fs::write(dir.join("envoys.txt"), ENVOYS).unwrap();
    if settings {
        std::fs::write(dir.join("newsls.toml"), SETTINGS).unwrap();
    }
    dir
}

#[test]
fn every_command_shows_the_corrected_entities() {
    // Without the settings: what the corrections are about.
    let plain = folder("cli-uncorrected", false);
    let found = newsls(&plain, &["entities", "--format", "json", "talks.txt"], "");
    let found = entities(&found[0]["entities"]);
    let names: Vec<(&str, &str)> = found
        .iter()
        .map(|(_, n, k)| (n.as_str(), k.as_str()))
        .collect();
    for expected in [
        ("Kremlin", "person"),
        ("Interfax", "organization"),
        ("Wang", "person"),
    ] {
        assert!(names.contains(&expected), "{expected:?} in {names:?}");
    }

    let dir = folder("cli-corrected", true);
    let envoys = newsls(&dir, &["entities", "--format", "json", "envoys.txt"], "");
    let wang_yi = entities(&envoys[0]["entities"])
        .into_iter()
        .find(|(_, name, _)| name == "Wang Yi")
        .expect("Wang Yi in envoys.txt")
        .0;
    let kremlin = "organization:kremlin".to_string();
    // (id, name, kind) as every command must show them for talks.txt.
    let corrected = |found: &[(String, String, String)], command: &str| {
        let ids: Vec<&str> = found.iter().map(|(id, _, _)| id.as_str()).collect();
        assert!(ids.contains(&kremlin.as_str()), "{command}: {found:?}");
        assert!(ids.contains(&wang_yi.as_str()), "{command}: {found:?}");
        assert!(
            !found.iter().any(|(id, name, _)| id.contains("interfax")
                || id == "person:kremlin"
                || id == "person:wang"
                || name == "Wang"),
            "{command}: {found:?}"
        );
    };

    let listed = newsls(&dir, &["entities", "--format", "json", "talks.txt"], "");
    corrected(&entities(&listed[0]["entities"]), "entities");

    let quotes = newsls(&dir, &["quotes", "--format", "json", "talks.txt"], "");
    let speaker = &quotes[0]["quotes"][0]["speaker"];
    assert_eq!(speaker["name"], "Wang Yi", "quotes: {quotes}");
    assert_eq!(speaker["entityId"], wang_yi.as_str(), "quotes: {quotes}");

    // Interfax is no entity any more, so the cite naming it names no one known.
    let checked = newsls(&dir, &["check", "--format", "json", "."], "");
    let talks = checked
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("talks.txt"))
        .unwrap();
    assert_eq!(speaker_codes(talks), ["unknown-speaker"], "check: {talks}");
    let unchecked = newsls(&plain, &["check", "--format", "json", "talks.txt"], "");
    assert!(speaker_codes(&unchecked[0]).is_empty(), "{unchecked}");

    let spans = newsls(&dir, &["export", "--format", "spans", "talks.txt"], "");
    // Spans carry ids and labels, not names.
    let exported: Vec<(String, String, String)> = spans["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let id = s["entity_id"].as_str().unwrap_or_default().to_string();
            (id, String::new(), s["label"].as_str().unwrap().to_string())
        })
        .collect();
    corrected(&exported, "export --format spans");
    assert_eq!(spans["quotes"][0]["entity_id"], wang_yi.as_str(), "{spans}");

    let line = serde_json::json!({"id": "talks", "text": TALKS}).to_string();
    let record = newsls(&dir, &["batch"], &line);
    corrected(&entities(&record["entities"]), "batch");
    assert_eq!(
        record["quotes"][0]["speaker"]["entity_id"],
        wang_yi.as_str()
    );
    let config = dir.join("newsls.toml").display().to_string();
    let named = newsls(&plain, &["batch", "--config", &config], &line);
    corrected(&entities(&named["entities"]), "batch --config");
    for dir in [plain, dir] {
        std::fs::remove_dir_all(dir).unwrap();
    }
}

/// The codes of a file's speaker findings in `check --format json` output.
fn speaker_codes(file: &Value) -> Vec<&str> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .filter(|code| *code == "unknown-speaker")
        .collect()
}
