//! The top of a page: the page title line, and the headline, deck, dateline and byline that
//! open the article.
//!
//! Scrapers put the page title (the browser tab's title, often "Headline - Site") first; it
//! is not part of the article. The article's own headline usually repeats it further down, and
//! is followed by a deck, a dateline or a byline: short blocks that score low as prose but are
//! content, so they are kept when they sit right before the body.

use std::collections::HashSet;

use super::Category;
use super::features::Features;
use super::rules::Finding;

/// How many blocks before the body are searched for the headline and byline.
const HEAD_WINDOW: usize = 8;
/// Page titles are short; a long first block is the story's first paragraph.
const MAX_TITLE_WORDS: usize = 30;
/// A site-name suffix after a separator has at most this many words.
const SITE_SUFFIX_WORDS: usize = 6;

/// Whether the first block is a page title: it is repeated later (as is, or as a headline
/// without the site name), or it ends in a " - Site" or " | Site" suffix. `words` holds each
/// block's lower-cased word hashes.
pub fn is_page_title(texts: &[&str], words: &[&[u64]], copies: &[Option<usize>]) -> bool {
    let Some(first) = texts.first() else {
        return false;
    };
    if texts.len() < 2 {
        return false;
    }
    let repeated = copies.iter().skip(1).any(|&c| c == Some(0));
    let title = words[0];
    if title.len() > MAX_TITLE_WORDS || first.ends_with('.') {
        return false;
    }
    let headline_later = words[1..]
        .iter()
        .any(|w| w.len() >= 3 && w.len() < title.len() && title.starts_with(w));
    repeated || headline_later || has_site_suffix(first)
}

const TITLE_SEPARATORS: [&str; 6] = [" - ", " | ", " — ", " – ", " :: ", " · "];

fn has_site_suffix(title: &str) -> bool {
    site_suffix(title).is_some()
}

/// The site name a page title ends with ("Headline - Site"), if any.
fn site_suffix(title: &str) -> Option<&str> {
    TITLE_SEPARATORS.iter().find_map(|sep| {
        title.rsplit_once(sep).and_then(|(head, tail)| {
            let tail_words = tail.split_whitespace().count();
            // A site's name is not a sentence or a quotation ("… – Not Indicted, Yet!’").
            let named = !tail
                .trim_end()
                .ends_with(['.', '!', '?', '\'', '’', '"', '”']);
            (named
                && tail_words <= SITE_SUFFIX_WORDS
                && head.split_whitespace().count() > tail_words)
                .then_some(tail)
        })
    })
}

/// The site's name from a page title, lower-cased, without a leading "the" or a domain
/// ending ("Moneycontrol.com" gives "moneycontrol"); `None` when the title names no site or
/// the name is too short to search for.
pub fn site_name(title: &str) -> Option<String> {
    let tail = site_suffix(title)?.trim().to_lowercase();
    let tail = tail.strip_prefix("the ").unwrap_or(&tail);
    let name = tail.split('.').next().unwrap_or("").trim();
    (name.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_SITE_NAME_CHARS)
        .then(|| name.to_string())
}

/// A site name is searched for in the page when it has at least this many letters.
const MIN_SITE_NAME_CHARS: usize = 5;

/// The first block of the article: `body_start`, moved back over the headline, deck,
/// dateline and byline (or credit line) that precede it, but not before block `floor`.
/// The tuple gives each block's word hashes, features and finding.
pub fn head_start(
    texts: &[&str],
    (words, features, findings): (&[&[u64]], &[Features], &[Option<Finding>]),
    body_start: usize,
    floor: usize,
) -> usize {
    let title: HashSet<u64> = words
        .first()
        .map_or_else(HashSet::new, |w| w.iter().copied().collect());
    let lowest = body_start.saturating_sub(HEAD_WINDOW).max(floor);
    let mut start = body_start;
    while start > lowest {
        let i = start - 1;
        let caption = findings[i]
            .as_ref()
            .is_some_and(|f| f.category == Category::Caption);
        let clean = findings[i].is_none();
        let f = &features[i];
        if clean && matches_title(words[i], &title) {
            return i;
        }
        let byline = clean && (is_deck_or_byline(f) || is_name(f) || is_credit_line(texts[i]));
        if !(caption || byline) {
            // A headline opens the article: nothing above it belongs.
            return if clean && is_headline(f) { i } else { start };
        }
        start = i;
    }
    start
}

