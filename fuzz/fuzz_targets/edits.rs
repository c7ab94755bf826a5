//! Random edit sequences on a document, in every position encoding: an edit is applied or
//! refused whole, never half; every position the server reports maps back to its offset;
//! and the layout made from the first version's and the edits' sum has the blocks of the last.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use newsls::analysis::boilerplate::Context;
use newsls::analysis::relayout::relayout;
use newsls::analysis::{ScanCache, citation, layout, split_blocks};
use newsls::text::{Change, Document, Encoding, LineCol, LineColRange, to_line_col, to_offset};

#[derive(Debug, Arbitrary)]
struct Edit {
    start: (u8, u8),
    end: (u8, u8),
    text: String,
    whole: bool,
}

#[derive(Debug, Arbitrary)]
struct Input {
    text: String,
    encoding: u8,
    edits: Vec<Edit>,
}

fuzz_target!(|input: Input| {
    let encoding = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][input.encoding as usize % 3];
    let mut doc = Document::new(&input.text, 0);
    let first = doc.rope().to_string();
    let mut joined: Option<newsls::analysis::relayout::Edit> = None;
    for (version, edit) in (1..).zip(input.edits) {
        let before = doc.rope().clone();
        let range = (!edit.whole).then(|| {
            LineColRange::new(
                LineCol::new(edit.start.0.into(), edit.start.1.into()),
                LineCol::new(edit.end.0.into(), edit.end.1.into()),
            )
        });
        let change = Change {
            range,
            text: edit.text,
        };
        match doc.apply(&[change], version, encoding) {
            Ok(done) => {
                assert_eq!(doc.version(), version);
                joined = Some(joined.map_or(done, |j| j.then(done)));
            }
            Err(_) => assert_eq!(doc.rope(), &before, "a refused edit changed the text"),
        }
    }
    let rope = doc.rope();
    let text = rope.to_string();
    if let Some(edit) = joined {
        let context = Context::default();
        let base = layout(&first, &context, &mut ScanCache::default());
        let relaid = relayout(
            &first,
            &base,
            &text,
            edit,
            &context,
            &mut ScanCache::default(),
        );
        if let Some(relaid) = relaid {
            assert_eq!(relaid.blocks, split_blocks(&citation::mask(&text)));
            assert_eq!(relaid.body.len(), relaid.blocks.len());
        }
    }
    let boundaries = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    // Between the \r and \n of a line break is no position at all.
    let inside_crlf = |i: usize| i > 0 && text[..i].ends_with('\r') && text[i..].starts_with('\n');
    for offset in boundaries.filter(|&i| !inside_crlf(i)) {
        let position = to_line_col(rope, offset, encoding);
        assert_eq!(
            to_offset(rope, position, encoding),
            Some(offset),
            "{position:?}"
        );
    }
});
