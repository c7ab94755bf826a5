//! Citation tags in the editor: the cite edits a quote may get, the article source header,
//! what a hover on a tag says, and completion inside tags. Plain values with byte ranges;
//! the server turns them into code actions, hovers and completion items.

use crate::analysis::citation::{CITE_ATTRIBUTES, SOURCE_ATTRIBUTES, SourceFields, escape};
use crate::analysis::{Analysis, EntityKind};
use crate::cite::{cite_all, uncited, wrap};
use crate::workspace::{FileEntry, IndexSnapshot, entity_id};
use std::ops::Range;

/// Workspace entities offered as speakers after this file's own.
const WORKSPACE_SPEAKERS: usize = 200;

/// An edit the user may choose: its title, whether it is the likely choice, and the byte
/// ranges it replaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub title: String,
    pub preferred: bool,
    pub edits: Vec<(Range<usize>, String)>,
}

/// One cite per speaker for each uncited quote the `requested` range meets: the speaker
/// newsls found first (preferred), then the alternatives; "speaker unknown" when none.
pub fn cite_choices(analysis: &Analysis, requested: Range<usize>) -> Vec<Choice> {
    let meets = |q: &Range<usize>| q.start <= requested.end && requested.start <= q.end;
    let mut out = Vec::new();
    for quote in uncited(analysis).filter(|q| meets(&q.range)) {
        let speakers: Vec<&str> = quote
            .speaker
            .iter()
            .chain(&quote.alternatives)
            .map(|s| s.name.as_str())
            .collect();
        for (i, speaker) in speakers.iter().enumerate() {
            out.push(Choice {
                title: format!("Cite quote: {speaker}"),
                preferred: i == 0,
                edits: wrap(analysis, quote, speaker).to_vec(),
            });
        }
        if speakers.is_empty() {
            out.push(Choice {
                title: "Cite quote (speaker unknown)".into(),
                preferred: false,
                edits: wrap(analysis, quote, "").to_vec(),
            });
        }
    }
    out
}

/// "Cite all quotes in this file", when some uncited quote has a speaker.
pub fn cite_all_choice(analysis: &Analysis) -> Option<Choice> {
    let edits = cite_all_edits(analysis)?;
    Some(Choice {
        title: format!("Cite all quotes in this file ({} quotes)", edits.len() / 2),
        preferred: false,
        edits,
    })
}

/// Cites for every uncited quote whose speaker is known; `None` when there is none.
pub fn cite_all_edits(analysis: &Analysis) -> Option<Vec<(Range<usize>, String)>> {
    let edits = cite_all(analysis, 0.0);
    (!edits.is_empty()).then_some(edits)
}

/// "Insert article source header", when the article has none.
pub fn source_header_choice(analysis: &Analysis) -> Option<Choice> {
    if !analysis.layout.citations.sources.is_empty() {
        return None;
    }
    let header = format!("{}\n", source_header(&source_fields(analysis)));
    Some(Choice {
        title: "Insert article source header".into(),
        preferred: false,
        edits: vec![(0..0, header)],
    })
}

/// The header's values from the article's own cues.
fn source_fields(analysis: &Analysis) -> SourceFields {
    let metadata = &analysis.metadata;
    SourceFields {
        publication: metadata.publication.as_ref().map(|f| f.value.clone()),
        title: metadata.headline.as_ref().map(|f| f.value.clone()),
        date: metadata.date.as_ref().and_then(|d| d.iso()),
        authors: metadata
            .authors
            .iter()
            .map(|f| f.value.replace(';', ","))
            .collect(),
    }
}

/// The header line with every attribute present, empty where the article does not say, so
/// the annotator sees what to fill in.
fn source_header(fields: &SourceFields) -> String {
    let value = |v: Option<&String>| escape(v.map_or("", String::as_str));
    format!(
        "<source publication=\"{}\" title=\"{}\" date=\"{}\" authors=\"{}\"/>",
        value(fields.publication.as_ref()),
        value(fields.title.as_ref()),
        value(fields.date.as_ref()),
        escape(&fields.authors.join("; "))
    )
}

