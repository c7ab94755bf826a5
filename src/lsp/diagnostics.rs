//! Findings as LSP diagnostics: the conversion only (what is found is [`crate::ide::findings`],
//! which `newsls check` prints too).

use super::proto::lsp_range;
use crate::config::{Config, Severity};
use crate::ide::{Finding, FindingInput, findings};
use crate::text::Encoding;
use ropey::Rope;
use serde_json::json;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Uri,
};

/// The `source` of every diagnostic newsls publishes.
pub const SOURCE: &str = "newsls";

/// What diagnostics are computed from: one version of one document.
pub struct DiagnosticInput<'a> {
    pub uri: &'a Uri,
    pub rope: &'a Rope,
    pub findings: FindingInput<'a>,
}

/// All diagnostics for one document.
pub fn diagnostics(
    input: &DiagnosticInput,
    config: &Config,
    encoding: Encoding,
) -> Vec<Diagnostic> {
    findings(&input.findings, config)
        .into_iter()
        .map(|f| diagnostic(input, f, encoding))
        .collect()
}

/// One finding as a diagnostic; boilerplate is faded and carries its bytes for the actions.
fn diagnostic(input: &DiagnosticInput, finding: Finding, encoding: Encoding) -> Diagnostic {
    let range = |bytes| lsp_range(input.rope, bytes, encoding);
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .map(|(bytes, message)| DiagnosticRelatedInformation {
            location: Location::new(input.uri.clone(), range(bytes.clone())),
            message: (*message).into(),
        })
        .collect();
    let data = finding.boilerplate.map(|run| {
        json!({
            "kind": "boilerplate",
            "category": run.category,
            "bytes": [finding.range.start, finding.range.end],
            "blocks": run.blocks,
        })
    });
    Diagnostic {
        range: range(finding.range.clone()),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.into())),
        source: Some(SOURCE.into()),
        message: finding.message,
        related_information: (!related.is_empty()).then_some(related),
        tags: finding
            .boilerplate
            .map(|_| vec![DiagnosticTag::UNNECESSARY]),
        data,
        ..Default::default()
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
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
    use crate::analysis::{Category, Verdict, analyze};
    use std::str::FromStr;
    use tower_lsp_server::ls_types::{Position, Range};

    #[test]
    fn boilerplate_becomes_faded_hints_with_data() {
        let text = "Story — “quote”.\nDonate now\n";
        let rope = Rope::from_str(text);
        let mut analysis = analyze(text);
        analysis.layout.boilerplate = vec![Verdict {
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
            findings: FindingInput {
                text,
                layout: &analysis.layout,
                quotes: Some(&analysis.quotes),
                lossy: false,
                too_large: None,
                known_speaker: &|_| true,
            },
        };
        let diags = diagnostics(&input, &Config::default(), Encoding::Utf16);
        assert_eq!(diags.len(), 1);
        let d = &diags[0];
        assert_eq!(
            d.range,
            Range::new(Position::new(1, 0), Position::new(1, 10))
        );
        assert_eq!(d.severity, Some(DiagnosticSeverity::HINT));
        assert_eq!(d.tags, Some(vec![DiagnosticTag::UNNECESSARY]));
        assert_eq!(d.source.as_deref(), Some(SOURCE));
        assert_eq!(d.message, "Boilerplate (appeal): call to action");
        let related = &d.related_information.as_ref().unwrap()[0];
        assert_eq!(related.location.uri, uri);
        assert_eq!(related.location.range.end.character, 16, "UTF-16 units");
        assert_eq!(d.data.as_ref().unwrap()["bytes"], json!([23, 33]));
    }

    #[test]
    fn other_findings_are_not_faded() {
        let text = "ok\nca\u{FFFD}f";
        let rope = Rope::from_str(text);
        let analysis = analyze(text);
        let uri = Uri::from_str("file:///b.txt").unwrap();
        let input = DiagnosticInput {
            uri: &uri,
            rope: &rope,
            findings: FindingInput {
                text,
                layout: &analysis.layout,
                quotes: Some(&analysis.quotes),
                lossy: true,
                too_large: None,
                known_speaker: &|_| true,
            },
        };
        let mut config = Config::default();
        config.boilerplate.enabled = false;
        let diags = diagnostics(&input, &config, Encoding::Utf8);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].range,
            Range::new(Position::new(1, 2), Position::new(1, 5))
        );
        assert_eq!(diags[0].severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(diags[0].tags, None);
        assert_eq!(diags[0].data, None);
    }
}
