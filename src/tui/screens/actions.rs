//! All development actions of the workbook: open ones first (overdue first, then by due date,
//! then undated), then done, then dropped, the most recently changed first. Change an action's
//! status, due date and text, or read the reflection it came from.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Outcome, fit, marker, wrap};
use crate::tui::action::Action;
use crate::tui::app::{App, Now, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::keys::{Binding, DOWN, ENTER, ESC, Key, PAGE_DOWN, PAGE_UP, UP, bind, more};
use crate::tui::screens::browse;
use crate::workbook::{self, ActionStatus, Reflection, Workbook};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct State {
    /// Position in the sorted view ([`order`]), not an index into the workbook.
    pub selected: usize,
    /// The id of the selected action: the selection follows it when a new status or due date
    /// moves it in the view.
    pub follow: Option<String>,
}

pub const KEYS: &[Binding] = &[
    more(UP, Action::Up, "Select the action above"),
    more(DOWN, Action::Down, "Select the action below"),
    bind(
        &[Key::Char(' '), Key::Char('s')],
        Action::CycleStatus,
        "status",
        "Change the status: open → done → dropped → open",
    ),
    bind(
        &[Key::Char('d')],
        Action::SetDue,
        "due",
        "Set or clear the due date",
    ),
    bind(ENTER, Action::Edit, "edit", "Edit the text of the action"),
    bind(
        &[Key::Char('o')],
        Action::Open,
        "reflection",
        "Read the reflection the action came from",
    ),
    bind(ESC, Action::Back, "home", "Back home"),
    more(PAGE_UP, Action::PageUp, "Up a page"),
    more(PAGE_DOWN, Action::PageDown, "Down a page"),
];

const STATUS_WIDTH: usize = 11; // "[-] dropped"
const DUE_WIDTH: usize = 18; // "overdue 2026-10-01"
/// Where the text of a row starts: marker, status, due date and the spaces between.
const TEXT_COLUMN: usize = 2 + STATUS_WIDTH + 1 + DUE_WIDTH + 2;

fn group(status: ActionStatus) -> u8 {
    match status {
        ActionStatus::Open => 0,
        ActionStatus::Done => 1,
        ActionStatus::Dropped => 2,
    }
}

/// Workbook indices of the actions in the order the screen lists them.
pub fn order(workbook: &Workbook) -> Vec<usize> {
    let actions = &workbook.actions;
    let mut order: Vec<usize> = (0..actions.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&actions[a], &actions[b]);
        group(x.status)
            .cmp(&group(y.status))
            .then_with(|| match x.status {
                ActionStatus::Open => (x.due.is_none(), x.due).cmp(&(y.due.is_none(), y.due)),
                _ => y.updated.cmp(&x.updated),
            })
    });
    order
}

pub fn overdue(action: &workbook::Action, today: chrono::NaiveDate) -> bool {
    action.status == ActionStatus::Open && action.due.is_some_and(|due| due < today)
}

/// The selected position, following the selected action when the order has changed.
fn position(app: &App, state: &State, order: &[usize]) -> usize {
    state
        .follow
        .as_ref()
        .and_then(|id| {
            order
                .iter()
                .position(|&i| app.workbook.actions[i].id == *id)
        })
        .unwrap_or(state.selected)
        .min(order.len().saturating_sub(1))
}

pub fn handle(app: &mut App, state: &mut State, action: Action, now: &Now) -> Outcome {
    let order = order(&app.workbook);
    let last = order.len().saturating_sub(1);
    state.selected = position(app, state, &order);
    // Rows take about two lines each.
    let page = usize::from(app.size.1.saturating_sub(6) / 2).max(1);
    let mut go = None;
    match action {
        Action::Back => go = Some(Screen::Home(Default::default())),
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(last),
        Action::PageUp => state.selected = state.selected.saturating_sub(page),
        Action::PageDown => state.selected = (state.selected + page).min(last),
        _ => match order.get(state.selected) {
            Some(&index) => go = act(app, index, action, now),
            None => app.info("No actions yet: add them in a reflection's areas."),
        },
    }
    state.follow = order
        .get(state.selected)
        .and_then(|&i| app.workbook.actions.get(i))
        .map(|a| a.id.clone());
    Outcome {
        effects: Vec::new(),
        go,
    }
}

/// Does `action` to the workbook's action `index`; returns the screen to go to, if any.
fn act(app: &mut App, index: usize, action: Action, now: &Now) -> Option<Screen> {
    if action == Action::Open {
        let from = app.workbook.actions[index].reflection.as_ref();
        let found = from.and_then(|id| app.workbook.reflections.iter().position(|r| r.id == *id));
        if found.is_none() {
            app.info("This action did not come from a reflection in this workbook.");
        }
        return found.map(|r| Screen::Reading(browse::Reading::new(r, false)));
    }
    if !matches!(action, Action::CycleStatus | Action::SetDue | Action::Edit) || !app.can_change() {
        return None;
    }
    let item = &mut app.workbook.actions[index];
    let editor = match action {
        Action::CycleStatus => {
            item.status = match item.status {
                ActionStatus::Open => ActionStatus::Done,
                ActionStatus::Done => ActionStatus::Dropped,
                ActionStatus::Dropped => ActionStatus::Open,
            };
            item.updated = now.time;
            let message = format!("Marked {}.", status_label(item.status).1);
            app.changed(now);
            app.info(message);
            return None;
        }
        Action::SetDue => Editor::new(
            EditTarget::ActionDue { action: index },
            "Due date, as YYYY-MM-DD or DD/MM/YYYY (leave empty for none)",
            &item.due.map(|d| d.to_string()).unwrap_or_default(),
            true,
        ),
        _ => Editor::new(
            EditTarget::ActionText { action: index },
            "A development action (leave it empty to delete the action)",
            &item.text,
            false,
        ),
    };
    app.overlay = Some(Overlay::Editor(Box::new(editor)));
    None
}

