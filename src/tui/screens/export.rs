//! Export: choose reflections, a template and a format; see exactly what would leave the
//! machine; deal with every likely identifier (edit it, or confirm it is safe); write the file.

use std::path::PathBuf;

use super::Outcome;
use crate::export::render::Format;
use crate::export::select::date_of;
use crate::export::templates::{Options, Template};
use crate::tui::action::Action;
use crate::tui::app::{App, Now, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::keys::{
    BACKTAB, Binding, DOWN, ENTER, ESC, Key, PAGE_DOWN, PAGE_UP, SPACE, TAB, UP, bind, more,
};

#[path = "export_choice.rs"]
pub mod choice;
#[path = "export_fields.rs"]
mod fields;
#[path = "export_findings.rs"]
mod findings;
#[path = "export_made.rs"]
mod made;
#[path = "export_view.rs"]
mod view;
pub use fields::{fields, set_edit, set_session_date};
pub use findings::is_confirmed;
use findings::{edit_finding, key_of};
pub use made::{Made, prepare, preview_rows, refresh};
pub use view::render;

pub const FORMATS: [Format; 4] = [Format::Markdown, Format::Text, Format::Html, Format::Json];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Reflections,
    /// The template's wording the owner can rewrite, if it has any.
    Wording,
    Findings,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Ids of the reflections to export.
    pub chosen: Vec<String>,
    /// Whether the owner has chosen them; until then, the template does ([`choice`]).
    pub by_hand: bool,
    /// The ticks before a ticked every complete reflection: a again puts them back.
    pub before_all: Option<Vec<String>>,
    pub cursor: usize,
    pub pane: Pane,
    pub finding: usize,
    /// The field of the wording under the cursor.
    pub field: usize,
    pub template: usize,
    pub format: usize,
    pub options: Options,
    /// Findings the owner has confirmed are safe to share: (reflection id, field, text).
    pub confirmed: Vec<(String, String, String)>,
    /// While previewing, how far the text is scrolled.
    pub preview: Option<usize>,
    /// The file last named to write to, offered again until it is written.
    pub path: Option<String>,
}

impl State {
    /// Starts on the first template, with the reflections it chooses.
    pub fn new(app: &App) -> Self {
        let mut state = State {
            chosen: Vec::new(),
            by_hand: false,
            before_all: None,
            cursor: 0,
            pane: Pane::Reflections,
            finding: 0,
            field: 0,
            template: 0,
            format: 0,
            options: Options::default(),
            confirmed: Vec::new(),
            preview: None,
            path: None,
        };
        state.chosen = choice::template_default(app, &state).0;
        state
    }

    pub fn template(&self) -> Template {
        Template::ALL[self.template % Template::ALL.len()]
    }

    pub fn format(&self) -> Format {
        FORMATS[self.format % FORMATS.len()]
    }
}

pub const KEYS: &[Binding] = &[
    more(UP, Action::Up, "Move up"),
    more(DOWN, Action::Down, "Move down"),
    bind(
        SPACE,
        Action::Toggle,
        "tick",
        "Tick or untick the reflection to export",
    ),
    more(
        &[Key::Char('a')],
        Action::TickAll,
        "Tick every complete reflection (again: back to the ticks before)",
    ),
    more(
        &[Key::Char('s')],
        Action::TickSince,
        "Tick the complete reflections since a day you give, in place of the ticks",
    ),
    more(
        TAB,
        Action::NextField,
        "Switch between the reflections, the wording (NMC and HCPC) and the findings",
    ),
    more(
        BACKTAB,
        Action::PrevField,
        "Switch between the findings, the wording and the reflections",
    ),
    bind(
        &[Key::Char('t')],
        Action::CycleTemplate,
        "template",
        "Choose the next template",
    ),
    more(
        &[Key::Char('f')],
        Action::CycleFormat,
        "Choose the next format: md, txt, html, json",
    ),
    more(
        &[Key::Char('r')],
        Action::ToggleRatings,
        "Supervision notes: include or leave out your ratings",
    ),
    more(
        &[Key::Char('c')],
        Action::ToggleComments,
        "Supervision notes: include or leave out your comments",
    ),
    more(
        &[Key::Char('u')],
        Action::ToggleFull,
        "Supervision notes: answers in full or in summary",
    ),
    more(
        &[Key::Char('d')],
        Action::SessionDate,
        "Supervision notes: the date of the session",
    ),
    bind(
        &[Key::Char('p')],
        Action::Preview,
        "preview",
        "See exactly what would be written",
    ),
    more(
        ENTER,
        Action::Open,
        "On the wording: rewrite it, for this export only. On a finding: go and edit it",
    ),
    more(
        &[Key::Char('y')],
        Action::Confirm,
        "On a finding: confirm it is safe to share",
    ),
    bind(
        &[Key::Char('w')],
        Action::Write,
        "write",
        "Write the document to a file, readable by you alone",
    ),
    bind(ESC, Action::Back, "back", "Go back home"),
    more(PAGE_UP, Action::PageUp, "A page up the list"),
    more(PAGE_DOWN, Action::PageDown, "A page down the list"),
];

