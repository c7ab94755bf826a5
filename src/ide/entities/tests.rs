use super::*;
use crate::ide::fixture::{Fixture, render};
use expect_test::{Expect, expect};

/// The places of a feature's answer, one per line, the cursor's file named by its path.
fn places<'a>(fixture: &Fixture, places: impl IntoIterator<Item = Place<'a>>) -> String {
    places
        .into_iter()
        .map(|p| {
            let path = p.file.unwrap_or(&fixture.cursor_path);
            render(path, p.entry, p.range) + "\n"
        })
        .collect()
}

/// Indexes the fixture and renders what `answer` says about the entity at `$0`.
fn check(text: &str, answer: impl Fn(&Fixture, &Focus) -> String, expected: Expect) {
    let fixture = Fixture::parse(text);
    let here = fixture.here();
    let focus = focus(
        here,
        Some(&fixture.cursor_path),
        fixture.cursor,
        &fixture.world,
    )
    .expect("an entity at $0");
    expected.assert_eq(&answer(&fixture, &focus));
}

fn check_references(text: &str, expected: Expect) {
    check(
        text,
        |f, focus| places(f, focus.references().flatten()),
        expected,
    );
}

fn check_definition(text: &str, expected: Expect) {
    check(text, |f, focus| places(f, focus.definition()), expected);
}

fn check_hover(text: &str, expected: Expect) {
    let hover = |f: &Fixture, focus: &Focus| {
        let link = |file: Option<&Path>| Some(file.unwrap_or(&f.cursor_path).display().to_string());
        focus.card().markdown(link)
    };
    check(text, hover, expected);
}

const TALKS: &str = r#"
//- /a-moscow.txt
MOSCOW — Foreign Minister Sergei Lavrov met his Chinese counterpart on Monday.
Lavrov said the talks went well.
//- /b-talks.txt
Russia's top diplomat, Sergey Lavrov, arrived in Beijing.
Later, Lav$0rov spoke to reporters about trade.
//- /c-other.txt
The weather in Paris was mild on Sunday.
"#;

#[test]
fn references_list_this_file_first_then_the_others_in_path_order() {
    check_references(
        TALKS,
        expect![[r#"
            /b-talks.txt:1:24 Sergey Lavrov
            /b-talks.txt:2:8 Lavrov
            /a-moscow.txt:1:27 Sergei Lavrov
            /a-moscow.txt:2:1 Lavrov
        "#]],
    );
}

#[test]
fn definition_is_the_first_full_name_in_this_file() {
    check_definition(
        TALKS,
        expect![[r#"
            /b-talks.txt:1:24 Sergey Lavrov
        "#]],
    );
}

#[test]
fn a_lone_surname_without_its_full_name_in_the_file_is_its_own_definition() {
    check_definition(
        r#"
//- /a.txt
Chancellor Angela Merkel spoke in Berlin on Friday.
//- /b.txt
"We will see," Mer$0kel said.
"#,
        expect![[r#"
            /b.txt:1:16 Merkel
        "#]],
    );
}

#[test]
fn hover_counts_the_workspace_and_links_other_mentions() {
    check_hover(
        TALKS,
        expect![[r#"
            **Sergei Lavrov** · person

            *Foreign Minister*

            Also: Sergey Lavrov, Lavrov

            2 mentions in this file · 4 in the workspace (2 files)

            Other mentions:
            - [b-talks.txt:1](/b-talks.txt#L1) …Russia's top diplomat, **Sergey Lavrov**, arrived in Beijing.…
            - [a-moscow.txt:1](/a-moscow.txt#L1) …MOSCOW — Foreign Minister **Sergei Lavrov** met his Chinese counterpart on Monday.…
            - [a-moscow.txt:2](/a-moscow.txt#L2) …**Lavrov** said the talks went well.…
        "#]],
    );
}

#[test]
fn a_cursor_off_any_name_finds_nothing() {
    let fixture = Fixture::parse("//- /a.txt\nThe weather was $0mild.\n");
    assert!(focus(fixture.here(), None, fixture.cursor, &fixture.world).is_none());
}

#[test]
fn snippets_bold_the_mention_and_stay_on_its_line() {
    let text = "first line\nSaid Foreign Minister Sergei Lavrov on Wednesday.\nnext";
    let start = text.find("Sergei").unwrap();
    let s = snippet(text, start..start + 13);
    assert_eq!(s, "…Said Foreign Minister **Sergei Lavrov** on Wednesday.…");
}
