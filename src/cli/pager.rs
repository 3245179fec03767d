//! Long output read a screen at a time: a reflection in full, or the list of a workbook kept
//! for years, is longer than a terminal, and its start would scroll out of sight. As git
//! does, text for a terminal too short to show it whole goes through a pager:
//! `WHEELBOOK_PAGER`, else `PAGER`, else `less`; set either to an empty value or `cat` to
//! have none. A file or a pipe is always written to directly.

use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::output::print;

/// Writes `text` to standard output, through the pager when standard output is a terminal
/// with fewer rows than `text` has lines. If the pager cannot be started, `text` is written
/// directly, so that it is never lost.
pub fn print_paged(text: &str) -> anyhow::Result<()> {
    let rows = io::stdout()
        .is_terminal()
        .then(crate::tui::terminal_height)
        .flatten();
    let setting = [std::env::var("WHEELBOOK_PAGER"), std::env::var("PAGER")]
        .into_iter()
        .find_map(Result::ok);
    match pager(text, rows, setting.as_deref()) {
        Some(command) if page_through(text, command).is_ok() => Ok(()),
        _ => print(text),
    }
}

/// The shell command to show `text` through, in a terminal of `rows` rows (`None`: not a
/// terminal), given the pager `setting`: none if the text fits, or the setting turns paging
/// off.
fn pager<'s>(text: &str, rows: Option<usize>, setting: Option<&'s str>) -> Option<&'s str> {
    let rows = rows?;
    // The last row is the shell's prompt once the text is written.
    if text.lines().count() < rows {
        return None;
    }
    match setting.map(str::trim) {
        None => Some("less"),
        Some("" | "cat") => None,
        Some(command) => Some(command),
    }
}

/// Runs `command` in the shell and writes `text` to it, waiting until it ends. The reader
/// quitting before the end is not an error; the pager failing is. Ctrl-C in the pager is the pager's: this process
/// must not end under it, leaving it the terminal.
fn page_through(text: &str, command: &str) -> io::Result<()> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        // As git: less quits when the text fits a screen, passes colours on, and leaves the
        // text in the terminal after it quits.
        .env(
            "LESS",
            std::env::var("LESS").unwrap_or_else(|_| "FRX".into()),
        )
        .stdin(Stdio::piped())
        .spawn()?;
    let interrupted = Arc::new(AtomicBool::new(false));
    // Without the hook, Ctrl-C would end wheelbook with the pager still running.
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, interrupted);
    if let Some(mut stdin) = child.stdin.take() {
        match stdin.write_all(text.as_bytes()) {
            Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
                let _ = child.wait();
                return Err(error);
            }
            _ => {}
        }
    }
    let status = child.wait()?;
    // A pager that fails (the shell could not find it: 127) may have shown nothing, so the
    // text is then written directly. One ended by a signal was stopped by the reader.
    match status.code() {
        Some(0) | None => Ok(()),
        Some(code) => Err(io::Error::other(format!(
            "the pager `{command}` failed ({code})"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_taller_than_the_terminal_is_paged_by_the_setting_or_less() {
        let text = "one\ntwo\nthree\nfour\n";
        assert_eq!(pager(text, Some(4), None), Some("less"));
        assert_eq!(pager(text, Some(3), Some("more -d")), Some("more -d"));
        assert_eq!(pager(text, Some(2), Some(" less -R ")), Some("less -R"));
    }

    #[test]
    fn text_that_fits_a_file_or_a_pipe_and_paging_turned_off_are_written_directly() {
        let text = "one\ntwo\nthree\n";
        assert_eq!(pager(text, Some(4), None), None);
        assert_eq!(pager(text, None, Some("less")), None);
        for off in ["", "cat", " cat "] {
            assert_eq!(pager(text, Some(2), Some(off)), None, "{off:?}");
        }
    }

    #[test]
    fn the_pager_is_given_the_whole_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paged = dir.path().join("paged.txt");
        let text = "A reflection\n\n    “An answer”, with quotes and 'apostrophes'\n".repeat(500);
        let command = format!("cat > '{}'", paged.display());
        page_through(&text, &command).expect("paged");
        assert_eq!(std::fs::read_to_string(&paged).expect("read"), text);
    }

    #[test]
    fn a_reader_quitting_early_is_not_an_error_and_a_pager_failing_is() {
        let text = "line\n".repeat(100_000);
        page_through(&text, "head -n 1 > /dev/null").expect("quitting early is fine");
        let missing = page_through(&text, "no-such-pager-wheelbook 2>/dev/null");
        assert!(
            missing.is_err(),
            "a pager not found must leave the text to be printed"
        );
        assert!(
            page_through("text", "exit 3").is_err(),
            "a failing pager may show nothing"
        );
    }
}