/// A hover on a tag at `offset`: the tag's range and Markdown with its fields, and for a
/// cite the speaker's mentions in this file.
pub fn tag_card(entry: &FileEntry, offset: usize) -> Option<(Range<usize>, String)> {
    let citations = &entry.analysis.layout.citations;
    let (range, title, attributes) = citations
        .cites
        .iter()
        .find(|c| c.open.start <= offset && offset <= c.open.end)
        .map(|c| (c.open.clone(), "Citation", &c.attributes))
        .or_else(|| {
            citations
                .sources
                .iter()
                .find(|s| s.range.start <= offset && offset <= s.range.end)
                .map(|s| (s.range.clone(), "Article source", &s.attributes))
        })?;
    let mut markdown = format!("**{title}**\n\n");
    for attribute in attributes {
        markdown.push_str(&format!("- {}: {}\n", attribute.name, attribute.value));
    }
    if let Some(speaker) = attributes.iter().find(|a| a.name == "speaker") {
        markdown.push_str(&speaker_mentions(entry, &speaker.value));
    }
    Some((range, markdown))
}

/// "Mentioned on lines …" for the entity the speaker names, or a warning when none does.
fn speaker_mentions(entry: &FileEntry, speaker: &str) -> String {
    let wanted = entity_id(EntityKind::Person, speaker);
    let entity = entry
        .analysis
        .entities
        .iter()
        .find(|e| entity_id(EntityKind::Person, &e.name) == wanted || e.name == speaker);
    let Some(entity) = entity else {
        return format!("\n*{speaker}* is not named in this article.\n");
    };
    let lines: Vec<String> = entity
        .mentions
        .iter()
        .map(|m| {
            let line = entry.lines().line(m.start) + 1;
            format!("[{line}](#L{line})")
        })
        .collect();
    format!(
        "\n{} ({}) is mentioned on lines {}\n",
        entity.name,
        entity.kind.as_str(),
        lines.join(", ")
    )
}

/// A completion inside a tag.
#[derive(Debug, Clone, PartialEq)]
pub enum Completion {
    /// An attribute of the tag not written yet.
    Attribute {
        name: &'static str,
        tag: &'static str,
    },
    /// A value for the attribute being typed, with where it comes from.
    Value { label: String, detail: String },
}

/// Completion at `offset` inside a `<cite` or `<source` tag on its line: attribute names,
/// or values for the attribute being typed. `None` outside a tag.
pub fn completions(
    entry: &FileEntry,
    offset: usize,
    speakers: &[(String, EntityKind)],
) -> Option<Vec<Completion>> {
    let text = &*entry.text;
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let tag = &before[before.rfind('<')?..];
    if tag.contains('>') {
        return None;
    }
    let (name, allowed): (&str, &[&str]) = if tag.starts_with("<cite") {
        ("cite", &CITE_ATTRIBUTES)
    } else if tag.starts_with("<source") {
        ("source", &SOURCE_ATTRIBUTES)
    } else {
        return None;
    };
    if let Some(attribute) = open_value(tag) {
        return Some(values(&entry.analysis, attribute, speakers));
    }
    let missing = allowed.iter().filter(|a| !tag.contains(&format!(" {a}=")));
    Some(
        missing
            .map(|a| Completion::Attribute { name: a, tag: name })
            .collect(),
    )
}

/// The attribute whose value the cursor is in, when an odd number of quotes precede it.
fn open_value(tag: &str) -> Option<&str> {
    let quotes = tag.matches('"').count();
    if quotes % 2 == 0 {
        return None;
    }
    let last_quote = tag.rfind('"')?;
    let name_end = tag[..last_quote].trim_end().strip_suffix('=')?.trim_end();
    let name_start = name_end.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    Some(&name_end[name_start..])
}

