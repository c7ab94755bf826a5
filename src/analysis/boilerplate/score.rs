//! How much a block reads like running prose, from -1 (page furniture) to 1 (story text).
//!
//! The signals are the ones jusText and trafilatura rely on, all visible in plain text:
//! length, function-word density in the page's language, sentence punctuation and how
//! title-cased the words are. Where no function-word list fits the page (an unlisted
//! language), the density signal is left out and punctuation and length decide.

use super::features::Features;
use super::lexicon;

/// Share of all tokens that must be function words of one language to trust that language.
const MIN_LANGUAGE_DENSITY: f32 = 0.08;

/// The page's language, as an index into the function-word lists, or `None` when none fits.
pub fn detect_language(features: &[Features]) -> Option<usize> {
    let mut hits = vec![0u64; lexicon::language_count()];
    let mut words = 0.0f64;
    for f in features {
        words += f64::from(f.words);
        for (total, &h) in hits.iter_mut().zip(&f.function_hits) {
            *total += u64::from(h);
        }
    }
    let (best, &count) = hits.iter().enumerate().max_by_key(|&(_, h)| *h)?;
    (words > 0.0 && count as f64 / words >= f64::from(MIN_LANGUAGE_DENSITY)).then_some(best)
}

fn length_score(words: f32) -> f32 {
    match words {
        w if w >= 40.0 => 0.5,
        w if w >= 20.0 => 0.35,
        w if w >= 10.0 => 0.1,
        w if w >= 5.0 => -0.1,
        _ => -0.4,
    }
}

fn density_score(f: &Features, language: Option<usize>) -> f32 {
    let Some(language) = language else {
        return 0.0;
    };
    if f.words < 4.0 {
        return 0.0;
    }
    match f.function_density(language) {
        d if d >= 0.3 => 0.35,
        d if d >= 0.2 => 0.2,
        d if d >= 0.1 => -0.05,
        _ => -0.35,
    }
}

fn punctuation_score(f: &Features) -> f32 {
    let ending = if f.ends_sentence { 0.3 } else { -0.3 };
    let inner = 0.1 * f.sentence_marks.min(3) as f32 + 0.03 * f.clause_marks.min(5) as f32;
    ending + inner
}

fn shape_penalty(f: &Features) -> f32 {
    let mut penalty = 0.0;
    if f.alpha_words >= 3 && f.title_case_ratio() >= 0.7 && !f.ends_sentence {
        penalty += 0.3;
    }
    if f.truncated {
        penalty += 0.7;
    }
    if f.code_like {
        penalty += 0.6;
    }
    if f.separators >= 2 {
        penalty += 0.5;
    }
    if f.alpha_words == 0 {
        penalty += 0.5;
    }
    penalty
}

/// The prose score of one block, clamped to [-1, 1].
pub fn content_score(f: &Features, language: Option<usize>) -> f32 {
    let score = length_score(f.words) + density_score(f, language) + punctuation_score(f)
        - shape_penalty(f);
    score.clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::features::features;
    use super::*;

    fn score(text: &str) -> f32 {
        let f = features(text);
        content_score(&f, detect_language(std::slice::from_ref(&f)))
    }

    #[test]
    fn prose_scores_high_and_menus_low() {
        let prose = "The city council voted on Tuesday to close the old bridge, which has been \
                     in use since 1932, after engineers found that its supports were corroded.";
        assert!(score(prose) > 0.5);
        assert!(score("Sports") < -0.5);
        assert!(score("Business News Markets Politics") < -0.5);
    }

    #[test]
    fn language_is_detected_from_function_words() {
        let f = features(
            "Der Rat hat am Dienstag beschlossen, die alte Brücke zu schließen, weil sie nicht mehr sicher ist.",
        );
        let lang = detect_language(std::slice::from_ref(&f)).unwrap();
        assert_eq!(lexicon::language_code(lang), "de");
        assert_eq!(
            detect_language(&[features("東京都は月曜日に発表した。")]),
            None
        );
    }

    #[test]
    fn prose_in_an_unlisted_language_still_scores_by_punctuation_and_length() {
        let text = "서울시는 월요일 새 교통 정책을 발표했다. 시민들은 대체로 환영했지만 일부는 \
                    우려를 나타냈다. 시는 다음 달부터 시범 운영을 시작할 계획이다. 관계자는 \
                    결과를 보고 확대 여부를 결정하겠다고 말했다.";
        assert!(score(text) > 0.3);
    }
}
