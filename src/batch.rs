//! `newsls batch`: JSON Lines of articles in, one article record per line out, in input order.
//!
//! Streams: lines are read in windows of [`WINDOW_LINES`] (at most [`WINDOW_BYTES`]), each
//! window is parsed and analysed in parallel, and its output written in order before the
//! next is read, so memory stays bounded whatever the input's length. A malformed line gives
//! an error line and the others go on.

use crate::dataset::{self, Options, Record, RecordError};
use crate::workspace::Corrections;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Lines analysed together; with `--site-templates`, the texts templates are found among.
pub const WINDOW_LINES: usize = 1000;
/// A window closes early once it holds this many bytes of input.
const WINDOW_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, clap::Args)]
pub struct BatchArgs {
    /// JSON Lines file, one article object per line; `-` or nothing for stdin.
    pub input: Option<PathBuf>,
    /// The field holding the article text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// The field copied to the output as `id` (null when a line has none).
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// Treat blocks shared by at least three texts of a window of 1000 lines as publisher
    /// templates (boilerplate). Sort the input by site for this; off by default, since the
    /// texts of a stream are usually unrelated.
    #[arg(long)]
    pub site_templates: bool,
    /// Settings file (default: newsls.toml in the current directory or its parents); its
    /// kept boilerplate blocks stay, as in `newsls strip`, and its entity corrections apply.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Runs `newsls batch`: status 1 when a line failed, 2 on a usage or I/O error.
pub fn run(args: &BatchArgs) -> ExitCode {
    let config = match crate::cli::load_config(args.config.as_deref()) {
        Ok(config) => config,
        Err(e) => return fail(&e.to_string()),
    };
    let corrections = Corrections::new(&config.entities.overrides);
    let options = Options {
        site_templates: args.site_templates,
        keep: Some(&config.boilerplate),
        corrections: Some(&corrections),
        max_bytes: usize::try_from(config.max_file_size).unwrap_or(usize::MAX),
    };
    let input: Box<dyn BufRead> = match args.input.as_deref() {
        None => Box::new(std::io::stdin().lock()),
        Some(path) if path.as_os_str() == "-" => Box::new(std::io::stdin().lock()),
        Some(path) => match std::fs::File::open(path) {
            Ok(file) => Box::new(std::io::BufReader::with_capacity(1 << 20, file)),
            Err(e) => return fail(&format!("{}: {e}", path.display())),
        },
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    match stream(input, &mut out, args, &options) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(2),
        Err(e) => fail(&e.to_string()),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("newsls: {message}");
    ExitCode::from(2)
}

/// Annotates every line of `input` onto `out`; returns how many lines failed.
fn stream(
    mut input: impl BufRead,
    out: &mut impl Write,
    args: &BatchArgs,
    options: &Options,
) -> std::io::Result<usize> {
    // JSON escapes take up to six bytes per byte of text (`\u00e9` for two bytes of "é").
    let max_line = options.max_bytes.saturating_mul(6).saturating_add(1 << 16);
    let progress = std::io::stderr().is_terminal().then(Instant::now);
    let (mut done, mut failed) = (0, 0);
    loop {
        let window = read_window(&mut input, max_line)?;
        if window.is_empty() {
            break;
        }
        let lines = window.len();
        for line in annotate_window(window, done + 1, args, options) {
            failed += usize::from(line.failed);
            out.write_all(line.json.as_bytes())?;
            out.write_all(b"\n")?;
        }
        done += lines;
        out.flush()?;
        if let Some(start) = progress {
            let rate = done as f64 / start.elapsed().as_secs_f64().max(1e-3);
            eprint!("\rnewsls batch: {done} lines, {failed} failed, {rate:.0} lines/s");
        }
    }
    if progress.is_some() {
        eprintln!();
    }
    Ok(failed)
}

/// One line as read: its bytes without the line break, or its length when over the limit.
enum Line {
    Bytes(Vec<u8>),
    TooLong(usize),
}

/// Up to [`WINDOW_LINES`] lines, fewer once [`WINDOW_BYTES`] are read; empty at the end.
fn read_window(input: &mut impl BufRead, max_line: usize) -> std::io::Result<Vec<Line>> {
    let mut window = Vec::new();
    let mut bytes = 0;
    while window.len() < WINDOW_LINES && bytes < WINDOW_BYTES {
        let Some(line) = read_line(input, max_line)? else {
            break;
        };
        bytes += match &line {
            Line::Bytes(b) => b.len(),
            Line::TooLong(_) => 0,
        };
        window.push(line);
    }
    Ok(window)
}

/// The next line, keeping at most `limit` bytes of it in memory; `None` at the end.
fn read_line(input: &mut impl BufRead, limit: usize) -> std::io::Result<Option<Line>> {
    let mut line = Vec::new();
    let mut total = 0;
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            if total == 0 {
                return Ok(None);
            }
            break;
        }
        let (take, end) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if total + take <= limit {
            line.extend_from_slice(&available[..take]);
        } else {
            line = Vec::new();
        }
        total += take;
        input.consume(take);
        if end {
            break;
        }
    }
    if total > limit {
        return Ok(Some(Line::TooLong(total)));
    }
    while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        line.pop();
    }
    Ok(Some(Line::Bytes(line)))
}

