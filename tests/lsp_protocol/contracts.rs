//! The client contracts (`src/lsp/contracts.rs`, documented in `docs/protocol.md`) against
//! the server and the editors:
//! - every JSON example of `docs/protocol.md` reads back through the contract's types;
//! - the server advertises exactly the contract's commands and kinds;
//! - the clients' protocol files (`editors/vscode/src/protocol.ts`, whose types the
//!   extension is type-checked against when it is packaged, and
//!   `editors/nvim/lua/newsls/protocol.lua`) are generated from the contract, so an edit
//!   of the contract without regenerating them fails here
//!   (`NEWSLS_BLESS=1 cargo test --test lsp_protocol contracts` rewrites them);
//! - every `newsls.*` / `newsls/*` name and newsls code action kind in the clients' sources
//!   is one the server defines, or one of the clients' own (listed below, with why).

use crate::common::Client;
use newsls::lsp::contracts::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::Uri;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(repo().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The fenced ```json blocks of the section of `docs/protocol.md` whose heading names `name`,
/// with their labels (`arguments`, `params`, `result`).
fn examples(doc: &str, name: &str) -> Vec<(String, Value)> {
    let heading = format!("## `{name}`");
    let start = doc
        .find(&heading)
        .unwrap_or_else(|| panic!("docs/protocol.md has no section {heading}"));
    let rest = &doc[start + heading.len()..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    let mut out = Vec::new();
    for block in section.split("```json").skip(1) {
        let (label, body) = block.split_once('\n').unwrap();
        let body = &body[..body.find("```").expect("closing fence")];
        let value: Value = serde_json::from_str(body)
            .unwrap_or_else(|e| panic!("{name} {label}: not JSON: {e}\n{body}"));
        out.push((label.trim().to_string(), value));
    }
    out
}

/// The example labelled `label` of `name`.
fn example(name: &str, label: &str) -> Value {
    let found = examples(&read("docs/protocol.md"), name);
    let (_, value) = found
        .into_iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("docs/protocol.md: {name} has no ```json {label} example"));
    value
}

