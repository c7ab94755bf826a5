//! The `spans` format: one JSON object per article with code-point spans over `text`, the
//! shape spaCy's `Doc.char_span`, Prodigy and Label Studio pre-annotations read.

use super::json::{push_num, push_str};
use super::standoff::{Span, StandOff};

/// `{"path", "text", "spans", "quotes", "boilerplate", "cites"}` and a line break: one line
/// of the JSON Lines file, written straight into bytes (the fields in the order the format
/// has always written them; null for a missing value).
pub fn spans_line(path: &str, article: &StandOff) -> Vec<u8> {
    // The JSON is about the text's size plus a few dozen bytes per annotation.
    let mut out = Vec::with_capacity(article.text.len() + 64 * article.entities.len() + 256);
    out.extend_from_slice(b"{\"path\":");
    push_str(&mut out, path);
    out.extend_from_slice(b",\"text\":");
    push_str(&mut out, &article.text);
    let mut list = List::new(out, "spans");
    for e in &article.entities {
        list.item(&e.span);
        list.field("label", Some(e.label));
        list.field("entity_id", Some(&e.entity_id));
    }
    let mut list = list.next("quotes");
    for q in &article.quotes {
        let speaker = q.speaker.as_ref();
        list.item(&q.span);
        list.field("speaker", speaker.map(|s| s.name.as_str()));
        list.field("entity_id", speaker.and_then(|s| s.entity_id.as_deref()));
        list.field("channel", q.channel.as_deref());
        list.confidence(q.confidence);
    }
    let mut list = list.next("boilerplate");
    for b in &article.boilerplate {
        list.item(&b.span);
        list.field("category", Some(b.category));
    }
    let mut list = list.next("cites");
    for c in &article.cites {
        list.item(&c.span);
        list.field("speaker", Some(&c.fields.speaker));
        list.field("entity_id", c.entity_id.as_deref());
        list.field("source", c.fields.source.as_deref());
        list.field("date", c.fields.date.as_deref());
        list.field("channel", c.fields.channel.as_deref());
    }
    let mut out = list.end();
    out.extend_from_slice(b"}\n");
    out
}

/// A list of annotations being written, each `{"start", "end", ...}`.
struct List {
    out: Vec<u8>,
    /// Whether an item is open (it is closed by the next one or the list's end).
    open: bool,
}

impl List {
    fn new(mut out: Vec<u8>, name: &str) -> List {
        out.extend_from_slice(b",\"");
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\":[");
        List { out, open: false }
    }

    /// Ends this list and starts the next.
    fn next(self, name: &str) -> List {
        List::new(self.end(), name)
    }

    fn item(&mut self, span: &Span) {
        let out = &mut self.out;
        out.extend_from_slice(if self.open { b"},{" } else { b"{" });
        self.open = true;
        out.extend_from_slice(b"\"start\":");
        push_num(out, span.start);
        out.extend_from_slice(b",\"end\":");
        push_num(out, span.end);
    }

    fn field(&mut self, name: &str, value: Option<&str>) {
        self.key(name);
        match value {
            Some(value) => push_str(&mut self.out, value),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    /// A confidence, written as `serde_json` writes an `f64`.
    fn confidence(&mut self, value: Option<f64>) {
        self.key("confidence");
        match value.filter(|v| v.is_finite()) {
            Some(v) => self
                .out
                .extend_from_slice(ryu::Buffer::new().format_finite(v).as_bytes()),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    fn key(&mut self, name: &str) {
        self.out.extend_from_slice(b",\"");
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    fn end(mut self) -> Vec<u8> {
        if self.open {
            self.out.push(b'}');
        }
        self.out.push(b']');
        self.out
    }
}