/// One output line and whether it reports an error.
struct Output {
    json: String,
    failed: bool,
}

/// The output lines of a window whose first line is line `first` of the input.
fn annotate_window(
    window: Vec<Line>,
    first: usize,
    args: &BatchArgs,
    options: &Options,
) -> Vec<Output> {
    use rayon::prelude::*;
    let parsed: Vec<Result<(Value, String), (Value, LineError)>> = window
        .into_par_iter()
        .map(|line| parse(line, args))
        .collect();
    let texts: Vec<&str> = parsed
        .iter()
        .filter_map(|p| p.as_ref().ok().map(|(_, text)| text.as_str()))
        .collect();
    let mut records = dataset::annotate(&texts, options).into_iter();
    // Records come in the order of the parsed lines: pair them up before going parallel.
    let results: Vec<(usize, Value, Result<Record, LineError>)> = parsed
        .into_iter()
        .enumerate()
        .map(|(i, p)| match p {
            Ok((id, _)) => {
                let record = records.next().expect("one record per text");
                (first + i, id, record.map_err(LineError::Record))
            }
            Err((id, error)) => (first + i, id, Err(error)),
        })
        .collect();
    results
        .into_par_iter()
        .map(|(line, id, result)| output(line, &id, result))
        .collect()
}

/// Why an input line has no record; its message is the `error` of its output line.
#[derive(Debug)]
enum LineError {
    TooLong(usize),
    NotUtf8,
    Empty,
    NotJson(serde_json::Error),
    NotAnObject,
    /// The text field holds something else than a string.
    TextNotString(String),
    NoText(String),
    Record(RecordError),
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::TooLong(n) => write!(f, "line is {n} bytes, too long"),
            LineError::NotUtf8 => write!(f, "not UTF-8"),
            LineError::Empty => write!(f, "empty line"),
            LineError::NotJson(e) => write!(f, "not JSON: {e}"),
            LineError::NotAnObject => write!(f, "not a JSON object"),
            LineError::TextNotString(field) => write!(f, "field {field:?} is not a string"),
            LineError::NoText(field) => write!(f, "no {field:?} field"),
            LineError::Record(e) => e.fmt(f),
        }
    }
}

/// The id and text of a line, or the id (when readable) and what is wrong with it.
fn parse(line: Line, args: &BatchArgs) -> Result<(Value, String), (Value, LineError)> {
    let bytes = match line {
        Line::Bytes(bytes) => bytes,
        Line::TooLong(n) => return Err((Value::Null, LineError::TooLong(n))),
    };
    let text = String::from_utf8(bytes).map_err(|_| (Value::Null, LineError::NotUtf8))?;
    if text.trim().is_empty() {
        return Err((Value::Null, LineError::Empty));
    }
    let mut object: Map<String, Value> = match serde_json::from_str(&text) {
        Ok(Value::Object(object)) => object,
        Ok(_) => return Err((Value::Null, LineError::NotAnObject)),
        Err(e) => return Err((Value::Null, LineError::NotJson(e))),
    };
    let id = object.remove(&args.id_field).unwrap_or(Value::Null);
    match object.remove(&args.text_field) {
        Some(Value::String(text)) => Ok((id, text)),
        Some(_) => Err((id, LineError::TextNotString(args.text_field.clone()))),
        None => Err((id, LineError::NoText(args.text_field.clone()))),
    }
}

/// The record with its id, or `{"line", "id", "error"}`.
fn output(line: usize, id: &Value, result: Result<Record, LineError>) -> Output {
    #[derive(Serialize)]
    struct WithId<'a> {
        id: &'a Value,
        #[serde(flatten)]
        record: &'a Record,
    }
    let error = |error: &dyn std::fmt::Display| {
        let mut json = json!({"line": line, "error": error.to_string()});
        if !id.is_null() {
            json["id"] = id.clone();
        }
        Output {
            json: json.to_string(),
            failed: true,
        }
    };
    match result {
        Ok(record) => match serde_json::to_string(&WithId {
            id,
            record: &record,
        }) {
            Ok(json) => Output {
                json,
                failed: false,
            },
            Err(e) => error(&e),
        },
        Err(e) => error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, limit: usize) -> Vec<Result<String, usize>> {
        let mut input = input.as_bytes();
        let mut out = Vec::new();
        while let Some(line) = read_line(&mut input, limit).unwrap() {
            out.push(match line {
                Line::Bytes(b) => Ok(String::from_utf8(b).unwrap()),
                Line::TooLong(n) => Err(n),
            });
        }
        out
    }

    #[test]
    fn lines_end_at_newlines_and_long_ones_are_measured_not_kept() {
        assert_eq!(
            lines("a\r\nbb\n\nc", 10),
            [
                Ok("a".into()),
                Ok("bb".into()),
                Ok("".into()),
                Ok("c".into())
            ]
        );
        assert_eq!(
            lines("short\nway too long\nok\n", 6),
            [Ok("short".into()), Err(13), Ok("ok".into())]
        );
        assert!(lines("", 10).is_empty());
    }
}
