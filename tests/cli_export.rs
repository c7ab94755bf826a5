//! End to end: `newsls export` in its stand-off formats and `newsls cite`, on files of our
//! own (the consumers' round trips are in python/tests/test_standoff.py).

mod common;

use common::{bin, fixtures, temp_dir};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn newsls(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().expect("run newsls")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn s(path: &Path) -> String {
    path.display().to_string()
}

const QUOTED: &str = "Talks resumed in Geneva on Monday after a week of delays.\n\n\
“We are ready to sign the agreement,” Sergei Lavrov said. 😀 東京\n";

fn spans(args: &[&str]) -> Vec<Value> {
    let out = newsls(&[&["export", "--format", "spans"], args].concat());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn spans_offsets_count_code_points() {
    let dir = temp_dir("export-spans");
    std::fs::write(dir.join("a.txt"), QUOTED).unwrap();
    let records = spans(&[&s(&dir)]);
    let text = records[0]["text"].as_str().unwrap();
    assert_eq!(text, QUOTED);
    let chars: Vec<char> = text.chars().collect();
    let at = |v: &Value| -> String {
        let (a, b) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
        chars[a as usize..b as usize].iter().collect()
    };
    let quote = &records[0]["quotes"][0];
    assert_eq!(at(quote), "“We are ready to sign the agreement,”");
    assert_eq!(quote["speaker"], "Sergei Lavrov");
    let lavrov = records[0]["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == "PERSON");
    assert_eq!(at(lavrov.unwrap()), "Sergei Lavrov");
}

#[test]
fn invalid_utf8_is_skipped_with_a_message_and_the_rest_exported() {
    let dir = temp_dir("export-lossy");
    std::fs::write(dir.join("a.txt"), QUOTED).unwrap();
    std::fs::write(dir.join("bad.txt"), b"A caf\xE9 opened on Monday.\n").unwrap();
    for format in ["cites", "spans"] {
        let out = newsls(&["export", "--format", format, &s(&dir)]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            stderr(&out).contains("bad.txt: skipped: not valid UTF-8"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(spans(&[&s(&dir)]).len(), 1);
    let before = std::fs::read(dir.join("bad.txt")).unwrap();
    let cite = newsls(&["cite", &s(&dir.join("bad.txt"))]);
    assert_eq!(cite.status.code(), Some(2));
    assert!(
        stderr(&cite).contains("not cited: not valid UTF-8"),
        "{}",
        stderr(&cite)
    );
    assert_eq!(std::fs::read(dir.join("bad.txt")).unwrap(), before);
}

#[test]
fn out_inside_the_input_is_not_read_back_and_same_names_stay_apart() {
    let dir = temp_dir("export-out");
    for folder in ["in/a", "in/b"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::write(dir.join(folder).join("x.txt"), QUOTED).unwrap();
    }
    let out = dir.join("in/a/export");
    for _ in 0..2 {
        let run = newsls(&[
            "export",
            "--format",
            "brat",
            "--out",
            &s(&out),
            &s(&dir.join("in/a")),
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let anns: Vec<_> = walk(&out)
        .into_iter()
        .filter(|p| p.ends_with(".ann"))
        .collect();
    assert_eq!(
        anns,
        [s(&out.join("x.ann"))],
        "the second run read the first one's copies"
    );
    let two = dir.join("two");
    let a = s(&dir.join("in/a/x.txt"));
    let b = s(&dir.join("in/b/x.txt"));
    let run = newsls(&["export", "--format", "w3c", "--out", &s(&two), &a, &b]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(two.join("a/x.jsonld").is_file() && two.join("b/x.jsonld").is_file());
    assert!(two.join("a/x.txt").is_file() && two.join("b/x.txt").is_file());
    // Onto the inputs: refused, the inputs untouched.
    let onto = newsls(&[
        "export",
        "--format",
        "brat",
        "--out",
        &s(&dir.join("in/b")),
        &b,
    ]);
    assert_eq!(onto.status.code(), Some(2));
    assert!(
        stderr(&onto).contains("is an input file"),
        "{}",
        stderr(&onto)
    );
    assert_eq!(std::fs::read_to_string(&b).unwrap(), QUOTED);
}

fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(s(&path));
        }
    }
    found
}

#[test]
fn file_formats_write_nothing_when_a_tag_is_invalid_unless_lenient() {
    // The text copies are written while the files are analysed: not when a tag stops it.
    let dir = temp_dir("export-invalid");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.txt"), QUOTED).unwrap();
    let tagged = "<cite speaker=\"Sergei Lavrov\" date=\"2018-02-30\">We are ready.</cite>\n";
    std::fs::write(input.join("b.txt"), tagged).unwrap();
    for format in ["brat", "w3c"] {
        let out = dir.join(format);
        let strict = newsls(&["export", "--format", format, "--out", &s(&out), &s(&input)]);
        assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
        assert!(
            stderr(&strict).contains("2018-02-30"),
            "{}",
            stderr(&strict)
        );
        assert!(!out.exists(), "{format}: nothing written");
        let lenient = newsls(&[
            "export",
            "--format",
            format,
            "--lenient",
            "--out",
            &s(&out),
            &s(&input),
        ]);
        assert_eq!(lenient.status.code(), Some(0), "{}", stderr(&lenient));
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), QUOTED);
        assert_eq!(
            std::fs::read_to_string(out.join("b.txt")).unwrap(),
            "We are ready.\n"
        );
    }
}

#[test]
fn file_formats_need_an_output_directory() {
    let seeds = s(&fixtures().join("seeds"));
    for format in ["brat", "w3c"] {
        let out = newsls(&["export", "--format", format, &seeds]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("give --out DIR"), "{}", stderr(&out));
    }
}

#[test]
fn cite_dry_run_shows_a_diff_and_cite_writes_keeping_the_bom() {
    let dir = temp_dir("cite");
    let file = dir.join("a.txt");
    let original = [b"\xEF\xBB\xBF".as_slice(), QUOTED.as_bytes()].concat();
    std::fs::write(&file, &original).unwrap();
    let dry = newsls(&["cite", "--dry-run", &s(&file)]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let diff = String::from_utf8(dry.stdout).unwrap();
    assert!(diff.contains("-“We are ready"), "{diff}");
    assert!(
        diff.contains("+<cite speaker=\"Sergei Lavrov\">“We are ready"),
        "{diff}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), original, "--dry-run wrote");

    let strict = newsls(&["cite", "--min-confidence", "1", &s(&file)]);
    assert!(
        stderr(&strict).contains("cited 0 quotes"),
        "{}",
        stderr(&strict)
    );
    assert_eq!(std::fs::read(&file).unwrap(), original);

    let done = newsls(&["cite", &s(&file)]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    assert!(
        stderr(&done).contains("cited 1 quote in 1 file"),
        "{}",
        stderr(&done)
    );
    let cited = std::fs::read(&file).unwrap();
    assert!(cited.starts_with(b"\xEF\xBB\xBFTalks resumed"));
    let cited = String::from_utf8(cited).unwrap();
    assert!(
        cited.contains("\n\n<cite speaker=\"Sergei Lavrov\">“We are ready"),
        "{cited}"
    );
    assert_eq!(
        spans(&[&s(&file)])[0]["text"],
        QUOTED,
        "tags removed, the text is back"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "a temporary file was left"
    );
    assert_eq!(
        newsls(&["cite", "--min-confidence", "2", &s(&file)])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn cite_refuses_files_over_the_size_limit() {
    let dir = temp_dir("cite-large");
    let file = dir.join("a.txt");
    std::fs::write(&file, QUOTED).unwrap();
    let config = dir.join("settings.toml");
    std::fs::write(&config, "maxFileSize = 10\n").unwrap();
    let out = newsls(&["cite", "--config", &s(&config), &s(&file)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("over the 10-byte limit"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), QUOTED);
}
