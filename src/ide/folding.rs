//! Folds over boilerplate: one per run of flagged blocks spanning two lines or more, the same
//! runs the findings report (so turning boilerplate off or keeping a block unfolds it too).

use super::findings::boilerplate_runs;
use crate::analysis::Layout;
use crate::analysis::boilerplate::dominant;
use crate::config::Config;

/// A foldable stretch of lines (zero-based, inclusive) and what it shows when folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    pub start_line: u32,
    pub end_line: u32,
    pub label: String,
}

pub fn folds(text: &str, layout: &Layout, config: &Config) -> Vec<Fold> {
    boilerplate_runs(text, layout, config)
        .iter()
        .filter_map(|run| {
            let start_line = layout.blocks[run[0].block].line as u32;
            let end_line = layout.blocks[run[run.len() - 1].block].line as u32;
            let category = dominant(run)[0].as_str();
            let label = match run.len() {
                1 => format!("boilerplate: {category}"),
                n => format!("boilerplate: {category} ({n} blocks)"),
            };
            (end_line > start_line).then_some(Fold {
                start_line,
                end_line,
                label,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Category, Verdict, analyze};

    fn flagged(text: &str, blocks: &[usize]) -> Layout {
        let mut layout = analyze(text).layout;
        layout.boilerplate = blocks
            .iter()
            .map(|&block| Verdict {
                block,
                category: Category::TeaserList,
                reason: "".into(),
                outside: false,
                twin: None,
            })
            .collect();
        layout
    }

    #[test]
    fn runs_over_two_lines_or_more_fold() {
        let text = "Story.\n\nJunk a\n\nJunk b\nJunk c\nStory again.\nLone junk\n";
        let layout = flagged(text, &[1, 2, 3, 5]);
        let folds = folds(text, &layout, &Config::default());
        assert_eq!(
            folds,
            [Fold {
                start_line: 2,
                end_line: 5,
                label: "boilerplate: teaser-list (3 blocks)".into()
            }]
        );
    }

    #[test]
    fn kept_blocks_and_disabled_boilerplate_do_not_fold() {
        let text = "Story.\n\nJunk a\n\nJunk b\nJunk c\nStory again.\n";
        let layout = flagged(text, &[1, 2, 3]);
        let mut kept = Config::default();
        kept.boilerplate.add_keep("Junk b");
        assert!(folds(text, &layout, &kept).is_empty());
        let mut off = Config::default();
        off.boilerplate.enabled = false;
        assert!(folds(text, &layout, &off).is_empty());
    }
}
