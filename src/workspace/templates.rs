//! Publisher templates: blocks that recur across many files of the workspace.
//!
//! Each file contributes the fingerprints of its blocks once; a block whose fingerprint is in
//! at least [`MIN_FILES`] files is a template line, unless most of the file's blocks recur
//! too: then the file is a copy of another article (a syndicated story), and its paragraphs
//! are content, not furniture.

use crate::analysis::Block;
use crate::analysis::boilerplate::{Context, fingerprint};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Files a block must appear in to count as a template.
pub const MIN_FILES: u32 = 3;
/// Above this share of recurring blocks a file is a duplicate article, not a template user.
const MAX_RECURRING_SHARE: f32 = 0.5;

/// The distinct fingerprints of the blocks of a text.
pub fn block_fingerprints(text: &str, blocks: &[Block]) -> Vec<u64> {
    let mut out: Vec<u64> = blocks.iter().map(|b| fingerprint(b.text(text))).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many files each block fingerprint appears in.
#[derive(Debug, Default)]
pub struct Templates {
    counts: HashMap<u64, u32>,
    by_file: HashMap<PathBuf, Vec<u64>>,
}

impl Templates {
    /// Replaces what `path` contributes.
    pub fn update(&mut self, path: &Path, fingerprints: Vec<u64>) {
        self.remove(path);
        for &f in &fingerprints {
            *self.counts.entry(f).or_default() += 1;
        }
        self.by_file.insert(path.to_path_buf(), fingerprints);
    }

    pub fn remove(&mut self, path: &Path) {
        for f in self.by_file.remove(path).unwrap_or_default() {
            if let Some(count) = self.counts.get_mut(&f) {
                *count -= 1;
                if *count == 0 {
                    self.counts.remove(&f);
                }
            }
        }
    }

    /// The template fingerprints among a file's `fingerprints`, or `None` when it has none
    /// or is itself mostly a copy. Counts include the file itself when it is indexed.
    pub fn context_for(&self, fingerprints: &[u64]) -> Option<Context> {
        let recurring: Vec<u64> = fingerprints
            .iter()
            .copied()
            .filter(|f| self.counts.get(f).is_some_and(|&c| c >= MIN_FILES))
            .collect();
        let share = recurring.len() as f32 / fingerprints.len().max(1) as f32;
        (!recurring.is_empty() && share <= MAX_RECURRING_SHARE)
            .then(|| Context::with_recurring(recurring))
    }

    /// The files whose templates changed meaning could have changed: those with a block that
    /// now recurs.
    pub fn files_with_templates(&self) -> Vec<&Path> {
        self.by_file
            .iter()
            .filter(|(_, fps)| self.context_for(fps).is_some())
            .map(|(p, _)| p.as_path())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::split_blocks;

    fn fps(text: &str) -> Vec<u64> {
        block_fingerprints(text, &split_blocks(text))
    }

    #[test]
    fn lines_in_three_files_are_templates_unless_the_file_is_a_copy() {
        let mut templates = Templates::default();
        let story = |n: u32| {
            format!(
                "Story {n} one.\nStory {n} two.\nStory {n} three.\nSupport our newsroom today.\n"
            )
        };
        for n in 0..3 {
            templates.update(Path::new(&format!("{n}.txt")), fps(&story(n)));
        }
        let context = templates
            .context_for(&fps(&story(0)))
            .expect("template found");
        assert!(context.recurs(fingerprint("Support our newsroom today.")));
        assert!(!context.recurs(fingerprint("Story 0 one.")));
        assert_eq!(templates.files_with_templates().len(), 3);

        // The same story in three files: its paragraphs are content.
        let copy = "Wire story first.\nWire story second.\nSupport our newsroom today.\n";
        for n in 3..6 {
            templates.update(Path::new(&format!("{n}.txt")), fps(copy));
        }
        assert!(templates.context_for(&fps(copy)).is_none());

        templates.remove(Path::new("0.txt"));
        templates.remove(Path::new("1.txt"));
        templates.remove(Path::new("3.txt"));
        templates.remove(Path::new("4.txt"));
        assert!(
            templates.context_for(&fps(&story(2))).is_none(),
            "only two files left"
        );
    }
}
