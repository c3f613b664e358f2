//! What the command line reads: files and stdin, each with a size limit, so that
//! `--config /dev/zero` or an endless pipe is an error, not a process that eats the memory.

use std::io::{BufRead, Read};
use std::path::Path;

use crate::error::{CliError, Result};

/// The largest file or stdin read as a request body, an inventory or a key.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The largest configuration file.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;
/// The largest answer typed at a prompt, or secret read from stdin.
pub const MAX_LINE_BYTES: u64 = 64 * 1024;

/// The text of a file (`-`: stdin), at most `limit` bytes; `what` names it in errors.
pub fn text(path: &Path, limit: u64) -> Result<String> {
    if path == Path::new("-") {
        return stdin(limit, "stdin");
    }
    let file = std::fs::File::open(path)
        .map_err(|e| CliError::usage(format!("cannot read {}: {e}", path.display())))?;
    limited(file, limit, &path.display().to_string())
}

/// A secret from stdin: all of it, without the final line break.
pub fn secret() -> Result<String> {
    let text = stdin(MAX_FILE_BYTES, "the secret on stdin")?;
    let secret = text
        .strip_suffix('\n')
        .map(|s| s.strip_suffix('\r').unwrap_or(s))
        .unwrap_or(&text);
    if secret.is_empty() {
        return Err(CliError::usage("stdin held no secret"));
    }
    Ok(secret.to_owned())
}

/// What stdin holds, at most `limit` bytes.
pub fn stdin(limit: u64, what: &str) -> Result<String> {
    limited(std::io::stdin().lock(), limit, what)
}

/// One line from stdin (a prompt's answer), at most [`MAX_LINE_BYTES`].
pub fn line() -> Result<String> {
    let mut answer = String::new();
    let mut input = std::io::stdin().lock().take(MAX_LINE_BYTES + 1);
    input
        .read_line(&mut answer)
        .map_err(|e| CliError::usage(format!("cannot read the answer: {e}")))?;
    if answer.len() as u64 > MAX_LINE_BYTES {
        return Err(CliError::usage(format!(
            "the answer is longer than {MAX_LINE_BYTES} bytes"
        )));
    }
    Ok(answer)
}

fn limited(reader: impl Read, limit: u64, what: &str) -> Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::usage(format!("cannot read {what}: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(CliError::usage(format!(
            "{what} is larger than {limit} bytes: not read"
        )));
    }
    String::from_utf8(bytes).map_err(|_| CliError::usage(format!("{what} is not UTF-8 text")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zeros, counted, up to an end far past any limit.
    struct Zeros {
        given: u64,
    }

    impl Read for Zeros {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min((100_000_000 - self.given) as usize);
            buf[..n].fill(0);
            self.given += n as u64;
            Ok(n)
        }
    }

    #[test]
    fn an_endless_input_is_refused_at_its_limit_having_read_no_more() {
        let mut zeros = Zeros { given: 0 };
        let err = limited(&mut zeros, 1000, "/dev/zero").unwrap_err();
        assert!(
            err.message.contains("larger than 1000 bytes"),
            "{}",
            err.message
        );
        assert_eq!(zeros.given, 1001, "read past the limit");
        assert_eq!(limited(&b"ok"[..], 2, "x").unwrap(), "ok");
    }
}
