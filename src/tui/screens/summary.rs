//! Summary of a reflection: the wheel as a picture, the changes since last time, the actions,
//! and marking the reflection complete.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Outcome;
use crate::tui::action::Action;
use crate::tui::app::{App, Now, Screen};
use crate::tui::keys::{Binding, ESC, Key, bind};
use crate::tui::screens::area;
use crate::workbook::Status;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub reflection: usize,
}

impl State {
    pub fn new(reflection: usize) -> Self {
        State { reflection }
    }
}

pub const KEYS: &[Binding] = &[
    bind(
        &[Key::Char('c')],
        Action::MarkComplete,
        "complete",
        "Mark this reflection complete",
    ),
    bind(ESC, Action::Back, "back", "Back to the areas"),
];

pub fn handle(app: &mut App, state: &mut State, action: Action, now: &Now) -> Outcome {
    match action {
        Action::Back => {
            let mut back = area::State::new(state.reflection);
            if let Some(reflection) = app.workbook.reflections.get(state.reflection) {
                back.area = area::focus_areas(app, reflection).len().saturating_sub(1);
            }
            return Outcome::go(Screen::Area(back));
        }
        Action::MarkComplete if app.can_change() => {
            if let Some(reflection) = app.workbook.reflections.get_mut(state.reflection) {
                reflection.status = Status::Complete;
                reflection.updated = now.time;
                app.changed(now);
                app.info("Reflection marked complete.");
                return Outcome::go(Screen::Home(Default::default()));
            }
        }
        _ => {}
    }
    Outcome::stay()
}

pub fn render(app: &App, state: &State, frame: &mut Frame, area: Rect) {
    let title = app
        .workbook
        .reflections
        .get(state.reflection)
        .map_or("", |r| r.title.as_str());
    frame.render_widget(
        Paragraph::new(Line::raw(format!("Summary of {title}"))),
        area,
    );
}
