//! How often the per-keystroke layout of a long document ([`relayout`], which decides only
//! the edited blocks) agrees with a full layout of the edited text, on the boilerplate
//! benchmark's articles (`../shared/bench/boilerplate/dev`) under random edits: typing a
//! character, breaking a line, deleting a few bytes, typing words. The blocks must always be
//! the same; the floors on the verdicts catch regressions. Measured at the time of writing,
//! 20 edits per article: the same blocks flagged after 98.7% of edits, the same verdicts
//! (category, reasons, twin) after 89.7%; on the 1 MiB benchmark corpus file, 199 of 200.

mod common;

use common::Rng;
use newsls::analysis::boilerplate::Context;
use newsls::analysis::relayout::{Edit, relayout};
use newsls::analysis::{ScanCache, layout, split_blocks};
use std::path::Path;

const FLAGGED_FLOOR: f64 = 0.95;
const VERDICTS_FLOOR: f64 = 0.80;
/// Edits per article: one of each kind.
const EDITS: usize = 4;

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The benchmark's articles, or `None` (with a message) in a clone with no `../shared` beside it.
fn articles() -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/boilerplate/dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "skipped: no benchmark articles at {} (../shared is not beside this clone)",
            dir.display()
        );
        return None;
    };
    let mut paths: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().ends_with(".gold.txt"))
        .collect();
    paths.sort();
    Some(
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect(),
    )
}

/// An edit of kind `kind` at a random place: the edited text and the edit.
fn random_edit(text: &str, kind: usize, rng: &mut Rng) -> (String, Edit) {
    let start = floor(text, rng.below(text.len()));
    let (end, insert) = match kind {
        0 => (start, "x"),
        1 => (start, "\n"),
        2 => (floor(text, (start + 1 + rng.below(10)).min(text.len())), ""),
        _ => (start, " words typed here"),
    };
    let edited = format!("{}{insert}{}", &text[..start], &text[end..]);
    let edit = Edit {
        start,
        old_end: end,
        new_end: start + insert.len(),
    };
    (edited, edit)
}

#[test]
fn relayout_agrees_with_a_full_layout() {
    let Some(articles) = articles() else { return };
    let context = Context::default();
    let mut rng = Rng(0x1234_5678);
    let (mut edits, mut flagged, mut verdicts) = (0, 0, 0);
    for text in articles {
        let base = layout(&text, &context, &mut ScanCache::default());
        for kind in 0..EDITS {
            let (edited, edit) = random_edit(&text, kind, &mut rng);
            let mut cache = ScanCache::default();
            let Some(relaid) = relayout(&text, &base, &edited, edit, &context, &mut cache) else {
                continue;
            };
            let full = layout(&edited, &context, &mut ScanCache::default());
            assert_eq!(relaid.blocks, split_blocks(&edited));
            let blocks = |a: &newsls::analysis::Layout| -> Vec<usize> {
                a.boilerplate.iter().map(|v| v.block).collect()
            };
            edits += 1;
            flagged += usize::from(blocks(&relaid) == blocks(&full));
            verdicts += usize::from(relaid.boilerplate == full.boilerplate);
        }
    }
    let share = |n: usize| n as f64 / edits as f64;
    eprintln!(
        "{edits} edits: same blocks flagged {:.3}, same verdicts {:.3}",
        share(flagged),
        share(verdicts)
    );
    assert!(edits > 100, "only {edits} edits laid out");
    assert!(
        share(flagged) >= FLAGGED_FLOOR,
        "flagged {}",
        share(flagged)
    );
    assert!(
        share(verdicts) >= VERDICTS_FLOOR,
        "verdicts {}",
        share(verdicts)
    );
}
