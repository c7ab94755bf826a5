//! The tunable numbers of the classifier, in one place, so a benchmark can tune them on some
//! sites and score them on others (`bench/boilerplate_cv.py`) instead of fitting them by hand.

use serde::Deserialize;

/// Thresholds and weights the classifier reads; [`Params::default`] is what ships.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// Records beyond a repeated line join the body when they weigh this share of the first.
    pub wall_share: f32,
    /// Side stretches of prose are kept when they weigh this share of the main one.
    pub side_share: f32,
    /// Factor on the score of a prose block between two non-prose ones.
    pub isolated_damping: f32,
    /// Factor on the score of a prose block in a chain of such blocks (teasers, comments).
    pub chain_damping: f32,
    /// The score of a caption: pictures sit inside stories, so they separate little.
    pub caption_score: f32,
    /// The body keeps at least this share of the page's sentence-like words, unless what it
    /// leaves out is marked as furniture (see `super::safety`).
    pub min_body_share: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            wall_share: 0.3,
            side_share: 0.5,
            isolated_damping: 0.5,
            chain_damping: 0.3,
            caption_score: -0.3,
            min_body_share: 0.5,
        }
    }
}

impl Params {
    /// Parameters from a JSON object naming some of the fields (the rest keep their defaults).
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_overrides_only_the_fields_it_names() {
        let p = Params::from_json(r#"{"side_share": 0.4}"#).unwrap();
        assert_eq!(p.side_share, 0.4);
        assert_eq!(p.wall_share, Params::default().wall_share);
        assert!(Params::from_json(r#"{"nope": 1}"#).is_err());
    }
}
