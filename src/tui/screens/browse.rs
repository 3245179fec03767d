//! Browse past reflections and read one in full.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use super::Outcome;
use crate::export::text;
use crate::tui::action::Action;
use crate::tui::app::{App, Now, Screen};
use crate::tui::keys::{Binding, DOWN, ESC, UP, bind, more};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct State {
    pub selected: usize,
    pub search: String,
}

impl State {
    /// Called as the search text is typed.
    pub fn set_search(&mut self, text: String) {
        self.search = text;
        self.selected = 0;
    }
}

/// Keeps the selection sensible after the reflection at `index` was deleted.
pub fn after_delete(app: &mut App, _index: usize) {
    if let Screen::Browse(state) = &mut app.screen {
        state.selected = state.selected.saturating_sub(1);
    }
}

/// One reflection, read in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub reflection: usize,
    pub scroll: u16,
    /// Esc goes back to Browse rather than Home.
    pub from_browse: bool,
}

impl Reading {
    pub fn new(reflection: usize, from_browse: bool) -> Self {
        Reading {
            reflection,
            scroll: 0,
            from_browse,
        }
    }
}

pub const KEYS: &[Binding] = &[bind(ESC, Action::Back, "home", "Back home")];

pub const READING_KEYS: &[Binding] = &[
    more(UP, Action::Up, "Scroll up"),
    more(DOWN, Action::Down, "Scroll down"),
    bind(ESC, Action::Back, "back", "Back"),
];

pub fn handle(_app: &mut App, _state: &mut State, action: Action, _now: &Now) -> Outcome {
    match action {
        Action::Back => Outcome::go(Screen::Home(Default::default())),
        _ => Outcome::stay(),
    }
}

pub fn handle_reading(_app: &mut App, state: &mut Reading, action: Action, _now: &Now) -> Outcome {
    match action {
        Action::Up => state.scroll = state.scroll.saturating_sub(1),
        Action::Down => state.scroll = state.scroll.saturating_add(1),
        Action::PageUp => state.scroll = state.scroll.saturating_sub(10),
        Action::PageDown => state.scroll = state.scroll.saturating_add(10),
        Action::Back if state.from_browse => return Outcome::go(Screen::Browse(State::default())),
        Action::Back => return Outcome::go(Screen::Home(Default::default())),
        _ => {}
    }
    Outcome::stay()
}

pub fn render(_app: &App, _state: &State, frame: &mut Frame, area: Rect) {
    frame.render_widget(Paragraph::new("Browse"), area);
}

pub fn render_reading(app: &App, state: &Reading, frame: &mut Frame, area: Rect) {
    let Some(reflection) = app.workbook.reflections.get(state.reflection) else {
        return;
    };
    let body = text::render(&app.pack, &app.workbook, reflection);
    frame.render_widget(
        Paragraph::new(body)
            .wrap(Wrap { trim: false })
            .scroll((state.scroll, 0)),
        area,
    );
}
