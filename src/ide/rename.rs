//! Renaming an entity changes the name newsls shows for it, never the article's words.
//!
//! An archive's articles are evidence: their text stays as published. A rename edits only
//! the `speaker` of the `<cite>` tags naming the entity (the annotator's markup, not the
//! article); the server also records a `display` override in `newsls.toml`, which every
//! feature then shows (see [`crate::workspace::corrections`]).

use super::entities::Focus;
use crate::analysis::EntityKind;
use crate::analysis::citation::{self, escape};
use crate::workspace::{FileEntry, entity_id};
use std::ops::Range;

/// Why a rename anywhere but on an entity's name does nothing.
pub const REFUSAL: &str = "newsls never edits article text: rename works on the name of an \
    entity (a person, organization or place newsls found), and changes only the name newsls \
    shows for it and the speaker of the citation tags that name it";

/// The entity being renamed, and its new name.
#[derive(Debug, Clone)]
pub struct Rename {
    kind: EntityKind,
    pub id: String,
    pub new_name: String,
}

impl Rename {
    /// A rename of the entity in focus; the error says why `new_name` cannot be a name.
    pub fn new(focus: &Focus, new_name: &str) -> Result<Rename, &'static str> {
        let new_name = new_name.trim();
        if new_name.is_empty() || new_name.contains(['\n', '\r']) {
            return Err("the new name must be one non-empty line");
        }
        Ok(Rename {
            kind: focus.entity().kind,
            id: focus.id.clone(),
            new_name: new_name.to_string(),
        })
    }

    /// The edits (byte range, new text) giving the new name to the `speaker` of every cite
    /// of `entry` that names the entity. Nothing else of the file changes.
    pub fn speaker_edits(&self, entry: &FileEntry) -> Vec<(Range<usize>, String)> {
        if !entry.text.contains("<cite") {
            return Vec::new();
        }
        let value = escape(&self.new_name);
        citation::parse(&entry.text)
            .cites
            .iter()
            .flat_map(|cite| &cite.attributes)
            .filter(|a| a.name == "speaker" && self.named_by(&a.value, entry))
            .map(|a| (a.value_range.clone(), value.clone()))
            .collect()
    }

    /// Whether a cite's speaker names the entity: its name in any spelling, or the surname
    /// alone in a file that mentions the entity.
    fn named_by(&self, speaker: &str, entry: &FileEntry) -> bool {
        let speaker = speaker.trim();
        if entity_id(self.kind, speaker) == self.id {
            return true;
        }
        !speaker.is_empty()
            && !speaker.contains(char::is_whitespace)
            && entry.analysis.entities.iter().any(|e| {
                e.name.split_whitespace().last() == Some(speaker)
                    && entity_id(e.kind, &e.name) == self.id
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::entities::focus;
    use crate::ide::fixture::Fixture;

    const TAGGED: &str = "//- /a.txt\n\
        <cite speaker=\"Sergey Lavrov\">\"Yes,\"</cite> Sergei La$0vrov said.\n\n\
        <cite speaker=\"Lavrov\">\"No,\"</cite> he said. \
        <cite speaker=\"Kim Jong Il\">\"Maybe,\"</cite> Kim said.\n";

    #[test]
    fn only_speakers_naming_the_entity_change() {
        let fixture = Fixture::parse(TAGGED);
        let here = fixture.here();
        let focus = focus(here, None, fixture.cursor, &fixture.world).unwrap();
        let rename = Rename::new(&focus, " Sergei \"V\" Lavrov ").unwrap();
        let edits = rename.speaker_edits(here);
        let renamed: Vec<(&str, &str)> = edits
            .iter()
            .map(|(r, new)| (&here.text[r.clone()], new.as_str()))
            .collect();
        let new = "Sergei &quot;V&quot; Lavrov";
        assert_eq!(renamed, [("Sergey Lavrov", new), ("Lavrov", new)]);
        let other = Rename {
            id: "person:nobody".into(),
            ..rename
        };
        assert!(other.speaker_edits(here).is_empty());
    }

    #[test]
    fn a_name_must_be_one_non_empty_line() {
        let fixture = Fixture::parse(TAGGED);
        let focus = focus(fixture.here(), None, fixture.cursor, &fixture.world).unwrap();
        assert!(Rename::new(&focus, "  ").is_err());
        assert!(Rename::new(&focus, "Sergei\nLavrov").is_err());
    }
}
