//! Start a reflection: its context, its focus (the whole wheel or chosen areas), an optional
//! title, and individual or team wording.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Outcome, fit, marker};
use crate::tui::action::Action;
use crate::tui::app::{App, Now, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::keys::{
    BACKTAB, Binding, DOWN, ENTER, ESC, LEFT, RIGHT, SPACE, TAB, UP, bind, more,
};
use crate::tui::screens::area;
use crate::workbook::{Focus, Mode, PackRef, Reflection, Workbook, new_id};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Context,
    Focus,
    Title,
    Wording,
    Begin,
}

const FIELDS: [Field; 5] = [
    Field::Context,
    Field::Focus,
    Field::Title,
    Field::Wording,
    Field::Begin,
];

#[derive(Debug)]
pub struct State {
    pub field: Field,
    pub context: usize,
    /// Row 0 is "the whole wheel", row n is the pack's area n-1.
    pub focus_row: usize,
    /// Indices of the chosen areas; none chosen means the whole wheel.
    pub areas: BTreeSet<usize>,
    pub title: String,
    pub mode: Mode,
}

impl State {
    pub fn new(workbook: &Workbook) -> Self {
        State {
            field: Field::Context,
            context: 0,
            focus_row: 0,
            areas: BTreeSet::new(),
            title: String::new(),
            mode: workbook.mode,
        }
    }

    /// Whether nothing has been chosen or typed, wherever the cursor stands.
    pub fn is_untouched(&self, workbook: &Workbook) -> bool {
        self.context == 0
            && self.areas.is_empty()
            && self.title.is_empty()
            && self.mode == workbook.mode
    }
}

/// Whether a new reflection's form holds choices that quitting would lose: the one on the
/// screen, or one left with Esc. It is not a reflection yet, so it is never saved.
pub fn form_in_hand(app: &App) -> bool {
    let on_screen = match &app.screen {
        Screen::Start(state) => !state.is_untouched(&app.workbook),
        _ => false,
    };
    on_screen || app.start_draft.is_some()
}

/// The form for a new reflection: the one left with Esc, if any, else a fresh one.
pub fn taken_up(app: &mut App) -> State {
    app.start_draft
        .take()
        .unwrap_or_else(|| State::new(&app.workbook))
}

pub const KEYS: &[Binding] = &[
    bind(
        TAB,
        Action::NextField,
        "next",
        "Go to the next part of the form",
    ),
    more(
        BACKTAB,
        Action::PrevField,
        "Go to the previous part of the form",
    ),
    more(UP, Action::Up, "Choose the item above"),
    more(DOWN, Action::Down, "Choose the item below"),
    bind(
        SPACE,
        Action::Toggle,
        "tick",
        "Tick or untick an area (or the whole wheel)",
    ),
    more(LEFT, Action::Left, "Wording: I"),
    more(RIGHT, Action::Right, "Wording: we"),
    bind(
        ENTER,
        Action::Open,
        "begin",
        "Type the title, or begin the reflection",
    ),
    bind(
        ESC,
        Action::Back,
        "back",
        "Go back home; what you chose is kept until you quit, and n takes it up again",
    ),
];

pub fn handle(app: &mut App, state: &mut State, action: Action, now: &Now) -> Outcome {
    let areas = app.pack.areas.len();
    let position = FIELDS.iter().position(|f| *f == state.field).unwrap_or(0);
    match (action, state.field) {
        (Action::Back, _) => return leave(app, state),
        (Action::NextField, _) => state.field = FIELDS[(position + 1) % FIELDS.len()],
        (Action::PrevField, _) => {
            state.field = FIELDS[(position + FIELDS.len() - 1) % FIELDS.len()]
        }
        (Action::Up, Field::Context) => state.context = state.context.saturating_sub(1),
        (Action::Down, Field::Context) => {
            state.context = (state.context + 1).min(app.pack.contexts.len() - 1)
        }
        (Action::Up, Field::Focus) => state.focus_row = state.focus_row.saturating_sub(1),
        (Action::Down, Field::Focus) => state.focus_row = (state.focus_row + 1).min(areas),
        (Action::Toggle, Field::Focus) => toggle(app, state),
        (Action::Left | Action::Up, Field::Wording) => state.mode = Mode::Individual,
        (Action::Right | Action::Down | Action::Toggle, Field::Wording) => state.mode = Mode::Team,
        (Action::Open, Field::Title) => {
            app.overlay = Some(Overlay::Editor(Box::new(Editor::new(
                EditTarget::StartTitle,
                "Title (optional): a few words to find this reflection by. No names of people.",
                &state.title,
                true,
            ))));
        }
        (Action::Open, Field::Begin) => return begin(app, state, now),
        (Action::Open, _) => state.field = FIELDS[position + 1],
        _ => {}
    }
    Outcome::stay()
}

