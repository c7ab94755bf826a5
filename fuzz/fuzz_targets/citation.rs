//! The citation tag parser on arbitrary text: no panic, and every tag, attribute and error
//! range slices the text, so diagnostics and hovers can always be placed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsls::analysis::citation::{Attribute, parse};
use std::ops::Range;

fuzz_target!(|text: &str| {
    let tags = parse(text);
    for cite in &tags.cites {
        check(text, &cite.open);
        check(text, &cite.content);
        if let Some(close) = &cite.close {
            check(text, close);
        }
        attributes(text, &cite.attributes);
    }
    for source in &tags.sources {
        check(text, &source.range);
        attributes(text, &source.attributes);
    }
    for error in &tags.errors {
        check(text, &error.range);
        let _ = error.message();
    }
});

fn attributes(text: &str, attributes: &[Attribute]) {
    for attribute in attributes {
        check(text, &attribute.name_range);
        check(text, &attribute.value_range);
    }
}

fn check(text: &str, range: &Range<usize>) {
    assert!(
        text.get(range.clone()).is_some(),
        "range {range:?} does not slice the text"
    );
}
