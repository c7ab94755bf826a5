use clap::{Parser, Subcommand, ValueEnum};
use newsls::cli::{self, Format, Inputs};
use newsls::config::Severity;
use newsls::text::Encoding;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// The exit statuses, shown under every command's `--help`.
const EXIT_CODES: &str = "\
Exit status:
  0  success; files skipped while walking a directory (binary, over maxFileSize)
     are named on stderr and do not change it
  1  check: a finding at --fail-on severity or worse;
     export: invalid citation tags (none are exported without --lenient)
  2  bad usage or settings; a path that does not exist or holds no news files;
     a file named on the command line that cannot be read or is skipped
     (binary, over maxFileSize); output that cannot be written";

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
        /// an input.
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
    /// Write the citation tags of files and directories as JSON Lines.
    ///
    /// Invalid tags (an impossible date, an unclosed `<cite>`, …) are listed on stderr as
    /// FILE:LINE:COLUMN: message, and nothing is exported unless --lenient is given.
    #[command(after_help = EXIT_CODES)]
    Export {
        #[command(flatten)]
        inputs: InputArgs,
        /// Export the valid cites anyway, leaving out those with an error in their tag.
        #[arg(long)]
        lenient: bool,
    },
    /// Annotate JSON Lines of articles: one article record per input line, in order.
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
        Command::Export { inputs, lenient } => run(inputs, |inputs| cli::export(inputs, lenient)),
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
