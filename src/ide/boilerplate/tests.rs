use super::*;
use crate::analysis::analyze;
use expect_test::{Expect, expect};

const ARTICLE: &str = "\
Dam opens after decade of delays

By Maria Lopez

RIVERTON — The long-delayed river dam opened on Tuesday, officials said, ending a dispute \
that lasted more than ten years and cost the region millions in lost revenue.

The project was first proposed in 2009, but lawsuits from landowners and two changes of \
government stalled construction until 2017, when a court cleared the way.

Support independent journalism. Donate now to keep our reporting free for everyone.
Subscribe to our newsletter for the latest headlines delivered to your inbox.

Engineers said the reservoir would take two seasons to fill, and that farmers downstream \
would see water restrictions eased by the autumn.

Residents who were moved for the project will receive compensation next month, the \
regional governor told reporters at the opening ceremony on the riverbank.
";

/// Each run's span text start, then its actions: title and what they delete or keep.
fn show(text: &str, runs: &[RunActions]) -> String {
    let mut out = String::new();
    for run in runs {
        let head: String = text[run.span.clone()].chars().take(30).collect();
        out.push_str(&format!("run {head:?}\n"));
        for action in &run.actions {
            match action {
                Action::Remove {
                    title,
                    deletions,
                    whole_run,
                } => {
                    let bytes: usize = deletions.iter().map(|d| d.len()).sum();
                    out.push_str(&format!(
                        "  {title}: delete {bytes} bytes, whole run {whole_run}\n"
                    ));
                }
                Action::Keep { title, text } => {
                    let head: String = text.chars().take(30).collect();
                    out.push_str(&format!("  {title}: keep {head:?}\n"));
                }
            }
        }
    }
    out
}

fn check(requested: &str, expected: Expect) {
    let layout = analyze(ARTICLE).layout;
    let at = ARTICLE
        .find(requested)
        .expect("requested text in the article");
    let runs = actions(ARTICLE, &layout, &Config::default(), at..at);
    expected.assert_eq(&show(ARTICLE, &runs));
}

#[test]
fn a_cursor_in_a_run_offers_removing_it_or_one_block_and_keeping_the_block() {
    check(
        "Subscribe to",
        expect![[r#"
            run "Support independent journalism"
              Remove these 2 boilerplate blocks (appeal): delete 163 bytes, whole run true
              Remove only this block (appeal): delete 78 bytes, whole run false
              Keep this block (not appeal): remember it in newsls.toml: keep "Subscribe to our newsletter fo"
        "#]],
    );
}

#[test]
fn a_cursor_in_the_story_offers_nothing() {
    check("Engineers said", expect![[""]]);
}

#[test]
fn remove_all_deletes_every_run_and_nothing_else() {
    let layout = analyze(ARTICLE).layout;
    let (title, deletions) = remove_all(ARTICLE, &layout, &Config::default()).unwrap();
    let mut kept = ARTICLE.to_string();
    for range in deletions.iter().rev() {
        kept.replace_range(range.clone(), "");
    }
    assert!(
        title.starts_with("Remove all boilerplate in this file"),
        "{title}"
    );
    assert!(!kept.contains("Donate") && kept.contains("Residents who were moved"));
    let mut off = Config::default();
    off.boilerplate.enabled = false;
    assert_eq!(remove_all(ARTICLE, &layout, &off), None);
}
