//! Following entities: hover, definition, references and highlights. The features are
//! [`crate::ide::entities`]; this module finds the cursor and converts their answers.

use super::proto::to_offset;
use super::server::Backend;
use super::state::Snapshot;
use crate::ide::entities::{Focus, Place, focus};
use crate::text::Encoding;
use crate::workspace::IndexSnapshot;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

mod partial;

/// A position in an open document, with what the entity features read: the document's
/// current analysis and a snapshot of the index, both taken under the lock in O(1) and
/// read after it.
pub(super) struct Cursor {
    pub(super) uri: Uri,
    path: Option<PathBuf>,
    pub(super) snapshot: Arc<Snapshot>,
    world: IndexSnapshot,
    offset: usize,
    pub(super) encoding: Encoding,
}

impl Cursor {
    pub(super) async fn new(backend: &Backend, uri: &Uri, position: Position) -> Option<Cursor> {
        let snapshot = backend.current_snapshot(uri).await?;
        let (encoding, world) = {
            let state = backend.lock();
            (state.encoding, state.index.snapshot())
        };
        let offset = to_offset(&snapshot.rope, position, encoding)?;
        Some(Cursor {
            uri: uri.clone(),
            path: uri.to_file_path().map(|p| p.into_owned()),
            snapshot,
            world,
            offset,
            encoding,
        })
    }

    /// The entity under the cursor, if there is one.
    pub(super) fn focus(&self) -> Option<Focus<'_>> {
        focus(
            &self.snapshot.entry,
            self.path.as_deref(),
            self.offset,
            &self.world,
        )
    }

    /// The range of `bytes` of the document, in the protocol's terms.
    pub(super) fn range(&self, bytes: std::ops::Range<usize>) -> Range {
        self.snapshot.entry.range(bytes, self.encoding).into()
    }

    fn location(&self, place: &Place) -> Option<Location> {
        let uri = match place.file {
            Some(path) => Uri::from_file_path(path)?,
            None => self.uri.clone(),
        };
        let range = place.entry.range(place.range.clone(), self.encoding);
        Some(Location::new(uri, range.into()))
    }

    fn locations(&self, places: Vec<Place>) -> Vec<Location> {
        places.iter().filter_map(|p| self.location(p)).collect()
    }
}

pub async fn hover(backend: &Backend, params: HoverParams) -> Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let Some(cursor) = Cursor::new(backend, &at.text_document.uri, at.position).await else {
        return Ok(None);
    };
    let Some(focus) = cursor.focus() else {
        return Ok(None);
    };
    let link = |file: Option<&std::path::Path>| match file {
        Some(path) => Uri::from_file_path(path).map(|u| u.as_str().to_string()),
        None => Some(cursor.uri.as_str().to_string()),
    };
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: focus.card().markdown(link),
        }),
        range: Some(cursor.range(focus.mention.clone())),
    }))
}

pub async fn definition(
    backend: &Backend,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let Some(cursor) = Cursor::new(backend, &at.text_document.uri, at.position).await else {
        return Ok(None);
    };
    let definition = cursor.focus().and_then(|f| f.definition());
    Ok(definition
        .and_then(|place| cursor.location(&place))
        .map(GotoDefinitionResponse::Scalar))
}

/// Every mention of the entity under the cursor. With a `partialResultToken` the locations go
/// out in batches as they are made (see [`partial`]). Without one, the list is built on the
/// thread that then serialises and frees it: built on other threads (rayon, blocking pool),
/// its memory stayed in their allocator arenas and the server kept 50 MiB more RSS.
pub async fn references(
    backend: &Backend,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    backend.wait_for_index().await;
    let at = params.text_document_position;
    let Some(cursor) = Cursor::new(backend, &at.text_document.uri, at.position).await else {
        return Ok(None);
    };
    let Some(focus) = cursor.focus() else {
        return Ok(None);
    };
    let declaration = match params.context.include_declaration {
        true => None,
        false => focus.definition().and_then(|place| cursor.location(&place)),
    };
    let keep = |places: Vec<Place>| {
        let mut locations = cursor.locations(places);
        locations.retain(|l| Some(l) != declaration.as_ref());
        locations
    };
    match params.partial_result_params.partial_result_token {
        Some(token) if backend.lock().caps.configuration => {
            let by_file = focus.references().map(keep);
            partial::send(&backend.client, token, by_file).await;
            Ok(Some(Vec::new()))
        }
        _ => Ok(Some(focus.references().flat_map(keep).collect())),
    }
}

pub async fn highlight(
    backend: &Backend,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let at = params.text_document_position_params;
    let Some(cursor) = Cursor::new(backend, &at.text_document.uri, at.position).await else {
        return Ok(None);
    };
    let Some(focus) = cursor.focus() else {
        return Ok(None);
    };
    let highlights = focus
        .highlights()
        .iter()
        .map(|m| DocumentHighlight {
            range: cursor.range(m.clone()),
            kind: Some(DocumentHighlightKind::TEXT),
        })
        .collect();
    Ok(Some(highlights))
}
