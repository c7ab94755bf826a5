//! Edits of `newsls.toml` that remember what the user told newsls (a block to keep, an entity
//! correction, a display name). The server writes no files itself: it asks the editor to
//! apply the edit, so the change shows, can be undone and is saved with the user's other work.

use super::proto::lsp_range;
use super::server::Backend;
use crate::config::CONFIG_FILE;
use crate::text::Encoding;
use std::path::{Path, PathBuf};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// The settings file of the workspace folder holding `uri` (else of the first folder).
pub fn settings_path(backend: &Backend, uri: &Uri) -> Result<PathBuf> {
    let state = backend.lock();
    let path = uri.to_file_path().map(|p| p.into_owned());
    let root = path
        .as_deref()
        .and_then(|p| state.root_of(p))
        .or(state.roots.first().map(|r| r.as_path()));
    root.map(|root| root.join(CONFIG_FILE))
        .ok_or_else(|| Error::invalid_params("no workspace folder to hold newsls.toml"))
}

/// The edit that appends `snippet` (whole TOML tables) to the settings file, creating it when
/// missing. Appending a table array entry is valid TOML whatever the file holds.
pub fn append(path: &Path, snippet: &str, encoding: Encoding) -> Result<WorkspaceEdit> {
    Ok(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(append_operations(
            path, snippet, encoding,
        )?)),
        ..Default::default()
    })
}

/// The operations of [`append`], to put in a workspace edit with other changes.
pub fn append_operations(
    path: &Path,
    snippet: &str,
    encoding: Encoding,
) -> Result<Vec<DocumentChangeOperation>> {
    let uri =
        Uri::from_file_path(path).ok_or_else(|| Error::invalid_params("bad settings path"))?;
    let existing = match std::fs::read_to_string(path) {
        Ok(existing) => Some(existing),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::invalid_params(format!("{}: {e}", path.display()))),
    };
    let separator = match &existing {
        Some(t) if !t.is_empty() && !t.ends_with('\n') => "\n\n",
        Some(t) if !t.is_empty() => "\n",
        _ => "",
    };
    let rope = ropey::Rope::from_str(existing.as_deref().unwrap_or(""));
    let end = lsp_range(&rope, rope.len_bytes()..rope.len_bytes(), encoding);
    let edit = TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: uri.clone(),
            version: None,
        },
        edits: vec![OneOf::Left(TextEdit::new(
            end,
            format!("{separator}{snippet}"),
        ))],
    };
    let mut operations = Vec::new();
    if existing.is_none() {
        operations.push(DocumentChangeOperation::Op(ResourceOp::Create(
            CreateFile {
                uri,
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            },
        )));
    }
    operations.push(DocumentChangeOperation::Edit(edit));
    Ok(operations)
}

/// Asks the editor to apply `edit`; an error when it could not or would not.
pub async fn apply(backend: &Backend, edit: WorkspaceEdit) -> Result<()> {
    let response =
        backend.client.apply_edit(edit).await.map_err(|e| {
            Error::invalid_params(format!("the editor did not apply the edit: {e}"))
        })?;
    if response.applied {
        Ok(())
    } else {
        Err(Error::invalid_params(
            response
                .failure_reason
                .unwrap_or_else(|| "edit refused".into()),
        ))
    }
}

/// A TOML string literal of `text`, escaped.
pub fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inserted(edit: &WorkspaceEdit, at: usize) -> (Position, String) {
        let Some(DocumentChanges::Operations(ops)) = &edit.document_changes else {
            panic!()
        };
        let DocumentChangeOperation::Edit(edit) = &ops[at] else {
            panic!()
        };
        let OneOf::Left(insert) = &edit.edits[0] else {
            panic!()
        };
        (insert.range.start, insert.new_text.clone())
    }

    #[test]
    fn appended_tables_are_valid_toml() {
        let dir = std::env::temp_dir().join(format!("newsls-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(CONFIG_FILE);
        let _ = std::fs::remove_file(&path);
        let snippet = format!(
            "[[boilerplate.keep]]\ntext = {}\n",
            quoted("Say \"hi\" \\ now")
        );
        let created = append(&path, &snippet, Encoding::Utf16).unwrap();
        let Some(DocumentChanges::Operations(ops)) = &created.document_changes else {
            panic!()
        };
        assert_eq!(ops.len(), 2, "the file is created first");
        let (_, fresh) = inserted(&created, 1);
        let mut file = "[boilerplate]\nseverity = \"hint\"".to_string();
        std::fs::write(&path, &file).unwrap();
        let appended = append(&path, &snippet, Encoding::Utf16).unwrap();
        let (at, text) = inserted(&appended, 0);
        assert_eq!(at, Position::new(1, 17));
        file.push_str(&text);
        for toml_text in [file, fresh] {
            let table: toml::Table = toml::from_str(&toml_text).unwrap();
            assert_eq!(
                table["boilerplate"]["keep"][0]["text"].as_str(),
                Some("Say \"hi\" \\ now")
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
