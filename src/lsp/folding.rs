//! Folding ranges: the folds of [`crate::ide::folding`] in the protocol's terms.

use crate::ide::folding::Fold;
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind};

pub fn folding_range(fold: Fold) -> FoldingRange {
    FoldingRange {
        start_line: fold.start_line,
        end_line: fold.end_line,
        kind: Some(FoldingRangeKind::Region),
        collapsed_text: Some(fold.label),
        ..Default::default()
    }
}
