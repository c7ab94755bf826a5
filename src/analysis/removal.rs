//! Which bytes to delete to remove blocks cleanly: shared by `strip`, the remove-block quick
//! fix and "remove all boilerplate", so all three leave the same text.

use super::blocks::Block;
use std::ops::Range;

/// The byte ranges that remove the blocks at the sorted indices `remove`. A run of
/// consecutive blocks becomes one range, from the first block's line start to the start of
/// the next block's line (so the blank lines after the run go too) or to the end of the text.
pub fn removal_ranges(
    text: &str,
    blocks: &[Block],
    remove: impl IntoIterator<Item = usize>,
) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut last: Option<usize> = None;
    for index in remove {
        let Some(block) = blocks.get(index) else {
            continue;
        };
        let end = blocks
            .get(index + 1)
            .map_or(text.len(), |next| line_start(text, next.range.start));
        match ranges.last_mut() {
            Some(range) if last.is_some_and(|l| l + 1 == index) => range.end = end,
            _ => ranges.push(line_start(text, block.range.start)..end),
        }
        last = Some(index);
    }
    ranges
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
    fn separate_runs_stay_separate() {
        let text = "a\nJ1\nb\nJ2\nJ3\nc";
        let blocks = split_blocks(text);
        let ranges = removal_ranges(text, &blocks, [1, 3, 4]);
        assert_eq!(ranges, [2..5, 7..13]);
        assert_eq!(remove_ranges(text, &ranges), "a\nb\nc");
    }
}
