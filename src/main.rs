use clap::{Parser, Subcommand, ValueEnum};
use newsls::cli::{self, ExportFormat, Format, Inputs};
use newsls::config::Severity;
use newsls::text::Encoding;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// The exit statuses, shown under every command's `--help`.
const EXIT_CODES: &str = "\
Exit status:
  0  success; files skipped while walking a directory (binary, over maxFileSize;
     for strip --out, no article text left) are named on stderr and do not change it
  1  check: a finding at --fail-on severity or worse;
     export: invalid citation tags (none are exported without --lenient);
     batch: a line could not be annotated (its output line says why);
     serve: the input ended, or `exit` came, without a `shutdown` first
  2  bad usage or settings; a path that does not exist or holds no news files;
     a file named on the command line that cannot be read or is skipped;
     input or output that cannot be read or written";

/// A language server and command-line tool for annotating scraped news articles.
#[derive(Parser)]
#[command(version, about, long_about = None, after_help = EXIT_CODES)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server on stdin/stdout (the default with no command).
    #[command(after_help = EXIT_CODES)]
    Serve,
    /// Report what the server would report for files and directories.
    #[command(after_help = EXIT_CODES)]
    Check {
        #[command(flatten)]
        inputs: InputArgs,
        /// Output: text for people, json for programs (an array with an object per file).
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Exit with status 1 when a finding at this severity or worse is reported.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
    },
    /// Print the article text with boilerplate removed.
    #[command(after_help = EXIT_CODES)]
    Strip {
        /// Files or directories (walked for news files; needs --out).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write each stripped file into DIR instead of printing it: a named file under its
        /// own name, a directory's files under their paths relative to it. Never overwrites
        /// an input. A file with no article text left is skipped (named on stderr), not
        /// written empty.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Settings file (default: newsls.toml in the current directory or its parents).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// List the quotations and their speakers.
    #[command(after_help = EXIT_CODES)]
    Quotes {
        #[command(flatten)]
        inputs: InputArgs,
        /// Output: text for people, json for programs (an array with an object per file).
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
    /// Write the annotations of files and directories: the citation tags as JSON Lines, or
    /// every entity, quote, boilerplate block and cite in a stand-off format.
    ///
    /// Stand-off offsets count code points of the article as it was before tagging: the
    /// file's text with its citation tags (and a `<source/>` header line) removed. The spans
    /// format carries that text; brat and w3c write a `.txt` copy of it beside each
    /// annotation file. Invalid tags (an impossible date, an unclosed `<cite>`, …) are
    /// listed on stderr as FILE:LINE:COLUMN: message, and nothing is exported unless
    /// --lenient is given. Files that are not valid UTF-8 are skipped (status 2).
    #[command(after_help = EXIT_CODES)]
    Export {
        #[command(flatten)]
        inputs: InputArgs,
        /// cites: a JSON line per `<cite>`; spans: a JSON line per article with code-point
        /// spans (spaCy, Prodigy, Label Studio); brat: NAME.ann beside NAME.txt, and
        /// annotation.conf (brat, INCEpTION); w3c: NAME.jsonld (W3C Web Annotation) beside
        /// NAME.txt.
        #[arg(long, value_enum, default_value_t = ExportArg::Cites)]
        format: ExportArg,
        /// Write into DIR (needed by brat and w3c; cites and spans go to DIR/FORMAT.jsonl
        /// instead of stdout). Files keep their paths relative to the folder they were
        /// found in (with several inputs, to their common folder); an input is never
        /// overwritten, and DIR inside an input folder is not read.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Export the valid cites anyway, leaving out those with an error in their tag.
        #[arg(long)]
        lenient: bool,
    },
    /// Wrap every uncited quote whose speaker is known in a `<cite>` tag, in place.
    ///
    /// The editor's "Cite all quotes" for files. Each file is replaced through a temporary
    /// file renamed over it, so an error never leaves a truncated article; files that are
    /// not valid UTF-8, binary or over maxFileSize are refused.
    #[command(after_help = EXIT_CODES)]
    Cite {
        /// Files or directories (walked for news files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print a unified diff of the changes and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Cite only quotes whose speaker confidence is at least X (0 to 1; as in `newsls
        /// quotes`: 0.9 a speaker next to the quote, 0.75 in its sentence, 0.55 carried over).
        #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = confidence)]
        min_confidence: f32,
        /// Settings file (default: newsls.toml in the current directory or its parents).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Annotate JSON Lines of articles: one article record per input line, in order.
    #[command(after_help = EXIT_CODES)]
    Batch(newsls::batch::BatchArgs),
    /// List the named entities of files and directories.
    #[command(after_help = EXIT_CODES)]
    Entities {
        #[command(flatten)]
        inputs: InputArgs,
        /// Output: text for people, json for programs (an array with an object per file).
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
}

#[derive(clap::Args)]
struct InputArgs {
    /// Files or directories (walked for news files).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Unit of the `character` of positions in the output.
    #[arg(long, value_enum, default_value_t = EncodingArg::Utf16)]
    position_encoding: EncodingArg,
    /// Settings file (default: newsls.toml in the current directory or its parents).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// One line per finding, for people.
    Text,
    /// One JSON array, for programs.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportArg {
    Cites,
    Spans,
    Brat,
    W3c,
}

/// A confidence in 0..=1.
fn confidence(value: &str) -> Result<f32, NotAConfidence> {
    match value.parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(NotAConfidence(value.to_string())),
    }
}

/// A `--min-confidence` that is not a number from 0 to 1.
#[derive(Debug)]
struct NotAConfidence(String);

impl std::fmt::Display for NotAConfidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a number from 0 to 1", self.0)
    }
}

