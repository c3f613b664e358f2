//! An answer's body, read no further than the result needs: at most a limit, in the chunks
//! it arrives in, with no more memory reserved from a `Content-Length` than
//! [`PREALLOCATION_LIMIT`].

use bytes::Bytes;
use reqwest::Response;

/// The most reserved up front for a body from its `Content-Length`, which the server may not
/// honour; past it the buffer grows with the bytes that actually arrive.
const PREALLOCATION_LIMIT: u64 = 256 * 1024;

/// Reads at most `limit` bytes of the body; `true` when there was more (left unread).
pub(crate) async fn read_body(
    response: &mut Response,
    limit: usize,
) -> reqwest::Result<(Bytes, bool)> {
    let mut body = Chunks::None;
    let mut len = 0;
    while let Some(chunk) = response.chunk().await? {
        // Asked only when a second chunk comes: a body in one chunk needs no buffer.
        let hint = || {
            let hint = response.content_length().unwrap_or(0);
            hint.min(PREALLOCATION_LIMIT).min(limit as u64) as usize
        };
        if chunk.len() > limit - len {
            body.push(chunk.slice(..limit - len), hint);
            return Ok((body.into_bytes(), true));
        }
        len += chunk.len();
        body.push(chunk, hint);
    }
    Ok((body.into_bytes(), false))
}

/// A body as it arrives: most answers come in one chunk, which is kept as it is (no copy).
enum Chunks {
    None,
    One(Bytes),
    Many(Vec<u8>),
}

impl Chunks {
    fn push(&mut self, chunk: Bytes, hint: impl FnOnce() -> usize) {
        *self = match std::mem::replace(self, Chunks::None) {
            Chunks::None => Chunks::One(chunk),
            Chunks::One(first) => {
                let mut joined = Vec::with_capacity(hint().max(first.len() + chunk.len()));
                joined.extend_from_slice(&first);
                joined.extend_from_slice(&chunk);
                Chunks::Many(joined)
            }
            Chunks::Many(mut joined) => {
                joined.extend_from_slice(&chunk);
                Chunks::Many(joined)
            }
        }
    }
    fn into_bytes(self) -> Bytes {
        match self {
            Chunks::None => Bytes::new(),
            Chunks::One(bytes) => bytes,
            Chunks::Many(joined) => Bytes::from(joined),
        }
    }
}
