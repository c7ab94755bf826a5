//! `newsls check`: the engine's findings of every file, as text lines or as JSON in the
//! shape of LSP diagnostics (what the server would publish).

use super::{Format, Inputs};
use crate::config::Severity;
use crate::ide::{Finding, FindingInput, findings};
use crate::text::{Encoding, count};
use crate::workspace::FileEntry;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Prints the findings of every file; status 1 when one is at least `fail_on` severe.
pub fn check(inputs: &Inputs, format: Format, fail_on: Option<Severity>) -> ExitCode {
    let (entries, failed) = inputs.analyse();
    let known = crate::export::known_entities(entries.par_iter().map(|(_, e)| e));
    let reports: Vec<(&Path, &FileEntry, Vec<Finding>)> = entries
        .par_iter()
        .map(|(path, entry)| (*path, entry, file_findings(entry, inputs, &known)))
        .collect();
    let failing = fail_on.is_some_and(|limit| {
        reports
            .iter()
            .flat_map(|(_, _, found)| found)
            .any(|f| rank(f.severity) <= rank(limit))
    });
    // Buffered: the JSON is written in pieces, a system call each without it.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match format {
        Format::Json => {
            let json: Vec<Value> = reports
                .iter()
                .map(|(path, entry, found)| file_json(path, entry, found, inputs.encoding))
                .collect();
            writeln!(out, "{}", Value::Array(json))
        }
        Format::Text => write_text(&mut out, &reports, inputs.encoding),
    };
    if written.and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    inputs.status(failed, failing)
}

fn file_findings(entry: &FileEntry, inputs: &Inputs, known: &HashSet<String>) -> Vec<Finding> {
    let known_speaker = |name: &str| {
        crate::export::speaker_id(name, known).is_some()
            || crate::export::named_in(&entry.analysis, name)
    };
    findings(&FindingInput::new(entry, &known_speaker), &inputs.config)
}

fn write_text(
    out: &mut impl Write,
    reports: &[(&Path, &FileEntry, Vec<Finding>)],
    encoding: Encoding,
) -> std::io::Result<()> {
    let mut total = 0;
    for (path, entry, found) in reports {
        for f in found {
            let at = entry.range(f.range.clone(), encoding).start;
            writeln!(
                out,
                "{}:{}:{}: {} [{}] {}",
                path.display(),
                at.line + 1,
                at.character + 1,
                name(f.severity),
                f.code,
                f.message
            )?;
            total += 1;
        }
    }
    writeln!(
        out,
        "{} in {}",
        count(total, "finding"),
        count(reports.len(), "file")
    )
}

/// `{"path", "diagnostics": [...]}` with each finding shaped as an LSP diagnostic, so tools
/// written against the server's output read it too.
fn file_json(path: &Path, entry: &FileEntry, found: &[Finding], encoding: Encoding) -> Value {
    let uri = file_uri(path);
    let diagnostics: Vec<Value> = found
        .iter()
        .map(|f| {
            let mut d = json!({
                "range": entry.range(f.range.clone(), encoding),
                "severity": rank(f.severity),
                "code": f.code,
                "source": "newsls",
                "message": f.message,
            });
            if !f.related.is_empty() {
                d["relatedInformation"] = f
                    .related
                    .iter()
                    .map(|(bytes, message)| {
                        json!({
                            "location": {"uri": uri, "range": entry.range(bytes.clone(), encoding)},
                            "message": message,
                        })
                    })
                    .collect();
            }
            if let Some(run) = f.boilerplate {
                d["tags"] = json!([1]);
                d["data"] = json!({
                    "kind": "boilerplate",
                    "category": run.category,
                    "bytes": [f.range.start, f.range.end],
                    "blocks": run.blocks,
                });
            }
            d
        })
        .collect();
    json!({"path": path.display().to_string(), "diagnostics": diagnostics})
}

/// A `file://` URI of a path, made absolute (related locations point into the same file).
fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    url_path(&absolute.to_string_lossy())
}

/// `file://` and the path with the bytes a URI path may not hold percent-encoded.
fn url_path(path: &str) -> String {
    let mut out = String::from("file://");
    if !path.starts_with('/') {
        out.push('/');
    }
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' | b':' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// LSP's numbering: 1 = error … 4 = hint.
fn rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Information => 3,
        Severity::Hint => 4,
    }
}

fn name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information => "info",
        Severity::Hint => "hint",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_percent_encode_what_a_path_may_not_hold() {
        assert_eq!(url_path("/ws/a b/é.txt"), "file:///ws/a%20b/%C3%A9.txt");
        assert_eq!(url_path("C:\\ws\\a.txt"), "file:///C:/ws/a.txt");
    }
}
