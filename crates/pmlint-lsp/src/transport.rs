//! A framing guard between the client's byte stream and tower-lsp-server's reader.
//!
//! tower-lsp-server answers an undecodable message with a parse error, but its reader
//! (tokio-util's `FramedRead`) ends for good after any decode error, so one malformed
//! frame from a client, extension or proxy would silently end the whole session. The
//! guard re-frames the input: it passes on each message that decodes as JSON-RPC, drops
//! (and logs on stderr) what does not, resynchronises on the next `Content-Length`
//! header after garbage, and skips oversized bodies without buffering them.

use serde::Deserialize;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// Larger bodies are skipped unread: the biggest file pmlint lints, JSON-escaped, fits.
pub const MAX_MESSAGE_BYTES: usize = 4 * pmlint_workspace::MAX_FILE_BYTES as usize;

/// A header line longer than this is garbage, not a header.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// What tower-lsp-server decodes each body as.
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // Only decoded, to check that the server can decode it too.
enum Message {
    Response(Response),
    Request(Request),
}

/// Copies well-formed messages from `input` to `output` until `input` ends or the
/// server stops reading.
pub async fn forward_messages(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut input = BufReader::new(input);
    while let Some(length) = read_headers(&mut input).await {
        let Some(length) = length else {
            eprintln!("pmlint lsp: skipped a header without a valid Content-Length");
            continue;
        };
        if length > MAX_MESSAGE_BYTES {
            eprintln!("pmlint lsp: skipped a message of {length} bytes (the limit is {MAX_MESSAGE_BYTES})");
            let skipped = tokio::io::copy(
                &mut (&mut input).take(length as u64),
                &mut tokio::io::sink(),
            )
            .await;
            if skipped.map_or(true, |n| n < length as u64) {
                return;
            }
            continue;
        }
        let mut body = vec![0; length];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        if let Err(e) = serde_json::from_slice::<Message>(&body) {
            eprintln!("pmlint lsp: dropped a malformed message of {length} bytes: {e}");
            continue;
        }
        let header = format!("Content-Length: {length}\r\n\r\n");
        let written = async {
            output.write_all(header.as_bytes()).await?;
            output.write_all(&body).await?;
            output.flush().await
        };
        if written.await.is_err() {
            return;
        }
    }
}

/// Reads one header block: `None` at the end of the input, `Some(None)` for a block
/// without a usable `Content-Length`. A length is taken from anywhere in a line, so a
/// header that follows the rest of a too-short body is still found.
async fn read_headers(input: &mut (impl AsyncBufReadExt + Unpin)) -> Option<Option<usize>> {
    let mut length = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = (&mut *input)
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .await
            .ok()?;
        if read == 0 {
            return None;
        }
        if line.ends_with(b"\n") && line.trim_ascii().is_empty() {
            return Some(length);
        }
        let text = String::from_utf8_lossy(&line).to_ascii_lowercase();
        if let Some(at) = text.find("content-length:") {
            length = text[at + "content-length:".len()..].trim().parse().ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn forwarded(input: &[u8]) -> String {
        let mut output = Vec::new();
        forward_messages(input, &mut output).await;
        String::from_utf8(output).unwrap()
    }

    #[tokio::test]
    async fn passes_messages_and_drops_malformed_ones() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let frame = format!("Content-Length: {}\r\n\r\n{good}", good.len());
        let input = [
            "Content-Length: 9\r\n\r\n{not json".to_string(),
            "Content-Length: 2\r\n\r\n{}".to_string(),
            "Content-Type: application/json\r\n\r\n".to_string(),
            format!("Content-Length: 5\r\n\r\n{good}"),
            frame.clone(),
            "Content-Length: 99999999999999999\r\n\r\n{".to_string(),
        ]
        .concat();
        // The too-short frame's leftovers run into the next header, which is still found.
        assert_eq!(forwarded(input.as_bytes()).await, frame);
        let crlf_free = format!("content-length: {}\n\n{good}", good.len());
        assert_eq!(forwarded(crlf_free.as_bytes()).await, frame);
    }
}
