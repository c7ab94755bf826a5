//! Which bytes to delete to remove blocks cleanly: shared by `strip`, the remove-block quick
//! fix and "remove all boilerplate", so all three leave the same text.

use super::blocks::Block;
use std::ops::Range;

/// The byte ranges that remove the blocks at the sorted indices `remove`. A run of
/// consecutive blocks becomes one range from the first block's line start. It ends at the
/// start of the next block's line (so the blank lines after the run go too), or at the end of
/// the text; but where the run sat between two paragraphs without a blank line before it, the
/// blank line after it stays, so the paragraphs around it stay apart.
pub fn removal_ranges(
    text: &str,
    blocks: &[Block],
    remove: impl IntoIterator<Item = usize>,
) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for index in remove.into_iter().filter(|&i| i < blocks.len()) {
        match runs.last_mut() {
            Some(run) if run.end == index => run.end = index + 1,
            _ => runs.push(index..index + 1),
        }
    }
    runs.into_iter()
        .map(|run| {
            let start = line_start(text, blocks[run.start].range.start);
            let Some(next) = blocks.get(run.end) else {
                return start..text.len();
            };
            let end = line_start(text, next.range.start);
            let (first, last) = (&blocks[run.start], &blocks[run.end - 1]);
            let break_before = run
                .start
                .checked_sub(1)
                .is_none_or(|p| blocks[p].line + 1 < first.line);
            if !break_before && last.line + 1 < next.line {
                start..line_end(text, last.range.end).min(end)
            } else {
                start..end
            }
        })
        .collect()
}

/// The end of the line holding byte `at`, after its line break.
fn line_end(text: &str, at: usize) -> usize {
    match text[at..].find(['\n', '\r']) {
        Some(i) if text[at + i..].starts_with("\r\n") => at + i + 2,
        Some(i) => at + i + 1,
        None => text.len(),
    }
}

/// `text` without the sorted, disjoint `ranges`.
pub fn remove_ranges(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in ranges {
        out.push_str(&text[at..range.start]);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::split_blocks;

    fn remove(text: &str, indices: &[usize]) -> String {
        let blocks = split_blocks(text);
        remove_ranges(
            text,
            &removal_ranges(text, &blocks, indices.iter().copied()),
        )
    }

    #[test]
    fn removes_lines_with_the_blank_lines_after_them() {
        let text = "Story.\n\n  Junk one\n\nJunk two\n\nMore story.\n";
        assert_eq!(remove(text, &[1, 2]), "Story.\n\nMore story.\n");
        assert_eq!(remove(text, &[1]), "Story.\n\nJunk two\n\nMore story.\n");
        assert_eq!(
            remove(text, &[0]),
            "  Junk one\n\nJunk two\n\nMore story.\n"
        );
    }

    #[test]
    fn a_run_at_the_end_goes_to_the_end_of_the_text() {
        let text = "Story.\r\n\r\nRead more\r\nShare this";
        assert_eq!(remove(text, &[1, 2]), "Story.\r\n\r\n");
        assert_eq!(remove(text, &[]), text);
        assert_eq!(remove(text, &[9]), text);
    }

    #[test]
    fn paragraph_breaks_around_a_removed_block_stay() {
        let text = "Story one.\nJunk line\n\nStory two.\n";
        assert_eq!(remove(text, &[1]), "Story one.\n\nStory two.\n");
        let text = "Story one.\r\nJunk\r\n\r\nStory two.";
        assert_eq!(remove(text, &[1]), "Story one.\r\n\r\nStory two.");
        // Blank lines on both sides: one paragraph break is left, not two.
        let text = "Story one.\n\nJunk\n\nStory two.\n";
        assert_eq!(remove(text, &[1]), "Story one.\n\nStory two.\n");
    }

    #[test]
    fn separate_runs_stay_separate() {
        let text = "a\nJ1\nb\nJ2\nJ3\nc";
        let blocks = split_blocks(text);
        let ranges = removal_ranges(text, &blocks, [1, 3, 4]);
        assert_eq!(ranges, [2..5, 7..13]);
        assert_eq!(remove_ranges(text, &ranges), "a\nb\nc");
    }
}
