//! The one state of the terminal UI, and the messages and effects around it.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{KeyEvent, MouseEvent};

use super::editor::Editor;
use super::screens::{actions, area, browse, cpd, export, home, start, summary};
use super::theme::Theme;
use crate::content::Pack;
use crate::export::regulators::Regulators;
use crate::workbook::{Timestamp, Workbook};

/// Autosave this long after the last change.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(1000);
/// After a failed save, try again this long later.
pub const SAVE_RETRY: Duration = Duration::from_secs(5);

/// Everything that can happen to the app.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Tick,
    /// The outcome of an [`Effect::Save`], with the message to show on failure.
    Saved(Result<(), String>),
    /// The outcome of an [`Effect::WriteFile`]: the path written, or why not.
    Written(Result<String, String>),
}

/// What `update` asks the event loop to do: the only I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save the workbook as it is now, beside the event loop; [`Msg::Saved`] tells how it went.
    Save,
    Quit,
    /// Give the terminal back (Ctrl-Z) once any save under way has finished.
    Suspend,
    /// Write an export to a new private file.
    WriteFile {
        path: std::path::PathBuf,
        text: String,
    },
}

/// The moment a message is handled, given to `update` so that it stays free of clocks.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub instant: Instant,
    pub time: Timestamp,
}

#[derive(Debug)]
pub enum Screen {
    Home(home::State),
    Start(start::State),
    Area(area::State),
    Summary(summary::State),
    Browse(browse::State),
    Reading(browse::Reading),
    Actions(actions::State),
    Export(export::State),
    Cpd(cpd::State),
}

#[derive(Debug)]
pub enum Overlay {
    Help { scroll: u16 },
    Editor(Box<Editor>),
    Confirm(Confirm),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub on_yes: ConfirmAction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmAction {
    DeleteReflection(String),
    RemoveOwnActivity {
        reflection: usize,
        index: usize,
    },
    RemoveAction {
        index: usize,
    },
    QuitWithoutSaving,
    /// Quit, letting go of a new reflection's form that was never begun.
    QuitLeavingNewForm,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Ok,
    Error,
}

#[derive(Debug, Default)]
pub struct SaveState {
    /// The workbook in memory has changes not yet on disk.
    pub dirty: bool,
    /// When the next save is due; `None` while nothing is waiting.
    pub due: Option<Instant>,
    pub last_error: Option<String>,
    /// Quit was asked for; it happens once the last save has succeeded.
    pub quitting: bool,
    /// Counts changes, so that a save that finishes can tell whether it wrote the latest.
    pub generation: u64,
    /// The generation being written by a save under way: saves run beside the event loop,
    /// and the user may go on changing things meanwhile.
    pub saving: Option<u64>,
}

#[derive(Debug)]
pub struct App {
    pub pack: Pack,
    pub workbook: Workbook,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Option<(StatusKind, String)>,
    pub save: SaveState,
    /// Indices of the workbook's reflections, newest first: sorted once and kept in step (see
    /// [`App::reindex`]), so that drawing a list does not sort thousands of reflections.
    pub newest_first: Vec<usize>,
    /// Indices of the workbook's actions by the id of their reflection, kept in step the same
    /// way, so that drawing an area does not go through every action of the workbook.
    pub actions_by_reflection: HashMap<String, Vec<usize>>,
    /// Why the workbook cannot be changed, when another wheelbook has it open.
    pub read_only: Option<String>,
    pub today: NaiveDate,
    pub theme: Theme,
    pub size: (u16, u16),
    /// Names the owner never wants exported (watch-list.txt in the data directory).
    pub watch_list: Vec<String>,
    /// Where exports are offered to be written.
    pub export_dir: std::path::PathBuf,
    /// The user's home folder, for a path typed as `~/…`; none if it is not known.
    pub home_dir: Option<std::path::PathBuf>,
    /// Where the workbook is kept: Home names it while the workbook is empty, so that a
    /// mistyped --data-dir is seen at once rather than taken for lost work.
    pub workbook_path: Option<std::path::PathBuf>,
    /// An export left to edit one of its findings, taken up again by x on Home.
    pub export_return: Option<export::State>,
    /// The export on screen as last made (see [`export::refresh`]).
    pub export_made: Option<export::Made>,
    /// A new reflection's form left with Esc before it began, taken up again by n on Home.
    pub start_draft: Option<start::State>,
}

impl App {
    pub fn new(
        pack: Pack,
        workbook: Workbook,
        today: NaiveDate,
        theme: Theme,
        size: (u16, u16),
    ) -> Self {
        let screen = Screen::Home(home::State::default());
        App {
            pack,
            newest_first: workbook.newest_first_indices(),
            actions_by_reflection: actions_by_reflection(&workbook),
            workbook,
            screen,
            overlay: None,
            status: None,
            save: SaveState::default(),
            read_only: None,
            today,
            theme,
            size,
            watch_list: Vec::new(),
            export_dir: std::path::PathBuf::from("."),
            home_dir: None,
            workbook_path: None,
            export_return: None,
            export_made: None,
            start_draft: None,
        }
    }

    /// The regulators' data for exports, read on first use (`Err` only if the built-in data
    /// were broken).
    pub fn regulators(&self) -> Result<&'static Regulators, String> {
        crate::export::regulators::built_in_shared().map_err(str::to_string)
    }

    /// Makes [`App::newest_first`] and [`App::actions_by_reflection`] again: after a
    /// reflection or an action is added or deleted.
    pub fn reindex(&mut self) {
        self.newest_first = self.workbook.newest_first_indices();
        self.actions_by_reflection = actions_by_reflection(&self.workbook);
    }

    /// Records that the workbook changed: it is saved once the user pauses.
    pub fn changed(&mut self, now: &Now) {
        self.workbook.updated = now.time;
        self.save.dirty = true;
        self.save.generation += 1;
        self.save.due = Some(now.instant + SAVE_DEBOUNCE);
    }

    pub fn info(&mut self, message: impl Into<String>) {
        self.status = Some((StatusKind::Info, message.into()));
    }

    pub fn error(&mut self, message: impl Into<String>) {
        self.status = Some((StatusKind::Error, message.into()));
    }

    /// Takes an error off the status line once what it was about is put right.
    pub fn clear_error(&mut self) {
        if matches!(self.status, Some((StatusKind::Error, _))) {
            self.status = None;
        }
    }

    /// `false`, with a message, when the workbook is open read-only.
    pub fn can_change(&mut self) -> bool {
        match &self.read_only {
            Some(reason) => {
                let message = format!("Read-only: {reason}");
                self.error(message);
                false
            }
            None => true,
        }
    }

    pub fn go_home(&mut self) {
        self.screen = Screen::Home(home::State::default());
    }
}

fn actions_by_reflection(workbook: &Workbook) -> HashMap<String, Vec<usize>> {
    workbook
        .action_indices_by_reflection()
        .into_iter()
        .map(|(id, indices)| (id.to_string(), indices))
        .collect()
}
