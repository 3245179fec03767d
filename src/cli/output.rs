//! Writing to standard output and error without panicking when the reader goes away
//! (`wheelbook pack show | head`).

use std::io::{self, IsTerminal, Write};

use crate::tui::screens::wrap_line;

/// Writes `text` to standard output. A closed pipe is not an error worth reporting.
pub fn print(text: &str) -> anyhow::Result<()> {
    print_pieces([text])
}

/// Writes `pieces` to standard output, one after another, as [`print`] writes one text.
pub fn print_pieces<'t>(pieces: impl IntoIterator<Item = &'t str>) -> anyhow::Result<()> {
    let mut stdout = io::stdout().lock();
    let written = pieces
        .into_iter()
        .try_for_each(|piece| stdout.write_all(piece.as_bytes()));
    match written.and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}

/// Writes lines to standard error, ignoring failures: there is nowhere left to report them.
pub fn eprint_lines(text: &str) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{text}");
}

/// Prints an error and its causes as one message.
pub fn report_error(error: &anyhow::Error) {
    let message = format!("{error:#}");
    let stop = if message.ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    };
    eprint_lines(&format!("wheelbook: {message}{stop}"));
}

/// "1 area", "2 areas".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prints each warning on standard error.
pub fn warn_all(warnings: &[String]) {
    for warning in warnings {
        eprint_lines(&format!("warning: {warning}"));
    }
}

/// The width of the terminal standard output is written to; `None` when it is a file or a
/// pipe, whose lines are left whole.
pub fn stdout_width() -> Option<usize> {
    io::stdout()
        .is_terminal()
        .then(crate::tui::terminal_width)
        .flatten()
}

/// `text` for a terminal `width` columns wide: each line too long is broken into rows
/// ([`wrap_line`]) and its rows after the first are indented as it is, so that a paragraph
/// of an answer stays under its question.
pub fn wrapped(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut rows = Vec::new();
    for line in text.lines() {
        let body = line.trim_start_matches(' ');
        let indent = &line[..line.len() - body.len()];
        // An indent that would leave less than half the width is not repeated.
        let indent = if indent.len() * 2 > width { "" } else { indent };
        rows.clear();
        wrap_line(body, width.saturating_sub(indent.len()), &mut rows);
        for row in &rows {
            out.push_str(indent);
            out.push_str(row);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrapped;

    #[test]
    fn long_lines_are_broken_at_spaces_and_keep_their_indent() {
        let text = "Title\n    The carer lost track of what I was saying.\n\n  Short\n";
        assert_eq!(
            wrapped(text, 24),
            "Title\n    The carer lost track\n    of what I was\n    saying.\n\n  Short\n"
        );
    }

    #[test]
    fn every_row_fits_the_width_and_nothing_is_lost() {
        let text = "  [B] Supports positive risk taking and shared decision making when there is significant complexity.";
        for width in [10, 30, 80] {
            let out = wrapped(text, width);
            let columns = |row: &str| unicode_width::UnicodeWidthStr::width(row);
            assert!(
                out.lines().all(|row| columns(row) <= width),
                "{width}: {out}"
            );
            // A word longer than the row is cut, so compare what is not space.
            let letters = |t: &str| t.split_whitespace().collect::<String>();
            assert_eq!(letters(&out), letters(text));
        }
    }
}