impl std::error::Error for NotAConfidence {}

#[derive(Clone, Copy, ValueEnum)]
enum EncodingArg {
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "utf-16")]
    Utf16,
    #[value(name = "utf-32")]
    Utf32,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Information,
    Hint,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            if std::io::stdin().is_terminal() {
                eprintln!(
                    "newsls: language server on stdin/stdout; run `newsls --help` for commands"
                );
            }
            serve()
        }
        Command::Check {
            inputs,
            format,
            fail_on,
        } => {
            let fail_on = fail_on.map(|f| match f {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Information => Severity::Information,
                FailOn::Hint => Severity::Hint,
            });
            run(inputs, |inputs| cli::check(inputs, format.into(), fail_on))
        }
        Command::Strip { paths, out, config } => {
            cli::strip(paths, out.as_deref(), config.as_deref())
        }
        Command::Quotes { inputs, format } => {
            run(inputs, |inputs| cli::quotes(inputs, format.into()))
        }
        Command::Export {
            inputs,
            format,
            out,
            lenient,
        } => {
            let format = match format {
                ExportArg::Cites => ExportFormat::Cites,
                ExportArg::Spans => ExportFormat::Spans,
                ExportArg::Brat => ExportFormat::Brat,
                ExportArg::W3c => ExportFormat::W3c,
            };
            run(inputs, |inputs| {
                cli::export(inputs, format, out.as_deref(), lenient)
            })
        }
        Command::Cite {
            paths,
            dry_run,
            min_confidence,
            config,
        } => {
            let args = InputArgs {
                paths,
                position_encoding: EncodingArg::Utf8,
                config,
            };
            run(args, |inputs| cli::cite(inputs, dry_run, min_confidence))
        }
        Command::Batch(args) => newsls::batch::run(&args),
        Command::Entities { inputs, format } => {
            run(inputs, |inputs| cli::entities(inputs, format.into()))
        }
    }
}

fn run(args: InputArgs, command: impl FnOnce(&Inputs) -> ExitCode) -> ExitCode {
    let encoding = match args.position_encoding {
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Utf16 => Encoding::Utf16,
        EncodingArg::Utf32 => Encoding::Utf32,
    };
    match Inputs::new(args.paths, encoding, args.config.as_deref()) {
        // Every path was missing or held no news files, and each was reported: no summary
        // of nothing follows the error.
        Ok(inputs) if inputs.files.is_empty() => ExitCode::from(2),
        Ok(inputs) => command(&inputs),
        Err(e) => {
            eprintln!("newsls: {e}");
            ExitCode::from(2)
        }
    }
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
        }
    }
}

fn serve() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NEWSLS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("newsls: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(newsls::lsp::serve_stdio());
    // Background tasks (indexing) must not keep the process alive after `exit`.
    runtime.shutdown_background();
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
