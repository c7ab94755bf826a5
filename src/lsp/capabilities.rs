//! What the server tells the client it can do. Only features that work are advertised.

use super::code_actions::{KEEP_BLOCK, fix_all_kind};
use crate::text::Encoding;
use serde_json::json;
use tower_lsp_server::ls_types::*;

pub fn server_capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, fix_all_kind()]),
            ..Default::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![KEEP_BLOCK.into()],
            ..Default::default()
        }),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        ..Default::default()
    }
}

/// The dynamic registration of file watchers for the news files and `newsls.toml`.
pub fn watcher(include: &[String]) -> Registration {
    let watchers: Vec<FileSystemWatcher> = include
        .iter()
        .map(String::as_str)
        .chain(["**/newsls.toml"])
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.into()),
            kind: None,
        })
        .collect();
    Registration {
        id: "newsls/watched-files".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: Some(json!({ "watchers": watchers })),
    }
}
