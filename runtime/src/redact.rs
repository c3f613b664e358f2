//! What errors and `Debug` show of a server's answer: its shape, never values that may be
//! secrets the client does not know about (a new token in a listing, a key's secret, a runner
//! token, a token id in a `Location`).
//!
//! The rules, the same everywhere an answer's bytes are shown:
//! - a JSON string that is not an object key is shown as `"*"`;
//! - outside JSON strings, a word (letters, digits and `-_.~+/=%`) of
//!   [`LONG_WORD`] characters or more is shown as `*`: tokens and key material are long words;
//! - the client's own credentials are shown as `[REDACTED]` wherever they are;
//! - a `Location` is shown as its origin (`https://host:port/…`), without path or query.

use url::Url;

/// Words at least this long are shown as `*` outside JSON strings.
pub(crate) const LONG_WORD: usize = 16;

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_.~+/=%".contains(&b) || b >= 0x80
}

/// The first `limit` characters of `body` with every value that may be secret masked,
/// followed by `…` when there was more.
pub(crate) fn shape(body: &[u8], limit: usize, secrets: &[&str]) -> String {
    let mut out = String::new();
    let mut i = 0;
    // Enough output to cut at `limit` after the secrets are replaced.
    let longest = secrets.iter().map(|s| s.len()).max().unwrap_or(0);
    let enough = limit + longest + 16;
    while i < body.len() && out.len() < enough {
        let b = body[i];
        if b == b'"' {
            let end = string_end(body, i + 1);
            let key = end < body.len() && next_is_colon(body, end + 1);
            if key {
                out.push_str(&String::from_utf8_lossy(&body[i..=end]));
            } else if end < body.len() {
                out.push_str("\"*\"");
            } else {
                out.push_str("\"*"); // cut inside a string
            }
            i = end + 1;
        } else if is_word_byte(b) {
            let start = i;
            while i < body.len() && is_word_byte(body[i]) {
                i += 1;
            }
            push_word(&mut out, &body[start..i]);
        } else {
            out.push_str(&String::from_utf8_lossy(&body[i..=i]));
            i += 1;
        }
    }
    let more = i < body.len();
    let mut text = replace_secrets(out, secrets);
    let mut cut = text.len().min(limit);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    if cut < text.len() || more {
        text.truncate(cut);
        text.push('…');
    }
    text
}

/// Free text (a server's error message, an error's description): long words masked, the
/// client's credentials replaced.
pub(crate) fn text(text: &str, secrets: &[&str]) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if is_word_byte(bytes[i]) {
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
            push_word(&mut out, &bytes[start..i]);
        } else {
            while i < bytes.len() && !is_word_byte(bytes[i]) {
                i += 1;
            }
            out.push_str(&text[start..i]);
        }
    }
    replace_secrets(out, secrets)
}

/// A description of serde's: every quoted value (`"..."`, and the `` `...` `` of an unknown
/// variant) masked, then as [`text`].
pub(crate) fn serde_message(message: &str, secrets: &[&str]) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(['"', '`']) {
        let quote = rest.as_bytes()[at];
        let (before, after) = rest.split_at(at);
        let masked = quote == b'"' || before.ends_with("variant ");
        out.push_str(before);
        let body = &after[1..];
        let end = if quote == b'"' {
            string_end(body.as_bytes(), 0)
        } else {
            body.find('`').unwrap_or(body.len())
        };
        let end = end.min(body.len());
        let quote = quote as char;
        if masked {
            out.push(quote);
            out.push('*');
        } else {
            out.push(quote);
            out.push_str(&body[..end]);
        }
        if end < body.len() {
            out.push(quote);
            rest = &body[end + 1..];
        } else {
            rest = "";
        }
    }
    out.push_str(rest);
    text(&out, secrets)
}

