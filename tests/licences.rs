//! The licence files ship with the source, and NOTICE credits every bundled data file with
//! each source `data/README.md` gives for it (the ODbL, CC-BY and WordNet licences ask for
//! attribution wherever the data goes).

use std::path::Path;

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn both_licences_of_cargo_toml_are_there() {
    assert!(read("Cargo.toml").contains("license = \"MIT OR Apache-2.0\""));
    let mit = read("LICENSE-MIT");
    assert!(mit.contains("Permission is hereby granted"), "{mit}");
    let apache = read("LICENSE-APACHE");
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0"));
    let notice = read("NOTICE");
    assert!(notice.contains("LICENSE-MIT") && notice.contains("LICENSE-APACHE"));
}

/// NOTICE's numbered sections: the heading line and the `data/` files of its "Used in".
fn notice_sections(notice: &str) -> Vec<(String, Vec<String>)> {
    notice
        .split("\n----")
        .skip(1)
        .map(|section| {
            let body = section.trim_start_matches('-').trim_start();
            let heading = body.lines().next().unwrap_or_default().to_string();
            let used_in = body
                .split_once("Used in:")
                .map(|(_, rest)| rest.split("Licence:").next().unwrap_or_default())
                .unwrap_or_default();
            let files = used_in
                .split([',', ' ', '\n', '(', ')'])
                .filter(|w| w.starts_with("data/"))
                .map(str::to_string)
                .collect();
            (heading, files)
        })
        .collect()
}

/// Whether `word` occurs in `text` on its own (not inside a longer name).
fn has_word(text: &str, word: &str) -> bool {
    let name = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(name) && !after.is_some_and(name)
    })
}

#[test]
fn notice_credits_every_data_file_with_each_of_its_sources() {
    let readme = read("data/README.md");
    let sections = notice_sections(&read("NOTICE"));
    assert!(sections.len() >= 5, "{sections:?}");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "README.md")
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in &files {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| {file} |")))
            .unwrap_or_else(|| panic!("data/README.md has no row for {file}"));
        // Columns: file, content, source packages (each in backticks), licence.
        let sources = row.split('|').nth(3).unwrap();
        let packages: Vec<&str> = sources.split('`').skip(1).step_by(2).collect();
        assert!(!packages.is_empty(), "no source package for {file}: {row}");
        for package in packages {
            let (heading, credited) = sections
                .iter()
                .find(|(heading, _)| has_word(heading, package))
                .unwrap_or_else(|| panic!("NOTICE has no section for {package} ({file})"));
            assert!(
                credited.contains(&format!("data/{file}")),
                "NOTICE section \"{heading}\" does not name data/{file}: {credited:?}"
            );
        }
    }
}