fn values(
    analysis: &Analysis,
    attribute: &str,
    speakers: &[(String, EntityKind)],
) -> Vec<Completion> {
    let metadata = &analysis.metadata;
    let item = |label: String, detail: &str| Completion::Value {
        label,
        detail: detail.to_string(),
    };
    match attribute {
        "speaker" => speakers
            .iter()
            .map(|(name, kind)| item(name.clone(), kind.as_str()))
            .collect(),
        "source" | "publication" | "channel" => metadata
            .publication
            .iter()
            .chain(&metadata.agencies)
            .map(|f| item(f.value.clone(), "named in this article"))
            .collect(),
        "date" => metadata
            .date
            .iter()
            .filter_map(|d| d.iso())
            .map(|d| item(d, "the article's date"))
            .collect(),
        "title" => metadata
            .headline
            .iter()
            .map(|f| item(f.value.clone(), "headline"))
            .collect(),
        "authors" => metadata
            .authors
            .iter()
            .map(|f| item(f.value.clone(), "byline"))
            .collect(),
        _ => Vec::new(),
    }
}

/// People and organisations a speaker may be: this file's first, then the workspace's.
pub fn speaker_candidates(analysis: &Analysis, index: &IndexSnapshot) -> Vec<(String, EntityKind)> {
    let speaking = |k: EntityKind| matches!(k, EntityKind::Person | EntityKind::Organization);
    let mut names: Vec<(String, EntityKind)> = analysis
        .entities
        .iter()
        .filter(|e| speaking(e.kind))
        .map(|e| (e.name.clone(), e.kind))
        .collect();
    let workspace = index.entities().search("");
    let workspace = workspace.into_iter().filter(|r| speaking(r.kind));
    for record in workspace.take(WORKSPACE_SPEAKERS) {
        if !names.iter().any(|(n, _)| n == record.name()) {
            names.push((record.name().to_string(), record.kind));
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_value_finds_the_attribute_being_typed() {
        assert_eq!(open_value("<cite speaker=\"Ser"), Some("speaker"));
        assert_eq!(
            open_value("<cite speaker=\"A\" source = \""),
            Some("source")
        );
        assert_eq!(open_value("<cite speaker=\"A\" "), None);
        assert_eq!(open_value("<cite "), None);
    }

    #[test]
    fn cite_all_wraps_only_quotes_with_speakers_and_skips_cited_ones() {
        let text = "\"We will win,\" Smith said. A so-called \"plan\" failed.\n<cite speaker=\"Jones\">\"Done,\"</cite> Jones said.";
        let analysis = crate::analysis::analyze(text);
        let edits = cite_all_edits(&analysis).unwrap();
        assert_eq!(edits.len(), 2, "{edits:?}");
        assert_eq!(edits[0].0, 0..0);
        assert!(edits[0].1.starts_with("<cite speaker=\"Smith\""));
        assert_eq!(edits[1], (14..14, "</cite>".to_string()));
    }

    #[test]
    fn completion_offers_missing_attributes_then_values() {
        let text = "<source publication=\"Daily Planet\"/>\nMOSCOW — \"Yes,\" Sergei Lavrov said.\n<cite speaker=\"";
        let entry = FileEntry::new(text, false);
        let speakers = [("Sergei Lavrov".to_string(), EntityKind::Person)];
        let values = completions(&entry, text.len(), &speakers).unwrap();
        assert_eq!(
            values,
            [Completion::Value {
                label: "Sergei Lavrov".into(),
                detail: "person".into()
            }]
        );
        let names = completions(&entry, text.len() - "speaker=\"".len(), &speakers).unwrap();
        assert!(names.contains(&Completion::Attribute {
            name: "speaker",
            tag: "cite"
        }));
        assert_eq!(completions(&entry, 5, &speakers), None);
    }
}
