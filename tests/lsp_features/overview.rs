//! The whole folder in the editor: workspace diagnostics (pull model) of files never opened,
//! code lenses, the Entities and Quotes views' requests and citing one quote, on a small
//! folder of our own articles.

use crate::common::{Client, apply_workspace_edit, file_uri, temp_dir};
use newsls::lsp::contracts::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const LAVROV: &str = "MOSCOW — “We will respond,” Foreign Minister Sergei Lavrov said on Monday.\n\
                      Lavrov met officials in Geneva.\n";
const TALKS: &str = "Sergei Lavrov arrived in Geneva on Tuesday.\n\
                     “We are ready to talk,” Lavrov told reporters.\n";
const CITED: &str = "“Talks went on all night.”\n\n\
                     Reporters waited in Geneva. <cite speaker=\"Nobody Known\">“Fine,”</cite> was all.\n";

fn folder(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    for (file, text) in [("a.txt", LAVROV), ("b.txt", TALKS), ("c.txt", CITED)] {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn uri_of(dir: &Path, file: &str) -> String {
    file_uri(&dir.join(file))
}

/// A client that pulls diagnostics, with the folder indexed.
fn pulling(dir: &Path, options: Value) -> Client {
    let caps = json!({
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostics": {"refreshSupport": true},
                      "workspaceEdit": {"documentChanges": true}, "applyEdit": true},
        "window": {"workDoneProgress": true}
    });
    let (mut client, init) = Client::initialized(caps, Some(dir), options);
    let provider = &init["capabilities"]["diagnosticProvider"];
    assert_eq!(provider["identifier"], "newsls");
    assert_eq!(provider["workspaceDiagnostics"], true);
    assert_eq!(provider["interFileDependencies"], true);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    client
}

fn report_of<'a>(reports: &'a [Value], uri: &str) -> &'a Value {
    reports
        .iter()
        .find(|r| r["uri"] == uri)
        .unwrap_or_else(|| panic!("no report for {uri}: {reports:#?}"))
}

#[test]
fn workspace_diagnostics_list_unopened_files_then_report_them_unchanged() {
    let dir = folder("overview-pull");
    let options = json!({"overview": {"severity": "warning"}});
    let mut client = pulling(&dir, options);
    // Indexing done: the client is asked to pull again.
    client.wait_for("workspace/diagnostic/refresh", |_| true);
    let result = client.request("workspace/diagnostic", json!({"previousResultIds": []}));
    let reports = result["items"].as_array().unwrap().clone();
    assert_eq!(reports.len(), 3, "{reports:#?}");
    let a = report_of(&reports, &uri_of(&dir, "a.txt"));
    assert_eq!(a["kind"], "full");
    let items = a["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        1,
        "only the decision, no boilerplate: {items:#?}"
    );
    assert_eq!(items[0]["code"], "uncited-quote");
    assert_eq!(items[0]["severity"], 2, "overview.severity = warning");
    assert_eq!(
        items[0]["range"]["start"],
        json!({"line": 0, "character": 9})
    );
    let c = report_of(&reports, &uri_of(&dir, "c.txt"));
    let codes: Vec<&str> = c["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unknown-speaker"]);
    // The second time, with the result ids, nothing changed.
    let previous: Vec<Value> = reports
        .iter()
        .map(|r| json!({"uri": r["uri"], "value": r["resultId"]}))
        .collect();
    let again = client.request(
        "workspace/diagnostic",
        json!({"previousResultIds": previous}),
    );
    let again = again["items"].as_array().unwrap();
    assert!(again.iter().all(|r| r["kind"] == "unchanged"), "{again:#?}");
    // An open file leaves the overview and answers textDocument/diagnostic instead.
    let a_uri = uri_of(&dir, "a.txt");
    client.open(&a_uri, LAVROV, 1);
    let own = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": a_uri}}),
    );
    assert_eq!(own["kind"], "full");
    assert!(
        own["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "uncited-quote"),
        "{own:#?}"
    );
    let without = client.request("workspace/diagnostic", json!({"previousResultIds": []}));
    let without = without["items"].as_array().unwrap();
    assert_eq!(without.len(), 2, "the open file is not listed twice");
    assert!(without.iter().all(|r| r["uri"] != a_uri.as_str()));
    assert!(
        !client
            .seen
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == a_uri.as_str()),
        "a client that pulls gets nothing pushed"
    );
    assert!(client.shutdown().success());
}

