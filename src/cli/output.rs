//! Writing to standard output and error without panicking when the reader goes away
//! (`wheelbook pack show | head`).

use std::io::{self, Write};

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
