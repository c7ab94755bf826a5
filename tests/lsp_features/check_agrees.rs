//! `newsls check` and the server report the same findings: one engine, two front ends. Run
//! on the seeds, and on the benchmark folders of `../shared/bench` when they are present.

use crate::common::{Client, bin, file_uri, fixtures, temp_dir};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a finding must agree on between the two.
fn key(d: &Value) -> String {
    format!(
        "{}:{}-{}:{} {} {} {}",
        d["range"]["start"]["line"],
        d["range"]["start"]["character"],
        d["range"]["end"]["line"],
        d["range"]["end"]["character"],
        d["severity"],
        d["code"],
        d["message"]
    )
}

/// Copies up to `limit` `.txt` articles of `from` (not gold files) into a fresh workspace.
fn workspace(name: &str, from: &Path, limit: usize) -> PathBuf {
    let dir = temp_dir(name);
    let mut files: Vec<PathBuf> = std::fs::read_dir(from)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".txt") && !name.contains(".gold")
        })
        .collect();
    files.sort();
    for file in files.into_iter().take(limit) {
        std::fs::copy(&file, dir.join(file.file_name().unwrap())).unwrap();
    }
    dir
}

/// `check --format json` of a folder: findings by file name.
fn check(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let out = Command::new(bin())
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let reports: Value = serde_json::from_slice(&out.stdout).unwrap();
    reports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let name = Path::new(r["path"].as_str().unwrap()).file_name().unwrap();
            let keys = r["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(key)
                .collect();
            (name.to_string_lossy().into_owned(), keys)
        })
        .collect()
}

/// The server's diagnostics of every file of the folder, opened once the index is built.
fn serve(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::initialized(caps, Some(dir), Value::Null);
    client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let mut out = BTreeMap::new();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let uri = file_uri(&path);
        client.open(&uri, &std::fs::read_to_string(&path).unwrap(), 1);
        let keys = client.diagnostics(&uri, 1).iter().map(key).collect();
        out.insert(name, keys);
    }
    assert!(client.shutdown().success());
    out
}

fn agree(name: &str, from: &Path, limit: usize) {
    let dir = workspace(name, from, limit);
    let (cli, server) = (check(&dir), serve(&dir));
    assert!(!cli.is_empty());
    for (file, found) in &cli {
        assert_eq!(Some(found), server.get(file), "{file}: check vs server");
    }
    assert_eq!(cli.len(), server.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_and_server_agree_on_the_seeds() {
    agree("agree-seeds", &fixtures().join("seeds"), usize::MAX);
}

#[test]
fn check_and_server_agree_on_the_benchmark_pages() {
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/boilerplate/dev");
    if !pages.is_dir() {
        eprintln!("skipped: {} is absent", pages.display());
        return;
    }
    agree("agree-bench", &pages, 40);
}