/// While the preview is open.
pub const PREVIEW_KEYS: &[Binding] = &[
    bind(DOWN, Action::Down, "scroll", "Scroll down a line"),
    more(UP, Action::Up, "Scroll up a line"),
    bind(PAGE_DOWN, Action::PageDown, "page", "Scroll down a page"),
    more(PAGE_UP, Action::PageUp, "Scroll up a page"),
    bind(
        &[Key::Char('w')],
        Action::Write,
        "write",
        "Write the document to a file, readable by you alone",
    ),
    bind(
        &[Key::Code(crossterm::event::KeyCode::Esc), Key::Char('p')],
        Action::Back,
        "close",
        "Close the preview",
    ),
];

/// The reflections offered, newest first by the date an export files them under (the
/// activity's, when given), which is the date shown and the one ticking since a day goes by.
pub fn offered(app: &App) -> Vec<usize> {
    let mut offered = app.newest_first.clone();
    let reflections = &app.workbook.reflections;
    offered.sort_by_key(|&i| std::cmp::Reverse((date_of(&reflections[i]), reflections[i].created)));
    offered
}

pub fn handle(app: &mut App, state: &mut State, action: Action, _now: &Now) -> Outcome {
    if state.preview.is_some() {
        let preview = preview_rows(app, state);
        let (limit, page) = view::preview_extent(&preview, crate::tui::view::body_rect(app));
        let Some(scroll) = &mut state.preview else {
            return Outcome::stay();
        };
        *scroll = (*scroll).min(limit);
        match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = scroll.saturating_add(1).min(limit),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::PageDown => *scroll = scroll.saturating_add(page).min(limit),
            Action::Preview | Action::Back => state.preview = None,
            Action::Write => return write(app, state),
            _ => {}
        }
        return Outcome::stay();
    }
    let offered = offered(app);
    let findings = prepare(app, state)
        .map(|p| p.findings.clone())
        .unwrap_or_default();
    let wording = fields(app, state);
    match (action, state.pane) {
        (Action::Back, _) => return Outcome::go(Screen::Home(Default::default())),
        (Action::NextField, _) => state.pane = next_pane(state.pane, !wording.is_empty(), true),
        (Action::PrevField, _) => state.pane = next_pane(state.pane, !wording.is_empty(), false),
        (Action::Up, Pane::Wording) => state.field = state.field.saturating_sub(1),
        (Action::Down, Pane::Wording) => state.field += 1,
        (Action::Open, Pane::Wording) => return fields::edit(app, state, &wording),
        (Action::Up, Pane::Reflections) => state.cursor = state.cursor.saturating_sub(1),
        (Action::Down, Pane::Reflections) => {
            state.cursor = (state.cursor + 1).min(offered.len().saturating_sub(1))
        }
        (Action::PageUp, Pane::Reflections) => {
            state.cursor = state.cursor.saturating_sub(view::list_rows(app, state))
        }
        (Action::PageDown, Pane::Reflections) => {
            let page = view::list_rows(app, state);
            state.cursor = (state.cursor + page).min(offered.len().saturating_sub(1))
        }
        (Action::Up, Pane::Findings) => state.finding = state.finding.saturating_sub(1),
        (Action::Down, Pane::Findings) => {
            state.finding = (state.finding + 1).min(findings.len().saturating_sub(1))
        }
        (Action::Toggle | Action::Open, Pane::Reflections) => {
            if let Some(&index) = offered.get(state.cursor) {
                choice::toggle(app, state, index);
            }
        }
        (Action::TickAll, _) => choice::tick_all(app, state),
        (Action::TickSince, _) => return choice::ask_since(app, state),
        (Action::Open, Pane::Findings) => {
            if let Some(located) = findings.get(state.finding) {
                return edit_finding(app, state, located);
            }
        }
        (Action::Confirm, Pane::Findings) => {
            if let Some(located) = findings.get(state.finding) {
                if !is_confirmed(state, located) {
                    state.confirmed.push(key_of(located));
                }
                state.finding = (state.finding + 1).min(findings.len().saturating_sub(1));
            }
        }
        (Action::CycleTemplate, _) => {
            state.template = (state.template + 1) % Template::ALL.len();
            state.field = 0;
            // A name typed for another template is not this one's.
            state.path = None;
            choice::template_changed(app, state);
        }
        (Action::CycleFormat, _) => {
            state.format = (state.format + 1) % FORMATS.len();
            state.path = None;
        }
        (Action::ToggleRatings, _) => {
            state.options.include_ratings = !state.options.include_ratings
        }
        (Action::ToggleComments, _) => {
            state.options.include_comments = !state.options.include_comments
        }
        (Action::ToggleFull, _) => state.options.full = !state.options.full,
        (Action::SessionDate, _) => return fields::edit_session_date(app, state),
        (Action::Preview, _) => state.preview = Some(0),
        (Action::Write, _) => return write(app, state),
        _ => {}
    }
    state.finding = state.finding.min(findings.len().saturating_sub(1));
    let wording = fields(app, state).len();
    state.field = state.field.min(wording.saturating_sub(1));
    if state.pane == Pane::Wording && wording == 0 {
        state.pane = Pane::Reflections;
    }
    Outcome::stay()
}

