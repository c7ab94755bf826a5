//! Kinds of page furniture recognisable in a single block, whatever surrounds it.
//!
//! Each rule combines several weak signals (vocabulary share, shape, length) so that one word
//! in a story paragraph ("you", "copyright") does not condemn it.

use super::Category;
use super::features::Features;
use super::lexicon;

/// A block-level finding: what the block is and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub category: Category,
    pub reason: &'static str,
}

fn finding(category: Category, reason: &'static str) -> Option<Finding> {
    Some(Finding { category, reason })
}

/// A caption finding with this reason.
pub fn caption_finding(reason: &'static str) -> Finding {
    Finding {
        category: Category::Caption,
        reason,
    }
}

fn share(count: usize, f: &Features) -> f32 {
    count as f32 / f.words.max(1.0)
}

/// Copyright lines, cookie and privacy banners, terms of use.
fn notice(f: &Features) -> Option<Finding> {
    // A long block needs different notice words: one repeated ("cookie recipes … cookie
    // poll") is the story's subject.
    let dense = f.notice >= 3 && share(f.notice, f) >= 0.08 && f.notice_kinds.count_ones() >= 2;
    let short = f.notice >= 2 && f.words <= 15.0;
    (dense || short)
        .then(|| finding(Category::Notice, "copyright, cookie or privacy notice"))
        .flatten()
}

/// Requests addressed to the reader: subscribe, donate, sign up, share, disable the ad blocker.
fn appeal(text: &str, f: &Features) -> Option<Finding> {
    let persons = f.second_person + f.first_plural;
    // Reported speech ("'We will support them,' she said") quotes someone else's "we".
    let addressed = persons >= 1 && f.action >= 1 && f.reporting == 0;
    let dense = share(persons + 2 * f.action, f) >= 0.15;
    let imperative = f.action >= 1 && f.words <= 6.0 && !f.ends_sentence;
    // "Like this story? Share it with a friend!": a short exclamation with an action word.
    let exclaimed = f.action >= 1 && f.words <= 10.0 && text.trim_end().ends_with('!');
    if addressed && dense {
        finding(Category::Appeal, "asks something of the reader")
    } else if imperative || exclaimed {
        finding(Category::Appeal, "a call to action")
    } else {
        None
    }
}

/// Photo credits and captions: a credit in trailing brackets, a © credit, "Photo:" labels.
fn caption(text: &str, f: &Features) -> Option<Finding> {
    if f.credit == 0 {
        if super::captions::participle_caption(text, f) {
            return finding(Category::Caption, "describes a picture (a caption)");
        }
        return slashed_credit(text, f)
            .then(|| finding(Category::Caption, "photo credit line"))
            .flatten();
    }
    let bracketed = text.ends_with(')') && {
        let open = text.rfind('(').unwrap_or(0);
        let inside = &text[open..];
        inside.contains('/') || inside.chars().filter(|c| c.is_uppercase()).count() >= 2
    };
    // "Photo: …", "Image credit: …": the label itself names a picture or a credit.
    let labelled = text.split_once(':').is_some_and(|(head, _)| {
        let mut lower = String::new();
        head.split_whitespace().count() <= 2
            && head
                .split_whitespace()
                .any(|w| is_credit_word(w, &mut lower))
    });
    let credited = text.contains('©') || text.contains(" / ") || text.contains('|');
    // "Image 2 of 5" over each picture of a gallery.
    if f.numbers == 2 && f.words <= 5.0 {
        return finding(Category::Caption, GALLERY_COUNTER);
    }
    (bracketed || labelled || credited || leading_label(text) || trailing_credit(text))
        .then(|| finding(Category::Caption, "photo caption or credit line"))
        .flatten()
}

/// A photo credit without a credit word: a short capitalised line ending in "Name/Agency"
/// ("Jane Roe/Example News").
fn slashed_credit(text: &str, f: &Features) -> bool {
    let last = text.split_whitespace().last().unwrap_or("");
    let slashed = last.split_once('/').is_some_and(|(a, b)| {
        a.ends_with(char::is_alphabetic) && b.starts_with(char::is_uppercase)
    });
    slashed
        && (2.0..=6.0).contains(&f.words)
        && f.lowercase == 0
        && !f.ends_sentence
        && f.numbers == 0
}

/// Whether a word is one of the photo-credit vocabulary.
fn is_credit_word(word: &str, lower: &mut String) -> bool {
    lower.clear();
    lower.extend(word.chars().flat_map(char::to_lowercase));
    lexicon::lookup(lower).credit()
}

