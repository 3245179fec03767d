//! The terminal UI: the only module that touches the terminal. `run` owns the event loop and
//! carries out the effects that the pure [`update::update`] asks for: saving, quitting and
//! suspending. The terminal is restored on every way out, panics included.

pub mod action;
pub mod app;
pub mod editor;
mod input;
pub mod keys;
mod saver;
pub mod screens;
mod size;
mod startup_report;
pub mod theme;
pub mod update;
pub mod view;

pub use size::{terminal_size, terminal_width};

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use app::{App, Effect, Msg, Now};
use input::{Signals, Wake};
use saver::Saver;
use theme::Theme;

use crate::content::PackSource;
use crate::workbook::store::{self, Location, Store, StoreError};
use crate::workbook::{Workbook, now};

/// How often the loop wakes without input, for autosave.
const TICK: Duration = Duration::from_millis(250);

/// How the UI ended, for the exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    Quit,
    /// Ended by a signal (SIGTERM, SIGHUP): the exit status is 128 + the signal number.
    Signal(i32),
}

/// How the UI ended, and anything to tell the user once the terminal is theirs again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub ending: Ending,
    /// Set when the last save failed and the work went to a rescue file instead.
    pub notice: Option<String>,
}

/// Opens the workbook and runs the UI until the user quits. Problems found before the
/// terminal is taken over (no terminal, a damaged workbook) are returned as errors. With
/// `startup_report`, a line is added to that file once the first screen is drawn.
pub fn run(
    location: Location,
    pack_source: &PackSource,
    startup_report: Option<&Path>,
) -> anyhow::Result<Finished> {
    let terminal = io::stdin().is_terminal() && io::stdout().is_terminal();
    let (pack, opened) = pack_source.load_alongside(|| terminal.then(|| open(&location)));
    // A broken pack is told first, as it is by every command.
    let pack = pack?;
    let Some(opened) = opened else {
        anyhow::bail!(
            "the workbook screens need a terminal, and standard input or output is not one. Run `wheelbook` in a terminal window, or see `wheelbook --help` for the commands that need none"
        );
    };
    let (store, workbook, read_only, warnings) = opened?;
    let theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    let mut terminal = TerminalGuard::enter()?;
    let size = terminal.terminal.size()?;
    // Left to the system at exit rather than freed piece by piece, which took tens of
    // milliseconds with thousands of reflections, after the user had already quit. Everything
    // that must be let go properly (the store, its lock, the terminal) is held elsewhere.
    let mut app = std::mem::ManuallyDrop::new(App::new(
        pack,
        workbook,
        now().date_naive(),
        theme,
        (size.width, size.height),
    ));
    app.read_only = read_only;
    app.watch_list = store::watch_list(&location);
    app.workbook_path = Some(location.workbook_path());
    if let Some(home) = directories::UserDirs::new() {
        app.export_dir = home.home_dir().to_path_buf();
        app.home_dir = Some(home.home_dir().to_path_buf());
    }
    if let Some(warning) = warnings.first() {
        app.error(format!("Privacy: {warning}"));
    }
    event_loop(&mut terminal, &mut app, store, startup_report)
}

type Opened = (Option<Store>, Workbook, Option<String>, Vec<String>);

/// The store to save through, or none (read-only) when another wheelbook has the workbook.
fn open(location: &Location) -> anyhow::Result<Opened> {
    match Store::lock(location.clone()) {
        Ok(mut store) => {
            let workbook = store.load()?;
            let warnings = store.warnings().to_vec();
            Ok((Some(store), workbook, None, warnings))
        }
        Err(error @ StoreError::Locked { .. }) => {
            let read = store::read(location)?;
            let reason = format!("{error}. You can look but not change anything here");
            let workbook = read.workbook.unwrap_or_else(|| Workbook::new(now()));
            Ok((None, workbook, Some(reason), read.warnings))
        }
        Err(error) => Err(error.into()),
    }
}