/// `value` read as `T` and written back is `value`: the same fields of the same types.
fn round_trips<T: Serialize + DeserializeOwned>(name: &str, label: &str, value: &Value) {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{name} {label} in docs/protocol.md: {e}\n{value:#}"));
    assert_eq!(
        &serde_json::to_value(typed).unwrap(),
        value,
        "{name} {label}"
    );
}

#[test]
fn every_example_of_the_protocol_page_is_what_the_types_read_and_write() {
    let doc = read("docs/protocol.md");
    for name in COMMANDS.iter().chain(&REQUESTS).chain(&CODE_ACTION_KINDS) {
        let found = examples(&doc, name);
        for (label, value) in &found {
            let label = label.as_str();
            match (*name, label) {
                (KEEP_BLOCK, "arguments") => round_trips::<(KeepBlockArgs,)>(name, label, value),
                (CORRECT_ENTITY, "arguments") => {
                    round_trips::<(CorrectEntityArgs,)>(name, label, value)
                }
                (CITE_ALL | SHOW_ENTITIES, "arguments") => {
                    round_trips::<(Uri,)>(name, label, value)
                }
                (CITE_QUOTE, "arguments") => round_trips::<(CiteQuoteArgs,)>(name, label, value),
                (CITE_ALL | CITE_QUOTE, "result") => {
                    round_trips::<CiteAllResult>(name, label, value)
                }
                (WORKSPACE_ENTITIES, "params") => {
                    round_trips::<WorkspaceEntitiesParams>(name, label, value)
                }
                (WORKSPACE_ENTITIES, "result") => {
                    round_trips::<Vec<WorkspaceEntity>>(name, label, value)
                }
                (ENTITY_MENTIONS, "params") => {
                    round_trips::<EntityMentionsParams>(name, label, value)
                }
                (ENTITY_MENTIONS, "result") => {
                    round_trips::<Vec<EntityMention>>(name, label, value)
                }
                (WORKSPACE_QUOTES, "params") => {
                    round_trips::<WorkspaceQuotesParams>(name, label, value)
                }
                (WORKSPACE_QUOTES, "result") => round_trips::<Vec<QuoteGroup>>(name, label, value),
                (SHOW_ENTITIES, "result") => round_trips::<Vec<FileEntity>>(name, label, value),
                (DOCUMENT_TEXT, "params") => round_trips::<DocumentTextParams>(name, label, value),
                (DOCUMENT_TEXT, "result") => round_trips::<DocumentText>(name, label, value),
                (KEEP_BLOCK | CORRECT_ENTITY, "result") => assert!(value.is_null(), "{name}"),
                _ => panic!("docs/protocol.md: unexpected example `{label}` for {name}"),
            }
        }
        let wanted: &[&str] = match *name {
            n if REQUESTS.contains(&n) => &["params", "result"],
            n if COMMANDS.contains(&n) => &["arguments", "result"],
            _ => &[],
        };
        for label in wanted {
            assert!(
                found.iter().any(|(l, _)| l == label),
                "docs/protocol.md: {name} has no ```json {label} example"
            );
        }
    }
}

#[test]
fn the_server_advertises_exactly_the_contract() {
    let (client, result) = Client::initialized(json!({}), None, Value::Null);
    let caps = &result["capabilities"];
    let commands: BTreeSet<&str> = caps["executeCommandProvider"]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(commands, COMMANDS.into_iter().collect());
    let own_kinds: BTreeSet<&str> = caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .filter(|k| k.split('.').any(|part| part == "newsls"))
        .collect();
    assert_eq!(own_kinds, CODE_ACTION_KINDS.into_iter().collect());
    assert!(client.shutdown().success());
}

/// A TypeScript or Lua constant name for a contract name: its segments but `newsls`, in
/// upper snake case (`newsls.showEntities` -> `SHOW_ENTITIES`, `source.newsls.removeBoilerplate`
/// -> `SOURCE_REMOVE_BOILERPLATE`).
fn constant(name: &str) -> String {
    let mut out = String::new();
    for part in name.split(['.', '/']).filter(|p| *p != "newsls") {
        if !out.is_empty() {
            out.push('_');
        }
        for c in part.chars() {
            if c.is_uppercase() {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
        }
    }
    out
}

/// The TypeScript type of a JSON example value.
fn ts_type(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "boolean".into(),
        Value::Number(_) => "number".into(),
        Value::String(_) => "string".into(),
        Value::Array(items) => {
            let items: Vec<&Value> = items.iter().collect();
            assert!(!items.is_empty(), "an example array must not be empty");
            let item = one_of(&items);
            if item.contains(' ') && !item.starts_with('{') {
                format!("({item})[]")
            } else {
                format!("{item}[]")
            }
        }
        Value::Object(_) => one_of(&[value]),
    }
}

/// The TypeScript type of values of one place in the examples (the items of an array): the
/// fields of objects merged, each field's types joined (`string | null` where a group has
/// no speaker).
fn one_of(values: &[&Value]) -> String {
    if values.iter().all(|v| v.is_object()) {
        let mut keys: Vec<&String> = Vec::new();
        for value in values {
            for key in value.as_object().unwrap().keys() {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        let fields: Vec<String> = keys
            .iter()
            .map(|k| {
                let of_key: Vec<&Value> = values.iter().filter_map(|v| v.get(k.as_str())).collect();
                format!("{k}: {}", one_of(&of_key))
            })
            .collect();
        return format!("{{ {} }}", fields.join("; "));
    }
    let mut types: Vec<String> = Vec::new();
    for value in values {
        let t = ts_type(value);
        if !types.contains(&t) {
            types.push(t);
        }
    }
    types.sort_by_key(|t| t == "null");
    types.join(" | ")
}

const GENERATED: &str = "Generated from src/lsp/contracts.rs and the examples of docs/protocol.md \
     by `NEWSLS_BLESS=1 cargo test --test lsp_protocol contracts`: do not edit.";

/// `editors/vscode/src/protocol.ts`: the names and the result types, for the extension.
fn protocol_ts() -> String {
    let mut out = format!(
        "// {GENERATED}\n// What the newsls server offers beyond LSP; see docs/protocol.md.\n\n"
    );
    let groups: [(&str, &[&str]); 4] = [
        ("workspace/executeCommand commands", &COMMANDS),
        ("requests", &REQUESTS),
        ("code action kinds", &CODE_ACTION_KINDS),
        (
            "commands of the server's code lenses that the client defines",
            &CLIENT_COMMANDS,
        ),
    ];
    for (title, names) in groups {
        out.push_str(&format!("// {title}\n"));
        for name in names {
            out.push_str(&format!("export const {} = '{name}';\n", constant(name)));
        }
        out.push('\n');
    }
    // Params whose fields are all optional are `Partial`.
    let types = [
        ("ShowEntitiesResult", SHOW_ENTITIES, "result", false),
        ("CiteAllResult", CITE_ALL, "result", false),
        ("CiteQuoteArgs", CITE_QUOTE, "arguments", false),
        ("CiteQuoteResult", CITE_QUOTE, "result", false),
        ("DocumentTextResult", DOCUMENT_TEXT, "result", false),
        (
            "WorkspaceEntitiesParams",
            WORKSPACE_ENTITIES,
            "params",
            true,
        ),
        (
            "WorkspaceEntitiesResult",
            WORKSPACE_ENTITIES,
            "result",
            false,
        ),
        ("EntityMentionsParams", ENTITY_MENTIONS, "params", false),
        ("EntityMentionsResult", ENTITY_MENTIONS, "result", false),
        ("WorkspaceQuotesParams", WORKSPACE_QUOTES, "params", true),
        ("WorkspaceQuotesResult", WORKSPACE_QUOTES, "result", false),
    ];
    for (type_name, name, label, optional) in types {
        let mut shape = ts_type(&example(name, label));
        if optional {
            shape = format!("Partial<{shape}>");
        }
        out.push_str(&format!(
            "/** The {label} of `{name}`. */\nexport type {type_name} = {shape};\n"
        ));
    }
    out
}

/// `editors/nvim/lua/newsls/protocol.lua`: the names, for the Neovim plugin.
fn protocol_lua() -> String {
    let mut out = format!(
        "-- {GENERATED}\n-- What the newsls server offers beyond LSP; see docs/protocol.md.\nreturn {{\n"
    );
    let groups: [(&str, &[&str]); 4] = [
        ("commands", &COMMANDS),
        ("requests", &REQUESTS),
        ("kinds", &CODE_ACTION_KINDS),
        ("client_commands", &CLIENT_COMMANDS),
    ];
    for (table, names) in groups {
        out.push_str(&format!("  {table} = {{\n"));
        for name in names {
            out.push_str(&format!("    {} = '{name}',\n", constant(name)));
        }
        out.push_str("  },\n");
    }
    out.push_str("}\n");
    out
}

#[test]
fn the_clients_protocol_files_are_generated_from_the_contract() {
    let bless = std::env::var_os("NEWSLS_BLESS").is_some();
    for (relative, want) in [
        ("editors/vscode/src/protocol.ts", protocol_ts()),
        ("editors/nvim/lua/newsls/protocol.lua", protocol_lua()),
    ] {
        let path = repo().join(relative);
        if bless {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "{relative} is not what the contract gives; run \
             `NEWSLS_BLESS=1 cargo test --test lsp_protocol contracts`.\nwanted:\n{want}"
        );
    }
}

/// The clients' sources: the VS Code extension and its manifest, the Neovim plugin, and the
/// real-editor tests that call the server; not the protocol files generated from the
/// contract.
fn client_sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                if !name.starts_with('.') && name != "node_modules" && name != "dist" {
                    walk(&path, out);
                }
            } else if ([".ts", ".lua", ".js", ".mjs"]
                .iter()
                .any(|e| name.ends_with(e))
                || name == "package.json")
                && !name.starts_with("protocol.")
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for dir in ["editors/vscode/src", "editors/nvim", "editors/tests"] {
        walk(&repo().join(dir), &mut out);
    }
    out.push(repo().join("editors/vscode/package.json"));
    out.sort();
    out
}

/// String literals in a client's text that look like newsls protocol names: `'newsls.x'`,
/// `"newsls/x"`, and code action kinds with a `newsls` segment (a name the client sends is a
/// whole literal; messages and Lua module paths are not).
fn names_in(text: &str) -> BTreeSet<String> {
    let word = |c: char| c.is_ascii_alphanumeric() || ".-_/".contains(c);
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices("newsls") {
        let start = text[..at].rfind(|c: char| !word(c)).map_or(0, |i| i + 1);
        let end = at
            + text[at..]
                .find(|c: char| !word(c))
                .unwrap_or(text.len() - at);
        let (before, after) = (text[..start].chars().last(), text[end..].chars().next());
        let quoted = before.is_some_and(|q| "'\"`".contains(q)) && before == after;
        let token = &text[start..end];
        if quoted
            && token.split(['.', '/']).count() > 1
            && token.split(['.', '/']).any(|p| p == "newsls")
        {
            out.insert(token.to_string());
        }
    }
    out
}

/// What a name the server does not define is, when a client may use it: `None` when it is
/// not the client's to use.
fn clients_own(name: &str, settings: &BTreeSet<String>) -> Option<&'static str> {
    let file_or_path = [
        ".toml", ".lua", ".txt", ".vsix", ".json", ".ts", ".js", ".exe", ".svg",
    ];
    if name.starts_with("newsls.client.") {
        Some("a command of the VS Code extension itself")
    } else if name.starts_with("newsls.e2e.") {
        Some("a command of the VS Code self-test extension")
    } else if settings.contains(name) || settings.iter().any(|s| name == format!("{s}.")) {
        Some("a setting of package.json (read by the server as initializationOptions)")
    } else if [
        "newsls.active",
        "newsls.quotesFiltered",
        "newsls.status",
        "newsls.newsls",
        "newsls.protocol",
        "newsls.config",
        "newsls.workspace",
    ]
    .contains(&name)
    {
        Some("VS Code's context key, status item or extension id; a Lua module")
    } else if file_or_path.iter().any(|ext| name.ends_with(ext))
        || name.starts_with(['/', '~', '.'])
        || name.contains("/newsls/")
    {
        Some("a file or path")
    } else if ["newsls.entities", "newsls.quotes"]
        .iter()
        .any(|view| name == *view || name.starts_with(&format!("{view}.")))
    {
        Some("a view of the VS Code extension, or its focus command")
    } else if ["newsls.entity", "newsls.speaker", "newsls.quote"].contains(&name) {
        Some("the kind of a Neovim vim.ui.select picker")
    } else if name.starts_with("newsls-") || name.contains("newsls-entities://") {
        Some("a buffer or temporary file name")
    } else {
        None
    }
}