/// Where a `Location` goes, without its path, query or fragment: `https://host:port/…`,
/// `//host/…` for a network-path reference, `/…` for a path on the same server.
pub(crate) fn location(location: &str) -> String {
    if let Ok(url) = Url::parse(location) {
        if let Some(host) = url.host_str() {
            let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
            let more = url.path() != "/" || url.query().is_some() || url.fragment().is_some();
            let more = if more { "/…" } else { "" };
            return format!("{}://{host}{port}{more}", url.scheme());
        }
        return format!("{}:…", url.scheme());
    }
    // Relative: resolved against a base no real answer names, to see whether it has a host.
    let base = Url::parse("http://base.invalid/").expect("a valid URL");
    match base.join(location) {
        Ok(url) if url.host_str() != Some("base.invalid") => {
            let host = url.host_str().unwrap_or_default();
            let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
            format!("//{host}{port}/…")
        }
        _ => "/…".to_owned(),
    }
}

fn push_word(out: &mut String, word: &[u8]) {
    if String::from_utf8_lossy(word).chars().count() >= LONG_WORD {
        out.push('*');
    } else {
        out.push_str(&String::from_utf8_lossy(word));
    }
}

fn replace_secrets(mut text: String, secrets: &[&str]) -> String {
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        if text.contains(secret) {
            text = text.replace(secret, "[REDACTED]");
        }
    }
    text
}

/// The index of the `"` that closes a JSON string whose content starts at `from`, or
/// `body.len()` when the body ends first.
fn string_end(body: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    body.len()
}

fn next_is_colon(body: &[u8], from: usize) -> bool {
    body[from.min(body.len())..]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_keys_numbers_and_literals() {
        let body = br#"[{"id":"kwofd61g93","created":"x","expired":false,"user_id":12}]"#;
        assert_eq!(
            shape(body, 256, &[]),
            r#"[{"id":"*","created":"*","expired":false,"user_id":12}]"#
        );
        assert_eq!(shape(br#"{"tokens": []}"#, 256, &[]), r#"{"tokens": []}"#);
        assert_eq!(shape(br#"["abc"#, 256, &[]), r#"["*"#);
        assert_eq!(shape(br#"{"a\"b":"c\"d"}"#, 256, &[]), r#"{"a\"b":"*"}"#);
    }

    #[test]
    fn text_masks_long_words_and_credentials() {
        let shown = shape(
            b"<html><title>502 Bad Gateway</title> nginx/1.25.3 token=kwofd61g93yuqvex8",
            256,
            &[],
        );
        assert_eq!(shown, "<html><title>502 Bad Gateway</title> nginx/1.25.3 *");
        assert_eq!(text("bad token abc", &["abc"]), "bad token [REDACTED]");
        assert_eq!(
            text("runner token kwofd61g93-yuqvex8efmhjk is unregistered", &[]),
            "runner token * is unregistered"
        );
    }

    #[test]
    fn long_bodies_are_cut() {
        let shown = shape(&[b'<'; 1000], 256, &[]);
        assert_eq!(shown.chars().count(), 257);
        assert!(shown.ends_with('…'));
        let shown = shape(b"{\"a\":1}", 3, &[]);
        assert_eq!(shown, "{\"a…");
    }

    #[test]
    fn serde_messages_lose_their_values() {
        assert_eq!(
            serde_message(
                r#"invalid type: string "rnr-Secret", expected i64 at line 1 column 9"#,
                &[]
            ),
            r#"invalid type: string "*", expected i64 at line 1 column 9"#
        );
        assert_eq!(
            serde_message("unknown variant `hunter2`, expected `Ssh` or `Login`", &[]),
            "unknown variant `*`, expected `Ssh` or `Login`"
        );
        assert_eq!(
            serde_message(r#"invalid value: string "a\"b", expected x"#, &[]),
            r#"invalid value: string "*", expected x"#
        );
        assert_eq!(serde_message("unterminated \"abc", &[]), "unterminated \"*");
    }

    #[test]
    fn locations_show_their_origin() {
        assert_eq!(
            location("https://semaphore.example/api/user/tokens/abc"),
            "https://semaphore.example/…"
        );
        assert_eq!(location("https://h:8443"), "https://h:8443");
        assert_eq!(location("http://h:1/?token=x"), "http://h:1/…");
        assert_eq!(location("/api/user/tokens/abc"), "/…");
        assert_eq!(location("//other.host/x"), "//other.host/…");
        assert_eq!(location("\\\\other.host\\x"), "//other.host/…");
        assert_eq!(location("mailto:a@b"), "mailto:…");
    }
}
