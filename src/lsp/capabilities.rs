//! What the server tells the client it can do. Only features that work are advertised.

use super::citations::{cite_all_kind, source_header_kind};
use super::code_actions::fix_all_kind;
use super::contracts::COMMANDS;
use super::corrections::correction_kind;
use super::symbols::token_legend;
use crate::text::Encoding;
use serde_json::json;
use tower_lsp_server::ls_types::*;

/// What the server offers; `pull_diagnostics` when the client pulls them (LSP 3.17).
pub fn server_capabilities(encoding: Encoding, pull_diagnostics: bool) -> ServerCapabilities {
    ServerCapabilities {
        diagnostic_provider: pull_diagnostics.then(super::overview::diagnostic_options),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(true),
        }),
        position_encoding: Some(super::proto::encoding_kind(encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
                correction_kind(),
                fix_all_kind(),
                cite_all_kind(),
                source_header_kind(),
            ]),
            ..Default::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: COMMANDS.map(String::from).to_vec(),
            ..Default::default()
        }),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), " ".into()]),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: token_legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                ..Default::default()
            },
        )),
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
