//! The strict reader in front of the protocol library.
//!
//! tower-lsp-server stops reading for good after the first frame it cannot decode (its framed
//! reader ends on an error), and a broken header could make it wait forever or allocate what
//! the header claims. So this task reads the frames itself, within bounds: after a broken
//! frame it re-synchronises on the next `Content-Length` header, and each body goes through
//! [`screen`] before the library sees it. It ends with the input or after passing `exit`.

use super::screen::{self, Verdict};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Largest message body accepted; a client claiming more is broken.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// Longest header block; real ones are under a hundred bytes.
const MAX_HEADER: usize = 8 * 1024;

/// The header every frame starts with, compared without regard to case.
const CONTENT_LENGTH: &[u8] = b"content-length";

/// How much is read from the input at a time.
const CHUNK: usize = 64 * 1024;

/// Copies frames from `input` to `output` (the protocol library) until `input` ends or an
/// `exit` notification has passed, replacing what the library must not see.
pub async fn guard(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut frames = Frames::new(input);
    loop {
        let (body, last) = match frames.next().await {
            Frame::End => return,
            Frame::Broken(why) => {
                tracing::error!("broken frame ({why}): answered with a parse error");
                (screen::broken_frame(), false)
            }
            Frame::Body(body) => match screen::screen(&body) {
                Verdict::Pass { exit } => (body, exit),
                Verdict::Answer(stand_in) => (stand_in, false),
                Verdict::Drop => continue,
            },
        };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        if output.write_all(header.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
            || output.flush().await.is_err()
            || last
        {
            return;
        }
    }
}

/// What the reader found next in the input.
#[derive(Debug, PartialEq)]
enum Frame {
    /// A body of exactly the length its header gave.
    Body(Vec<u8>),
    /// Bytes that are no frame (the reason); the reader has moved on past them.
    Broken(&'static str),
    /// The input ended.
    End,
}

/// A bounded reader of `Content-Length` frames that survives any bytes.
struct Frames<R> {
    input: R,
    /// Bytes read and not yet used start at `start`.
    buffer: Vec<u8>,
    start: usize,
    ended: bool,
    /// Set after a broken frame: skip to the next `Content-Length` before reading a header.
    resync: bool,
}

impl<R: AsyncRead + Unpin> Frames<R> {
    fn new(input: R) -> Self {
        Frames {
            input,
            buffer: Vec::new(),
            start: 0,
            ended: false,
            resync: false,
        }
    }

    async fn next(&mut self) -> Frame {
        if self.resync && !self.skip_to_header().await {
            return Frame::End;
        }
        self.resync = false;
        let length = match self.header().await {
            Ok(Some(length)) => length,
            Ok(None) => return Frame::End,
            Err(why) => return self.broken(why),
        };
        self.body(length).await
    }

    /// Reports a broken frame and skips to the next header on the following call.
    fn broken(&mut self, why: &'static str) -> Frame {
        self.start += 1;
        self.resync = true;
        Frame::Broken(why)
    }

    fn available(&self) -> &[u8] {
        &self.buffer[self.start..]
    }

    /// Reads more input into the buffer; false at the end of the input.
    async fn fill(&mut self) -> bool {
        if self.ended {
            return false;
        }
        if self.start > 0 {
            self.buffer.drain(..self.start);
            self.start = 0;
        }
        self.buffer.reserve(CHUNK);
        match self.input.read_buf(&mut self.buffer).await {
            Ok(0) | Err(_) => {
                self.ended = true;
                false
            }
            Ok(_) => true,
        }
    }

    /// Drops input up to the next `Content-Length`; false if the input ends first.
    async fn skip_to_header(&mut self) -> bool {
        loop {
            if let Some(at) = find_header(self.available()) {
                self.start += at;
                return true;
            }
            // Keep a tail that may be the beginning of a header cut by the read.
            let keep = self.available().len().min(CONTENT_LENGTH.len() - 1);
            self.start = self.buffer.len() - keep;
            if !self.fill().await {
                return false;
            }
        }
    }

    /// Reads a header block; its Content-Length, `None` at the end of the input. Blank lines
    /// before it are skipped. On an error, `start` is still at the block.
    async fn header(&mut self) -> Result<Option<usize>, &'static str> {
        loop {
            let blank = self
                .available()
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n');
            self.start += blank.count();
            match parse_header(self.available()) {
                Parsed::Partial if self.available().len() > MAX_HEADER => {
                    return Err("header too long");
                }
                Parsed::Partial => {
                    if !self.fill().await {
                        return Ok(None);
                    }
                }
                Parsed::Broken(why) => return Err(why),
                Parsed::Done { length, size } => {
                    self.start += size;
                    return Ok(Some(length));
                }
            }
        }
    }

    /// Reads a body of `length` bytes, unless a header turns up in it where JSON cannot have
    /// one: then the body was shorter than its header said, and the frame is broken.
    async fn body(&mut self, length: usize) -> Frame {
        let mut scan = Scan::default();
        loop {
            let have = self.available().len().min(length);
            if let Some(at) = scan.run(self.available(), have, have == length) {
                self.start += at;
                return Frame::Broken("body shorter than its Content-Length");
            }
            if have == length {
                return Frame::Body(self.take(length));
            }
            if !self.fill().await {
                return Frame::End;
            }
        }
    }
}

impl<R> Frames<R> {
    /// Takes the next `length` bytes out of the buffer. A big body takes the buffer with it
    /// rather than be copied (the buffer was filled for it); small ones are copied out.
    fn take(&mut self, length: usize) -> Vec<u8> {
        if length < CHUNK {
            let body = self.buffer[self.start..self.start + length].to_vec();
            self.start += length;
            return body;
        }
        let rest = self.buffer.split_off(self.start + length);
        let mut body = std::mem::replace(&mut self.buffer, rest);
        body.drain(..self.start);
        self.start = 0;
        body
    }
}

/// The position of the next `Content-Length` in `bytes`, in any case.
fn find_header(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(CONTENT_LENGTH.len())
        .position(|w| w.eq_ignore_ascii_case(CONTENT_LENGTH))
}

enum Parsed {
    /// The block is not complete yet.
    Partial,
    Broken(&'static str),
    /// The block is complete: the body's length and the block's size.
    Done {
        length: usize,
        size: usize,
    },
}

/// Parses the header block at the start of `bytes`: `Name: value` lines up to a blank line,
/// with one Content-Length of decimal digits. Lines end with `\n` or `\r\n`.
fn parse_header(bytes: &[u8]) -> Parsed {
    let mut length = None;
    let mut at = 0;
    loop {
        let Some(end) = bytes[at..].iter().position(|&b| b == b'\n') else {
            return partial_line(&bytes[at..]);
        };
        let line = &bytes[at..at + end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at += end + 1;
        if line.is_empty() {
            return match length {
                Some(length) => Parsed::Done { length, size: at },
                None => Parsed::Broken("no Content-Length"),
            };
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Parsed::Broken("not a header");
        };
        let (name, value) = (&line[..colon], line[colon + 1..].trim_ascii());
        if !is_token(name) {
            return Parsed::Broken("not a header");
        }
        if name.eq_ignore_ascii_case(CONTENT_LENGTH) {
            if length.is_some() {
                return Parsed::Broken("two Content-Length headers");
            }
            match decimal(value) {
                Some(n) if n <= MAX_BODY => length = Some(n),
                Some(_) => return Parsed::Broken("Content-Length over the limit"),
                None => return Parsed::Broken("Content-Length is not a number"),
            }
        }
    }
}

/// A line still coming in: broken already if what there is of its name cannot be one.
fn partial_line(line: &[u8]) -> Parsed {
    let (name, colon) = match line.iter().position(|&b| b == b':') {
        Some(colon) => (&line[..colon], true),
        None => (line.strip_suffix(b"\r").unwrap_or(line), false),
    };
    if (name.is_empty() && !colon) || is_token(name) {
        Parsed::Partial
    } else {
        Parsed::Broken("not a header")
    }
}

/// A header name: visible ASCII without separators.
fn is_token(name: &[u8]) -> bool {
    !name.is_empty()
        && name
            .iter()
            .all(|&b| b.is_ascii_graphic() && !b"\"(),/:;<=>?@[\\]{}".contains(&b))
}

/// A non-negative decimal number without sign or spaces; `None` if not one or past `u64`.
fn decimal(value: &[u8]) -> Option<usize> {
    if value.is_empty() || value.len() > 20 || !value.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(value).ok()?.parse().ok()
}

/// Where a JSON body stands after the bytes scanned so far. JSON has no `Content-Length` outside
/// its strings and no raw line break inside them, so either one marks the next frame's
/// header inside a body that was shorter than its header said.
#[derive(Default)]
struct Scan {
    /// Bytes of the body scanned so far.
    done: usize,
    /// Where the string being scanned opened, if inside one.
    string: Option<usize>,
    escaped: bool,
}

impl Scan {
    /// Scans `bytes[..end]` on from where it stopped; the position of a header found there.
    /// A header may run past `end` into what follows; near the end of what is buffered, the
    /// scan waits for more unless `complete`.
    fn run(&mut self, bytes: &[u8], end: usize, complete: bool) -> Option<usize> {
        while self.done < end {
            let at = self.done;
            let byte = bytes[at];
            match self.string {
                Some(_) if self.escaped => self.escaped = false,
                Some(_) if byte == b'\\' => self.escaped = true,
                Some(_) if byte == b'"' => self.string = None,
                Some(open) if byte < 0x20 => {
                    if let Some(found) = find_header(&bytes[open..at]) {
                        return Some(open + found);
                    }
                    self.string = None;
                }
                Some(_) => {
                    // Most of a body is string text: skip it in one go.
                    let plain = bytes[at..end]
                        .iter()
                        .take_while(|&&b| b != b'"' && b != b'\\' && b >= 0x20)
                        .count();
                    self.done += plain;
                    continue;
                }
                None if byte == b'"' => self.string = Some(at),
                None if byte.eq_ignore_ascii_case(&b'c') => {
                    let rest = &bytes[at..];
                    if rest.len() < CONTENT_LENGTH.len() && !complete {
                        return None;
                    }
                    if rest.len() >= CONTENT_LENGTH.len()
                        && rest[..CONTENT_LENGTH.len()].eq_ignore_ascii_case(CONTENT_LENGTH)
                    {
                        return Some(at);
                    }
                }
                None => {}
            }
            self.done += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// All frames read from `input`, up to the end.
    fn frames(input: &[u8]) -> Vec<Frame> {
        futures::executor::block_on(async {
            let mut reader = Frames::new(input);
            let mut found = Vec::new();
            loop {
                match reader.next().await {
                    Frame::End => return found,
                    frame => found.push(frame),
                }
            }
        })
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    #[test]
    fn good_frames_are_read_whatever_the_line_ends_and_the_case() {
        let input = format!(
            "{}\r\n{}content-length: 2\nContent-Type: x\n\n{{}}",
            frame("{}"),
            frame(r#"{"a":"Content-Length: 3\r\n"}"#)
        );
        assert_eq!(
            frames(input.as_bytes()),
            [
                body("{}"),
                body(r#"{"a":"Content-Length: 3\r\n"}"#),
                body("{}")
            ]
        );
    }

    #[test]
    fn big_bodies_come_whole_and_the_next_frame_after_them() {
        let big = format!("[\"{}\"]", "Content-Length: 1\\n".repeat(20_000));
        let input = format!("{}{}{}", frame("{}"), frame(&big), frame("[1]"));
        assert_eq!(
            frames(input.as_bytes()),
            [body("{}"), body(&big), body("[1]")]
        );
    }

    #[test]
    fn broken_headers_are_skipped_up_to_the_next_frame() {
        for bad in [
            "Content-Length: abc\r\n\r\n{}",
            "Content-Length: -5\r\n\r\n{}",
            "Content-Length: 99999999999999999999999\r\n\r\n{}",
            "Content-Length: 1000000000\r\n\r\n{}",
            "Content-Type: x\r\n\r\n{}",
            "garbage\r\n",
            "\u{0}\u{1}binary: junk Content-Lengt",
        ] {
            let input = format!("{bad}{}", frame("[1]"));
            let found = frames(input.as_bytes());
            assert!(matches!(found[0], Frame::Broken(_)), "{bad:?}: {found:?}");
            assert_eq!(found[1..], [body("[1]")], "{bad:?}");
        }
    }

    #[test]
    fn a_body_shorter_than_its_length_ends_at_the_next_header() {
        for short in [
            r#"{"id":1}"#,
            r#"{"id":"cut in a str"#,
            r#"{"id":tr"#,
            "{\"a\":\"\\",
        ] {
            let input = format!("Content-Length: 500\r\n\r\n{short}{}", frame("[2]"));
            let found = frames(input.as_bytes());
            assert!(matches!(found[0], Frame::Broken(_)), "{short:?}: {found:?}");
            assert_eq!(found[1..], [body("[2]")], "{short:?}");
        }
    }

    #[test]
    fn a_cut_input_ends_without_waiting_for_what_a_header_claims() {
        for cut in [
            "Content-Length: 1000000000\r\n\r\n{\"a\":",
            "Content-Length: 100\r\n\r\n{\"a\":",
            "Content-Length: 10",
            "Content-Le",
        ] {
            let found = frames(cut.as_bytes());
            assert!(
                found.iter().all(|f| matches!(f, Frame::Broken(_))),
                "{cut:?}"
            );
        }
    }

    #[test]
    fn a_header_that_never_ends_is_broken_after_a_bound() {
        let input = format!("X-Long: {}\r\n\r\n{}", "x".repeat(MAX_HEADER), frame("[3]"));
        let found = frames(input.as_bytes());
        assert!(matches!(found[0], Frame::Broken(_)));
        assert_eq!(found[1..], [body("[3]")]);
    }

    #[tokio::test]
    async fn the_guard_passes_messages_and_stops_after_exit() {
        let request = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!("{}{}{}", frame(request), frame(exit), frame(request));
        let mut output = Vec::new();
        guard(input.as_bytes(), &mut output).await;
        let expected = format!("{}{}", frame(request), frame(exit));
        assert_eq!(String::from_utf8(output).unwrap(), expected);
    }
}
