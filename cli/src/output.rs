//! What goes to stdout: plain tables and `key: value` lists for people, JSON for scripts;
//! colour only where anstream allows it (a terminal, no NO_COLOR, or --color always).

use std::io::Write;

use anstyle::{AnsiColor, Style};
use serde::Serialize;
use serde_json::Value;

use crate::error::{CliError, Result};
use crate::secrets;

pub const BOLD: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();

/// Prints `value` as pretty JSON, secrets removed.
pub fn json(value: &impl Serialize) -> Result<()> {
    let mut value = to_value(value)?;
    secrets::remove(&mut value);
    let text = serde_json::to_string_pretty(&value)
        .map_err(|e| CliError::failed(format!("cannot print JSON: {e}")))?;
    line(&json_safe(&text))
}

/// Prints `value` as one line of JSON (a line of a stream), secrets removed.
pub fn json_line(value: &impl Serialize) -> Result<()> {
    let mut value = to_value(value)?;
    secrets::remove(&mut value);
    line(&json_safe(&value.to_string()))
}

/// JSON whose strings escape what serde_json leaves raw but a terminal may act on: DEL and
/// the C1 controls (`U+009B` starts an escape sequence on some terminals).
fn json_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Text that came from a server, made safe for a terminal: control characters (escape
/// sequences begin with one), DEL and the C1 controls shown escaped, as `\e`, `\n`, `\t`,
/// `\x07`, `\u{9b}`; everything else as it is.
pub fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if ('\u{80}'..='\u{9f}').contains(&c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

pub fn to_value(value: &impl Serialize) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| CliError::failed(format!("cannot print JSON: {e}")))
}

/// One line on stdout, its colours dropped off a terminal. A closed pipe (`| head`) ends the
/// program quietly.
pub fn line(text: &str) -> Result<()> {
    written(writeln!(anstream::stdout().lock(), "{text}"))
}

/// Bytes on stdout exactly as given (`completions`).
pub fn raw(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    written(out.write_all(bytes).and_then(|()| out.flush()))
}

/// Text written to stdout, or the reason it could not be: a closed pipe (`| head`) ends the
/// program quietly, a full disk or another failure is an error, never a panic.
pub(crate) fn written(result: std::io::Result<()>) -> Result<()> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(CliError::failed(format!("cannot write to stdout: {e}"))),
    }
}

/// A table: a bold header, columns as wide as their widest cell, two spaces between.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(visible_width(cell));
            }
        }
    }
    let header = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            pad(
                &format!("{BOLD}{h}{BOLD:#}"),
                h.chars().count(),
                widths[i],
                i + 1 == headers.len(),
            )
        })
        .collect::<String>();
    line(header.trim_end())?;
    for row in rows {
        let text = row
            .iter()
            .enumerate()
            .map(|(i, cell)| pad(cell, visible_width(cell), widths[i], i + 1 == row.len()))
            .collect::<String>();
        line(text.trim_end())?;
    }
    Ok(())
}

fn pad(cell: &str, width: usize, column: usize, last: bool) -> String {
    if last {
        cell.to_owned()
    } else {
        format!("{cell}{}  ", " ".repeat(column.saturating_sub(width)))
    }
}

/// The width of a cell on screen: its characters, without ANSI escapes.
fn visible_width(cell: &str) -> usize {
    let mut width = 0;
    let mut escape = false;
    for c in cell.chars() {
        match (escape, c) {
            (false, '\x1b') => escape = true,
            (true, 'm') => escape = false,
            (true, _) => {}
            (false, _) => width += 1,
        }
    }
    width
}

/// Labelled lines, the labels in bold and padded to `width`.
pub fn pairs(rows: &[(&str, &str)], width: usize) -> Result<()> {
    for (key, value) in rows {
        line(&format!("{BOLD}{key:<width$}{BOLD:#}  {value}"))?;
    }
    Ok(())
}

