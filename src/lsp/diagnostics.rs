//! Turns an analysis into LSP diagnostics. Shared by the server and `newsls check`, so both
//! always report the same findings.

use crate::analysis::boilerplate::{dominant, runs};
use crate::analysis::citation::TagErrorKind;
use crate::analysis::{Analysis, Verdict};
use crate::config::{Config, Severity};
use crate::text::{Encoding, lsp_range};
use crate::workspace::FileEntry;
use ropey::Rope;
use serde_json::json;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Range, Uri,
};

/// The `source` of every diagnostic newsls publishes.
pub const SOURCE: &str = "newsls";

/// The code of the warning on files that are not valid UTF-8.
pub const INVALID_UTF8: &str = "invalid-utf8";

/// What diagnostics are computed from: one version of one document.
pub struct DiagnosticInput<'a> {
    pub uri: &'a Uri,
    pub rope: &'a Rope,
    /// The same text as `rope`, as one string.
    pub text: &'a str,
    pub analysis: &'a Analysis,
    /// The file was decoded lossily.
    pub lossy: bool,
    /// The file was too large to analyse: its size in bytes.
    pub too_large: Option<u64>,
    /// Whether a cite's speaker names an entity the workspace knows.
    pub known_speaker: &'a dyn Fn(&str) -> bool,
}

impl<'a> DiagnosticInput<'a> {
    /// The input for an analysed file.
    pub fn new(
        uri: &'a Uri,
        rope: &'a Rope,
        entry: &'a FileEntry,
        known_speaker: &'a dyn Fn(&str) -> bool,
    ) -> DiagnosticInput<'a> {
        DiagnosticInput {
            uri,
            rope,
            text: &entry.text,
            analysis: &entry.analysis,
            lossy: entry.lossy,
            too_large: None,
            known_speaker,
        }
    }
}

/// All diagnostics for one document.
pub fn diagnostics(
    input: &DiagnosticInput,
    config: &Config,
    encoding: Encoding,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if input.lossy {
        out.push(lossy_diagnostic(input, encoding));
    }
    if let Some(size) = input.too_large {
        out.push(plain(
            Range::default(),
            DiagnosticSeverity::INFORMATION,
            "too-large",
            format!(
                "Not analysed: {size} bytes is over the {}-byte limit (setting maxFileSize).",
                config.max_file_size
            ),
        ));
    }
    out.extend(tag_diagnostics(input, encoding));
    if config.boilerplate.enabled {
        let severity = severity(config.boilerplate.severity);
        let text = input.text;
        let junk = input.analysis.boilerplate.iter().filter(|v| {
            !config
                .boilerplate
                .is_kept(input.analysis.blocks[v.block].text(text))
        });
        out.extend(
            runs(junk)
                .iter()
                .map(|run| boilerplate_diagnostic(input, run, severity, encoding)),
        );
    }
    out
}

/// At most this many "the same text appears here" links on one diagnostic.
const MAX_RELATED: usize = 3;

/// One diagnostic for a run of consecutive boilerplate blocks, named by its dominant
/// category (see [`runs`]).
fn boilerplate_diagnostic(
    input: &DiagnosticInput,
    run: &[&Verdict],
    severity: DiagnosticSeverity,
    encoding: Encoding,
) -> Diagnostic {
    let blocks = &input.analysis.blocks;
    let first = run[0];
    let range = blocks[first.block].range.start..blocks[run[run.len() - 1].block].range.end;
    let categories = dominant(run);
    let category = categories[0].as_str();
    let mut message = match run.len() {
        1 => format!("Boilerplate ({category})"),
        n => format!("Boilerplate ({category}, {n} blocks)"),
    };
    message.push_str(": ");
    let lead = run
        .iter()
        .find(|v| v.category == categories[0])
        .unwrap_or(&first);
    message.push_str(&lead.reasons().collect::<Vec<_>>().join("; "));
    if categories.len() > 1 {
        let others: Vec<&str> = categories[1..].iter().map(|c| c.as_str()).collect();
        message.push_str(&format!(" (also {})", others.join(", ")));
    }
    let related: Vec<DiagnosticRelatedInformation> = run
        .iter()
        .filter_map(|v| v.twin)
        .take(MAX_RELATED)
        .map(|twin| DiagnosticRelatedInformation {
            location: Location::new(
                input.uri.clone(),
                lsp_range(input.rope, blocks[twin].range.clone(), encoding),
            ),
            message: "The same text appears here".into(),
        })
        .collect();
    Diagnostic {
        range: lsp_range(input.rope, range.clone(), encoding),
        severity: Some(severity),
        code: Some(NumberOrString::String(category.into())),
        source: Some(SOURCE.into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: Some(vec![DiagnosticTag::UNNECESSARY]),
        data: Some(json!({
            "kind": "boilerplate",
            "category": category,
            "bytes": [range.start, range.end],
            "blocks": run.len(),
        })),
        ..Default::default()
    }
}

/// Malformed citation tags, and cites whose speaker no entity of the workspace matches.
fn tag_diagnostics(input: &DiagnosticInput, encoding: Encoding) -> Vec<Diagnostic> {
    let citations = &input.analysis.citations;
    let errors = citations.errors.iter().map(|e| {
        plain(
            lsp_range(input.rope, e.range.clone(), encoding),
            DiagnosticSeverity::ERROR,
            tag_error_code(&e.kind),
            e.message(),
        )
    });
    let unknown = citations.cites.iter().filter_map(|cite| {
        let speaker = cite
            .attribute("speaker")
            .filter(|a| !a.value.trim().is_empty())?;
        if (input.known_speaker)(&speaker.value) {
            return None;
        }
        Some(plain(
            lsp_range(input.rope, speaker.value_range.clone(), encoding),
            DiagnosticSeverity::WARNING,
            "unknown-speaker",
            format!(
                "Speaker \"{}\" is not a person or organization named in the workspace",
                speaker.value
            ),
        ))
    });
    errors.chain(unknown).collect()
}

fn tag_error_code(kind: &TagErrorKind) -> &'static str {
    match kind {
        TagErrorKind::Malformed(_) => "tag-malformed",
        TagErrorKind::UnclosedCite => "tag-unclosed",
        TagErrorKind::StrayClose => "tag-stray-close",
        TagErrorKind::NestedCite => "tag-nested",
        TagErrorKind::UnknownAttribute { .. } => "tag-unknown-attribute",
        TagErrorKind::DuplicateAttribute(_) => "tag-duplicate-attribute",
        TagErrorKind::BadDate { .. } => "tag-bad-date",
        TagErrorKind::MissingAttribute { .. } => "tag-missing-attribute",
        TagErrorKind::SourceNotOnOwnLine => "tag-source-placement",
    }
}

