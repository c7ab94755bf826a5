//! Keys of a settings file that no setting reads: a typo (`exlude = […]`) would otherwise be
//! dropped without a word. Found by deserializing the file's layer into [`Config`] and
//! noting what serde ignored, so every setting added to `Config` is known here at once.

use super::Config;
use serde_json::Value;
use std::ops::Range;
use toml_edit::{ImDocument, Item};

/// A key of a settings file that no setting reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// The dotted path of the key, e.g. `boilerplate.keep.0.txt`.
    pub key: String,
    /// Byte range of the key in the file; `0..0` when it cannot be placed.
    pub span: Range<usize>,
}

impl UnknownKey {
    /// The 1-based line and column (in characters) of the key in `text`.
    pub fn line_column(&self, text: &str) -> (usize, usize) {
        let before = &text[..self.span.start.min(text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.matches('\n').count() + 1;
        (line, before[line_start..].chars().count() + 1)
    }

    /// The warning for it, without its position.
    pub fn message(&self) -> String {
        format!("unknown setting `{}` (ignored)", self.key)
    }
}

/// One step of a key's path: a table key or an array index.
#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

/// The keys of `layer`, the settings file `text` read as a layer, that no setting reads. A
/// layer of the wrong shape yields none here: [`Config::from_layers`] reports it.
pub fn unknown_keys(text: &str, layer: &Value) -> Vec<UnknownKey> {
    if !layer.is_object() {
        return Vec::new();
    }
    let mut paths = Vec::new();
    let _: Result<Config, _> =
        serde_ignored::deserialize(layer.clone(), |path| paths.push(segments(&path)));
    let document = ImDocument::parse(text).ok();
    let mut keys: Vec<UnknownKey> = paths
        .into_iter()
        .map(|path| UnknownKey {
            key: dotted(&path),
            span: document
                .as_ref()
                .and_then(|d| key_span(d.as_item(), &path))
                .unwrap_or(0..0),
        })
        .collect();
    // The layer's tables are sorted by key; the user reads the file top to bottom.
    keys.sort_by_key(|k| k.span.start);
    keys
}

fn segments(path: &serde_ignored::Path) -> Vec<Segment> {
    use serde_ignored::Path;
    match path {
        Path::Root => Vec::new(),
        Path::Seq { parent, index } => {
            let mut out = segments(parent);
            out.push(Segment::Index(*index));
            out
        }
        Path::Map { parent, key } => {
            let mut out = segments(parent);
            out.push(Segment::Key(key.clone()));
            out
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => segments(parent),
    }
}

fn dotted(path: &[Segment]) -> String {
    let parts: Vec<String> = path
        .iter()
        .map(|s| match s {
            Segment::Key(key) => key.clone(),
            Segment::Index(i) => i.to_string(),
        })
        .collect();
    parts.join(".")
}

/// Where the last key of `path` is written in the parsed file.
fn key_span(root: &Item, path: &[Segment]) -> Option<Range<usize>> {
    let mut item = root;
    let mut span = None;
    for segment in path {
        match segment {
            Segment::Key(name) => {
                let (key, next) = item.as_table_like()?.get_key_value(name)?;
                span = key.span();
                item = next;
            }
            Segment::Index(i) => item = item.get(*i)?,
        }
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(text: &str) -> Vec<(String, (usize, usize))> {
        let table: toml::Table = toml::from_str(text).unwrap();
        let layer = serde_json::to_value(table).unwrap();
        unknown_keys(text, &layer)
            .into_iter()
            .map(|k| {
                let at = k.line_column(text);
                (k.key, at)
            })
            .collect()
    }

    #[test]
    fn known_settings_pass() {
        let text = "include = [\"**/*.txt\"]\nmaxFileSize = 10\n[boilerplate]\n\
                    severity = \"warning\"\n[[boilerplate.keep]]\ntext = \"Hi\"\n";
        assert_eq!(unknown(text), []);
    }

    #[test]
    fn unknown_keys_are_found_with_their_lines() {
        let text = "exlude = [\"drafts/**\"]\n\n[boilerplate]\nenabled = true\n  colour = \"red\"\n\
                    [[boilerplate.keep]]\ntext = \"a\"\n[[boilerplate.keep]]\ntext = \"b\"\n\
                    txt = \"c\"\n[extra]\nx = 1\n";
        assert_eq!(
            unknown(text),
            [
                ("exlude".to_string(), (1, 1)),
                ("boilerplate.colour".to_string(), (5, 3)),
                ("boilerplate.keep.1.txt".to_string(), (10, 1)),
                ("extra".to_string(), (11, 2)),
            ]
        );
    }

    #[test]
    fn dotted_and_inline_keys_are_placed() {
        let text =
            "boilerplate.sevrity = \"hint\"\nboilerplate.keep = [{ text = \"a\", why = \"b\" }]\n";
        assert_eq!(
            unknown(text),
            [
                ("boilerplate.sevrity".to_string(), (1, 13)),
                ("boilerplate.keep.0.why".to_string(), (2, 35)),
            ]
        );
    }
}