/// Back home, keeping what was chosen or typed for n on Home to take up again: an Esc
/// pressed by mistake loses nothing. A form left untouched is not kept, and a kept one is
/// not a reflection yet, so it is not saved: it lasts until wheelbook quits.
fn leave(app: &mut App, state: &mut State) -> Outcome {
    let left = std::mem::replace(state, State::new(&app.workbook));
    if left.is_untouched(&app.workbook) {
        app.start_draft = None;
    } else {
        app.start_draft = Some(left);
        app.info("Kept what you chose for the new reflection until you quit: n takes it up again.");
    }
    Outcome::go(Screen::Home(Default::default()))
}

fn toggle(app: &mut App, state: &mut State) {
    if state.focus_row == 0 {
        state.areas.clear();
        return;
    }
    let index = state.focus_row - 1;
    if !state.areas.remove(&index) {
        state.areas.insert(index);
    }
    if state.areas.len() > 2 {
        app.info("The workbook suggests one or two areas at a time; you can choose more.");
    }
}

fn begin(app: &mut App, state: &State, now: &Now) -> Outcome {
    if !app.can_change() {
        return Outcome::stay();
    }
    let focus = if state.areas.is_empty() {
        Focus::WholeWheel
    } else {
        Focus::Areas(
            state
                .areas
                .iter()
                .map(|&i| app.pack.areas[i].id.as_str().into())
                .collect(),
        )
    };
    let reflection = Reflection::draft(
        new_id("r", &now.time),
        now.time,
        state.title.trim().to_string(),
        app.pack.contexts[state.context].id.clone(),
        focus,
        PackRef::of(&app.pack),
    );
    app.workbook.mode = state.mode;
    app.workbook.reflections.push(reflection.into());
    app.reindex();
    app.changed(now);
    Outcome::go(Screen::Area(area::State::new(
        app.workbook.reflections.len() - 1,
    )))
}

pub fn render(app: &App, state: &State, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let contexts_height = app.pack.contexts.len() as u16 + 2;
    let [contexts, title, wording, begin, help] = Layout::vertical([
        Constraint::Length(contexts_height),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .areas(left);
    let block = |field: Field, name: &str| {
        let active = state.field == field;
        let style = if active { theme.key } else { Style::new() };
        let mark = if active { "› " } else { "" };
        Block::bordered()
            .border_style(style)
            .title(Span::styled(format!(" {mark}{name} "), theme.heading))
    };
    let width = left.width.saturating_sub(8) as usize;

    let lines: Vec<Line> = app
        .pack
        .contexts
        .iter()
        .enumerate()
        .map(|(i, context)| {
            let chosen = if i == state.context { "(•) " } else { "( ) " };
            let cursor = state.field == Field::Context && i == state.context;
            Line::from(vec![
                marker(cursor, theme),
                Span::raw(chosen),
                Span::raw(fit(&context.label, width)),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(Field::Context, "Context")),
        contexts,
    );

    let title_text = if state.title.is_empty() {
        Line::styled("(none: press Enter to type one)", theme.dim)
    } else {
        Line::raw(fit(&state.title, width + 2))
    };
    frame.render_widget(
        Paragraph::new(title_text).block(block(Field::Title, "Title")),
        title,
    );

    let (i, we) = match state.mode {
        Mode::Individual => ("(•)", "( )"),
        Mode::Team => ("( )", "(•)"),
    };
    let wording_line = format!("{i} I (myself)   {we} we (a team)");
    frame.render_widget(
        Paragraph::new(wording_line).block(block(Field::Wording, "Wording")),
        wording,
    );

    let begin_style = if state.field == Field::Begin {
        theme.selected
    } else {
        theme.title
    };
    frame.render_widget(
        Paragraph::new(Line::styled("[ Begin the reflection ]", begin_style))
            .block(block(Field::Begin, "Ready?")),
        begin,
    );
    if let Some(context) = app.pack.contexts.get(state.context) {
        frame.render_widget(
            Paragraph::new(Line::styled(context.description.clone(), theme.dim))
                .wrap(Wrap { trim: true }),
            help,
        );
    }

    let mut focus_lines = vec![Line::from(vec![
        marker(state.field == Field::Focus && state.focus_row == 0, theme),
        Span::raw(if state.areas.is_empty() {
            "[x] "
        } else {
            "[ ] "
        }),
        Span::styled("The whole wheel", theme.title),
    ])];
    let area_width = right.width.saturating_sub(10) as usize;
    for (index, pack_area) in app.pack.areas.iter().enumerate() {
        let cursor = state.field == Field::Focus && state.focus_row == index + 1;
        let tick = if state.areas.contains(&index) {
            "[x] "
        } else {
            "[ ] "
        };
        focus_lines.push(Line::from(vec![
            marker(cursor, theme),
            Span::raw(tick),
            Span::raw(fit(&pack_area.title, area_width)),
        ]));
    }
    focus_lines.push(Line::styled(
        "One or two areas at a time work best.",
        theme.dim,
    ));
    frame.render_widget(
        Paragraph::new(focus_lines).block(block(Field::Focus, "Focus")),
        right,
    );
}