/// The symbol and the word of a status: never shown by colour alone.
fn status_label(status: ActionStatus) -> (&'static str, &'static str) {
    match status {
        ActionStatus::Open => ("[ ]", "open"),
        ActionStatus::Done => ("[x]", "done"),
        ActionStatus::Dropped => ("[-]", "dropped"),
    }
}

fn header(app: &App) -> Line<'static> {
    let actions = &app.workbook.actions;
    let count = |status| actions.iter().filter(|a| a.status == status).count();
    let late = actions.iter().filter(|a| overdue(a, app.today)).count();
    let mut spans = vec![Span::styled(
        format!("{} open", count(ActionStatus::Open)),
        app.theme.title,
    )];
    if late > 0 {
        spans.push(Span::styled(format!(" ({late} overdue)"), app.theme.error));
    }
    spans.push(Span::raw(format!(
        " · {} done · {} dropped",
        count(ActionStatus::Done),
        count(ActionStatus::Dropped)
    )));
    Line::from(spans)
}

pub fn render(app: &App, state: &State, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let [head, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(header(app)), head);
    let order = order(&app.workbook);
    if order.is_empty() {
        let text = vec![
            Line::styled("No development actions yet.", theme.title),
            Line::raw(""),
            Line::raw("Actions are added in a reflection's areas, under"),
            Line::styled(
                "  What can I (we) do to develop in this area?",
                theme.heading,
            ),
            Line::raw("with + Add a development action and Enter."),
            Line::raw(""),
            Line::raw("Esc goes back Home, where n starts a reflection."),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), list);
        return;
    }
    let selected = position(app, state, &order);
    let reflections: HashMap<&str, &Reflection> = app
        .workbook
        .reflections
        .iter()
        .map(|r| (r.id.as_str(), r.as_ref()))
        .collect();
    let width = list.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut range = (0, 0);
    let mut status = None;
    for (position, &index) in order.iter().enumerate() {
        let action = &app.workbook.actions[index];
        let start = lines.len();
        if status != Some(action.status) {
            status = Some(action.status);
            if start > 0 {
                lines.push(Line::raw(""));
            }
            let heading = match action.status {
                ActionStatus::Open => "Open: overdue first, then by due date",
                ActionStatus::Done => "Done",
                ActionStatus::Dropped => "Dropped",
            };
            lines.push(Line::styled(heading, theme.heading));
        }
        lines.extend(row(app, action, &reflections, position == selected, width));
        if position == selected {
            range = (start, lines.len());
        }
    }
    let height = list.height as usize;
    let offset = range.1.saturating_sub(height).min(range.0);
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), list);
}

/// One action: status, due date and text (all of it when selected), then its area and the
/// reflection it came from.
fn row(
    app: &App,
    action: &workbook::Action,
    reflections: &HashMap<&str, &Reflection>,
    selected: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let (symbol, word) = status_label(action.status);
    let status_style = match action.status {
        ActionStatus::Open => theme.normal,
        ActionStatus::Done => theme.ok,
        ActionStatus::Dropped => theme.dim,
    };
    let (due, due_style) = match action.due {
        Some(due) if overdue(action, app.today) => (format!("overdue {due}"), theme.error),
        Some(due) if due == app.today && action.status == ActionStatus::Open => {
            ("due today".to_string(), theme.warning)
        }
        Some(due) => (format!("due {due}"), theme.normal),
        None => ("no due date".to_string(), theme.dim),
    };
    let text_style = if selected {
        theme.selected
    } else {
        theme.normal
    };
    let text_width = width.saturating_sub(TEXT_COLUMN).max(8);
    let text = match action.text.trim() {
        "" => "(no text: Enter to write)".to_string(),
        text if selected => text.to_string(),
        text => fit(&text.replace('\n', " "), text_width),
    };
    let mut lines: Vec<Line<'static>> = wrap(&text, text_width)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 {
                vec![
                    marker(selected, theme),
                    Span::styled(
                        format!("{:<STATUS_WIDTH$} ", format!("{symbol} {word}")),
                        status_style,
                    ),
                    Span::styled(format!("{due:<DUE_WIDTH$}  "), due_style),
                ]
            } else {
                vec![Span::raw(" ".repeat(TEXT_COLUMN))]
            };
            Line::from([lead, vec![Span::styled(part, text_style)]].concat())
        })
        .collect();
    let area = app
        .pack
        .area(&action.area)
        .map_or(action.area.as_str(), |a| a.title.as_str());
    let from = match action.reflection.as_deref().map(|id| reflections.get(id)) {
        None => String::new(),
        Some(Some(r)) if !r.title.trim().is_empty() => format!(" · from “{}”", r.title.trim()),
        Some(Some(r)) => format!(" · from the reflection of {}", r.created.format("%Y-%m-%d")),
        Some(None) => " · from a reflection no longer in this workbook".to_string(),
    };
    lines.push(Line::styled(
        format!(
            "      {}",
            fit(&format!("{area}{from}"), width.saturating_sub(6))
        ),
        theme.dim,
    ));
    lines
}

#[cfg(test)]
#[path = "tests/actions.rs"]
mod tests;
