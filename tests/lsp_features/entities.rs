//! End to end: hover, definition, references, highlights, symbols and semantic tokens
//! of entities across a workspace of the seed articles. Requests and results are typed.

use crate::common::{Client, at, covered, cursor, file_uri, fixtures, temp_dir, uri as parse_uri};
use serde_json::{Value, json};
use std::path::PathBuf;
use tower_lsp_server::ls_types::request::{
    DocumentHighlightRequest, DocumentSymbolRequest, GotoDefinition, HoverRequest, References,
    SemanticTokensFullRequest, WorkspaceSymbolRequest,
};
use tower_lsp_server::ls_types::*;

/// A workspace holding copies of the seeds, indexed; returns the client and the folder.
fn workspace(name: &str) -> (Client, PathBuf) {
    let dir = temp_dir(name);
    for entry in std::fs::read_dir(fixtures().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let caps = json!({"window": {"workDoneProgress": true}, "workspace": {"workspaceEdit": {"documentChanges": true}}});
    let (mut client, _) = Client::initialized(caps, Some(&dir), Value::Null);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    (client, dir)
}

/// Opens a seed copy; returns its uri and text.
fn open(client: &mut Client, dir: &std::path::Path, prefix: &str) -> (String, String) {
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    client.open(&uri, &text, 1);
    client.diagnostics(&uri, 1);
    (uri, text)
}

fn hover(client: &mut Client, uri: &str, position: Position) -> Option<Hover> {
    client.call::<HoverRequest>(HoverParams {
        text_document_position_params: at(uri, position),
        work_done_progress_params: Default::default(),
    })
}

fn references(
    client: &mut Client,
    uri: &str,
    position: Position,
    include_declaration: bool,
    partial: Option<&str>,
) -> Option<Vec<Location>> {
    let params = ReferenceParams {
        text_document_position: at(uri, position),
        work_done_progress_params: Default::default(),
        partial_result_params: PartialResultParams {
            partial_result_token: partial.map(|t| NumberOrString::String(t.into())),
        },
        context: ReferenceContext {
            include_declaration,
        },
    };
    client.call::<References>(params)
}

/// The first three characters of each file the locations are in, sorted, once each.
fn file_prefixes(locations: &[Location]) -> Vec<String> {
    let files: std::collections::BTreeSet<String> = locations
        .iter()
        .map(|l| l.uri.as_str().rsplit('/').next().unwrap()[..3].to_string())
        .collect();
    files.into_iter().collect()
}

fn document(uri: &str) -> TextDocumentIdentifier {
    TextDocumentIdentifier {
        uri: parse_uri(uri),
    }
}

#[test]
fn hover_names_the_entity_and_links_its_other_mentions() {
    let (mut client, dir) = workspace("ent-hover");
    let (uri, text) = open(&mut client, &dir, "000");
    let found = hover(&mut client, &uri, cursor(&text, "Lavrov said", 0, 2)).unwrap();
    let HoverContents::Markup(MarkupContent {
        kind,
        value: markdown,
    }) = found.contents
    else {
        panic!("hover is not markup: {:?}", found.contents);
    };
    assert_eq!(kind, MarkupKind::Markdown);
    assert!(
        markdown.starts_with("**Sergei Lavrov** · person"),
        "{markdown}"
    );
    assert!(markdown.contains("in this file"), "{markdown}");
    assert!(markdown.contains("Other mentions:"), "{markdown}");
    assert!(
        markdown.contains("003_bc02b2ddaed6895b.txt:"),
        "Sergey Lavrov in 003 is the same entity: {markdown}"
    );
    assert!(markdown.contains("](file://"), "links: {markdown}");
    assert_eq!(covered(&text, &found.range.unwrap()), "Lavrov");
    // Nothing to say off a name.
    assert_eq!(
        hover(&mut client, &uri, cursor(&text, "timing", 0, 1)),
        None
    );
    assert!(client.shutdown().success());
}

#[test]
fn definition_references_and_highlights() {
    let (mut client, dir) = workspace("ent-nav");
    let (uri, text) = open(&mut client, &dir, "000");
    let position = cursor(&text, "Lavrov refused", 0, 0);
    let definition = client.call::<GotoDefinition>(GotoDefinitionParams {
        text_document_position_params: at(&uri, position),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    });
    let Some(GotoDefinitionResponse::Scalar(definition)) = definition else {
        panic!("one location expected: {definition:?}");
    };
    assert_eq!(definition.uri, parse_uri(&uri));
    assert_eq!(covered(&text, &definition.range), "Sergei Lavrov");
    assert_eq!(definition.range.start.line, 0);

    let all = references(&mut client, &uri, position, true, None).unwrap();
    let here: Vec<&Location> = all.iter().filter(|l| l.uri.as_str() == uri).collect();
    assert_eq!(here.len(), text.matches("Lavrov").count());
    assert!(
        all.iter().any(|l| l.uri.as_str().contains("003_")),
        "other files count"
    );
    for l in &here {
        assert!(covered(&text, &l.range).ends_with("Lavrov"));
    }
    let without = references(&mut client, &uri, position, false, None).unwrap();
    assert_eq!(without.len(), all.len() - 1);

    let highlights = client
        .call::<DocumentHighlightRequest>(DocumentHighlightParams {
            text_document_position_params: at(&uri, position),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .unwrap_or_default();
    let mut highlighted: Vec<Range> = highlights.iter().map(|h| h.range).collect();
    let mut mentions: Vec<Range> = here.iter().map(|l| l.range).collect();
    highlighted.sort_by_key(|r| (r.start.line, r.start.character));
    mentions.sort_by_key(|r| (r.start.line, r.start.character));
    assert_eq!(
        highlighted, mentions,
        "a highlight on each mention of the file"
    );
    assert!(client.shutdown().success());
}

#[test]
fn symbols_outline_search_and_tokens() {
    let (mut client, dir) = workspace("ent-symbols");
    let (uri, _) = open(&mut client, &dir, "000");
    let outline = client.call::<DocumentSymbolRequest>(DocumentSymbolParams {
        text_document: document(&uri),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    });
    let Some(DocumentSymbolResponse::Nested(groups)) = outline else {
        panic!("a nested outline expected: {outline:?}");
    };
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    assert!(
        names.contains(&"People") && names.contains(&"Places"),
        "{names:?}"
    );
    let people = groups.iter().find(|g| g.name == "People").unwrap();
    assert!(
        people
            .children
            .iter()
            .flatten()
            .any(|p| p.name == "Sergei Lavrov")
    );

    let found = client.call::<WorkspaceSymbolRequest>(WorkspaceSymbolParams {
        query: "lavr".into(),
        ..Default::default()
    });
    let Some(WorkspaceSymbolResponse::Flat(found)) = found else {
        panic!("flat symbols expected: {found:?}");
    };
    assert!(found[0].name.ends_with("Lavrov"), "{found:?}");
    assert!(
        found[0]
            .container_name
            .as_deref()
            .unwrap()
            .contains("files")
    );

    let tokens = client.call::<SemanticTokensFullRequest>(SemanticTokensParams {
        text_document: document(&uri),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    });
    let Some(SemanticTokensResult::Tokens(tokens)) = tokens else {
        panic!("tokens expected: {tokens:?}");
    };
    assert!(!tokens.data.is_empty());
    assert!(client.shutdown().success());
}

#[test]
fn the_index_follows_edits_of_open_documents() {
    let (mut client, dir) = workspace("ent-edit");
    let (uri, text) = open(&mut client, &dir, "004");
    // A sentence added inside the story (mentions inside boilerplate are not indexed).
    let story_end = text.find("\n\nThe Kremlin said").unwrap();
    let edited = format!(
        "{} Foreign Minister Sergei Lavrov said the visit was welcome.{}",
        &text[..story_end],
        &text[story_end..]
    );
    client.change(&uri, 2, json!([{"text": edited}]));
    client.diagnostics(&uri, 2);
    let (other, other_text) = open(&mut client, &dir, "000");
    let position = cursor(&other_text, "Lavrov said", 0, 0);
    let all = references(&mut client, &other, position, true, None).unwrap();
    assert!(
        all.iter().any(|l| l.uri.as_str() == uri),
        "the new mention in the edited file is found"
    );
    assert!(client.shutdown().success());
}

#[test]
fn a_syndicated_story_is_not_a_template() {
    // 000 and 001 run the same wire story; a third copy must not turn its paragraphs into
    // "site template" boilerplate, which would hide them from references.
    let dir = temp_dir("ent-copies");
    for entry in std::fs::read_dir(fixtures().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        dir.join("000_a66d8d7f1149ab9a.txt"),
        dir.join("zz-copy.txt"),
    )
    .unwrap();
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::initialized(caps, Some(&dir), Value::Null);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let (uri, text) = open(&mut client, &dir, "zz-copy");
    let all = references(
        &mut client,
        &uri,
        cursor(&text, "Lavrov said", 0, 0),
        true,
        None,
    )
    .unwrap();
    assert_eq!(file_prefixes(&all), ["000", "001", "003", "zz-"]);
    assert!(client.shutdown().success());
}

#[test]
fn references_right_after_start_wait_for_the_index() {
    let dir = temp_dir("ent-early");
    for entry in std::fs::read_dir(fixtures().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    // No wait for the end of indexing: the request itself waits for it.
    let (mut client, _) = Client::initialized(json!({}), Some(&dir), Value::Null);
    let path = dir.join("000_a66d8d7f1149ab9a.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    client.open(&uri, &text, 1);
    let all = references(
        &mut client,
        &uri,
        cursor(&text, "Lavrov said", 0, 0),
        true,
        None,
    )
    .unwrap();
    assert!(all.iter().any(|l| l.uri.as_str().contains("003_")));
    assert!(client.shutdown().success());
}

#[test]
fn references_stream_partial_results_before_an_empty_response() {
    // Enough copies of a story that the locations fill several batches.
    let dir = temp_dir("ent-partial");
    let seed = fixtures().join("seeds/000_a66d8d7f1149ab9a.txt");
    for n in 0..120 {
        std::fs::copy(&seed, dir.join(format!("copy-{n:03}.txt"))).unwrap();
    }
    let caps = json!({"window": {"workDoneProgress": true}, "workspace": {"configuration": true}});
    let (mut client, _) = Client::initialized(caps, Some(&dir), Value::Null);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let path = dir.join("copy-000.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    client.open(&uri, &text, 1);
    client.diagnostics(&uri, 1);
    let position = cursor(&text, "Lavrov said", 0, 0);
    let whole = references(&mut client, &uri, position, true, None).unwrap();
    assert!(whole.len() > 300, "{} locations", whole.len());

    let response = references(&mut client, &uri, position, true, Some("refs-1"));
    assert_eq!(
        response,
        Some(vec![]),
        "the results came as partial results"
    );
    // Every batch arrived before the response (the client's `seen` is in arrival order).
    let batches: Vec<Vec<Location>> = client
        .seen
        .iter()
        .filter(|m| m["method"] == "$/progress" && m["params"]["token"] == "refs-1")
        .map(|m| serde_json::from_value(m["params"]["value"].clone()).unwrap())
        .collect();
    assert!(batches.len() > 1, "{} batches", batches.len());
    let streamed: Vec<Location> = batches.into_iter().flatten().collect();
    assert_eq!(streamed, whole);
    assert!(client.shutdown().success());
}
