//! A guard in front of the protocol reader.
//!
//! tower-lsp-server stops reading stdin after the first message body that is not JSON (its
//! framed reader ends on a decode error), which would leave the editor talking to a deaf
//! server. This task reads the frames itself, passes valid ones through unchanged, and swaps an
//! unreadable body for a `newsls/invalidMessage` request with a null id, which the server
//! answers with the parse error (-32700) the spec asks for, and goes on.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// The method an unreadable message is replaced with.
pub const INVALID_MESSAGE: &str = "newsls/invalidMessage";

/// Largest message body accepted; a client claiming more is broken.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// Copies LSP frames from `input` to `output` until `input` ends, repairing bad bodies.
pub async fn guard(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut input = BufReader::new(input);
    loop {
        let Some(length) = read_headers(&mut input).await else {
            return;
        };
        let mut body = vec![0; length];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        if serde_json::from_slice::<serde_json::Value>(&body).is_err() {
            tracing::error!("unreadable message of {length} bytes: answered with a parse error");
            body = format!(r#"{{"jsonrpc":"2.0","id":null,"method":"{INVALID_MESSAGE}"}}"#)
                .into_bytes();
        }
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        if output.write_all(header.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
        {
            return;
        }
        let _ = output.flush().await;
    }
}

/// Reads header lines up to the blank line; returns the Content-Length, skipping frames
/// whose headers make no sense. `None` at the end of the input.
async fn read_headers(input: &mut (impl AsyncBufReadExt + Unpin)) -> Option<usize> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            match length.take() {
                Some(n) if n <= MAX_BODY => return Some(n),
                _ => continue,
            }
        }
        if let Some((name, value)) = trimmed.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn good_frames_pass_and_bad_bodies_are_replaced() {
        let input = format!(
            "{}{}garbage\r\nContent-Length: 5\r\nContent-Type: x\r\n\r\n[1,2]Content-Length: 999999999999\r\n\r\n",
            frame("{}"),
            frame("{not json}")
        );
        let mut output = Vec::new();
        guard(input.as_bytes(), &mut output).await;
        let replacement = format!(r#"{{"jsonrpc":"2.0","id":null,"method":"{INVALID_MESSAGE}"}}"#);
        let expected = format!("{}{}{}", frame("{}"), frame(&replacement), frame("[1,2]"));
        assert_eq!(String::from_utf8(output).unwrap(), expected);
    }
}
