//! Terminal escape sequences in text a server sent (a task's output): dropped, or all but the
//! colours dropped.
//!
//! ECMA-48's sequences: CSI (`ESC [`, or the 8-bit `U+009B`) parameters and a final byte; the
//! string sequences OSC, DCS, SOS, PM and APC up to their terminator (`BEL` or `ESC \`, as
//! terminals accept); `ESC` with intermediates and a final byte. C0 and C1 control characters
//! other than tab go too: a backspace or a carriage return can hide text on a terminal.

/// The text without any escape sequence or control character but tab.
pub(crate) fn strip_escapes(text: &str) -> String {
    filter(text, false)
}

/// The text with its colour sequences (SGR: `ESC [ digits ; ... m`) only.
pub(crate) fn keep_colours(text: &str) -> String {
    filter(text, true)
}

fn filter(text: &str, colours: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let introducer = match c {
            '\u{1b}' => match chars.peek().map(|(_, c)| *c) {
                Some('[') => {
                    chars.next();
                    Some('[')
                }
                Some(']' | 'P' | 'X' | '^' | '_') => chars.next().map(|(_, c)| c),
                _ => {
                    // ESC, intermediates (0x20-0x2F), a final byte (0x30-0x7E).
                    while chars
                        .next_if(|(_, c)| ('\u{20}'..='\u{2f}').contains(c))
                        .is_some()
                    {}
                    chars.next_if(|(_, c)| ('\u{30}'..='\u{7e}').contains(c));
                    continue;
                }
            },
            '\u{9b}' => Some('['),
            '\u{9d}' => Some(']'),
            '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => Some('P'),
            '\t' => {
                out.push(c);
                continue;
            }
            c if c.is_control() => continue,
            c => {
                out.push(c);
                continue;
            }
        };
        match introducer {
            Some('[') => {
                // Parameters and intermediates (0x20-0x3F), then a final byte (0x40-0x7E).
                let mut end = start;
                let mut sgr = true;
                let mut last = None;
                for (i, c) in chars.by_ref() {
                    end = i + c.len_utf8();
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        last = Some(c);
                        break;
                    }
                    if !(('\u{20}'..='\u{3f}').contains(&c)) {
                        last = None;
                        break;
                    }
                    sgr &= c.is_ascii_digit() || c == ';' || c == ':';
                }
                if colours && sgr && last == Some('m') {
                    out.push_str(&text[start..end]);
                }
            }
            Some(_) => {
                // A string sequence: up to BEL, ST (ESC \) or the 8-bit ST (U+009C).
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\u{7}' | '\u{9c}' => break,
                        '\u{1b}' if chars.next_if(|(_, c)| *c == '\\').is_some() => break,
                        _ => {}
                    }
                }
            }
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_stay_when_asked_and_everything_else_goes() {
        let ansible = "\u{1b}[0;32mok: [web1]\u{1b}[0m";
        assert_eq!(strip_escapes(ansible), "ok: [web1]");
        assert_eq!(keep_colours(ansible), ansible);
        let hostile =
            "evil\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}]52;c;aGk=\u{1b}\\\u{9b}6n done\r\u{8}";
        assert_eq!(strip_escapes(hostile), "evil done");
        assert_eq!(keep_colours(hostile), "evil done");
        assert_eq!(
            keep_colours("a\u{1b}[38;5;196mred\u{1b}[?25l"),
            "a\u{1b}[38;5;196mred"
        );
        assert_eq!(
            strip_escapes("tab\tstays, \u{1b}(B charset goes"),
            "tab\tstays,  charset goes"
        );
        // A sequence cut short drops what it holds, never what follows the text.
        assert_eq!(strip_escapes("x\u{1b}]0;title"), "x");
        assert_eq!(strip_escapes("x\u{1b}[12"), "x");
        assert_eq!(strip_escapes("ünïcödé ✓"), "ünïcödé ✓");
    }
}