fn lossy_diagnostic(input: &DiagnosticInput, encoding: Encoding) -> Diagnostic {
    let first_bad = input
        .rope
        .chars()
        .position(|c| c == char::REPLACEMENT_CHARACTER)
        .map(|char_idx| input.rope.char_to_byte(char_idx))
        .unwrap_or(0);
    let end = first_bad
        + input
            .rope
            .byte_slice(first_bad..)
            .chars()
            .next()
            .map_or(0, char::len_utf8);
    plain(
        lsp_range(input.rope, first_bad..end, encoding),
        DiagnosticSeverity::WARNING,
        INVALID_UTF8,
        "This file is not valid UTF-8: invalid bytes are shown as U+FFFD (\u{FFFD}).".into(),
    )
}

fn plain(range: Range, severity: DiagnosticSeverity, code: &str, message: String) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(code.into())),
        source: Some(SOURCE.into()),
        message,
        ..Default::default()
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Category, analyze};
    use std::str::FromStr;

    #[test]
    fn boilerplate_becomes_faded_hints_with_data() {
        let text = "Story — “quote”.\nDonate now\n";
        let rope = Rope::from_str(text);
        let mut analysis = analyze(text);
        analysis.boilerplate = vec![Verdict {
            block: 1,
            category: Category::Appeal,
            reason: "call to action".into(),
            outside: false,
            twin: Some(0),
        }];
        let uri = Uri::from_str("file:///a.txt").unwrap();
        let input = DiagnosticInput {
            uri: &uri,
            rope: &rope,
            text,
            analysis: &analysis,
            lossy: false,
            too_large: None,
            known_speaker: &|_| true,
        };
        let diags = diagnostics(&input, &Config::default(), Encoding::Utf16);
        assert_eq!(diags.len(), 1);
        let d = &diags[0];
        assert_eq!(
            d.range,
            Range::new(
                tower_lsp_server::ls_types::Position::new(1, 0),
                tower_lsp_server::ls_types::Position::new(1, 10)
            )
        );
        assert_eq!(d.severity, Some(DiagnosticSeverity::HINT));
        assert_eq!(d.tags, Some(vec![DiagnosticTag::UNNECESSARY]));
        assert_eq!(d.message, "Boilerplate (appeal): call to action");
        assert_eq!(
            d.related_information.as_ref().unwrap()[0]
                .location
                .range
                .end
                .character,
            16
        );
        assert_eq!(d.data.as_ref().unwrap()["bytes"], json!([23, 33]));
        let mut quiet = Config::default();
        quiet.boilerplate.enabled = false;
        assert!(diagnostics(&input, &quiet, Encoding::Utf16).is_empty());
    }

    #[test]
    fn lossy_files_point_at_the_first_bad_character() {
        let text = "ok\nca\u{FFFD}f\u{FFFD}";
        let rope = Rope::from_str(text);
        let analysis = analyze(text);
        let uri = Uri::from_str("file:///b.txt").unwrap();
        let input = DiagnosticInput {
            uri: &uri,
            rope: &rope,
            text,
            analysis: &analysis,
            lossy: true,
            too_large: None,
            known_speaker: &|_| true,
        };
        let mut config = Config::default();
        config.boilerplate.enabled = false;
        let diags = diagnostics(&input, &config, Encoding::Utf8);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].range.start,
            tower_lsp_server::ls_types::Position::new(1, 2)
        );
        assert_eq!(
            diags[0].range.end,
            tower_lsp_server::ls_types::Position::new(1, 5)
        );
        assert_eq!(diags[0].severity, Some(DiagnosticSeverity::WARNING));
    }
}