fn event_loop(
    terminal: &mut TerminalGuard,
    app: &mut App,
    store: Option<Store>,
    startup_report: Option<&Path>,
) -> anyhow::Result<Finished> {
    let mut signals = Signals::register()?;
    let mut saver = match store {
        Some(store) => Some(Saver::start(store, signals.waker()?)?),
        None => None,
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_loop(terminal, app, saver.as_mut(), &mut signals, startup_report)
    }));
    match result {
        Ok(Ok(ending)) => Ok(Finished {
            notice: save_before_exit(app, saver.as_mut()),
            ending,
        }),
        Ok(Err(error)) => {
            // The terminal went away (a closed window, a broken connection): keep the work.
            if let Some(notice) = save_before_exit(app, saver.as_mut()) {
                return Err(error.context(notice));
            }
            Err(error)
        }
        Err(panic) => {
            // The panic hook has restored the terminal and printed the message; keep the work.
            if let Some(notice) = save_before_exit(app, saver.as_mut()) {
                eprintln!("wheelbook: {notice}");
            }
            std::panic::resume_unwind(panic)
        }
    }
}

/// Saves unsaved work on the way out. If that fails, writes it to a private rescue file and
/// returns a message naming it.
fn save_before_exit(app: &mut App, saver: Option<&mut Saver>) -> Option<String> {
    let saver = saver?;
    // A save under way may already have written the latest changes.
    for outcome in saver.wait() {
        step(app, Msg::Saved(outcome));
    }
    if !app.save.dirty || app.read_only.is_some() {
        return None;
    }
    saver.save(app.workbook.clone());
    let error = match saver.wait().pop() {
        Some(Ok(())) => return None,
        Some(Err(error)) => error,
        None => "no save was made".to_string(),
    };
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let rescue = std::env::temp_dir().join(format!(
        "wheelbook-rescue-{stamp}-{}.json",
        std::process::id()
    ));
    Some(match store::write_new_file(&app.workbook, &rescue) {
        Ok(()) => format!(
            "your workbook could not be saved ({error}). Everything you wrote is in {}, readable by you alone: once the problem is fixed, run `wheelbook import {}`",
            rescue.display(),
            rescue.display()
        ),
        Err(rescue_error) => format!(
            "your workbook could not be saved ({error}), nor a rescue copy ({rescue_error}). The last saved version is unchanged"
        ),
    })
}

fn run_loop(
    terminal: &mut TerminalGuard,
    app: &mut App,
    mut saver: Option<&mut Saver>,
    signals: &mut Signals,
    mut startup_report: Option<&Path>,
) -> anyhow::Result<Ending> {
    loop {
        // Checked before drawing: after SIGHUP the terminal may take no more output.
        if let Some(signal) = signals.ending() {
            return Ok(Ending::Signal(signal));
        }
        terminal.terminal.draw(|frame| view::draw(frame, app))?;
        if let Some(path) = startup_report.take()
            && let Err(error) = startup_report::note_first_screen(path)
        {
            app.error(format!(
                "Could not write the startup report to {}: {error}",
                path.display()
            ));
        }
        let mut messages = Vec::new();
        match signals.wait(TICK)? {
            Wake::Hangup => return Ok(Ending::Signal(signal_hook::consts::SIGHUP)),
            Wake::Input => read_waiting(&mut messages)?,
            // A resize: the size is taken now, so that clicks and pages use the new layout.
            // crossterm keeps a resize signal of its own, noted once it has read anything:
            // left until the next key, it would be read first and that key left unread
            // (its reader returns the resize and loses the key's wake-up) until another key
            // came, while this loop spun. So it is read now.
            Wake::Signal => {
                read_waiting(&mut messages)?;
                let (width, height) = crossterm::terminal::size()?;
                messages.push(Msg::Resize(width, height));
            }
            Wake::Timeout => {}
        }
        if let Some(saver) = saver.as_deref_mut() {
            messages.splice(0..0, saver.finished().into_iter().map(Msg::Saved));
        }
        messages.push(Msg::Tick);
        // One message at a time, its effects carried out before the next: nothing typed after
        // a quit is handled and then dropped.
        for msg in messages {
            #[cfg(debug_assertions)]
            panic_if_asked(&msg);
            let mut pending = step(app, msg);
            while !pending.is_empty() {
                match pending.remove(0) {
                    Effect::Save => match saver.as_deref_mut() {
                        Some(saver) => saver.save(app.workbook.clone()),
                        None => {
                            let outcome = Err("this workbook is open read-only".to_string());
                            pending.extend(step(app, Msg::Saved(outcome)));
                        }
                    },
                    Effect::Quit => return Ok(Ending::Quit),
                    Effect::WriteFile { path, text } => {
                        let result =
                            store::write_export(&path, |file| file.write_all(text.as_bytes()))
                                .map(|()| path.display().to_string())
                                .map_err(|error| error.to_string());
                        pending.extend(step(app, Msg::Written(result)));
                    }
                    Effect::Suspend => {
                        if let Some(saver) = saver.as_deref_mut() {
                            for outcome in saver.wait() {
                                pending.extend(step(app, Msg::Saved(outcome)));
                            }
                        }
                        terminal.suspend()?;
                    }
                }
            }
        }
    }
}

