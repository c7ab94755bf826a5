//! Renaming an entity changes the name newsls shows for it, never the article's words.
//!
//! An archive's articles are evidence: their text stays as published. A rename edits only
//! the `speaker` of the `<cite>` tags naming the entity (the annotator's markup, not the
//! article) and appends a `display` override to `newsls.toml`, which every feature then
//! shows (see [`crate::workspace::corrections`]).

use super::entities::{Load, find};
use super::server::Backend;
use super::settings_file;
use crate::analysis::EntityKind;
use crate::analysis::citation::{self, escape};
use crate::text::Encoding;
use crate::workspace::{FileEntry, entity_id};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;

/// Why a rename anywhere but on an entity's name does nothing.
const REFUSAL: &str = "newsls never edits article text: rename works on the name of an \
    entity (a person, organization or place newsls found), and changes only the name newsls \
    shows for it and the speaker of the citation tags that name it";

/// The answer to a rename on plain text: an error whose message the editor shows.
fn refusal() -> Error {
    Error {
        code: ErrorCode::ServerError(-32803), // LSP RequestFailed
        message: REFUSAL.into(),
        data: None,
    }
}

pub async fn prepare_rename(
    backend: &Backend,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let found = find(
        backend,
        &params.text_document.uri,
        params.position,
        Load::AtLeast(0),
    )
    .await
    .ok_or_else(refusal)?;
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: found
            .entry
            .range(found.mention.clone(), found.encoding)
            .into(),
        placeholder: found.entity().name.clone(),
    }))
}

/// Gives the entity under the cursor a new display name: the cites naming it in every file
/// get it as their speaker, and `newsls.toml` remembers it for the entity's id.
pub async fn rename(backend: &Backend, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let new_name = params.new_name.trim().to_string();
    if new_name.is_empty() || new_name.contains(['\n', '\r']) {
        return Err(Error::invalid_params(
            "the new name must be one non-empty line",
        ));
    }
    backend.wait_for_index().await;
    let at = params.text_document_position;
    let found = find(
        backend,
        &at.text_document.uri,
        at.position,
        Load::AtLeast(0),
    )
    .await
    .ok_or_else(refusal)?;
    let settings = settings_file::settings_path(backend, &found.uri)?;
    let files = tagged_files(backend).await;
    let target = Target {
        kind: found.entity().kind,
        id: found.id.clone(),
        new_name: new_name.clone(),
        encoding: found.encoding,
    };
    let mut operations: Vec<DocumentChangeOperation> = tokio::task::spawn_blocking(move || {
        files
            .into_iter()
            .filter_map(|(uri, version, entry)| {
                let edits = target.speaker_edits(&entry);
                (!edits.is_empty()).then(|| {
                    DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
                        edits: edits.into_iter().map(OneOf::Left).collect(),
                    })
                })
            })
            .collect()
    })
    .await
    .map_err(|e| Error::invalid_params(format!("rename failed: {e}")))?;
    let snippet = format!(
        "[[entities.override]]\nname = {}\ndisplay = {}\n",
        settings_file::quoted(&found.id),
        settings_file::quoted(&new_name)
    );
    operations.extend(settings_file::append_operations(
        &settings,
        &snippet,
        found.encoding,
    )?);
    Ok(Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(operations)),
        ..Default::default()
    }))
}

/// Every file holding citation tags: the open documents as the editor has them (with their
/// versions), then the other files of the index.
async fn tagged_files(backend: &Backend) -> Vec<(Uri, Option<i32>, FileEntry)> {
    let open: Vec<Uri> = backend.lock().docs.keys().cloned().collect();
    let mut files = Vec::new();
    for uri in open {
        if let Some(snapshot) = backend.current_snapshot(&uri).await
            && snapshot.too_large.is_none()
        {
            files.push((uri, Some(snapshot.version), snapshot.entry.clone()));
        }
    }
    let state = backend.lock();
    for (path, entry) in state.index.files() {
        if !state.is_open(path)
            && entry.text.contains("<cite")
            && let Some(uri) = Uri::from_file_path(path)
        {
            files.push((uri, None, entry.clone()));
        }
    }
    files
}

/// The entity being renamed, and its new name.
struct Target {
    kind: EntityKind,
    id: String,
    new_name: String,
    encoding: Encoding,
}

impl Target {
    /// The edits giving the new name to the `speaker` of every cite of `entry` naming the
    /// entity. Nothing else of the file changes.
    fn speaker_edits(&self, entry: &FileEntry) -> Vec<TextEdit> {
        if !entry.text.contains("<cite") {
            return Vec::new();
        }
        let value = escape(&self.new_name);
        citation::parse(&entry.text)
            .cites
            .iter()
            .flat_map(|cite| &cite.attributes)
            .filter(|a| a.name == "speaker" && self.named_by(&a.value, entry))
            .map(|a| {
                TextEdit::new(
                    entry.range(a.value_range.clone(), self.encoding).into(),
                    value.clone(),
                )
            })
            .collect()
    }

    /// Whether a cite's speaker names the entity: its name in any spelling, or the surname
    /// alone in a file that mentions the entity.
    fn named_by(&self, speaker: &str, entry: &FileEntry) -> bool {
        let speaker = speaker.trim();
        if entity_id(self.kind, speaker) == self.id {
            return true;
        }
        !speaker.is_empty()
            && !speaker.contains(char::is_whitespace)
            && entry.analysis.entities.iter().any(|e| {
                e.name.split_whitespace().last() == Some(speaker)
                    && entity_id(e.kind, &e.name) == self.id
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_speakers_naming_the_entity_change() {
        let text = "<cite speaker=\"Sergey Lavrov\">\"Yes,\"</cite> Sergei Lavrov said.\n\n\
                    <cite speaker=\"Lavrov\">\"No,\"</cite> he said. \
                    <cite speaker=\"Kim Jong Il\">\"Maybe,\"</cite> Kim said.\n";
        let entry = FileEntry::new(text, false);
        let target = Target {
            kind: EntityKind::Person,
            id: "person:sergei-lavrov".into(),
            new_name: "Sergei \"V\" Lavrov".into(),
            encoding: Encoding::Utf8,
        };
        let edits = target.speaker_edits(&entry);
        assert_eq!(edits.len(), 2, "{edits:?}");
        for edit in &edits {
            assert_eq!(edit.new_text, "Sergei &quot;V&quot; Lavrov");
            assert_eq!(edit.range.start.line, edit.range.end.line);
        }
        assert_eq!(edits[0].range.start, Position::new(0, 15));
        assert_eq!(edits[0].range.end, Position::new(0, 28));
        let other = Target {
            id: "person:nobody".into(),
            ..target
        };
        assert!(other.speaker_edits(&entry).is_empty());
    }
}
