//! Publisher templates: blocks that recur across many files of the workspace.
//!
//! Each file contributes the fingerprints of its blocks once; a block whose fingerprint is in
//! at least [`MIN_FILES`] files is a template line, unless most of the file's text recurs
//! too: then the file is a copy of another article (a syndicated story), and its paragraphs
//! are content, not furniture. The share is measured in bytes, because a copied story is a
//! few long paragraphs among many short lines of site furniture.

use super::FileEntry;
use crate::analysis::Block;
use crate::analysis::boilerplate::Context;
use hashbrown::DefaultHashBuilder;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Files a block must appear in to count as a template.
pub const MIN_FILES: u32 = 3;
/// Above this share of recurring bytes a file is a duplicate article, not a template user.
const MAX_RECURRING_SHARE: f32 = 0.5;

/// A block's fingerprint and its length in bytes.
pub type BlockPrint = (u64, u32);

/// The distinct fingerprints of the blocks of a text, each with its block's length.
pub fn block_fingerprints(text: &str, blocks: &[Block]) -> Vec<BlockPrint> {
    distinct(blocks.iter().map(|b| words_hash(b.text(text))), blocks)
}

/// [`block_fingerprints`] from the blocks' fingerprints computed already (in block order).
pub fn distinct(prints: impl IntoIterator<Item = u64>, blocks: &[Block]) -> Vec<BlockPrint> {
    let mut out: Vec<BlockPrint> = prints
        .into_iter()
        .zip(blocks)
        .map(|(print, b)| (print, u32::try_from(b.range.len()).unwrap_or(u32::MAX)))
        .collect();
    out.sort_unstable();
    out.dedup_by_key(|p| p.0);
    out
}

/// FNV-1a parameters of the boilerplate stage's block fingerprint.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// [`fingerprint`](crate::analysis::boilerplate::fingerprint) of a block, computed alone: the lower-cased runs of letters and digits,
/// each followed by a space, hashed with FNV-1a. `fingerprint` comes out of the boilerplate
/// stage's full per-block scan (features, lexicon look-ups), which made these hashes a sixth
/// of the index's time; this is the same value for a small part of the work.
fn words_hash(block: &str) -> u64 {
    let fnv = |hash: u64, byte: u8| (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
    let bytes = block.as_bytes();
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        // ASCII byte by byte, without decoding: nearly all of an English article.
        let (alnum, width) = if byte.is_ascii() {
            let alnum = byte.is_ascii_alphanumeric();
            if alnum {
                hash = fnv(hash, byte.to_ascii_lowercase());
            }
            (alnum, 1)
        } else {
            let c = block[i..].chars().next().expect("a character starts here");
            let alnum = c.is_alphanumeric();
            if alnum {
                let mut buf = [0u8; 4];
                for lower in c.to_lowercase() {
                    hash = lower.encode_utf8(&mut buf).bytes().fold(hash, fnv);
                }
            }
            (alnum, c.len_utf8())
        };
        if alnum {
            in_word = true;
        } else if std::mem::take(&mut in_word) {
            hash = fnv(hash, b' ');
        }
        i += width;
    }
    if in_word {
        hash = fnv(hash, b' ');
    }
    hash
}

/// How many files each block fingerprint appears in.
///
/// Fingerprints are FNV hashes of file text, which a crafted file can choose: the maps hash
/// with randomly seeded foldhash, as fast as needed for the tens of fingerprints of every
/// file and still not open to chosen collisions.
#[derive(Debug, Default)]
pub struct Templates {
    counts: HashMap<u64, u32, DefaultHashBuilder>,
    /// Each file's fingerprints, shared with its index entry.
    by_file: HashMap<PathBuf, Arc<[BlockPrint]>, DefaultHashBuilder>,
}

impl Templates {
    /// Replaces what `path` contributes.
    pub fn update(&mut self, path: &Path, fingerprints: impl Into<Arc<[BlockPrint]>>) {
        let fingerprints = fingerprints.into();
        self.remove(path);
        self.count(&fingerprints);
        self.by_file.insert(path.to_path_buf(), fingerprints);
    }

    /// Counts a text of a fixed set (a batch), which is never replaced or removed.
    pub fn count(&mut self, fingerprints: &[BlockPrint]) {
        for &(f, _) in fingerprints {
            *self.counts.entry(f).or_default() += 1;
        }
    }

    pub fn remove(&mut self, path: &Path) {
        let Some(fingerprints) = self.by_file.remove(path) else {
            return;
        };
        for &(f, _) in fingerprints.iter() {
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
    pub fn context_for(&self, fingerprints: &[BlockPrint]) -> Option<Context> {
        let recurring: Vec<BlockPrint> = fingerprints
            .iter()
            .copied()
            .filter(|(f, _)| self.counts.get(f).is_some_and(|&c| c >= MIN_FILES))
            .collect();
        let bytes = |prints: &[BlockPrint]| prints.iter().map(|p| p.1 as f32).sum::<f32>();
        let share = bytes(&recurring) / bytes(fingerprints).max(1.0);
        (!recurring.is_empty() && share <= MAX_RECURRING_SHARE)
            .then(|| Context::with_recurring(recurring.into_iter().map(|p| p.0)))
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

/// `entries` analysed again with the blocks at least [`MIN_FILES`] of them share: publisher
/// templates found within one set of texts, as the server finds them in a workspace. Each
/// entry keeps its key (a path, a position in a batch).
pub fn with_shared_templates<K: Send>(entries: Vec<(K, FileEntry)>) -> Vec<(K, FileEntry)> {
    let mut templates = Templates::default();
    for (_, entry) in &entries {
        templates.count(&entry.fingerprints);
    }
    entries
        .into_par_iter()
        .map(
            |(key, entry)| match templates.context_for(&entry.fingerprints) {
                Some(context) => (key, entry.reanalysed(&context)),
                None => (key, entry),
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::boilerplate::fingerprint;
    use crate::analysis::split_blocks;

    fn fps(text: &str) -> Vec<BlockPrint> {
        block_fingerprints(text, &split_blocks(text))
    }

    #[test]
    fn words_hash_is_the_boilerplate_fingerprint() {
        let samples = [
            "",
            "   ",
            "Support our newsroom today.",
            "MOSCOW — Kim Jong Un will visit Russia’s far east, the Kremlin said Thursday.",
            "Ünïcödé ÀÉÎ straße İstanbul ΣΊΣΥΦΟΣ 東京 and 123abc,456 x",
            "trailing word",
            "«quoted» — ‘curly’ … 4:47 pm © 2011",
        ];
        for text in samples {
            assert_eq!(words_hash(text), fingerprint(text), "{text:?}");
        }
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
        for file in std::fs::read_dir(seeds).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            for block in split_blocks(&text) {
                let block = block.text(&text);
                assert_eq!(words_hash(block), fingerprint(block), "{block:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn words_hash_matches_on_any_text(text in "\\PC{0,80}") {
            proptest::prop_assert_eq!(words_hash(&text), fingerprint(&text));
        }
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

        // The same story in three files: its paragraphs are content, even in a copy that has
        // more short lines of its own than story paragraphs.
        let wire = "A long wire story paragraph that several sites ran word for word today.\n\
                     Its second paragraph, also long, quoting officials and giving the details.\n";
        for n in 3..6 {
            let extra = format!("Menu {n}\nHome {n}\nShare {n}\n");
            templates.update(
                Path::new(&format!("{n}.txt")),
                fps(&format!("{extra}{wire}")),
            );
        }
        assert!(
            templates
                .context_for(&fps(&format!("Menu 3\nHome 3\nShare 3\n{wire}")))
                .is_none()
        );

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