/// One object as `key: value` lines, in the API's field names; secrets removed, and those that
/// had a value shown as `(hidden)`.
pub fn details(value: &impl Serialize) -> Result<()> {
    let mut value = to_value(value)?;
    let hidden = secrets::remove(&mut value);
    let Value::Object(map) = value else {
        return line(&plain(&value));
    };
    let width = map.keys().map(|k| k.len()).max().unwrap_or(0);
    for (key, value) in &map {
        line(&format!("{BOLD}{key:<width$}{BOLD:#}  {}", plain(value)))?;
    }
    for key in hidden {
        line(&format!(
            "{BOLD}{key:<width$}{BOLD:#}  {DIM}(hidden){DIM:#}"
        ))?;
    }
    Ok(())
}

/// A JSON value as a person reads it: strings bare, `null` as `-`, the rest as compact JSON;
/// safe for a terminal.
pub fn plain(value: &Value) -> String {
    match value {
        Value::Null => "-".into(),
        Value::String(s) => one_line(s),
        other => json_safe(&other.to_string()),
    }
}

/// A server's text kept on one line (a description with newlines would break a table) and
/// safe for a terminal ([`safe`]).
pub fn one_line(text: &str) -> String {
    safe(text)
}

/// An optional value for a table cell.
pub fn opt<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map_or_else(|| "-".into(), |v| v.to_string())
}

/// A task's status, coloured by how it stands.
pub fn status(status: &semaphore_api::TaskStatus) -> String {
    use semaphore_api::TaskStatus;
    let text = serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let style = match status {
        TaskStatus::Success => AnsiColor::Green.on_default(),
        TaskStatus::Error => AnsiColor::Red.on_default(),
        TaskStatus::Stopped | TaskStatus::Stopping => AnsiColor::Magenta.on_default(),
        TaskStatus::Running | TaskStatus::Starting | TaskStatus::Confirmed => {
            AnsiColor::Yellow.on_default()
        }
        _ => Style::new(),
    };
    format!("{style}{text}{style:#}")
}

/// A message for people on stderr (a result goes to stdout). What it quotes of a server goes
/// through [`safe`] first.
pub fn note(text: &str) {
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// A URL as messages show it: without the password it may hold (`http://admin:***@host`).
pub fn url(text: &str) -> String {
    match semaphore_api::Url::parse(text) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        Ok(_) => text.to_owned(),
        // Not a URL: its text up to the last `@` may be credentials.
        Err(_) => match text.rsplit_once('@') {
            Some((_, host)) => format!("***@{host}"),
            None => text.to_owned(),
        },
    }
}

/// Prints the error on stderr: one line, the hint, and with `verbose` the causes, each
/// once.
pub fn report(error: &CliError, verbose: bool) {
    use std::io::Write;
    let red = anstyle::AnsiColor::Red.on_default().bold();
    let mut err = anstream::stderr().lock();
    // A message may quote a server's words or a name it gave: shown, never obeyed.
    let _ = writeln!(err, "{red}error:{red:#} {}", safe(&error.message));
    if let Some(hint) = &error.hint {
        let _ = writeln!(err, "  hint: {}", safe(hint));
    }
    if verbose {
        let mut seen: Vec<&str> = Vec::new();
        for cause in &error.causes {
            if !seen.contains(&cause.as_str()) && cause != &error.message {
                let _ = writeln!(err, "  caused by: {}", safe(cause));
                seen.push(cause);
            }
        }
    } else if !error.causes.is_empty() {
        let _ = writeln!(err, "  (-v shows the causes)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_take_no_width() {
        assert_eq!(visible_width("\x1b[32msuccess\x1b[0m"), 7);
        assert_eq!(visible_width("naïve"), 5);
    }

    #[test]
    fn multi_line_text_stays_on_one_line() {
        assert_eq!(one_line("a\nb\r\nc"), "a\\nb\\r\\nc");
    }

    #[test]
    fn a_servers_escape_sequences_are_shown_not_obeyed() {
        let evil = "evil\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}6n\u{7f}";
        assert_eq!(safe(evil), "evil\\e]0;PWNED\\x07\\e[2J\\u{9b}6n\\x7f");
        assert_eq!(json_safe("\"a\u{9b}b\""), "\"a\\u009bb\"");
        assert_eq!(safe("naïve ✓"), "naïve ✓");
    }
}
