//! CPD details of a reflection: what CPD logs, revalidation accounts and profiles need.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Outcome, fit, marker};
use crate::export::regulators::Item;
use crate::tui::action::Action;
use crate::tui::app::{App, Now, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::keys::{ARROW_LEFT, ARROW_RIGHT, Binding, DOWN, ENTER, ESC, SPACE, UP, bind, more};
use crate::tui::screens::summary;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub reflection: usize,
    pub field: usize,
}

impl State {
    pub fn new(reflection: usize) -> Self {
        State {
            reflection,
            field: 0,
        }
    }
}

/// The form's rows, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Hours,
    Participatory,
    Method,
    ActivityType,
    Planned,
    Theme(usize),
    Evidence,
}

pub const KEYS: &[Binding] = &[
    more(UP, Action::Up, "The field above"),
    more(DOWN, Action::Down, "The field below"),
    bind(
        ENTER,
        Action::Open,
        "edit",
        "Type the date, hours, method or evidence; or change a choice",
    ),
    bind(
        SPACE,
        Action::Toggle,
        "change",
        "Tick a theme, or change a choice",
    ),
    more(ARROW_LEFT, Action::Left, "The previous choice"),
    more(ARROW_RIGHT, Action::Right, "The next choice"),
    bind(
        ESC,
        Action::Back,
        "summary",
        "Back to the summary (everything is saved)",
    ),
];

fn fields(themes: usize) -> Vec<Field> {
    let mut fields = vec![
        Field::Date,
        Field::Hours,
        Field::Participatory,
        Field::Method,
        Field::ActivityType,
        Field::Planned,
    ];
    fields.extend((0..themes).map(Field::Theme));
    fields.push(Field::Evidence);
    fields
}

fn themes(app: &App) -> &'static [Item] {
    app.regulators()
        .map_or(&[], |r| r.nmc.code.themes.as_slice())
}

fn activity_types(app: &App) -> &'static [Item] {
    app.regulators()
        .map_or(&[], |r| r.hcpc.activity_types.types.as_slice())
}

/// Cycles an optional choice through "not recorded yet" and each value.
fn cycle<T: Clone + PartialEq>(current: &Option<T>, values: &[T], forward: bool) -> Option<T> {
    let position = current
        .as_ref()
        .and_then(|c| values.iter().position(|v| v == c));
    let next = match (position, forward) {
        (None, true) => Some(0),
        (None, false) => values.len().checked_sub(1),
        (Some(p), true) => (p + 1 < values.len()).then_some(p + 1),
        (Some(p), false) => p.checked_sub(1),
    };
    next.map(|i| values[i].clone())
}

pub fn handle(app: &mut App, state: &mut State, action: Action, now: &Now) -> Outcome {
    let fields = fields(themes(app).len());
    state.field = state.field.min(fields.len() - 1);
    let field = fields[state.field];
    let index = state.reflection;
    match action {
        Action::Up => state.field = state.field.saturating_sub(1),
        Action::Down => state.field = (state.field + 1).min(fields.len() - 1),
        Action::Back => return Outcome::go(Screen::Summary(summary::State::new(index))),
        _ if !app.can_change() => {}
        Action::Open
            if matches!(
                field,
                Field::Date | Field::Hours | Field::Method | Field::Evidence
            ) =>
        {
            open_editor(app, index, field);
        }
        Action::Open | Action::Toggle | Action::Left | Action::Right => {
            let forward = action != Action::Left;
            let theme_ids: Vec<String> = themes(app).iter().map(|t| t.id.clone()).collect();
            let type_ids: Vec<String> = activity_types(app).iter().map(|t| t.id.clone()).collect();
            let Some(reflection) = app.workbook.get_reflection_mut(index) else {
                return Outcome::stay();
            };
            let cpd = &mut reflection.cpd;
            match field {
                Field::Participatory => {
                    cpd.participatory = cycle(&cpd.participatory, &[true, false], forward)
                }
                Field::Planned => cpd.planned = cycle(&cpd.planned, &[true, false], forward),
                Field::ActivityType => {
                    cpd.activity_type = cycle(&cpd.activity_type, &type_ids, forward)
                }
                Field::Theme(theme) => {
                    if let Some(id) = theme_ids.get(theme)
                        && !cpd.code_themes.remove(id.as_str())
                    {
                        cpd.code_themes.insert(id.clone());
                    }
                }
                _ => return Outcome::stay(),
            }
            reflection.updated = now.time;
            app.changed(now);
        }
        _ => {}
    }
    Outcome::stay()
}

