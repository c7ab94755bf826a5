use super::*;
use crate::analysis::Analysis;
use crate::ide::fixture::{Fixture, render};
use expect_test::{Expect, expect};
use std::sync::Arc;

/// A file whose entities are given, so the test does not depend on recognition.
fn entry() -> FileEntry {
    let text = "Putin — met Kim.\nKim left 東京 and Putin stayed.";
    let at = |needle: &str, nth: usize| {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        start..start + needle.len()
    };
    let entity = |name: &str, kind, mentions| Entity {
        name: name.into(),
        kind,
        mentions,
    };
    let analysis = Analysis {
        entities: vec![
            entity(
                "Vladimir Putin",
                EntityKind::Person,
                vec![at("Putin", 0), at("Putin", 1)],
            ),
            entity("Kim", EntityKind::Person, vec![at("Kim", 0), at("Kim", 1)]),
            entity("東京", EntityKind::Place, vec![at("東京", 0)]),
        ],
        ..Analysis::default()
    };
    FileEntry::from_analysis(Arc::from(text), analysis, false)
}

/// The outline as an indented list: name, detail, and the text its selection starts at.
fn show(entry: &FileEntry, symbols: &[Symbol], depth: usize, out: &mut String) {
    for s in symbols {
        let at = &entry.text[s.selection.start..];
        let at: String = at.chars().take(12).collect();
        let detail = s.detail.as_deref().unwrap_or("");
        out.push_str(&format!(
            "{}{} ({detail}) at {at:?}\n",
            "  ".repeat(depth),
            s.name
        ));
        show(entry, &s.children, depth + 1, out);
    }
}

fn check_outline(entry: &FileEntry, expected: Expect) {
    let mut out = String::new();
    show(entry, &outline(entry), 0, &mut out);
    expected.assert_eq(&out);
}

#[test]
fn outline_groups_entities_by_kind() {
    check_outline(
        &entry(),
        expect![[r#"
            People (2) at "Putin — met "
              Vladimir Putin (person · 2 mentions) at "Putin — met "
              Kim (person · 2 mentions) at "Kim.\nKim lef"
            Places (1) at "東京 and Putin"
              東京 (place · 1 mention) at "東京 and Putin"
        "#]],
    );
}

#[test]
fn outline_starts_with_the_article_metadata() {
    let fixture = Fixture::parse(
        "//- /a.txt\n\
         Lavrov visits Beijing for trade talks\n\
         By Anna Petrova\n\
         MOSCOW, March 3 (Reuters) - Foreign Minister Sergei Lavrov arrived in $0Beijing.\n",
    );
    check_outline(
        fixture.here(),
        expect![[r#"
            Article () at "Lavrov visit"
              Lavrov visits Beijing for trade talks (headline) at "Lavrov visit"
              Anna Petrova (author) at "Anna Petrova"
              Reuters (agency) at "Reuters) - F"
            People (2) at "Lavrov visit"
              Sergei Lavrov (person · 2 mentions) at "Lavrov visit"
              Anna Petrova (person · 1 mention) at "Anna Petrova"
            Organizations (1) at "Reuters) - F"
              Reuters (organization · 1 mention) at "Reuters) - F"
            Places (2) at "Beijing for "
              Beijing (place · 2 mentions) at "Beijing for "
              MOSCOW (place · 1 mention) at "MOSCOW, Marc"
        "#]],
    );
}

#[test]
fn name_tokens_are_in_text_order_without_overlaps() {
    let entry = entry();
    let tokens: Vec<(&str, EntityKind)> = name_tokens(&entry)
        .into_iter()
        .map(|(m, kind)| (&entry.text[m], kind))
        .collect();
    use EntityKind::*;
    assert_eq!(
        tokens,
        [
            ("Putin", Person),
            ("Kim", Person),
            ("Kim", Person),
            ("東京", Place),
            ("Putin", Person)
        ]
    );
}

#[test]
fn workspace_symbols_point_at_the_first_file_mentioning_the_entity() {
    let fixture = Fixture::parse(
        "//- /b.txt\nForeign Minister Sergei Lavrov spoke in Moscow.\n\
         //- /a.txt\nSergey Lavrov flew to Beijing on $0Monday.\n",
    );
    let found: String = workspace_symbols(&fixture.world, "lavrov", 10)
        .iter()
        .map(|s| {
            format!(
                "{} ({}) {}\n",
                s.name,
                s.detail,
                render(s.path, s.entry, s.mention.clone())
            )
        })
        .collect();
    expect![[r#"
        Sergei Lavrov (person · 2 files) /a.txt:1:1 Sergey Lavrov
    "#]]
    .assert_eq(&found);
}
