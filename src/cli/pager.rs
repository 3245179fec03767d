//! Long output read a screen at a time: a reflection in full, or the list of a workbook kept
//! for years, is taller than a terminal, and its start would scroll out of sight. Text for a
//! terminal too short to show it whole goes through a pager: `WHEELBOOK_PAGER`, else
//! `PAGER`, else `less`; set either to an empty value or `cat` to have none. A file or a
//! pipe is always written to directly.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM};

use super::output::{eprint_lines, print};
use crate::tui::screens;

/// Writes `text` to standard output, through the pager when standard output is a terminal
/// with fewer rows than `text` takes. If the pager cannot be started or fails, `text` is
/// written directly, so that it is never lost.
pub fn print_paged(text: &str) -> anyhow::Result<()> {
    let size = io::stdout()
        .is_terminal()
        .then(crate::tui::terminal_size)
        .flatten();
    let setting = [
        std::env::var_os("WHEELBOOK_PAGER"),
        std::env::var_os("PAGER"),
    ]
    .into_iter()
    .flatten()
    .next();
    let Some(pager) = chosen_pager(text, size, setting) else {
        return print(text);
    };
    if let Err(error) = page_through(text, &pager) {
        eprint_lines(&format!("wheelbook: {error}; the text follows."));
        print(text)?;
    }
    Ok(())
}

/// A pager to run.
#[derive(Debug, PartialEq, Eq)]
enum Pager {
    /// `less`, started directly: where it is missing, the text is written without a word.
    Less,
    /// The owner's own command, run by the shell, as git runs it.
    Shell(OsString),
}

/// The pager to show `text` through, in a terminal of `size` (columns, rows; `None`: not a
/// terminal), given the owner's pager `setting`: none if the text fits, or the setting turns
/// paging off.
fn chosen_pager(
    text: &str,
    size: Option<(usize, usize)>,
    setting: Option<OsString>,
) -> Option<Pager> {
    let (columns, rows) = size?;
    // The last row is the shell's prompt once the text is written.
    if rows_taken(text, columns) < rows {
        return None;
    }
    let Some(setting) = setting else {
        return Some(Pager::Less);
    };
    match setting.to_str().map(str::trim) {
        Some("" | "cat") => None,
        _ => Some(Pager::Shell(setting)),
    }
}

/// The terminal rows `text` takes `columns` wide: a line wider than the terminal wraps.
fn rows_taken(text: &str, columns: usize) -> usize {
    let columns = columns.max(1);
    let rows = |line: &str| screens::columns(line).div_ceil(columns).max(1);
    text.lines().map(rows).sum()
}

/// Runs `pager`, writes `text` to it and waits until it ends. The reader quitting before
/// the end is not an error; the pager failing, or not starting, is.
fn page_through(text: &str, pager: &Pager) -> io::Result<()> {
    let mut command = match pager {
        Pager::Less => Command::new("less"),
        Pager::Shell(setting) => {
            let mut shell = Command::new("sh");
            shell.arg("-c").arg(setting);
            shell
        }
    };
    // As git: less quits when the text fits a screen, passes colours on, and leaves the
    // text in the terminal after it quits. Searches typed in less would be kept in
    // ~/.lesshst, and a search may be a person's name.
    for (name, value) in [("LESS", "FRX"), ("LV", "-c"), ("LESSHISTFILE", "-")] {
        if std::env::var_os(name).is_none() {
            command.env(name, value);
        }
    }
    // Ctrl-C while the pager runs is the pager's: wheelbook must not end under it and leave
    // it the terminal. Once the pager has ended, Ctrl-C ends wheelbook as it would have.
    let pager_ended = Arc::new(AtomicBool::new(false));
    let _ = signal_hook::flag::register_conditional_default(SIGINT, pager_ended.clone());
    let shown = command
        .stdin(Stdio::piped())
        .spawn()
        .and_then(|child| written_and_waited(child, text));
    pager_ended.store(true, Ordering::SeqCst);
    let status = shown?;
    if status.success() || stopped_by_the_reader(status) {
        Ok(())
    } else {
        Err(io::Error::other(format!("the pager failed ({status})")))
    }
}