fn open_editor(app: &mut App, index: usize, field: Field) {
    let Some(reflection) = app.workbook.reflections.get(index) else {
        return;
    };
    let cpd = &reflection.cpd;
    let (target, label, text) = match field {
        Field::Date => (
            EditTarget::CpdDate { reflection: index },
            "Date of the activity, as YYYY-MM-DD or DD/MM/YYYY (leave empty for none)",
            cpd.activity_date.map(|d| d.to_string()).unwrap_or_default(),
        ),
        Field::Hours => (
            EditTarget::CpdHours { reflection: index },
            "Hours of learning, e.g. 1.5 (leave empty for none)",
            cpd.hours.map(|h| h.to_string()).unwrap_or_default(),
        ),
        Field::Method => (
            EditTarget::CpdMethod { reflection: index },
            "How the learning happened, e.g. reflective practice, supervision, course, reading",
            cpd.method.clone().unwrap_or_default(),
        ),
        _ => (
            EditTarget::CpdEvidence { reflection: index },
            "Where the evidence is kept: a certificate's file name, notes, an agenda (no names of people)",
            cpd.evidence.clone().unwrap_or_default(),
        ),
    };
    app.overlay = Some(Overlay::Editor(Box::new(Editor::new(
        target, label, &text, true,
    ))));
}

pub fn render(app: &App, state: &State, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let Some(reflection) = app.workbook.reflections.get(state.reflection) else {
        return;
    };
    let cpd = &reflection.cpd;
    let themes = themes(app);
    let width = area.width.saturating_sub(30) as usize;
    let said = |value: Option<bool>, yes: &str, no: &str| match value {
        Some(true) => yes.to_string(),
        Some(false) => no.to_string(),
        None => "not recorded yet".to_string(),
    };
    let mut lines = vec![
        Line::styled(
            "For CPD logs, revalidation accounts and profiles. Esc when done.",
            theme.dim,
        ),
        Line::raw(""),
    ];
    for (position, field) in fields(themes.len()).into_iter().enumerate() {
        let (label, value) = match field {
            Field::Date => (
                "Date of the activity",
                cpd.activity_date.map_or("—".into(), |d| d.to_string()),
            ),
            Field::Hours => ("Hours", cpd.hours.map_or("—".into(), |h| h.to_string())),
            Field::Participatory => (
                "Participatory",
                said(cpd.participatory, "yes, with others", "no, on my own"),
            ),
            Field::Method => ("Method", cpd.method.clone().unwrap_or_else(|| "—".into())),
            Field::ActivityType => (
                "Type of activity",
                cpd.activity_type
                    .as_ref()
                    .map_or("not recorded yet".into(), |id| {
                        activity_types(app)
                            .iter()
                            .find(|t| &t.id == id)
                            .map_or(id.clone(), |t| t.label.clone())
                    }),
            ),
            Field::Planned => (
                "Planned",
                said(cpd.planned, "planned", "prompted by events"),
            ),
            Field::Theme(index) => {
                let theme_item = &themes[index];
                let ticked = if cpd.code_themes.contains(theme_item.id.as_str()) {
                    "[x]"
                } else {
                    "[ ]"
                };
                (
                    if index == 0 {
                        "Relevant to the Code"
                    } else {
                        ""
                    },
                    format!("{ticked} {}", theme_item.label),
                )
            }
            Field::Evidence => (
                "Evidence",
                cpd.evidence.clone().unwrap_or_else(|| "—".into()),
            ),
        };
        let selected = position == state.field;
        lines.push(Line::from(vec![
            marker(selected, theme),
            Span::styled(format!("{label:<22}"), theme.title),
            Span::styled(
                fit(&value, width),
                if selected {
                    theme.selected
                } else {
                    theme.normal
                },
            ),
        ]));
    }
    let title = format!(
        " CPD details: {} ",
        fit(&reflection.title, area.width.saturating_sub(20) as usize)
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(Span::styled(title, theme.heading))),
        area,
    );
}
