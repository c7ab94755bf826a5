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
