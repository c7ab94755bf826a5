//! End to end: the command-line tool on the bundled seed articles.

mod common;

use common::{bin, fixtures, temp_dir};
use serde_json::Value;
use std::process::{Command, Output};

fn newsls(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().expect("run newsls")
}

fn seeds_dir() -> String {
    fixtures().join("seeds").display().to_string()
}

#[test]
fn check_walks_directories_in_text_and_json() {
    let text = newsls(&["check", &seeds_dir()]);
    assert_eq!(text.status.code(), Some(0));
    let stdout = String::from_utf8(text.stdout).unwrap();
    assert!(stdout.trim_end().ends_with("in 5 files"), "{stdout}");

    let json = newsls(&["check", "--format", "json", &seeds_dir()]);
    assert_eq!(json.status.code(), Some(0));
    let reports: Value = serde_json::from_slice(&json.stdout).unwrap();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 5);
    for report in reports {
        assert!(report["path"].as_str().unwrap().ends_with(".txt"));
        assert!(report["diagnostics"].is_array());
    }
}

#[test]
fn check_reports_invalid_utf8_in_each_encoding() {
    let dir = temp_dir("cli-lossy");
    std::fs::write(
        dir.join("bad.txt"),
        b"Em \xE2\x80\x94 dash then \xFF bad byte.\n",
    )
    .unwrap();
    for (encoding, character) in [("utf-8", 17), ("utf-16", 15), ("utf-32", 15)] {
        let out = newsls(&[
            "check",
            "--format",
            "json",
            "--position-encoding",
            encoding,
            &dir.display().to_string(),
        ]);
        let reports: Value = serde_json::from_slice(&out.stdout).unwrap();
        let diag = &reports[0]["diagnostics"][0];
        assert_eq!(diag["code"], "invalid-utf8");
        assert_eq!(diag["range"]["start"]["character"], character, "{encoding}");
    }
    let failing = newsls(&["check", "--fail-on", "warning", &dir.display().to_string()]);
    assert_eq!(failing.status.code(), Some(1));
    let passing = newsls(&["check", "--fail-on", "error", &dir.display().to_string()]);
    assert_eq!(passing.status.code(), Some(0));
}