/// A caption opening with a two-word label of credit words ("Image caption …", "Photo
/// credit …").
fn leading_label(text: &str) -> bool {
    let mut lower = String::new();
    let mut words = text.split_whitespace();
    words.next().is_some_and(|w| is_credit_word(w, &mut lower))
        && words
            .next()
            .is_some_and(|w| is_credit_word(w.trim_end_matches(':'), &mut lower))
}

/// A line giving an e-mail address to write to ("Write to Jane Roe at jane@example.com").
fn contact(text: &str, f: &Features) -> Option<Finding> {
    let email = text.split_whitespace().any(|w| {
        w.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.trim_end_matches(['.', ')']).contains('.')
        })
    });
    (email && f.words <= MAX_CONTACT_WORDS)
        .then(|| finding(Category::Notice, "an e-mail address to write to"))
        .flatten()
}

/// A contact line has at most this many words.
const MAX_CONTACT_WORDS: f32 = 15.0;

/// A caption ending in a credit label after its last sentence ("… equivalent. Credit: ESA",
/// "… harbour. Photo: Jane Roe"): a short label with a credit word, then a few words.
fn trailing_credit(text: &str) -> bool {
    let Some((_, last)) = text.rsplit_once(". ") else {
        return false;
    };
    let Some((label, name)) = last.split_once(':') else {
        return false;
    };
    let mut lower = String::new();
    let credit_label = label.split_whitespace().count() <= 2
        && label
            .split_whitespace()
            .any(|w| is_credit_word(w, &mut lower));
    let words = name.split_whitespace().count();
    credit_label && (1..=MAX_CREDIT_WORDS).contains(&words) && !name.trim_end().ends_with('.')
}

/// A credit after a caption names at most this many words (a person, an agency).
const MAX_CREDIT_WORDS: usize = 6;

/// The reason of a gallery's picture counter; the caption under it goes with it.
pub const GALLERY_COUNTER: &str = "a picture counter of a gallery";
/// A caption under a gallery counter has at most this many words.
const MAX_GALLERY_CAPTION_WORDS: f32 = 60.0;

/// The captions under the picture counters of a gallery ("Image 2 of 5", then a sentence).
pub fn gallery_captions(findings: &[Option<Finding>], features: &[Features]) -> Vec<usize> {
    (1..features.len())
        .filter(|&i| {
            findings[i].is_none()
                && features[i].words <= MAX_GALLERY_CAPTION_WORDS
                && findings[i - 1]
                    .as_ref()
                    .is_some_and(|f| f.reason == GALLERY_COUNTER)
        })
        .collect()
}

/// The finding of a caption under a gallery counter.
pub fn gallery_caption() -> Finding {
    Finding {
        category: Category::Caption,
        reason: "the caption of a gallery picture",
    }
}

/// A link to another article on a line of its own: a short label naming a list ("Related:",
/// "Read more:", "Leia também:") and a headline.
fn inline_link(text: &str, f: &Features) -> Option<Finding> {
    let (label, rest) = text.split_once(':')?;
    let mut lower = String::new();
    let named = label.split_whitespace().count() <= MAX_LINK_LABEL_WORDS
        && label.split_whitespace().any(|w| {
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            lexicon::lookup(&lower).see_also()
        });
    (named && !rest.trim().is_empty() && f.words <= MAX_LINK_WORDS)
        .then(|| finding(Category::TeaserList, INLINE_LINK))
        .flatten()
}

/// The reason of a link line; such a line is neutral for the extent of the story.
pub const INLINE_LINK: &str = "a link to another article";

/// The label of a link line has at most this many words...
const MAX_LINK_LABEL_WORDS: usize = 3;
/// ...and the whole line at most this many.
const MAX_LINK_WORDS: f32 = 25.0;

/// Truncated teasers: text cut off with an ellipsis, maybe followed by "read more".
fn teaser(f: &Features) -> Option<Finding> {
    f.truncated
        .then(|| finding(Category::TeaserList, "teaser cut off with an ellipsis"))
        .flatten()
}

/// Breadcrumbs and inline menus: several separators between short items.
fn breadcrumb(f: &Features) -> Option<Finding> {
    (f.separators >= 2 && share(f.separators, f) >= 0.15)
        .then(|| finding(Category::Navigation, "menu or breadcrumb trail"))
        .flatten()
}

/// URLs, e-mail addresses and leftover markup.
fn code(f: &Features) -> Option<Finding> {
    f.code_like
        .then(|| finding(Category::Notice, "a web address or markup, not prose"))
        .flatten()
}

