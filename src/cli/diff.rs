//! A unified diff of a text and its edited copy, for `newsls cite --dry-run`.

use std::fmt::Write;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// `--- a/PATH` / `+++ b/PATH` and the hunks that turn `old` into `new`. Edits that keep the
/// line count (insertions without line breaks) give one hunk per group of changed lines;
/// anything else one hunk over the whole text.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    if a.len() != b.len() {
        hunk(&mut out, &a, &b, 0..a.len(), &|_| true);
        return out;
    }
    let changed: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        let (start, end) = (i.saturating_sub(CONTEXT), (i + CONTEXT + 1).min(a.len()));
        match groups.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => groups.push((start, end)),
        }
    }
    for (start, end) in groups {
        hunk(&mut out, &a, &b, start..end, &|i| a[i] != b[i]);
    }
    out
}

/// One hunk over `lines` (indices into both texts when their lengths agree).
fn hunk(
    out: &mut String,
    a: &[&str],
    b: &[&str],
    lines: std::ops::Range<usize>,
    changed: &dyn Fn(usize) -> bool,
) {
    let whole = a.len() != b.len();
    let (a_len, b_len) = if whole {
        (a.len(), b.len())
    } else {
        (lines.len(), lines.len())
    };
    let from = |len: usize| {
        if len == 0 {
            lines.start
        } else {
            lines.start + 1
        }
    };
    let _ = writeln!(
        out,
        "@@ -{},{a_len} +{},{b_len} @@",
        from(a_len),
        from(b_len)
    );
    if whole {
        a.iter().for_each(|l| line(out, '-', l));
        b.iter().for_each(|l| line(out, '+', l));
        return;
    }
    let mut i = lines.start;
    while i < lines.end {
        if !changed(i) {
            line(out, ' ', a[i]);
            i += 1;
            continue;
        }
        let run = (i..lines.end).take_while(|&j| changed(j)).count();
        (i..i + run).for_each(|j| line(out, '-', a[j]));
        (i..i + run).for_each(|j| line(out, '+', b[j]));
        i += run;
    }
}

fn line(out: &mut String, sign: char, text: &str) {
    out.push(sign);
    out.push_str(text);
    if !text.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hunk_per_group_of_changed_lines() {
        let old: String = (1..=12).map(|n| format!("line {n}\n")).collect();
        let new = old
            .replace("line 2\n", "<c>line 2\n")
            .replace("line 11\n", "line 11!\n");
        let diff = unified("a.txt", &old, &new);
        assert!(
            diff.starts_with(
                "--- a/a.txt\n+++ b/a.txt\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+<c>line 2\n"
            ),
            "{diff}"
        );
        assert!(diff.contains("@@ -8,5 +8,5 @@\n line 8\n"), "{diff}");
        assert!(diff.ends_with("-line 11\n+line 11!\n line 12\n"), "{diff}");
    }

    #[test]
    fn a_last_line_without_a_break_is_marked() {
        let diff = unified("a", "x", "<c>x</c>");
        assert!(
            diff.ends_with(
                "-x\n\\ No newline at end of file\n+<c>x</c>\n\\ No newline at end of file\n"
            ),
            "{diff}"
        );
    }
}
