//! An open document: its text as a rope and the version the client gave it.

use super::position::{Encoding, LineColRange, byte_range};
use crate::analysis::relayout::Edit;
use ropey::Rope;
use std::fmt;

/// One content change of a `didChange` notification: a range edit, or the whole text.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub range: Option<LineColRange>,
    pub text: String,
}

/// Why an edit was refused. The document is left exactly as it was.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The range starts or ends past the end of the document, or ends before it starts.
    OutOfBounds { range: LineColRange, lines: usize },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::OutOfBounds { range, lines } => write!(
                f,
                "edit range {}:{}-{}:{} is outside the document ({lines} lines)",
                range.start.line, range.start.character, range.end.line, range.end.character
            ),
        }
    }
}

impl std::error::Error for EditError {}

/// The server's copy of an open document.
#[derive(Debug, Clone)]
pub struct Document {
    rope: Rope,
    version: i32,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Document {
        Document {
            rope: Rope::from_str(text),
            version,
        }
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    /// The text; cloning a rope is O(1), so snapshots are cheap.
    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    /// Applies the changes of one notification in order, all or nothing, then takes `version`.
    /// Returns the bytes they changed, as one edit.
    pub fn apply(
        &mut self,
        changes: &[Change],
        version: i32,
        encoding: Encoding,
    ) -> Result<Edit, EditError> {
        let mut rope = self.rope.clone();
        let mut edit: Option<Edit> = None;
        for change in changes {
            let next = apply_one(&mut rope, change, encoding)?;
            edit = Some(edit.map_or(next, |e| e.then(next)));
        }
        self.rope = rope;
        self.version = version;
        let end = self.rope.len_bytes();
        Ok(edit.unwrap_or(Edit {
            start: end,
            old_end: end,
            new_end: end,
        }))
    }
}

fn apply_one(rope: &mut Rope, change: &Change, encoding: Encoding) -> Result<Edit, EditError> {
    let Some(range) = change.range else {
        let old_end = rope.len_bytes();
        *rope = Rope::from_str(&change.text);
        return Ok(Edit {
            start: 0,
            old_end,
            new_end: change.text.len(),
        });
    };
    let bytes = byte_range(rope, range, encoding).ok_or(EditError::OutOfBounds {
        range,
        lines: rope.len_lines(),
    })?;
    let start = rope.byte_to_char(bytes.start);
    let end = rope.byte_to_char(bytes.end);
    rope.remove(start..end);
    rope.insert(start, &change.text);
    Ok(Edit {
        start: bytes.start,
        old_end: bytes.end,
        new_end: bytes.start + change.text.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{LineCol, LineColRange};

    fn edit(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> Change {
        Change {
            range: Some(LineColRange::new(
                LineCol::new(l1, c1),
                LineCol::new(l2, c2),
            )),
            text: text.into(),
        }
    }

    #[test]
    fn range_edits_in_utf16() {
        let mut doc = Document::new("Putin — “yes”\nnext", 1);
        doc.apply(&[edit(0, 9, 0, 12, "no")], 2, Encoding::Utf16)
            .unwrap();
        assert_eq!(doc.rope().to_string(), "Putin — “no”\nnext");
        doc.apply(&[edit(0, 12, 1, 0, " ")], 3, Encoding::Utf16)
            .unwrap();
        assert_eq!(doc.rope().to_string(), "Putin — “no” next");
        assert_eq!(doc.version(), 3);
    }

    #[test]
    fn same_edit_in_each_encoding() {
        for (encoding, col) in [
            (Encoding::Utf8, 7),
            (Encoding::Utf16, 3),
            (Encoding::Utf32, 2),
        ] {
            let mut doc = Document::new("😀東x", 1);
            doc.apply(&[edit(0, col, 0, col, "!")], 2, encoding)
                .unwrap();
            assert_eq!(doc.rope().to_string(), "😀東!x", "{encoding:?}");
        }
    }

    #[test]
    fn changes_apply_in_sequence_and_full_text_replaces() {
        let mut doc = Document::new("abc", 1);
        let changes = [
            edit(0, 0, 0, 1, "X"),
            edit(0, 3, 0, 3, "\r\nd"),
            Change {
                range: None,
                text: "fresh".into(),
            },
            edit(0, 5, 0, 5, "!"),
        ];
        let edit = doc.apply(&changes, 2, Encoding::Utf16).unwrap();
        assert_eq!(doc.rope().to_string(), "fresh!");
        let whole = Edit {
            start: 0,
            old_end: 3,
            new_end: 6,
        };
        assert_eq!(edit, whole);
    }

    #[test]
    fn out_of_bounds_edit_is_refused_and_changes_nothing() {
        let mut doc = Document::new("one\ntwo", 4);
        let err = doc
            .apply(
                &[edit(0, 0, 0, 1, "O"), edit(5, 0, 5, 1, "x")],
                5,
                Encoding::Utf16,
            )
            .unwrap_err();
        assert!(err.to_string().contains("outside the document"));
        assert_eq!(doc.rope().to_string(), "one\ntwo");
        assert_eq!(doc.version(), 4);
        let backwards = doc.apply(&[edit(1, 2, 0, 1, "")], 5, Encoding::Utf16);
        assert!(backwards.is_err());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::text::{LineCol, LineColRange};
    use proptest::prelude::*;

    /// Text made of the characters that make position conversion hard.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof!["a", "é", "—", "“", "…", "😀", "東", "\n", "\r\n", "\r", " "],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    /// The position of char boundary `at`, the slow obvious way.
    fn position(text: &str, at: usize, encoding: Encoding) -> LineCol {
        let before = &text[..at];
        let mut line = 0;
        let mut line_start = 0;
        let bytes = before.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let crlf_first = b == b'\r' && text.as_bytes().get(i + 1) == Some(&b'\n');
            if b == b'\n' || (b == b'\r' && !crlf_first) {
                line += 1;
                line_start = i + 1;
            }
        }
        let character: usize = before[line_start..]
            .chars()
            .map(|c| match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf32 => 1,
            })
            .sum();
        LineCol::new(line, character as u32)
    }

    /// A char boundary of `text` from a random fraction, never inside a CRLF pair.
    fn boundary(text: &str, fraction: f64) -> usize {
        let mut at = (text.len() as f64 * fraction) as usize;
        while !text.is_char_boundary(at)
            || (at > 0 && text[..at].ends_with('\r') && text[at..].starts_with('\n'))
        {
            at -= 1;
        }
        at
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn random_edits_match_a_naive_model(
            initial in text(),
            edits in proptest::collection::vec((0.0..=1.0f64, 0.0..=1.0f64, text()), 1..12),
            encoding in prop_oneof![Just(Encoding::Utf8), Just(Encoding::Utf16), Just(Encoding::Utf32)],
        ) {
            let mut model = initial.clone();
            let mut doc = Document::new(&initial, 0);
            for (version, (a, b, insert)) in edits.into_iter().enumerate() {
                let (start, end) = {
                    let (x, y) = (boundary(&model, a), boundary(&model, b));
                    (x.min(y), x.max(y))
                };
                let range = LineColRange::new(position(&model, start, encoding), position(&model, end, encoding));
                let edit = doc.apply(&[Change { range: Some(range), text: insert.clone() }], version as i32 + 1, encoding).unwrap();
                let before = model.clone();
                model.replace_range(start..end, &insert);
                prop_assert_eq!(doc.rope().to_string(), model.clone());
                // The edit says which bytes changed.
                let rebuilt = format!("{}{}{}", &before[..edit.start], &model[edit.start..edit.new_end], &before[edit.old_end..]);
                prop_assert_eq!(rebuilt, model.clone());
            }
        }
    }
}
