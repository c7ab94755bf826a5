use super::*;
use crate::analysis::{layout, split_blocks};
use proptest::prelude::*;

const SEEDS: [&str; 3] = [
    include_str!("../../../tests/fixtures/seeds/000_a66d8d7f1149ab9a.txt"),
    include_str!("../../../tests/fixtures/seeds/002_905470c6c805f95a.txt"),
    include_str!("../../../tests/fixtures/seeds/004_68b72c5e2aeca627.txt"),
];

/// `text` with bytes `range` replaced, and the edit that does it.
fn replace(text: &str, range: Range<usize>, insert: &str) -> (String, Edit) {
    let edited = format!("{}{insert}{}", &text[..range.start], &text[range.end..]);
    let edit = Edit {
        start: range.start,
        old_end: range.end,
        new_end: range.start + insert.len(),
    };
    (edited, edit)
}

/// The char boundary at or before `at`.
fn floor(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

fn full(text: &str) -> Layout {
    layout(text, &Context::default(), &mut ScanCache::default())
}

fn relaid(base_text: &str, text: &str, edit: Edit) -> Layout {
    let base = full(base_text);
    relayout(
        base_text,
        &base,
        text,
        edit,
        &Context::default(),
        &mut ScanCache::default(),
    )
    .expect("a tag-free edit is laid out from the earlier layout")
}

#[test]
fn typing_in_a_paragraph_gives_the_full_layout() {
    for seed in SEEDS {
        let blocks = full(seed).blocks;
        let longest = blocks.iter().max_by_key(|b| b.range.len()).unwrap();
        let at = floor(seed, longest.range.start + longest.range.len() / 2);
        let (text, edit) = replace(seed, at..at, "and more words ");
        assert_eq!(relaid(seed, &text, edit), full(&text));
    }
}

#[test]
fn an_appeal_typed_into_the_article_is_flagged() {
    let seed = SEEDS[0];
    let blocks = full(seed).blocks;
    let at = blocks[2].range.end;
    let appeal = "\n\nSubscribe to our newsletter";
    let (text, edit) = replace(seed, at..at, appeal);
    let laid_out = relaid(seed, &text, edit);
    let flagged = laid_out
        .boilerplate
        .iter()
        .find(|v| {
            laid_out.blocks[v.block]
                .text(&text)
                .starts_with("Subscribe")
        })
        .expect("the appeal is flagged");
    assert_eq!(flagged.category, boilerplate::Category::Appeal);
    assert_eq!(laid_out, full(&text));
}

#[test]
fn deleting_lines_moves_the_rest() {
    let seed = SEEDS[1];
    let start = seed.len() / 3;
    let start = seed[start..].find('\n').map_or(start, |i| start + i);
    let end = seed[start + 1..]
        .find('\n')
        .map_or(seed.len(), |i| start + 1 + i);
    let (text, edit) = replace(seed, start..end, "");
    let laid_out = relaid(seed, &text, edit);
    assert_eq!(laid_out.blocks, split_blocks(&text));
    assert_eq!(laid_out.body.len(), laid_out.blocks.len());
}

#[test]
fn edits_to_citation_tags_need_a_full_layout() {
    let seed = "Headline\n\nShe said <cite speaker=\"Ann\">\u{201c}yes\u{201d}</cite> today.\n";
    let base = full(seed);
    let at = seed.find("Ann").unwrap();
    let (text, edit) = replace(seed, at..at + 3, "Bob");
    let cache = &mut ScanCache::default();
    let context = Context::default();
    assert!(relayout(seed, &base, &text, edit, &context, cache).is_none());
    let (text, edit) = replace(seed, 0..0, "<");
    assert!(relayout(seed, &base, &text, edit, &context, cache).is_none());
}

#[test]
fn an_edit_that_does_not_fit_the_texts_is_refused() {
    let seed = "Caf\u{e9} story.\n\nMore text here.\n";
    let base = full(seed);
    let (text, _) = replace(seed, 0..0, "x");
    let context = Context::default();
    let cache = &mut ScanCache::default();
    let wrong = [
        (0, 0, 2),
        (4, 4, 5),
        (3, 1, 4),
        (0, seed.len() + 1, text.len()),
    ];
    for (start, old_end, new_end) in wrong {
        let edit = Edit {
            start,
            old_end,
            new_end,
        };
        assert!(
            relayout(seed, &base, &text, edit, &context, cache).is_none(),
            "{edit:?}"
        );
    }
}

#[test]
fn a_layout_without_an_article_extent_is_no_base() {
    let seed = SEEDS[0];
    let mut base = full(seed);
    base.body.clear();
    let (text, edit) = replace(seed, 0..0, "x");
    let context = Context::default();
    let got = relayout(
        seed,
        &base,
        &text,
        edit,
        &context,
        &mut ScanCache::default(),
    );
    assert!(got.is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Two edits made one do what the two do in turn.
    #[test]
    fn edits_compose(
        text in "[a-c\n]{0,40}",
        first in (0.0..1.0f64, 0.0..0.5f64, "[x\n]{0,5}"),
        second in (0.0..1.0f64, 0.0..0.5f64, "[y\n]{0,5}"),
    ) {
        let range = |t: &str, (at, len): (f64, f64)| {
            let start = (t.len() as f64 * at) as usize;
            start..(start + (t.len() as f64 * len) as usize).min(t.len())
        };
        let (middle, one) = replace(&text, range(&text, (first.0, first.1)), &first.2);
        let (last, two) = replace(&middle, range(&middle, (second.0, second.1)), &second.2);
        let both = one.then(two);
        let rebuilt = format!(
            "{}{}{}",
            &text[..both.start],
            &last[both.start..both.new_end],
            &text[both.old_end..]
        );
        prop_assert_eq!(rebuilt, last);
    }

    /// Several edits joined into one, as the server joins those since the latest full
    /// analysis, give the blocks of the last text.
    #[test]
    fn joined_edits_split_like_a_fresh_split(
        seed in 0..SEEDS.len(),
        edits in prop::collection::vec(
            (0.0..1.0f64, 0.0..0.01f64, "[a-z .\n\r]{0,8}"),
            1..8,
        ),
    ) {
        let base_text = SEEDS[seed];
        let mut text = base_text.to_string();
        let mut joined: Option<Edit> = None;
        for (at, len, insert) in edits {
            let start = floor(&text, (text.len() as f64 * at) as usize);
            let end = floor(&text, start + (text.len() as f64 * len) as usize);
            let (edited, edit) = replace(&text, start..end, &insert);
            text = edited;
            joined = Some(joined.map_or(edit, |j| j.then(edit)));
        }
        let laid_out = relaid(base_text, &text, joined.unwrap());
        prop_assert_eq!(&laid_out.blocks, &split_blocks(&text));
    }

    /// Whatever the edit, the blocks, article and tags are those of the edited text, and the
    /// verdicts are in block order on blocks that exist.
    #[test]
    fn relayout_splits_like_a_fresh_split(
        seed in 0..SEEDS.len(),
        at in 0.0..1.0f64,
        len in 0.0..0.02f64,
        insert in "[a-z .\n\r\u{201c}\u{201d}]{0,16}",
    ) {
        let base_text = SEEDS[seed];
        let start = floor(base_text, (base_text.len() as f64 * at) as usize);
        let end = floor(base_text, start + (base_text.len() as f64 * len) as usize);
        let (text, edit) = replace(base_text, start..end, &insert);
        let laid_out = relaid(base_text, &text, edit);
        prop_assert_eq!(&laid_out.blocks, &split_blocks(&text));
        prop_assert_eq!(laid_out.body.len(), laid_out.blocks.len());
        prop_assert!(laid_out.citations.is_empty());
        let blocks: Vec<usize> = laid_out.boilerplate.iter().map(|v| v.block).collect();
        prop_assert!(blocks.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(blocks.iter().all(|&b| b < laid_out.blocks.len()));
    }
}