/// `text` written to `child`, its input then closed so that it sees the end, and how it
/// ended.
fn written_and_waited(mut child: Child, text: &str) -> io::Result<ExitStatus> {
    let written = match child.stdin.take() {
        Some(mut stdin) => stdin.write_all(text.as_bytes()),
        None => Ok(()),
    };
    let status = child.wait()?;
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(error),
        _ => Ok(status),
    }
}

/// Whether the pager was ended by a signal its reader sends (Ctrl-C, Ctrl-\, closing the
/// terminal) or by its own output closing: the text was not lost, the reader stopped. A
/// shell that ran the pager without becoming it gives the signal as status 128 and more.
fn stopped_by_the_reader(status: ExitStatus) -> bool {
    let by_reader = |signal: i32| [SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGPIPE].contains(&signal);
    match (status.signal(), status.code()) {
        (Some(signal), _) => by_reader(signal),
        (None, Some(code)) => code > 128 && by_reader(code - 128),
        (None, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(command: &str) -> Pager {
        Pager::Shell(command.into())
    }

    #[test]
    fn text_taller_than_the_terminal_is_paged_by_the_setting_or_less() {
        let text = "one\ntwo\nthree\nfour\n";
        assert_eq!(chosen_pager(text, Some((80, 4)), None), Some(Pager::Less));
        let more = chosen_pager(text, Some((80, 3)), Some("more -d".into()));
        assert_eq!(more, Some(shell("more -d")));
        // A line wider than the terminal takes more than one row.
        let wide = format!("{}\n", "é".repeat(250));
        assert_eq!(rows_taken(&wide, 100), 3);
        assert_eq!(chosen_pager(&wide, Some((100, 3)), None), Some(Pager::Less));
        assert_eq!(chosen_pager(&wide, Some((100, 4)), None), None);
    }

    #[test]
    fn text_that_fits_a_file_or_a_pipe_and_paging_turned_off_are_written_directly() {
        let text = "one\ntwo\nthree\n";
        assert_eq!(chosen_pager(text, Some((80, 4)), None), None);
        assert_eq!(chosen_pager(text, None, Some("less".into())), None);
        for off in ["", "cat", " cat "] {
            assert_eq!(
                chosen_pager(text, Some((80, 2)), Some(off.into())),
                None,
                "{off:?}"
            );
        }
    }

    #[test]
    fn the_pager_is_given_the_whole_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paged = dir.path().join("paged.txt");
        // More than a pipe holds, so that the writing waits on the pager's reading.
        let text = "A reflection\n\n    “An answer”, with quotes and 'apostrophes'\n".repeat(5_000);
        let command = format!("cat > '{}'", paged.display());
        page_through(&text, &shell(&command)).expect("paged");
        assert_eq!(std::fs::read_to_string(&paged).expect("read"), text);
    }

    #[test]
    fn a_reader_quitting_early_is_not_an_error_and_a_pager_failing_is() {
        let text = "line\n".repeat(100_000);
        let head = shell("head -n 1 > /dev/null");
        page_through(&text, &head).expect("quitting early is fine");
        // Ended by Ctrl-C, as the shell tells it when it did not become the pager.
        let interrupted = shell("cat > /dev/null; exit 130");
        page_through(&text, &interrupted).expect("stopped by the reader");
        let missing = page_through(&text, &shell("no-such-pager-wheelbook 2>/dev/null"));
        assert!(
            missing.is_err(),
            "a pager not found must leave the text to be printed"
        );
        let failing = page_through("text", &shell("exit 3"));
        assert!(failing.is_err(), "a failing pager may show nothing");
        let crashed = page_through(&text, &shell("kill -SEGV $$"));
        assert!(crashed.is_err(), "a pager that crashed showed nothing");
    }
}
