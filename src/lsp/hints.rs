//! Inlay hints: the speaker hints of [`crate::ide::hints`] in the protocol's terms. Accepting
//! a hint applies its text edits, which cite the quote.

use super::proto::{byte_range, lsp_range, to_position};
use super::server::Backend;
use crate::ide::hints::{SpeakerHint, speaker_hints};
use crate::text::Encoding;
use ropey::Rope;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub async fn inlay_hints(
    backend: &Backend,
    params: InlayHintParams,
) -> Result<Option<Vec<InlayHint>>> {
    let Some(snapshot) = backend.current_snapshot(&params.text_document.uri).await else {
        return Ok(None);
    };
    let encoding = backend.lock().encoding;
    let rope = &snapshot.rope;
    let range = byte_range(rope, params.range, encoding).unwrap_or(0..rope.len_bytes());
    let hints = speaker_hints(&snapshot.entry.analysis, range);
    Ok(Some(
        hints
            .into_iter()
            .map(|h| inlay_hint(rope, h, encoding))
            .collect(),
    ))
}

fn inlay_hint(rope: &Rope, hint: SpeakerHint, encoding: Encoding) -> InlayHint {
    let edits = hint
        .cite
        .into_iter()
        .map(|(bytes, text)| TextEdit::new(lsp_range(rope, bytes, encoding), text))
        .collect();
    InlayHint {
        position: to_position(rope, hint.offset, encoding),
        label: InlayHintLabel::String(hint.label),
        kind: None,
        text_edits: Some(edits),
        tooltip: Some(InlayHintTooltip::String(hint.tooltip)),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}
