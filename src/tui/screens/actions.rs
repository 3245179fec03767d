//! All development actions: their status and due dates.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::Outcome;
use crate::tui::action::Action;
use crate::tui::app::{App, Now, Screen};
use crate::tui::keys::{Binding, ESC, bind};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct State {
    pub selected: usize,
}

pub const KEYS: &[Binding] = &[bind(ESC, Action::Back, "home", "Back home")];

pub fn handle(_app: &mut App, _state: &mut State, action: Action, _now: &Now) -> Outcome {
    match action {
        Action::Back => Outcome::go(Screen::Home(Default::default())),
        _ => Outcome::stay(),
    }
}

pub fn render(_app: &App, _state: &State, frame: &mut Frame, area: Rect) {
    frame.render_widget(Paragraph::new("Actions"), area);
}