/// A line of a list of other articles under a "Related" heading (see [`super::lists`]).
pub fn see_also_list() -> Finding {
    Finding {
        category: Category::TeaserList,
        reason: "in a list of other articles",
    }
}

/// A paragraph of an appeal letter speaks as "we" to "you" at least this densely.
const LETTER_PERSONS: f32 = 0.08;
/// An appeal that anchors a letter has at least this many words (a paragraph, not a button).
const LETTER_ANCHOR_WORDS: f32 = 15.0;
/// Short lines (a heading, "Dear readers,") at the far ends of a letter, at most this many.
const LETTER_SHORT_LINES: usize = 2;
/// A short line of a letter has at most this many words.
const LETTER_SHORT_WORDS: f32 = 6.0;

fn speaks_to_reader(f: &Features) -> bool {
    let persons = f.second_person + f.first_plural;
    persons >= 2 && share(persons, f) >= LETTER_PERSONS && f.reporting == 0
}

/// The first sentence of a paragraph has at most this many words to open a letter.
const OPENING_WORDS: f32 = 15.0;
/// ...and speaks as "we" or to "you" at least this densely ("… we have a small favor to ask").
const OPENING_PERSONS: f32 = 0.1;

/// Whether the paragraph opens with a short sentence written as "we" to "you", the way a
/// letter to the reader starts.
fn opens_to_reader(text: &str) -> bool {
    let end = text.find(['.', '?', '!']).map_or(text.len(), |i| i + 1);
    let f = super::features::scan(&text[..end], &mut String::new(), &mut Vec::new()).features;
    let persons = f.second_person + f.first_plural;
    f.words <= OPENING_WORDS
        && persons >= 1
        && share(persons, &f) >= OPENING_PERSONS
        && f.reporting == 0
}

/// The paragraphs around a long appeal that belong to the same letter to the reader ("We are
/// facing unprecedented challenges… Your support makes a difference…"): runs of paragraphs
/// written as "we" to "you" next to it, with a heading and salutation of a few short lines.
pub fn appeal_letters(
    texts: &[&str],
    findings: &[Option<Finding>],
    features: &[Features],
) -> Vec<usize> {
    let n = features.len();
    let anchors = (0..n).filter(|&i| {
        findings[i]
            .as_ref()
            .is_some_and(|f| f.category == Category::Appeal)
            && features[i].words >= LETTER_ANCHOR_WORDS
    });
    let mut out = Vec::new();
    for anchor in anchors {
        for step in [-1isize, 1] {
            let mut i = anchor;
            let mut short = 0;
            while let Some(j) = i.checked_add_signed(step).filter(|&j| j < n) {
                let f = &features[j];
                if findings[j].is_some() {
                    break;
                }
                // A heading or salutation introduces the letter ("Dear readers,"); a short
                // sentence closes it ("Remind me later.").
                let framing = if step < 0 {
                    texts[j].ends_with([':', ','])
                } else {
                    f.ends_sentence
                };
                if (speaks_to_reader(f) || opens_to_reader(texts[j])) && short == 0 {
                    out.push(j);
                } else if framing && f.words <= LETTER_SHORT_WORDS && short < LETTER_SHORT_LINES {
                    short += 1;
                    out.push(j);
                } else {
                    break;
                }
                i = j;
            }
        }
    }
    out
}

/// Paragraphs where the site, named as in the page title, offers the reader something
/// ("Get <Site> Pro for … you need"): a mention of the site with "you" and an action word.
pub fn self_promotions(texts: &[&str], features: &[Features], site: &str) -> Vec<usize> {
    (0..texts.len())
        .filter(|&i| {
            let f = &features[i];
            f.second_person >= 1
                && f.action >= 1
                && f.reporting == 0
                && texts[i].to_lowercase().contains(site)
        })
        .collect()
}

/// The finding of a site's offer to the reader.
pub fn self_promotion() -> Finding {
    Finding {
        category: Category::Appeal,
        reason: "the site offering the reader something",
    }
}

/// The finding of a paragraph of an appeal letter.
pub fn letter() -> Finding {
    Finding {
        category: Category::Appeal,
        reason: "part of a letter asking for the reader's support",
    }
}

/// Words that open the heading of an author's box ("About Jane Roe", "Sobre Jane Roe").
const ABOUT_WORDS: [&str; 12] = [
    "about",
    "sobre",
    "über",
    "ueber",
    "propos",
    "acerca",
    "author",
    "autor",
    "auteur",
    "autore",
    "автор",
    "об",
];
/// The heading of an author's box has at most this many words.
const MAX_ABOUT_WORDS: f32 = 5.0;