#[test]
fn a_client_without_pull_support_keeps_the_push_model() {
    let dir = folder("overview-push");
    let (mut client, init) = Client::initialized(json!({}), Some(&dir), Value::Null);
    assert!(init["capabilities"].get("diagnosticProvider").is_none());
    let uri = uri_of(&dir, "a.txt");
    client.open(&uri, LAVROV, 1);
    let pushed = client.diagnostics(&uri, 1);
    assert!(
        pushed.iter().any(|d| d["code"] == "uncited-quote"),
        "{pushed:#?}"
    );
    let info = pushed
        .iter()
        .find(|d| d["code"] == "uncited-quote")
        .unwrap();
    assert_eq!(info["severity"], 3, "information by default");
    assert!(client.shutdown().success());
}

#[test]
fn uncited_quotes_stay_while_typing_elsewhere() {
    let dir = folder("overview-typing");
    let (mut client, _) = Client::initialized(json!({}), Some(&dir), Value::Null);
    let uri = uri_of(&dir, "a.txt");
    client.open(&uri, LAVROV, 1);
    let uncited = |d: &Vec<Value>| d.iter().any(|d| d["code"] == "uncited-quote");
    assert!(uncited(&client.diagnostics(&uri, 1)));
    // Typing on the second line: the first publish of the new version (the keystroke's
    // layout, before the analysis) keeps the quote's finding.
    let at = json!({"line": 1, "character": 0});
    client.change(
        &uri,
        2,
        json!([{"range": {"start": at, "end": at}, "text": "Later, "}]),
    );
    let typed = client.diagnostics(&uri, 2);
    assert!(uncited(&typed), "{typed:#?}");
    assert!(client.shutdown().success());
}

#[test]
fn lenses_count_mentions_and_sum_up_the_article() {
    let dir = folder("overview-lens");
    let mut client = pulling(&dir, Value::Null);
    let uri = uri_of(&dir, "b.txt");
    client.open(&uri, TALKS, 1);
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let lenses = lenses.as_array().unwrap();
    let summary = &lenses[0];
    assert_eq!(
        summary["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_eq!(
        summary["command"]["title"],
        "0 boilerplate blocks · 1 quote, 0 cited"
    );
    assert_eq!(summary["command"]["command"], CLIENT_SHOW_QUOTES);
    assert_eq!(summary["command"]["arguments"], json!([uri]));
    let cite = &lenses[1];
    assert_eq!(cite["command"]["title"], "Cite 1 quote");
    assert_eq!(cite["command"]["command"], CITE_ALL);
    let lavrov = lenses
        .iter()
        .find(|l| {
            l["range"]["start"] == json!({"line": 0, "character": 0}) && l.get("data").is_some()
        })
        .unwrap_or_else(|| panic!("no lens on Sergei Lavrov: {lenses:#?}"));
    let resolved = client.request("codeLens/resolve", lavrov.clone());
    let command = &resolved["command"];
    assert_eq!(command["title"], "4 mentions in 2 files");
    assert_eq!(command["command"], CLIENT_SHOW_REFERENCES);
    let arguments = command["arguments"].as_array().unwrap();
    assert_eq!(arguments[0], json!(uri));
    assert_eq!(arguments[1], json!({"line": 0, "character": 0}));
    assert_eq!(arguments[2].as_array().unwrap().len(), 4);
    assert!(client.shutdown().success());
}

#[test]
fn the_views_list_entities_mentions_and_quotes_of_the_folder() {
    let dir = folder("overview-views");
    let mut client = pulling(&dir, Value::Null);
    let all: Vec<WorkspaceEntity> = client
        .call_method(WORKSPACE_ENTITIES, &WorkspaceEntitiesParams::default())
        .unwrap();
    assert_eq!(all[0].id, "person:sergei-lavrov", "{all:#?}");
    assert_eq!((all[0].mentions, all[0].files), (4, 2));
    let geneva: Vec<WorkspaceEntity> = client
        .call_method(
            WORKSPACE_ENTITIES,
            &WorkspaceEntitiesParams {
                query: Some("GENE".into()),
            },
        )
        .unwrap();
    assert_eq!(geneva.len(), 1, "{geneva:#?}");
    assert_eq!((geneva[0].kind.as_str(), geneva[0].files), ("place", 3));
    let mentions: Vec<EntityMention> = client
        .call_method(
            ENTITY_MENTIONS,
            &EntityMentionsParams {
                id: "person:sergei-lavrov".into(),
            },
        )
        .unwrap();
    let texts: Vec<&str> = mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Sergei Lavrov", "Lavrov", "Sergei Lavrov", "Lavrov"]
    );
    assert!(mentions[0].uri.as_str().ends_with("a.txt"));
    let none: Vec<EntityMention> = client
        .call_method(
            ENTITY_MENTIONS,
            &EntityMentionsParams {
                id: "person:nobody".into(),
            },
        )
        .unwrap();
    assert!(none.is_empty());
    let groups: Vec<QuoteGroup> = client
        .call_method(WORKSPACE_QUOTES, &WorkspaceQuotesParams::default())
        .unwrap();
    assert_eq!(
        groups[0].speaker.as_deref(),
        Some("Sergei Lavrov"),
        "{groups:#?}"
    );
    assert_eq!(groups[0].entity_id.as_deref(), Some("person:sergei-lavrov"));
    assert_eq!(groups[0].quotes.len(), 2);
    assert_eq!(groups[0].quotes[0].text, "“We will respond,”");
    assert_eq!(groups[0].quotes[0].confidence, 0.9);
    assert!(!groups[0].quotes[0].cited);
    let last = groups.last().unwrap();
    assert_eq!(last.speaker, None);
    assert_eq!(last.quotes[0].text, "“Talks went on all night.”");
    let one: Vec<QuoteGroup> = client
        .call_method(
            WORKSPACE_QUOTES,
            &WorkspaceQuotesParams {
                uri: Some(uri_of(&dir, "a.txt").parse().unwrap()),
            },
        )
        .unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].quotes.len(), 1);
    assert!(client.shutdown().success());
}

