//! Article metadata read from the text's own cues.

pub mod date;
