//! Captions without a credit: what a picture shows, told as a subject and a present
//! participle ("Soldiers inspecting a frigate at the port"), and the full text of a caption
//! shown again, cut off, with its credit.

use super::features::Features;
use super::rules::{Finding, caption_finding};
use super::{Category, lexicon};

/// A participle caption has this many words at least and at most.
const CAPTION_WORDS: std::ops::RangeInclusive<f32> = 6.0..=30.0;
/// The participle follows a subject of at least this many words...
const MIN_SUBJECT_WORDS: usize = 2;
/// ...and at most this many.
const MAX_SUBJECT_WORDS: usize = 4;
/// Finite verbs and past forms that make a sentence a report, not a picture's description
/// (English; other languages are left alone).
const FINITE: &str = "is are was were be been has have had will would can could did does do \
     may might must shall should said says told found made took came went gave saw met left \
     held led won lost ran began became got put set sent spent brought thought knew kept paid \
     sold stood fell hit cut shot";
/// Words ending in -ing that are not participles.
const NOT_PARTICIPLES: &str = "during according including king thing things something \
     nothing anything everything morning evening meeting building spring string ring wing \
     ceiling wedding bring sing swing sting ping beijing";

fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// One sentence that describes a picture: a subject of a few words, then a present participle
/// ("North Korean soldiers inspecting …", "A man carrying …"), and no finite verb.
pub fn participle_caption(text: &str, f: &Features) -> bool {
    if !CAPTION_WORDS.contains(&f.words) || f.sentence_marks > 1 || !f.ends_sentence {
        return false;
    }
    if f.reporting > 0 || f.second_person + f.first_plural > 0 || !f.starts_upper {
        return false;
    }
    let raw: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
    let finite = words
        .iter()
        .any(|w| listed(FINITE, w) || (w.len() > 4 && w.ends_with("ed")));
    let participle = (MIN_SUBJECT_WORDS..=MAX_SUBJECT_WORDS.min(words.len().saturating_sub(1)))
        .find(|&p| {
            let w = &words[p];
            w.len() > 4 && w.ends_with("ing") && !listed(NOT_PARTICIPLES, w)
        });
    // The subject is names and a common noun ("North Korean soldiers"), not a headline in
    // title case ("Zimmerman Auctioning Off …"), an adverb ("quietly lining up") or a clause.
    let subject_plain = participle.is_some_and(|p| {
        let noun = raw[p - 1];
        noun.starts_with(char::is_lowercase)
            && !noun.ends_with("ly")
            && raw[p].starts_with(char::is_lowercase)
            && words[..p].iter().all(|w| {
                lexicon::lookup(w).languages == 0 || matches!(w.as_str(), "the" | "a" | "an")
            })
    });
    !finite && subject_plain && !text.contains(',')
}

/// The blocks next to a caption that hold its full text: a caption cut off with an ellipsis
/// and a credit ("Kim speaks with Medvedev… (Photo/Agency)") repeats the first words of the
/// caption above or below it.
pub fn full_captions(findings: &[Option<Finding>], words: &[&[u64]]) -> Vec<usize> {
    const PREFIX: usize = 6;
    let is_caption = |i: usize| {
        findings[i]
            .as_ref()
            .is_some_and(|f| f.category == Category::Caption)
    };
    let mut out = Vec::new();
    for i in (0..findings.len()).filter(|&i| is_caption(i) && words[i].len() > PREFIX) {
        let prefix = &words[i][..PREFIX];
        for j in [i.wrapping_sub(1), i + 1] {
            if j < findings.len() && findings[j].is_none() && words[j].starts_with(prefix) {
                out.push(j);
            }
        }
    }
    out
}

/// The finding of a caption's full text.
pub fn full_caption() -> Finding {
    caption_finding("the full text of a caption shown again with its credit")
}

#[cfg(test)]
mod tests {
    use super::super::features::features;
    use super::*;

    #[test]
    fn a_subject_and_a_participle_describe_a_picture() {
        let caption =
            "Harbour workers unloading a container ship at the new pier over the weekend.";
        assert!(participle_caption(caption, &features(caption)));
        for story in [
            "Harbour workers were unloading a container ship when the crane collapsed.",
            "Rescuers searching the rubble found two survivors on Tuesday.",
            "The meeting ended without an agreement on the new pier, the council said.",
            "During the storm the pier lost three of its cranes and a warehouse.",
            "Harbour Master Auctioning Off Crane Used To Build The Old Pier.",
            "Harbour team quietly lining up a long-term plan for the pier.",
        ] {
            assert!(!participle_caption(story, &features(story)), "{story}");
        }
    }
}