#[test]
fn bad_usage_and_missing_paths_exit_2() {
    let missing = newsls(&["check", "/definitely/not/here.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
    assert_eq!(newsls(&["check"]).status.code(), Some(2));
    assert_eq!(newsls(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        newsls(&["check", "--position-encoding", "latin1", "x"])
            .status
            .code(),
        Some(2)
    );
    let version = newsls(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("newsls "));
}

#[test]
fn invalid_settings_file_is_a_clear_error() {
    let dir = temp_dir("cli-config");
    let config = dir.join("bad.toml");
    std::fs::write(&config, "include = [\"[\"]\n").unwrap();
    let out = newsls(&[
        "check",
        "--config",
        &config.display().to_string(),
        &seeds_dir(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid glob"));
}

#[test]
fn strip_prints_one_file_or_writes_many() {
    let seed = fixtures().join("seeds/000_a66d8d7f1149ab9a.txt");
    let out = newsls(&["strip", &seed.display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    let stripped = String::from_utf8(out.stdout).unwrap();
    assert!(stripped.starts_with("North Korean leader Kim Jong Il"));

    let dir = temp_dir("cli-strip");
    let seeds: Vec<String> = std::fs::read_dir(fixtures().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    let mut args = vec!["strip", "--out"];
    let out_dir = dir.display().to_string();
    args.push(&out_dir);
    args.extend(seeds.iter().map(String::as_str));
    assert_eq!(newsls(&args).status.code(), Some(0));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 5);
    let two: Vec<&str> = vec!["strip", &seeds[0], &seeds[1]];
    assert_eq!(newsls(&two).status.code(), Some(2));
}

#[test]
fn entities_json_follows_the_contract() {
    let out = newsls(&[
        "entities",
        "--format",
        "json",
        "--position-encoding",
        "utf-32",
        &seeds_dir(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let files: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = files.as_array().unwrap();
    assert_eq!(files.len(), 5);
    for file in files {
        let text = std::fs::read_to_string(file["path"].as_str().unwrap()).unwrap();
        let lines: Vec<&str> = text.split('\n').collect();
        for entity in file["entities"].as_array().unwrap() {
            assert!(entity["id"].as_str().unwrap().contains(':'));
            assert!(
                ["person", "organization", "place", "other"]
                    .contains(&entity["kind"].as_str().unwrap())
            );
            for mention in entity["mentions"].as_array().unwrap() {
                let start = &mention["range"]["start"];
                let end = &mention["range"]["end"];
                assert_eq!(start["line"], end["line"]);
                let line: Vec<char> = lines[start["line"].as_u64().unwrap() as usize]
                    .chars()
                    .collect();
                let (a, b) = (
                    start["character"].as_u64().unwrap() as usize,
                    end["character"].as_u64().unwrap() as usize,
                );
                let covered: String = line[a..b].iter().collect();
                assert_eq!(covered, mention["text"].as_str().unwrap());
            }
        }
    }
}

#[test]
fn every_kim_is_the_right_kim() {
    let out = newsls(&["entities", "--format", "json", &seeds_dir()]);
    let files: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut seen = Vec::new();
    for file in files.as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for entity in file["entities"].as_array().unwrap() {
            for mention in entity["mentions"].as_array().unwrap() {
                if mention["text"] == "Kim" {
                    let line = lines[mention["range"]["start"]["line"].as_u64().unwrap() as usize];
                    seen.push((
                        path.rsplit('/').next().unwrap()[..3].to_string(),
                        line.to_string(),
                        entity["name"].clone(),
                    ));
                }
            }
        }
    }
    // 2011 articles speak of Kim Jong Il; 2018-2019 ones of Kim Jong Un, except where the
    // text has just named his father.
    for (seed, line, name) in &seen {
        let expected = match seed.as_str() {
            "002" => "Kim Jong Il",
            "004" if line.contains("then-leader Kim Jong Il") => "Kim Jong Il",
            _ => "Kim Jong Un",
        };
        assert_eq!(name, expected, "{seed}: {line}");
    }
    assert!(seen.len() > 20);
    let ids: Vec<String> = files
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            f["entities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(
        ids.contains(&"person:kim-sung-hwan".to_string()),
        "the South Korean minister stays apart"
    );
}

/// A short article of our own with one attributed quotation.
const QUOTED: &str = "Talks resumed in Geneva on Monday after a week of delays.\n\n\
\"We are ready to sign the agreement,\" Sergei Lavrov said.\n";

#[test]
fn counts_are_singular_and_confidences_rounded() {
    let dir = temp_dir("cli-plurals");
    std::fs::write(dir.join("a.txt"), QUOTED).unwrap();
    let path = dir.display().to_string();
    let check = String::from_utf8(newsls(&["check", &path]).stdout).unwrap();
    assert!(check.trim_end().ends_with(" in 1 file"), "{check}");
    let entities = String::from_utf8(newsls(&["entities", &path]).stdout).unwrap();
    assert!(entities.contains("(1 mention)"), "{entities}");
    let quotes = newsls(&["quotes", "--format", "json", &path]);
    let stdout = String::from_utf8(quotes.stdout).unwrap();
    assert!(stdout.contains("\"confidence\":0.9"), "{stdout}");
    assert!(!stdout.contains("0.899"), "{stdout}");
    let text = String::from_utf8(newsls(&["quotes", &path]).stdout).unwrap();
    assert!(text.contains("Sergei Lavrov (0.90): "), "{text}");
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// An article of our own with one valid cite, one with an impossible date and one left open.
const TAGGED: &str = "Talks resumed in Geneva on Monday after a week of delays.\n\n\
<cite speaker=\"Sergei Lavrov\">\"We are ready,\"</cite> Sergei Lavrov said.\n\n\
<cite speaker=\"Jane Roe\" date=\"2018-02-30\">\"Not today,\"</cite> Jane Roe said.\n\n\
<cite speaker=\"John Doe\">\"Perhaps tomorrow,\" John Doe said.\n";

#[test]
fn export_refuses_invalid_tags_unless_lenient() {
    let dir = temp_dir("cli-export");
    std::fs::write(dir.join("a.txt"), TAGGED).unwrap();
    let path = dir.display().to_string();
    let strict = newsls(&["export", &path]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(strict.stdout.is_empty(), "nothing exported");
    let errors = stderr(&strict);
    assert!(
        errors.contains("a.txt:5:32: date \"2018-02-30\": no such day"),
        "{errors}"
    );
    assert!(
        errors.contains("a.txt:7:1: `<cite>` is never closed"),
        "{errors}"
    );

    let lenient = newsls(&["export", "--lenient", &path]);
    assert_eq!(lenient.status.code(), Some(0));
    let records: Vec<Value> = String::from_utf8(lenient.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["speaker"], "Sergei Lavrov");
    assert!(stderr(&lenient).contains("2018-02-30"));
}

#[test]
fn strip_walks_directories_and_never_overwrites_an_input() {
    let dir = temp_dir("cli-strip-dir");
    let src = dir.join("src");
    std::fs::create_dir_all(src.join("2019/june")).unwrap();
    std::fs::write(src.join("top.txt"), QUOTED).unwrap();
    std::fs::write(src.join("2019/june/inner.txt"), QUOTED).unwrap();
    let (src_arg, out_arg) = (
        src.display().to_string(),
        dir.join("out").display().to_string(),
    );
    let out = newsls(&["strip", "--out", &out_arg, &src_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let inner = std::fs::read_to_string(dir.join("out/2019/june/inner.txt")).unwrap();
    assert!(inner.starts_with("Talks resumed in Geneva"), "{inner}");
    assert!(dir.join("out/top.txt").is_file());

    // A directory needs --out; --out onto the inputs is refused and leaves them alone.
    assert_eq!(newsls(&["strip", &src_arg]).status.code(), Some(2));
    let onto = newsls(&["strip", "--out", &src_arg, &src_arg]);
    assert_eq!(onto.status.code(), Some(2));
    assert!(
        stderr(&onto).contains("is an input file"),
        "{}",
        stderr(&onto)
    );
    assert_eq!(
        std::fs::read_to_string(src.join("top.txt")).unwrap(),
        QUOTED
    );
}

#[test]
fn skipped_files_have_one_exit_code_in_every_command() {
    let dir = temp_dir("cli-binary");
    std::fs::write(dir.join("a.txt"), QUOTED).unwrap();
    std::fs::write(dir.join("b.txt"), b"\0\x01binary").unwrap();
    let walked = dir.display().to_string();
    let named = dir.join("b.txt").display().to_string();
    let out_dir = dir.join("out").display().to_string();
    for command in ["check", "entities", "quotes", "export", "strip"] {
        let mut args = vec![command];
        if command == "strip" {
            args.extend(["--out", &out_dir]);
        }
        let walk = newsls(&[args.as_slice(), &[walked.as_str()]].concat());
        assert_eq!(walk.status.code(), Some(0), "{command}: {}", stderr(&walk));
        assert!(
            stderr(&walk).contains("b.txt: skipped: looks binary"),
            "{command}"
        );
        let name = newsls(&[args.as_slice(), &[named.as_str()]].concat());
        assert_eq!(name.status.code(), Some(2), "{command}");
        assert!(
            stderr(&name).contains("b.txt: skipped: looks binary"),
            "{command}"
        );
    }
}

#[test]
fn replaced_invalid_utf8_is_warned_about() {
    let dir = temp_dir("cli-lossy-warn");
    let file = dir.join("bad.txt");
    std::fs::write(&file, b"A caf\xE9 opened in the old town on Monday.\n").unwrap();
    let out = newsls(&["strip", &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains('\u{FFFD}'));
    assert!(
        stderr(&out).contains("bad.txt: warning: not valid UTF-8"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_path_without_news_files_is_an_error() {
    let dir = temp_dir("cli-empty");
    std::fs::write(dir.join("notes.md"), "Not news.").unwrap();
    let path = dir.display().to_string();
    let out_dir = dir.join("out").display().to_string();
    for args in [
        vec!["check", &path],
        vec!["check", "--format", "json", &path],
        vec!["entities", &path],
        vec!["export", &path],
        vec!["strip", "--out", &out_dir, &path],
    ] {
        let out = newsls(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("no news files"), "{}", stderr(&out));
        // Only the error: no "0 findings in 0 files", no empty array, no output folder.
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{args:?}");
    }
    assert!(!dir.join("out").exists());
}

#[test]
fn strip_writes_no_file_for_a_file_with_no_article_text() {
    let dir = temp_dir("cli-strip-notes");
    let notes = dir.join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(
        notes.join("requirements.txt"),
        "serde==1.0\nrequests>=2.31\n",
    )
    .unwrap();
    std::fs::write(notes.join("todo.txt"), "TODO: call Anna\nbuy milk\n").unwrap();
    std::fs::write(notes.join("story.txt"), QUOTED).unwrap();
    let out_dir = dir.join("out");
    let (notes_arg, out_arg) = (notes.display().to_string(), out_dir.display().to_string());
    let walked = newsls(&["strip", "--out", &out_arg, &notes_arg]);
    assert_eq!(walked.status.code(), Some(0), "{}", stderr(&walked));
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["story.txt"]);
    for name in ["requirements.txt", "todo.txt"] {
        assert!(
            stderr(&walked).contains(&format!("{name}: skipped: no article text left")),
            "{}",
            stderr(&walked)
        );
    }
    // Named on the command line, a skip is an error, as for a binary file.
    let named = notes.join("requirements.txt").display().to_string();
    // To stdout, the empty answer is printed and said on stderr.
    let printed = newsls(&["strip", &named]);
    assert_eq!(printed.status.code(), Some(0));
    assert!(printed.stdout.iter().all(u8::is_ascii_whitespace));
    assert!(
        stderr(&printed).contains("requirements.txt: no article text left"),
        "{}",
        stderr(&printed)
    );
    let out = newsls(&["strip", "--out", &out_arg, &named]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_dir.join("requirements.txt").exists());
    assert_eq!(
        std::fs::read_to_string(notes.join("requirements.txt")).unwrap(),
        "serde==1.0\nrequests>=2.31\n"
    );
}

#[test]
fn unknown_settings_are_warned_about_with_their_line() {
    let dir = temp_dir("cli-unknown-key");
    let config = dir.join("settings.toml");
    std::fs::write(
        &config,
        "include = [\"**/*.txt\"]\nexlude = [\"drafts/**\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.txt"), QUOTED).unwrap();
    let args = [
        "check",
        "--config",
        &config.display().to_string(),
        &dir.display().to_string(),
    ];
    let out = newsls(&args);
    assert_eq!(out.status.code(), Some(0), "a warning, not a failure");
    assert!(
        stderr(&out).contains("settings.toml:2:1: warning: unknown setting `exlude`"),
        "{}",
        stderr(&out)
    );
}

/// The subcommands `newsls --help` lists (its own `help` aside).
fn subcommands() -> Vec<String> {
    let help = String::from_utf8(newsls(&["--help"]).stdout).unwrap();
    let listed = help
        .split_once("Commands:\n")
        .expect("a Commands section")
        .1;
    listed
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// The argument and option lines of a help text (clap indents them 2 or 6 spaces) with no
/// description, neither on the same line nor indented on the next.
fn undocumented_flags(help: &str) -> Vec<&str> {
    let lines: Vec<&str> = help.lines().collect();
    let entry = |line: &str| {
        ["  -", "      --", "  <", "  ["]
            .iter()
            .any(|start| line.starts_with(start))
    };
    (0..lines.len())
        .filter(|&i| entry(lines[i]))
        .filter(|&i| {
            let same_line = lines[i].trim().split_once("  ");
            let next = lines.get(i + 1).copied().unwrap_or_default();
            let next_line = next.starts_with("          ") && !next.trim().is_empty();
            same_line.is_none_or(|(_, d)| d.trim().is_empty()) && !next_line
        })
        .map(|i| lines[i])
        .collect()
}

#[test]
fn help_documents_every_flag_and_the_exit_codes() {
    assert_eq!(
        undocumented_flags("      --out <DIR>  Where\n      --bare\n"),
        ["      --bare"]
    );
    let commands = subcommands();
    for expected in [
        "serve", "check", "strip", "export", "cite", "batch", "entities",
    ] {
        assert!(commands.iter().any(|c| c == expected), "{commands:?}");
    }
    let top = String::from_utf8(newsls(&["--help"]).stdout).unwrap();
    assert!(top.contains("Exit status:"), "{top}");
    for command in &commands {
        let help = String::from_utf8(newsls(&[command, "--help"]).stdout).unwrap();
        assert!(help.contains("Exit status:"), "{command}: {help}");
        let bare = undocumented_flags(&help);
        assert!(bare.is_empty(), "{command}: no help for {bare:?}");
    }
    let batch = String::from_utf8(newsls(&["batch", "--help"]).stdout).unwrap();
    assert!(
        batch.contains("batch: a line could not be annotated"),
        "{batch}"
    );
    let check = String::from_utf8(newsls(&["check", "--help"]).stdout).unwrap();
    assert!(
        check.contains("--format <FORMAT>\n          Output: text for people"),
        "{check}"
    );
    let export = String::from_utf8(newsls(&["export", "--help"]).stdout).unwrap();
    assert!(export.contains("--lenient"), "{export}");
}

#[test]
fn a_terminal_gets_a_hint_and_a_pipe_does_not() {
    // Without a terminal the server starts silently (stdout is the protocol channel, stderr
    // only logs); `script` gives it a terminal where the machine has one.
    let quiet = Command::new(bin())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!stderr(&quiet).contains("run `newsls --help`"));
    let Ok(out) = Command::new("script")
        .args([
            "-qec",
            &format!("{} < /dev/tty & sleep 1; kill $!", bin().display()),
            "/dev/null",
        ])
        .stdin(std::process::Stdio::null())
        .output()
    else {
        eprintln!("skipped: no `script` to give newsls a terminal");
        return;
    };
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("language server on stdin/stdout; run `newsls --help`"),
        "{shown}"
    );
}
