//! End to end: cite-quote actions, the source header, tag diagnostics, hover, completion,
//! commands, and the round trip through `newsls export`.

use crate::common::{Client, apply_workspace_edit, covered, cursor, position_of, seed, temp_dir};
use newsls::lsp::contracts::{CITE_ALL, CiteAllResult, FileEntity, SHOW_ENTITIES};
use serde_json::{Value, json};
use std::process::Command;

fn caps() -> Value {
    json!({"workspace": {"workspaceEdit": {"documentChanges": true}, "applyEdit": true}})
}

fn actions_at(client: &mut Client, uri: &str, pos: Value, only: Option<&str>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = json!([only]);
    }
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": pos, "end": pos}, "context": context}),
    );
    result.as_array().cloned().unwrap_or_default()
}

fn titles(actions: &[Value]) -> Vec<String> {
    actions
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect()
}

fn tag_diagnostics(diags: &[Value]) -> Vec<Value> {
    diags
        .iter()
        .filter(|d| {
            d["code"]
                .as_str()
                .is_some_and(|c| c.starts_with("tag-") || c == "unknown-speaker")
        })
        .cloned()
        .collect()
}

#[test]
fn cite_quote_names_the_speaker_behind_an_agency_and_round_trips_through_export() {
    let (_, text) = seed("003");
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///cite3.txt";
    client.open(uri, &text, 1);
    client.diagnostics(uri, 1);
    // "Tass quoted Mr Lavrov as saying": the speaker is Lavrov, Tass is the channel.
    let quote = "\"It is impossible in one move";
    let found = actions_at(
        &mut client,
        uri,
        json!(cursor(&text, quote, 0, 3)),
        Some("refactor"),
    );
    let cite = found
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Cite quote: "))
        .expect("cite action");
    assert_eq!(cite["title"], "Cite quote: Sergey Lavrov");
    assert_eq!(
        cite["edit"]["documentChanges"][0]["textDocument"]["version"],
        1
    );
    let cited = apply_workspace_edit(&text, &cite["edit"], uri, "utf-16");
    let open_tag = "<cite speaker=\"Sergey Lavrov\" source=\"The Straits Times\" date=\"2018-06-01\" channel=\"Tass\">";
    assert!(
        cited.contains(&format!("{open_tag}{quote}")),
        "{}",
        &cited[..600]
    );
    assert_eq!(
        cited.replace(open_tag, "").replace("</cite>", ""),
        text,
        "only the tags were added"
    );
    client.change(uri, 2, json!([{"text": cited}]));
    assert!(tag_diagnostics(&client.diagnostics(uri, 2)).is_empty());

    let dir = temp_dir("cite-export");
    let file = dir.join("cited.txt");
    std::fs::write(&file, &cited).unwrap();
    let out = Command::new(crate::common::bin())
        .arg("export")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record["speaker"], "Sergey Lavrov");
    assert_eq!(record["entityId"], "person:sergei-lavrov");
    assert_eq!(record["channel"], "Tass");
    assert_eq!(record["date"], "2018-06-01");
    assert!(record["quote"].as_str().unwrap().starts_with(quote));
    assert!(client.shutdown().success());
}

#[test]
fn a_pronoun_after_a_named_speaker_is_that_speaker() {
    let (_, text) = seed("000");
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///cite0.txt";
    client.open(uri, &text, 1);
    let found = actions_at(
        &mut client,
        uri,
        json!(cursor(&text, "\"There are contacts", 0, 2)),
        None,
    );
    assert!(
        titles(&found).contains(&"Cite quote: Sergei Lavrov".to_string()),
        "{:?}",
        titles(&found)
    );
    assert!(client.shutdown().success());
}

#[test]
fn cite_all_and_source_header_then_hover_and_command() {
    let (_, text) = seed("002");
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///cite2.txt";
    client.open(uri, &text, 1);
    let everything = actions_at(
        &mut client,
        uri,
        json!({"line": 0, "character": 0}),
        Some("source"),
    );
    let all = everything
        .iter()
        .find(|a| a["kind"] == "source.citeAll.newsls")
        .unwrap();
    assert!(
        all["title"]
            .as_str()
            .unwrap()
            .starts_with("Cite all quotes in this file (")
    );
    let header = everything
        .iter()
        .find(|a| a["title"] == "Insert article source header")
        .unwrap();
    let mut edited = apply_workspace_edit(&text, &all["edit"], uri, "utf-16");
    edited = apply_workspace_edit(&edited, &header["edit"], uri, "utf-16");
    assert!(
        edited.starts_with("<source publication=\"Los Angeles Times\""),
        "{}",
        &edited[..200]
    );
    assert!(
        edited.contains("authors=\"John M. Glionna; Khristina Narizhnaya\""),
        "{}",
        &edited[..300]
    );
    assert!(edited.matches("<cite ").count() >= 4);
    client.change(uri, 2, json!([{"text": edited}]));
    assert!(tag_diagnostics(&client.diagnostics(uri, 2)).is_empty());
    // Nothing is left to cite, and the header is not offered twice.
    let again = actions_at(
        &mut client,
        uri,
        json!({"line": 0, "character": 0}),
        Some("source"),
    );
    assert!(
        !titles(&again)
            .iter()
            .any(|t| t.starts_with("Cite all") || t.contains("source header"))
    );

    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
    );
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        markdown.starts_with("**Article source**")
            && markdown.contains("publication: Los Angeles Times"),
        "{markdown}"
    );
    let cite_at = json!(cursor(&edited, "<cite speaker=\"Dmitry Oreshkin\"", 0, 3));
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": cite_at}),
    );
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        markdown.contains("speaker: Dmitry Oreshkin") && markdown.contains("is mentioned on lines"),
        "{markdown}"
    );

    let entities: Vec<FileEntity> = client.command(SHOW_ENTITIES, vec![json!(uri)]);
    assert!(entities.iter().any(|e| e.name == "Dmitry Oreshkin"));
    // Each mention carries its text and the range of that text (the editors jump there).
    for mention in entities.iter().flat_map(|e| &e.mentions) {
        assert_eq!(covered(&edited, &mention.range), mention.text);
    }
    assert!(client.shutdown().success());
}