/// A credit line names its role in at most this many words before "by" ("Tested by:",
/// "Words and pictures by").
const MAX_ROLE_WORDS: usize = 4;
/// The word that introduces the person credited, in the languages of the word lists.
const BY_WORDS: [&str; 8] = ["by", "por", "par", "von", "di", "door", "av", "oleh"];

/// A credit line: a role and "by", then a name ("Tested by: Jane Roe RRP: £40", "Photos by
/// Jane Roe", "Reportagem por Jane Roe").
fn is_credit_line(text: &str) -> bool {
    let mut words = text.split_whitespace();
    for _ in 0..MAX_ROLE_WORDS {
        let Some(word) = words.next() else {
            return false;
        };
        let word = word.trim_end_matches(':').to_lowercase();
        if BY_WORDS.contains(&word.as_str()) {
            return words
                .next()
                .is_some_and(|name| name.starts_with(char::is_uppercase));
        }
    }
    false
}

/// The first block of a page is its title or its headline, never a caption or a link to
/// another article ("The Latest: …" on a wire story is its headline).
pub fn first_block_is_a_heading(findings: &mut [Option<Finding>]) {
    if let Some(first) = findings.first_mut()
        && first
            .as_ref()
            .is_some_and(|f| matches!(f.category, Category::Caption | Category::TeaserList))
    {
        *first = None;
    }
}

/// A line shaped like a headline: capitalised, several words, no closing punctuation.
fn is_headline(f: &Features) -> bool {
    f.starts_upper && !f.ends_sentence && (4.0..=20.0).contains(&f.words)
}

/// A short capitalised line: an author's name or "By Name".
fn is_name(f: &Features) -> bool {
    f.words <= 4.0 && f.alpha_words >= 2 && f.title_case_ratio() >= 0.6 && !f.ends_sentence
}

/// Most of the block's words are in the page title: the article's headline.
fn matches_title(w: &[u64], title: &HashSet<u64>) -> bool {
    let shared = w.iter().filter(|x| title.contains(*x)).count();
    w.len() >= 3 && shared * 10 >= w.len() * 7
}

/// A deck (a sentence) or a dateline/byline (short, with a date or number).
fn is_deck_or_byline(f: &Features) -> bool {
    let deck = f.ends_sentence && f.words >= 6.0 && f.words <= 60.0;
    let dated = f.numbers > 0 && f.alpha_words > 0 && f.words <= 15.0;
    deck || dated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_titles_have_a_site_suffix_or_a_later_headline() {
        assert!(has_site_suffix(
            "Storm floods the valley - The Daily Example"
        ));
        assert!(!has_site_suffix("Storm floods the valley"));
        assert_eq!(
            site_name("Storm floods the valley - Example.com").as_deref(),
            Some("example")
        );
        assert_eq!(
            site_name("Storm floods the valley | The Daily Example").as_deref(),
            Some("daily example")
        );
        let title = |texts: &[&str]| {
            let words: Vec<Vec<u64>> = texts
                .iter()
                .map(|t| {
                    let mut w = Vec::new();
                    super::super::features::scan(t, &mut String::new(), &mut w);
                    w
                })
                .collect();
            let words: Vec<&[u64]> = words.iter().map(Vec::as_slice).collect();
            is_page_title(texts, &words, &vec![None; texts.len()])
        };
        assert!(title(&[
            "Storm floods the valley | Example",
            "Menu",
            "Storm floods the valley",
        ]));
        assert!(!title(&[
            "Storm floods the valley",
            "The river rose overnight."
        ]));
    }
}
