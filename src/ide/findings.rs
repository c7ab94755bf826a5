//! What newsls reports about one document: boilerplate runs, malformed citation tags,
//! cites of unknown speakers, uncited quotes with a confident speaker, undecodable bytes,
//! files too large to analyse. Byte ranges and
//! plain values; the server makes diagnostics of them and `newsls check` prints them, so both
//! always report the same findings.

use super::hints::SURE;
use crate::analysis::boilerplate::{dominant, runs};
use crate::analysis::citation::TagErrorKind;
use crate::analysis::quotes::QuoteKind;
use crate::analysis::{Layout, Quote, Verdict};
use crate::cite::{confidence, is_cited};
use crate::config::{Config, Severity};
use crate::workspace::FileEntry;
use std::ops::Range;

/// What findings are computed from: one version of one document.
pub struct FindingInput<'a> {
    pub text: &'a str,
    pub layout: &'a Layout,
    /// The quotes of the full analysis. A layout has not looked for any: it passes those of
    /// the latest full analysis that the edits since left alone
    /// ([`crate::analysis::quotes::carried_over`]), or `None` when there is none to go by
    /// (then it reports no uncited quotes: the full analysis does).
    pub quotes: Option<&'a [Quote]>,
    /// The file was decoded lossily.
    pub lossy: bool,
    /// The file was too large to analyse: its size in bytes.
    pub too_large: Option<u64>,
    /// Whether a cite's speaker names an entity the workspace knows.
    pub known_speaker: &'a dyn Fn(&str) -> bool,
}

impl<'a> FindingInput<'a> {
    /// The input for an analysed file.
    pub fn new(entry: &'a FileEntry, known_speaker: &'a dyn Fn(&str) -> bool) -> FindingInput<'a> {
        FindingInput {
            text: &entry.text,
            layout: &entry.analysis.layout,
            quotes: Some(&entry.analysis.quotes),
            lossy: entry.lossy,
            too_large: None,
            known_speaker,
        }
    }
}

/// One finding, in byte offsets of the document's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub range: Range<usize>,
    pub severity: Severity,
    /// A stable name of the kind of finding (`appeal`, `tag-unclosed`, `unknown-speaker` …).
    pub code: &'static str,
    pub message: String,
    /// Other places of the same document it refers to, each with why.
    pub related: Vec<(Range<usize>, &'static str)>,
    /// A boilerplate run: text a reader may skip (editors fade it).
    pub boilerplate: Option<BoilerplateRun>,
}

/// What a boilerplate finding covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoilerplateRun {
    /// The dominant category, also the finding's code.
    pub category: &'static str,
    pub blocks: usize,
}

/// The code of the warning on files that are not valid UTF-8.
pub const INVALID_UTF8: &str = "invalid-utf8";

/// The code of an uncited quotation whose speaker newsls is sure of.
pub const UNCITED_QUOTE: &str = "uncited-quote";

/// At most this many "the same text appears here" links on one finding.
const MAX_RELATED: usize = 3;

/// All findings of one document, in this order: undecodable bytes, too large, tags,
/// uncited quotes, then boilerplate (unless turned off).
pub fn findings(input: &FindingInput, config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    if input.lossy {
        out.push(lossy(input.text));
    }
    if let Some(size) = input.too_large {
        out.push(plain(
            0..0,
            Severity::Information,
            "too-large",
            format!(
                "Not analysed: {size} bytes is over the {}-byte limit (setting maxFileSize).",
                config.max_file_size
            ),
        ));
    }
    out.extend(tag_findings(input));
    out.extend(uncited_quotes(input, config.overview.severity));
    let severity = config.boilerplate.severity;
    out.extend(
        boilerplate_runs(input.text, input.layout, config)
            .iter()
            .map(|run| boilerplate(input.layout, run, severity)),
    );
    out
}

/// The runs of consecutive boilerplate blocks the user is shown: none when boilerplate is
/// turned off, and never a block the user kept. Findings, folds and actions all start here.
pub fn boilerplate_runs<'a>(
    text: &str,
    layout: &'a Layout,
    config: &Config,
) -> Vec<Vec<&'a Verdict>> {
    if !config.boilerplate.enabled {
        return Vec::new();
    }
    let junk = layout.boilerplate.iter().filter(|v| {
        !config
            .boilerplate
            .is_kept(layout.blocks[v.block].text(text))
    });
    runs(junk)
}

/// One finding for a run of consecutive boilerplate blocks, named by its dominant category
/// (see [`runs`]).
fn boilerplate(layout: &Layout, run: &[&Verdict], severity: Severity) -> Finding {
    let blocks = &layout.blocks;
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
    let related = run
        .iter()
        .filter_map(|v| v.twin)
        .take(MAX_RELATED)
        .map(|twin| (blocks[twin].range.clone(), "The same text appears here"))
        .collect();
    Finding {
        range,
        severity,
        code: category,
        message,
        related,
        boilerplate: Some(BoilerplateRun {
            category,
            blocks: run.len(),
        }),
    }
}

/// Malformed citation tags, and cites whose speaker no entity of the workspace matches.
pub(super) fn tag_findings(input: &FindingInput) -> Vec<Finding> {
    let citations = &input.layout.citations;
    let errors = citations.errors.iter().map(|e| {
        plain(
            e.range.clone(),
            Severity::Error,
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
            speaker.value_range.clone(),
            Severity::Warning,
            "unknown-speaker",
            format!(
                "Speaker \"{}\" is not a person or organization named in the workspace",
                speaker.value
            ),
        ))
    });
    errors.chain(unknown).collect()
}

