//! The workspace overview: for a file that is not open, only the findings that need a
//! decision (uncited quotes with a confident speaker, citation tag errors, unknown
//! speakers), all at the severity the user chose for the overview. Boilerplate stays a
//! faded hint of the open file.

use super::findings::{Finding, FindingInput, tag_findings, uncited_quotes};
use crate::config::Severity;

/// The overview findings of one file, in text order, at `severity`.
pub fn overview_findings(input: &FindingInput, severity: Severity) -> Vec<Finding> {
    let mut out: Vec<Finding> = tag_findings(input)
        .into_iter()
        .chain(uncited_quotes(input, severity))
        .map(|mut f| {
            f.severity = severity;
            f
        })
        .collect();
    out.sort_by_key(|f| (f.range.start, f.range.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::ide::findings::UNCITED_QUOTE;

    #[test]
    fn only_decisions_are_listed_at_the_overview_severity() {
        let text = "Donate now to support us!\n\
                    “We will respond,” Sergei Lavrov said.\n\
                    <cite speaker=\"Nobody\">“Fine,”</cite> he said. <cite>\n";
        let analysis = analyze(text);
        let input = FindingInput {
            text,
            layout: &analysis.layout,
            quotes: Some(&analysis.quotes),
            lossy: false,
            too_large: None,
            known_speaker: &|_| false,
        };
        let found = overview_findings(&input, Severity::Warning);
        let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
        assert!(codes.contains(&UNCITED_QUOTE), "{codes:?}");
        assert!(codes.contains(&"unknown-speaker"), "{codes:?}");
        assert!(codes.iter().any(|c| c.starts_with("tag-")), "{codes:?}");
        assert!(found.iter().all(|f| f.boilerplate.is_none()));
        assert!(found.iter().all(|f| f.severity == Severity::Warning));
        let starts: Vec<usize> = found.iter().map(|f| f.range.start).collect();
        assert!(starts.is_sorted(), "{starts:?}");
    }
}