/// An author's box after the story: a heading "About <Name>" and the paragraph under it that
/// names the same person. Returns the heading and the paragraph.
pub fn author_boxes(texts: &[&str], words: &[&[u64]], features: &[Features]) -> Vec<usize> {
    let mut out = Vec::new();
    for i in 0..texts.len().saturating_sub(1) {
        let f = &features[i];
        if f.words < 2.0 || f.words > MAX_ABOUT_WORDS || f.ends_sentence || f.capitalized < 2 {
            continue;
        }
        let first = texts[i].split_whitespace().next().unwrap_or("");
        let first = first.trim_end_matches(':').to_lowercase();
        // "À propos", "L'auteur": the word after an elided article.
        let first = first.rsplit(['\'', '’']).next().unwrap_or("");
        let about = ABOUT_WORDS.contains(&first);
        let named = words[i]
            .last()
            .is_some_and(|name| words[i + 1].contains(name));
        if about && named && features[i + 1].ends_sentence {
            out.extend([i, i + 1]);
        }
    }
    out
}

/// The finding of an author's box.
pub fn author_box() -> Finding {
    Finding {
        category: Category::Aside,
        reason: "an author's biography",
    }
}

/// The first call-to-action word of `text` ("subscribe", "donate"), as written.
pub fn action_word(text: &str) -> Option<&str> {
    let mut lower = String::new();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .find(|w| {
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            lexicon::lookup(&lower).action()
        })
}

/// The furniture kind `text` shows on its own, if any.
pub fn find(text: &str, f: &Features) -> Option<Finding> {
    notice(f)
        .or_else(|| code(f))
        .or_else(|| contact(text, f))
        .or_else(|| caption(text, f))
        .or_else(|| appeal(text, f))
        .or_else(|| inline_link(text, f))
        .or_else(|| teaser(f))
        .or_else(|| breadcrumb(f))
}

#[cfg(test)]
mod tests {
    use super::super::features::features;
    use super::*;

    fn category(text: &str) -> Option<Category> {
        find(text, &features(text)).map(|f| f.category)
    }

    #[test]
    fn each_rule_recognises_its_kind() {
        assert_eq!(
            category("© 2031 Example Media Group. All rights reserved."),
            Some(Category::Notice)
        );
        assert_eq!(
            category("We use cookies to improve your experience. Read our privacy policy."),
            Some(Category::Notice)
        );
        assert_eq!(
            category("If you value our reporting, please support us with a donation today."),
            Some(Category::Appeal)
        );
        assert_eq!(category("Subscribe now"), Some(Category::Appeal));
        assert_eq!(
            category(
                "Fishermen unload their catch at dawn in the harbour. (Jane Roe/Getty Images)"
            ),
            Some(Category::Caption)
        );
        assert_eq!(
            category(
                "A cross-section through the new module, showing the crew quarters. Credit: ESA"
            ),
            Some(Category::Caption)
        );
        assert_eq!(category("Image 2 of 5"), Some(Category::Caption));
        assert_eq!(
            category("Related: Harbour pier to close for six months of repairs"),
            Some(Category::TeaserList)
        );
        assert_eq!(category("Jane Roe/ExampleNews"), Some(Category::Caption));
        assert_eq!(
            category("Like this story? Share it with a friend!"),
            Some(Category::Appeal)
        );
        assert_eq!(
            category("Image caption The skipper has fished from the pier for forty years"),
            Some(Category::Caption)
        );
        assert_eq!(
            category("Write to Jane Roe at jane.roe@example.com"),
            Some(Category::Notice)
        );
        assert_eq!(
            category("The mayor said the new tram line would open next spring… Continue reading"),
            Some(Category::TeaserList)
        );
        assert_eq!(
            category("Home › Local › Transport"),
            Some(Category::Navigation)
        );
    }

    #[test]
    fn story_sentences_with_one_trigger_word_are_not_furniture() {
        let quote = "\"You cannot build a bridge on hope alone,\" the engineer told reporters on Monday, \
                     adding that the council had ignored three warnings about the structure.";
        assert_eq!(category(quote), None);
        let reported = "\u{201c}We are not blind to those, and we will support every family that \
                        asks,\u{201d} wrote the editors of the paper in a column on Sunday.";
        assert_eq!(category(reported), None);
        let legal = "The court ruled that the company had infringed the copyright of two authors \
                     whose novels were copied into its training data without payment.";
        assert_eq!(category(legal), None);
    }
}