fn step(app: &mut App, msg: Msg) -> Vec<Effect> {
    let now = Now {
        instant: Instant::now(),
        time: now(),
    };
    update::update(app, msg, &now)
}

/// Every event crossterm has waiting, as messages.
fn read_waiting(messages: &mut Vec<Msg>) -> io::Result<()> {
    while event::poll(Duration::ZERO)? {
        messages.push(match event::read()? {
            Event::Key(key) => Msg::Key(key),
            Event::Paste(text) => Msg::Paste(text),
            Event::Mouse(mouse) => Msg::Mouse(mouse),
            Event::Resize(width, height) => Msg::Resize(width, height),
            _ => Msg::Tick,
        });
    }
    Ok(())
}

/// Debug builds only, for the end-to-end test of the way out on a panic: the key named by
/// `WHEELBOOK_DEBUG_PANIC_KEY` panics where a bug in `update` would. Release builds have no
/// such key.
#[cfg(debug_assertions)]
fn panic_if_asked(msg: &Msg) {
    static ASKED: std::sync::OnceLock<Option<char>> = std::sync::OnceLock::new();
    let asked = ASKED.get_or_init(|| {
        let key = std::env::var("WHEELBOOK_DEBUG_PANIC_KEY").ok()?;
        key.chars().next()
    });
    if let (Some(asked), Msg::Key(key)) = (asked, msg)
        && key.code == crossterm::event::KeyCode::Char(*asked)
    {
        panic!("asked to panic by WHEELBOOK_DEBUG_PANIC_KEY");
    }
}

/// The terminal in raw mode on the alternate screen, with mouse and paste reporting; restored
/// when dropped, and by the panic hook.
struct TerminalGuard {
    terminal: DefaultTerminal,
}

impl TerminalGuard {
    fn enter() -> io::Result<Self> {
        // The guard exists before anything else can fail, so that the terminal is restored.
        let guard = TerminalGuard {
            terminal: ratatui::try_init()?,
        };
        // ratatui's hook restores raw mode and the screen; this one also stops the mouse and
        // paste reporting first, so the shell is usable after a panic.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
            previous(info);
        }));
        execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        Ok(guard)
    }

    /// Ctrl-Z: give the terminal back, stop, and take it again when resumed with `fg`.
    fn suspend(&mut self) -> io::Result<()> {
        leave();
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        self.terminal = ratatui::try_init()?;
        execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        self.terminal.clear()
    }
}

fn leave() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::PackSource;

    #[test]
    fn work_that_cannot_be_saved_at_exit_goes_to_a_rescue_file() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let workbook = crate::workbook::generate::generate(&pack, 2, 8);
        let dir = tempfile::tempdir().expect("temp dir");
        let location = Location::new(dir.path().join("data"), "workbook").expect("location");
        let store = Store::lock(location).expect("lock");
        let (_wake_read, wake) = std::os::unix::net::UnixStream::pair().expect("pair");
        let mut saver = Saver::start(store, wake).expect("saver");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
        let mut app = App::new(pack, workbook.clone(), today, Theme::MONO, (80, 24));
        assert_eq!(
            save_before_exit(&mut app, Some(&mut saver)),
            None,
            "nothing unsaved"
        );

        app.save.dirty = true;
        std::fs::remove_dir_all(dir.path().join("data")).expect("the disk goes away");
        let notice = save_before_exit(&mut app, Some(&mut saver)).expect("told what happened");
        assert!(notice.contains("could not be saved"), "{notice}");
        let path = notice
            .split_whitespace()
            .find(|word| word.contains("wheelbook-rescue-"))
            .map(|word| word.trim_end_matches([',', '.']))
            .expect("names the rescue file");
        let rescued = crate::workbook::store::read_workbook_file(std::path::Path::new(path))
            .expect("a workbook");
        assert_eq!(rescued, workbook);
        assert!(notice.contains(&format!("wheelbook import {path}")));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        std::fs::remove_file(path).expect("clean up");
    }
}