#[test]
fn a_header_for_an_article_without_cues_leaves_the_fields_to_fill() {
    let (_, text) = seed("000");
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///header0.txt";
    client.open(uri, &text, 1);
    let found = actions_at(
        &mut client,
        uri,
        json!({"line": 0, "character": 0}),
        Some("source"),
    );
    let header = found
        .iter()
        .find(|a| a["title"] == "Insert article source header")
        .unwrap();
    let edited = apply_workspace_edit(&text, &header["edit"], uri, "utf-16");
    assert!(
        edited.starts_with("<source publication=\"\" title=\"\" date=\"\" authors=\"\"/>\n"),
        "{}",
        &edited[..120]
    );
    client.change(uri, 2, json!([{"text": edited}]));
    assert!(
        tag_diagnostics(&client.diagnostics(uri, 2)).is_empty(),
        "empty fields are not errors"
    );
    assert!(client.shutdown().success());
}

#[test]
fn cite_all_command_asks_the_editor_to_apply_the_edit() {
    let (_, text) = seed("000");
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///cmd.txt";
    client.open(uri, &text, 1);
    let result: CiteAllResult = client.command(CITE_ALL, vec![json!(uri)]);
    let apply = client.wait_for("workspace/applyEdit", |_| true);
    let cited = apply_workspace_edit(&text, &apply["params"]["edit"], uri, "utf-16");
    assert_eq!(cited.matches("<cite speaker=\"Sergei Lavrov\"").count(), 3);
    assert_eq!(result, CiteAllResult { cited: 3 });
    assert!(client.shutdown().success());
}

#[test]
fn malformed_tags_get_clear_diagnostics() {
    let text = "<source publication=\"X\"/> trailing\n\
        Putin spoke. <cite speaker=\"Vladimir Putin\" date=\"2011-02-30\" mood=\"calm\">\"Yes,\"</cite> he said.\n\
        Stray </cite> here. <cite speaker=\"Nobody Known\">\"No\"</cite> said Nobody.\n\
        <cite speaker=\"\">\"Open\" forever\n";
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///bad-tags.txt";
    client.open(uri, text, 1);
    let diags = tag_diagnostics(&client.diagnostics(uri, 1));
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    for expected in [
        "tag-source-placement",
        "tag-bad-date",
        "tag-unknown-attribute",
        "tag-stray-close",
        "tag-unclosed",
        "tag-missing-attribute",
        "unknown-speaker",
    ] {
        assert!(
            codes.contains(&expected),
            "{expected} missing from {codes:?}"
        );
    }
    let date = diags.iter().find(|d| d["code"] == "tag-bad-date").unwrap();
    assert_eq!(date["severity"], 1);
    assert!(date["message"].as_str().unwrap().contains("2011-02-30"));
    let unknown: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "unknown-speaker")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(unknown.len(), 1, "Putin is named in the text: {unknown:?}");
    assert!(unknown[0].contains("Nobody Known"));
    assert!(client.shutdown().success());
}

#[test]
fn completion_offers_attributes_and_speakers() {
    let (_, text) = seed("000");
    let edited = format!("{text}\n<cite speaker=\"Ser\n<cite speaker=\"Sergei Lavrov\" \n");
    let (mut client, _) = Client::initialized(caps(), None, Value::Null);
    let uri = "file:///complete.txt";
    client.open(uri, &edited, 1);
    let value_at = json!(cursor(&edited, "\"Ser\n", 0, 4));
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": value_at}),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"Sergei Lavrov"), "{labels:?}");
    let attr_at = json!(position_of(&edited, edited.rfind("\" \n").unwrap() + 2));
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": attr_at}),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["source", "date", "channel"]);
    assert!(client.shutdown().success());
}
