//! Folding ranges over runs of boilerplate lines, so the junk can be folded away.

use crate::analysis::Analysis;
use crate::config::Config;
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind};

/// One fold per run of two or more consecutive boilerplate blocks (kept blocks excepted).
pub fn folding_ranges(text: &str, analysis: &Analysis, config: &Config) -> Vec<FoldingRange> {
    let mut folds = Vec::new();
    let mut run: Option<(usize, usize, &str)> = None;
    let junk = analysis.boilerplate.iter().filter(|v| {
        !config
            .boilerplate
            .is_kept(analysis.blocks[v.block].text(text))
    });
    for verdict in junk {
        run = match run {
            Some((first, last, category)) if last + 1 == verdict.block => {
                Some((first, verdict.block, category))
            }
            finished => {
                folds.extend(finished.and_then(|r| fold(analysis, r)));
                Some((verdict.block, verdict.block, verdict.category.as_str()))
            }
        };
    }
    folds.extend(run.and_then(|r| fold(analysis, r)));
    folds
}

fn fold(
    analysis: &Analysis,
    (first, last, category): (usize, usize, &str),
) -> Option<FoldingRange> {
    let start_line = analysis.blocks[first].line as u32;
    let end_line = analysis.blocks[last].line as u32;
    (end_line > start_line).then(|| FoldingRange {
        start_line,
        end_line,
        kind: Some(FoldingRangeKind::Region),
        collapsed_text: Some(format!(
            "boilerplate: {category} ({} lines)",
            last - first + 1
        )),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Category, Verdict, analyze};

    #[test]
    fn runs_of_two_or_more_blocks_fold() {
        let text = "Story.\n\nJunk a\n\nJunk b\nJunk c\nStory again.\nLone junk\n";
        let mut analysis = analyze(text);
        analysis.boilerplate = [1, 2, 3, 5]
            .map(|block| Verdict {
                block,
                category: Category::TeaserList,
                reason: "".into(),
                outside: false,
                twin: None,
            })
            .to_vec();
        let folds = folding_ranges(text, &analysis, &Config::default());
        assert_eq!(folds.len(), 1);
        assert_eq!((folds[0].start_line, folds[0].end_line), (2, 5));
        assert_eq!(
            folds[0].collapsed_text.as_deref(),
            Some("boilerplate: teaser-list (3 lines)")
        );
        let mut config = Config::default();
        config.boilerplate.add_keep("Junk b");
        let folds = folding_ranges(text, &analysis, &config);
        assert!(folds.is_empty(), "{folds:?}");
    }
}