/// Quotations without a `<cite>` whose speaker is sure enough to cite them as they stand:
/// a decision for the user (cite, or correct the speaker). None from a layout.
pub(super) fn uncited_quotes<'a>(
    input: &FindingInput<'a>,
    severity: Severity,
) -> impl Iterator<Item = Finding> + 'a {
    let citations = &input.layout.citations;
    input
        .quotes
        .unwrap_or_default()
        .iter()
        .filter(|q| !is_cited(citations, q))
        .filter(|q| q.kind != QuoteKind::Scare && confidence(q) >= SURE)
        .filter_map(move |q| {
            let speaker = q.speaker.as_ref()?;
            Some(plain(
                q.range.clone(),
                severity,
                UNCITED_QUOTE,
                format!("Quote of {} without a citation", speaker.name),
            ))
        })
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

/// The warning on a lossily decoded file, at its first replacement character.
fn lossy(text: &str) -> Finding {
    let start = text.find(char::REPLACEMENT_CHARACTER).unwrap_or(0);
    let end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    plain(
        start..end,
        Severity::Warning,
        INVALID_UTF8,
        "This file is not valid UTF-8: invalid bytes are shown as U+FFFD (\u{FFFD}).".into(),
    )
}

fn plain(range: Range<usize>, severity: Severity, code: &'static str, message: String) -> Finding {
    Finding {
        range,
        severity,
        code,
        message,
        related: Vec::new(),
        boilerplate: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, Category, analyze};

    fn input<'a>(text: &'a str, analysis: &'a Analysis, lossy: bool) -> FindingInput<'a> {
        FindingInput {
            text,
            layout: &analysis.layout,
            quotes: Some(&analysis.quotes),
            lossy,
            too_large: None,
            known_speaker: &|name| name == "Known",
        }
    }

    #[test]
    fn a_boilerplate_run_is_one_finding_with_its_twin() {
        let text = "Story — “quote”.\nDonate now\n";
        let mut analysis = analyze(text);
        analysis.layout.boilerplate = vec![Verdict {
            block: 1,
            category: Category::Appeal,
            reason: "call to action".into(),
            outside: false,
            twin: Some(0),
        }];
        let found = findings(&input(text, &analysis, false), &Config::default());
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!(&text[f.range.clone()], "Donate now");
        assert_eq!(f.severity, Severity::Hint);
        assert_eq!(f.code, "appeal");
        assert_eq!(f.message, "Boilerplate (appeal): call to action");
        assert_eq!(f.related, vec![(0..22, "The same text appears here")]);
        assert_eq!(
            f.boilerplate,
            Some(BoilerplateRun {
                category: "appeal",
                blocks: 1
            })
        );
        let mut off = Config::default();
        off.boilerplate.enabled = false;
        assert!(findings(&input(text, &analysis, false), &off).is_empty());
    }

    #[test]
    fn lossy_text_is_flagged_at_its_first_replacement_character() {
        let text = "ok\nca\u{FFFD}f\u{FFFD}";
        let analysis = analyze(text);
        let mut config = Config::default();
        config.boilerplate.enabled = false;
        let found = findings(&input(text, &analysis, true), &config);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, INVALID_UTF8);
        assert_eq!(&text[found[0].range.clone()], "\u{FFFD}");
    }

    #[test]
    fn uncited_quotes_with_a_sure_speaker_are_found_at_the_overview_severity() {
        let text = "“We will respond,” Sergei Lavrov said. Critics called it a “plan”.\n\
                    <cite speaker=\"Known\">“Done,”</cite> Known said.\n";
        let analysis = analyze(text);
        let mut config = Config::default();
        config.boilerplate.enabled = false;
        let found = findings(&input(text, &analysis, false), &config);
        let uncited: Vec<&Finding> = found.iter().filter(|f| f.code == UNCITED_QUOTE).collect();
        assert_eq!(uncited.len(), 1, "{found:?}");
        assert_eq!(&text[uncited[0].range.clone()], "“We will respond,”");
        assert_eq!(uncited[0].severity, Severity::Information);
        assert_eq!(
            uncited[0].message,
            "Quote of Sergei Lavrov without a citation"
        );
        config.overview.severity = Severity::Warning;
        let found = findings(&input(text, &analysis, false), &config);
        let warning = found.iter().find(|f| f.code == UNCITED_QUOTE).unwrap();
        assert_eq!(warning.severity, Severity::Warning);
    }

    #[test]
    fn a_layout_without_quotes_reports_no_uncited_quote() {
        let text = "“We will respond,” Sergei Lavrov said.\n";
        let analysis = analyze(text);
        let config = Config::default();
        let uncited = |input: &FindingInput| {
            let found = findings(input, &config);
            found.iter().filter(|f| f.code == UNCITED_QUOTE).count()
        };
        let full = input(text, &analysis, false);
        assert_eq!(uncited(&full), 1);
        let layout = FindingInput {
            quotes: None,
            ..full
        };
        assert_eq!(uncited(&layout), 0);
    }

    #[test]
    fn cites_of_unknown_speakers_and_broken_tags_are_found() {
        let text =
            "<cite speaker=\"Known\">“A.”</cite> <cite speaker=\"Nobody\">“B.”</cite> <cite>";
        let analysis = analyze(text);
        let found = findings(&input(text, &analysis, false), &Config::default());
        let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
        assert!(codes.contains(&"unknown-speaker"), "{codes:?}");
        assert!(codes.iter().any(|c| c.starts_with("tag-")), "{codes:?}");
        let unknown = found.iter().find(|f| f.code == "unknown-speaker").unwrap();
        assert_eq!(&text[unknown.range.clone()], "Nobody");
        assert_eq!(unknown.severity, Severity::Warning);
    }
}