#[test]
fn cite_quote_cites_one_quote_on_disk_or_open() {
    let dir = folder("overview-cite");
    let mut client = pulling(&dir, Value::Null);
    let groups: Vec<QuoteGroup> = client
        .call_method(WORKSPACE_QUOTES, &WorkspaceQuotesParams::default())
        .unwrap();
    let on_disk = groups[0].quotes[0].clone();
    let result: CiteAllResult = client.command(
        CITE_QUOTE,
        vec![json!({"uri": on_disk.uri, "range": on_disk.range})],
    );
    assert_eq!(result, CiteAllResult { cited: 1 });
    let apply = client.wait_for("workspace/applyEdit", |_| true);
    let uri = on_disk.uri.as_str();
    let edit = &apply["params"]["edit"];
    assert_eq!(
        edit["documentChanges"][0]["textDocument"]["version"],
        Value::Null
    );
    let text = std::fs::read_to_string(dir.join("a.txt")).unwrap();
    let cited = apply_workspace_edit(&text, edit, uri, "utf-16");
    assert!(
        cited.starts_with("MOSCOW — <cite speaker=\"Sergei Lavrov\">“We will respond,”</cite>"),
        "{cited}"
    );
    // Open: a versioned edit; a range inside the quote is enough.
    let b = uri_of(&dir, "b.txt");
    client.open(&b, TALKS, 4);
    let inside = json!({"start": {"line": 1, "character": 5}, "end": {"line": 1, "character": 8}});
    let result: CiteAllResult =
        client.command(CITE_QUOTE, vec![json!({"uri": b, "range": inside})]);
    assert_eq!(result, CiteAllResult { cited: 1 });
    let apply = client.wait_for("workspace/applyEdit", |p| {
        p["edit"]["documentChanges"][0]["textDocument"]["uri"] == b.as_str()
    });
    let edit = &apply["params"]["edit"];
    assert_eq!(edit["documentChanges"][0]["textDocument"]["version"], 4);
    let cited = apply_workspace_edit(TALKS, edit, &b, "utf-16");
    assert!(
        cited.contains("<cite speaker=\"Sergei Lavrov\">“We are ready to talk,”</cite>"),
        "{cited}"
    );
    // A quote without a speaker is not cited.
    let c = uri_of(&dir, "c.txt");
    let nobody = json!({"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 3}});
    let result: CiteAllResult =
        client.command(CITE_QUOTE, vec![json!({"uri": c, "range": nobody})]);
    assert_eq!(result, CiteAllResult { cited: 0 });
    assert!(client.shutdown().success());
}
