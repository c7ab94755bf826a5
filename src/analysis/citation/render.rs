//! Writes citation tags, escaping values so that parsing the result gives them back.

use std::fmt::Write;

/// The values of a `<cite>` tag. Empty optional values are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CiteFields {
    pub speaker: String,
    pub source: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub channel: Option<String>,
}

/// The values of a `<source/>` header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFields {
    pub publication: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Written joined by `"; "`, so a name must not contain `;`.
    pub authors: Vec<String>,
}

/// Escapes a value for a double-quoted attribute. Line breaks become spaces, because a tag
/// lives on one line.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The opening and closing tags to put around a quotation (marks included).
pub fn render_cite(fields: &CiteFields) -> (String, String) {
    let mut open = String::from("<cite");
    push(&mut open, "speaker", Some(&fields.speaker));
    push(&mut open, "source", fields.source.as_deref());
    push(&mut open, "date", fields.date.as_deref());
    push(&mut open, "channel", fields.channel.as_deref());
    open.push('>');
    (open, "</cite>".to_string())
}

/// The article header line, without a line break.
pub fn render_source(fields: &SourceFields) -> String {
    let mut out = String::from("<source");
    push(&mut out, "publication", fields.publication.as_deref());
    push(&mut out, "title", fields.title.as_deref());
    push(&mut out, "date", fields.date.as_deref());
    let authors = fields.authors.join("; ");
    push(&mut out, "authors", Some(&authors));
    out.push_str("/>");
    out
}

/// Appends ` name="value"` unless the value is absent or empty.
fn push(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        let _ = write!(out, " {name}=\"{}\"", escape(value));
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn renders_in_fixed_order_with_escapes() {
        let fields = CiteFields {
            speaker: "A \"B\" & <C>".into(),
            source: None,
            date: Some("2011-08-25".into()),
            channel: Some("Tass".into()),
        };
        let (open, close) = render_cite(&fields);
        assert_eq!(
            open,
            "<cite speaker=\"A &quot;B&quot; &amp; &lt;C&gt;\" date=\"2011-08-25\" channel=\"Tass\">"
        );
        assert_eq!(close, "</cite>");
    }

    #[test]
    fn renders_source_header() {
        let fields = SourceFields {
            publication: Some("LA Times".into()),
            title: None,
            date: None,
            authors: vec!["A".into(), "B".into()],
        };
        assert_eq!(
            render_source(&fields),
            "<source publication=\"LA Times\" authors=\"A; B\"/>"
        );
    }

    fn value() -> impl Strategy<Value = String> {
        "[^\n\r]{1,12}"
    }

    fn date() -> impl Strategy<Value = Option<String>> {
        proptest::option::of(
            (1000u32..9999, 1u32..=12, 1u32..=28)
                .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        )
    }

    fn author() -> impl Strategy<Value = String> {
        "[^;\n\r]{1,10}".prop_filter("trimmed", |a| !a.trim().is_empty() && a.trim() == a)
    }

    proptest! {
        #[test]
        fn cite_round_trips(speaker in value().prop_filter("non-blank", |s| !s.trim().is_empty()),
                            source in proptest::option::of(value()), date in date(),
                            channel in proptest::option::of(value()), quote in "[^<]{0,10}") {
            let fields = CiteFields { speaker, source, date, channel };
            let (open, close) = render_cite(&fields);
            let text = format!("He said {open}\"{quote}\"{close} today.");
            let parsed = parse(&text);
            prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
            prop_assert_eq!(parsed.cites.len(), 1);
            prop_assert_eq!(parsed.cites[0].fields(), fields);
            prop_assert_eq!(&text[parsed.cites[0].content.clone()], format!("\"{quote}\""));
        }

        #[test]
        fn source_round_trips(publication in proptest::option::of(value()), title in proptest::option::of(value()),
                              date in date(), authors in proptest::collection::vec(author(), 0..4)) {
            let fields = SourceFields { publication, title, date, authors };
            let text = format!("{}\nBody.", render_source(&fields));
            let parsed = parse(&text);
            prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
            prop_assert_eq!(parsed.sources[0].fields(), fields);
        }
    }
}