/// The pane after `pane` (or before it), skipping the wording when the template has none.
fn next_pane(pane: Pane, wording: bool, forward: bool) -> Pane {
    let panes: &[Pane] = match wording {
        true => &[Pane::Reflections, Pane::Wording, Pane::Findings],
        false => &[Pane::Reflections, Pane::Findings],
    };
    let at = panes.iter().position(|&p| p == pane).unwrap_or(0);
    let step = if forward { 1 } else { panes.len() - 1 };
    panes[(at + step) % panes.len()]
}

/// Asks where to write, unless a likely identifier is neither edited nor confirmed.
fn write(app: &mut App, state: &State) -> Outcome {
    let prepared = match prepare(app, state) {
        Ok(prepared) => prepared,
        Err(message) => {
            app.error(message);
            return Outcome::stay();
        }
    };
    let open = prepared
        .findings
        .iter()
        .filter(|f| !is_confirmed(state, f))
        .count();
    if open > 0 {
        app.error(format!(
            "{open} likely identifier(s) to deal with first: Tab to the findings, then Enter to edit one or y to confirm it is safe."
        ));
        return Outcome::stay();
    }
    let path = state.path.clone().unwrap_or_else(|| {
        let name = format!(
            "{}-{}.{}",
            state.template().name(),
            app.today,
            state.format().extension()
        );
        let path: PathBuf = app.export_dir.join(name);
        path.display().to_string()
    });
    ask_path(app, &path);
    Outcome::stay()
}

/// Opens the box asking where to write, with `path` in it.
pub fn ask_path(app: &mut App, path: &str) {
    app.overlay = Some(Overlay::Editor(Box::new(Editor::new(
        EditTarget::ExportPath,
        "Write to this new file (readable by you alone; an existing file is never replaced). Enter writes it; Esc writes nothing:",
        path,
        true,
    ))));
}