#[test]
fn the_editors_name_only_what_the_server_defines() {
    let manifest: Value = serde_json::from_str(&read("editors/vscode/package.json")).unwrap();
    let settings: BTreeSet<String> = manifest["contributes"]["configuration"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let defined: BTreeSet<&str> = COMMANDS
        .iter()
        .chain(&REQUESTS)
        .chain(&CODE_ACTION_KINDS)
        .copied()
        .collect();
    let mut unknown = Vec::new();
    let mut used = BTreeSet::new();
    for path in client_sources() {
        let text = std::fs::read_to_string(&path).unwrap();
        for name in names_in(&text) {
            if defined.contains(name.as_str()) {
                used.insert(name);
            } else if clients_own(&name, &settings).is_none() {
                unknown.push(format!(
                    "{}: {name}",
                    path.strip_prefix(repo()).unwrap().display()
                ));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "the clients use names the server does not define (src/lsp/contracts.rs):\n{}",
        unknown.join("\n")
    );
    // The scan does see the clients' calls (so an empty result above means something).
    for name in [SHOW_ENTITIES, CITE_ALL, DOCUMENT_TEXT] {
        assert!(
            used.contains(name),
            "no client uses {name}: is the scan blind?"
        );
    }
}

#[test]
fn the_name_scan_finds_a_misspelt_command() {
    let settings = BTreeSet::from(["newsls.include".to_string()]);
    let text = "client.sendRequest(ExecuteCommandRequest.type, { command: 'newsls.showEntity' });\n\
                M.execute(\"newsls.citeAll\", {}) -- see `newsls.toml`, 'newsls.include'\n\
                local newsls = require('newsls'); newsls.client(0) -- 'no newsls.x here'";
    let names = names_in(text);
    assert_eq!(
        names,
        BTreeSet::from(
            [
                "newsls.showEntity",
                "newsls.citeAll",
                "newsls.toml",
                "newsls.include"
            ]
            .map(String::from)
        )
    );
    assert_eq!(clients_own("newsls.showEntity", &settings), None);
    assert!(clients_own("newsls.include", &settings).is_some());
}
