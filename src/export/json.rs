//! JSON written straight into a byte buffer, for the formats whose output is many times the
//! size of the articles (a W3C collection is about eight times its text): serde's
//! field-by-field serializer spent more time there than the analysis' findings take.

/// Appends `s` as a JSON string, quotes included, escaped as `serde_json` escapes it (the
/// output is byte for byte the same), skipping over eight bytes at a time that need nothing.
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut clean = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8)
            && !needs_escape(u64::from_le_bytes(word.try_into().unwrap_or_default()))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        if let Some(escaped) = escape(b) {
            out.extend_from_slice(&bytes[clean..i]);
            match escaped {
                Escape::Short(c) => out.extend_from_slice(&[b'\\', c]),
                Escape::Unicode => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let hex = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]];
                    out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex[0], hex[1]]);
                }
            }
            clean = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(&bytes[clean..]);
    out.push(b'"');
}

/// Appends a number.
pub fn push_num(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

enum Escape {
    /// `\"`, `\\`, `\n` ...
    Short(u8),
    /// `\u00XX`, for the other control characters.
    Unicode,
}

fn escape(b: u8) -> Option<Escape> {
    Some(match b {
        b'"' => Escape::Short(b'"'),
        b'\\' => Escape::Short(b'\\'),
        b'\n' => Escape::Short(b'n'),
        b'\r' => Escape::Short(b'r'),
        b'\t' => Escape::Short(b't'),
        0x08 => Escape::Short(b'b'),
        0x0C => Escape::Short(b'f'),
        0..0x20 => Escape::Unicode,
        _ => return None,
    })
}

/// Whether any byte of the word is a control character, `"` or `\` (exact: a word without
/// one is never reported).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    below_space
        || has_zero(word ^ (ONES * u64::from(b'"')))
        || has_zero(word ^ (ONES * u64::from(b'\\')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut samples: Vec<String> = vec![
            String::new(),
            "plain ascii text longer than eight bytes".into(),
            "“Curly” quotes, Ümlaute, 東京, emoji 😀 and U+2028 \u{2028}".into(),
            "a \"quoted\" word and a back\\slash".into(),
            "tab\there, line\nbreak, return\r, bell\u{7}, nul\0, esc\u{1b}, del\u{7f}".into(),
        ];
        // Every byte value below 0x80 at every place of an eight-byte word.
        for b in 0u8..0x80 {
            for at in 0..9 {
                let mut s = "abcdefghijklmnop".to_string();
                s.insert(at, char::from(b));
                samples.push(s);
            }
        }
        for s in samples {
            let mut ours = Vec::new();
            push_str(&mut ours, &s);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&s).unwrap()
            );
        }
    }

    #[test]
    fn numbers_are_decimal() {
        let mut out = Vec::new();
        for n in [0, 7, 42, 1_000_000, usize::MAX] {
            push_num(&mut out, n);
            out.push(b' ');
        }
        assert_eq!(out, format!("0 7 42 1000000 {} ", usize::MAX).into_bytes());
    }
}
