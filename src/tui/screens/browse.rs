//! Browse past reflections, newest first: filter them by area, context and date, search all
//! their text, delete one (after asking), and read one in full.

#[path = "browse_filter.rs"]
mod browse_filter;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub use browse_filter::Period;

use super::{Outcome, area, fit, marker, wrap};
use crate::export::text::{self, context_label, focus_summary, status_word};
use crate::tui::action::Action;
use crate::tui::app::{App, Confirm, ConfirmAction, Now, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::keys::{Binding, DOWN, ENTER, ESC, Key, PAGE_DOWN, PAGE_UP, UP, bind, more};
use crate::workbook::{Reflection, Status};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct State {
    /// Position in the filtered list (not an index into the workbook).
    pub selected: usize,
    pub search: String,
    /// An area id: only reflections with this area in focus.
    pub area: Option<String>,
    /// A context id.
    pub context: Option<String>,
    pub period: Period,
}

impl State {
    /// Called as the search text is typed.
    pub fn set_search(&mut self, text: String) {
        self.search = text;
        self.selected = 0;
    }
}

/// Indices into the workbook of the reflections listed, newest first.
pub fn listed(app: &App, state: &State) -> Vec<usize> {
    browse_filter::matching(&app.pack, &app.workbook, app.today, state)
}

/// Keeps the selection valid after the reflection at `index` was deleted: it moves to the
/// next one down, or the last when the deleted one was last.
pub fn after_delete(app: &mut App, index: usize) {
    match &mut app.screen {
        Screen::Browse(state) => {
            let count = browse_filter::matching(&app.pack, &app.workbook, app.today, state).len();
            state.selected = state.selected.min(count.saturating_sub(1));
        }
        Screen::Reading(reading) if reading.reflection == index => {
            app.screen = Screen::Browse(reading.browse.clone());
            after_delete(app, index);
        }
        Screen::Reading(reading) if reading.reflection > index => reading.reflection -= 1,
        _ => {}
    }
}

/// One reflection, read in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub reflection: usize,
    pub scroll: u16,
    /// Esc goes back to Browse rather than Home.
    pub from_browse: bool,
    /// The list to go back to, filters and selection as they were.
    pub browse: State,
}

impl Reading {
    pub fn new(reflection: usize, from_browse: bool) -> Self {
        Reading {
            reflection,
            scroll: 0,
            from_browse,
            browse: State::default(),
        }
    }
}

const DELETE: &[Key] = &[Key::Char('D'), Key::Code(KeyCode::Delete)];

#[rustfmt::skip]
pub const KEYS: &[Binding] = &[
    bind(ENTER, Action::Open, "read", "Read the selected reflection in full"),
    more(UP, Action::Up, "Select the reflection above"),
    more(DOWN, Action::Down, "Select the reflection below"),
    bind(&[Key::Char('/')], Action::Search, "search", "Search all the text of every reflection"),
    more(&[Key::Char('a')], Action::FilterArea, "Filter by area in focus: the next area, then any"),
    more(&[Key::Char('c')], Action::FilterContext, "Filter by context: the next context, then any"),
    more(&[Key::Char('d')], Action::FilterDate, "Filter by date: 30 days, 12 months, this year, all"),
    more(&[Key::Char('x')], Action::ClearFilters, "Clear all filters and the search"),
    bind(&[Key::Char('e')], Action::Edit, "edit", "Edit the selected reflection (continue a draft, or correct a complete one)"),
    bind(DELETE, Action::Delete, "delete", "Delete the selected reflection (asks first)"),
    bind(ESC, Action::Back, "home", "Back home"),
    more(PAGE_UP, Action::PageUp, "Up a page"),
    more(PAGE_DOWN, Action::PageDown, "Down a page"),
];

pub const READING_KEYS: &[Binding] = &[
    bind(DOWN, Action::Down, "scroll", "Scroll down"),
    more(UP, Action::Up, "Scroll up"),
    bind(
        &[Key::Char('e')],
        Action::Edit,
        "edit",
        "Edit this reflection (continue a draft, or correct a complete one)",
    ),
    bind(ESC, Action::Back, "back", "Back to the list, or Home"),
    more(PAGE_UP, Action::PageUp, "Up a page"),
    more(PAGE_DOWN, Action::PageDown, "Down a page"),
];

/// Lines above the list: the count, two lines of filters, the column names.
const HEADER: u16 = 4;

/// The rows of the list on a terminal of the app's size (the body is all but 3 lines).
fn list_rows(app: &App) -> usize {
    app.size.1.saturating_sub(3 + HEADER).max(1) as usize
}

pub fn handle(app: &mut App, state: &mut State, action: Action, _now: &Now) -> Outcome {
    let found = listed(app, state);
    let last = found.len().saturating_sub(1);
    state.selected = state.selected.min(last);
    let current = found.get(state.selected).copied();
    let page = list_rows(app);
    match action {
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(last),
        Action::PageUp => state.selected = state.selected.saturating_sub(page),
        Action::PageDown => state.selected = (state.selected + page).min(last),
        Action::Back => return Outcome::go(Screen::Home(Default::default())),
        Action::Search => {
            let editor = Editor::new(
                EditTarget::Search,
                "Search titles, answers, comments, activities and actions",
                &state.search,
                true,
            );
            app.overlay = Some(Overlay::Editor(Box::new(editor)));
        }
        _ if browse_filter::apply(app, state, action, current) => {}
        _ => return act_on(app, state, action, current),
    }
    Outcome::stay()
}

/// The actions on the selected reflection.
fn act_on(app: &mut App, state: &State, action: Action, current: Option<usize>) -> Outcome {
    let Some(index) = current else {
        if matches!(action, Action::Open | Action::Edit | Action::Delete) {
            app.info(browse_filter::empty_hint(app, state));
        }
        return Outcome::stay();
    };
    match action {
        Action::Open => {
            return Outcome::go(Screen::Reading(Reading {
                browse: state.clone(),
                ..Reading::new(index, true)
            }));
        }
        // Complete reflections can be edited too: to correct them, or to take out something
        // that could identify a person before an export.
        Action::Edit if app.can_change() => return edit(app, index),
        Action::Delete if app.can_change() => {
            let reflection = &app.workbook.reflections[index];
            let question = format!(
                "Delete the reflection “{}” of {}? Its actions are kept.",
                title_of(reflection),
                reflection.created.format("%Y-%m-%d")
            );
            let on_yes = ConfirmAction::DeleteReflection(reflection.id.clone());
            app.overlay = Some(Overlay::Confirm(Confirm { question, on_yes }));
        }
        _ => {}
    }
    Outcome::stay()
}

fn title_of(reflection: &Reflection) -> &str {
    if reflection.title.is_empty() {
        "(untitled)"
    } else {
        &reflection.title
    }
}

/// `text` cut or padded to exactly `width` columns.
fn cell(text: &str, width: usize) -> String {
    let text = fit(text, width);
    let pad = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(pad))
}

pub fn render(app: &App, state: &State, frame: &mut Frame, rect: Rect) {
    let theme = &app.theme;
    let found = listed(app, state);
    let [count, filters, columns, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(HEADER - 3),
        Constraint::Min(0),
    ])
    .areas(rect);
    let (head, filter_lines) = browse_filter::header(app, state, found.len(), rect.width);
    frame.render_widget(Paragraph::new(head), count);
    frame.render_widget(Paragraph::new(filter_lines), filters);

    let width = (rect.width as usize).saturating_sub(2);
    let rest = width.saturating_sub(8 + 1 + 10 + 2);
    let side = (rest * 27 / 100).min(32);
    let title_width = rest.saturating_sub(2 * side + 4);
    let row = |status: &str, date: &str, context: &str, focus: &str, title: &str| {
        let rest = format!(
            " {}  {}  {}  {}",
            cell(date, 10),
            cell(context, side),
            cell(focus, side),
            fit(title, title_width)
        );
        (cell(status, 8), rest)
    };
    let (status, rest) = row("status", "started", "context", "focus", "title");
    frame.render_widget(
        Paragraph::new(Line::styled(format!("  {status}{rest}"), theme.dim)),
        columns,
    );

    if found.is_empty() {
        let hint = browse_filter::empty_hint(app, state);
        frame.render_widget(
            Paragraph::new(format!(" {hint}")).wrap(Wrap { trim: true }),
            body,
        );
        return;
    }
    let selected = state.selected.min(found.len() - 1);
    let items: Vec<ListItem> = found
        .iter()
        .enumerate()
        .map(|(position, &index)| {
            let r = &app.workbook.reflections[index];
            let (status, rest) = row(
                status_word(r.status),
                &r.created.format("%Y-%m-%d").to_string(),
                &context_label(&app.pack, &r.context),
                &focus_summary(&app.pack, &r.focus),
                title_of(r),
            );
            let style = if r.status == Status::Draft {
                theme.warning
            } else {
                theme.normal
            };
            ListItem::new(Line::from(vec![
                marker(position == selected, theme),
                Span::styled(status, style),
                Span::raw(rest),
            ]))
        })
        .collect();
    let mut list_state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected),
        body,
        &mut list_state,
    );
}

/// The text area of the reading screen within the body: a margin each side, and the last line
/// for the position.
fn reading_layout(body: Rect) -> (Rect, Rect) {
    let [text, position] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
    let [_, text, _] = Layout::horizontal([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(text);
    (text, position)
}

/// The reflection as text, wrapped to `width` with each line's indentation kept.
fn reading_lines(app: &App, reflection: &Reflection, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let body = text::render(&app.pack, &app.workbook, reflection);
    let mut lines = Vec::new();
    for (number, line) in body.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let indent = if width > indent + 20 { indent } else { 0 };
        let style = if number == 0 {
            theme.title
        } else if line.starts_with("== ") || line == "Development actions" {
            theme.heading
        } else {
            theme.normal
        };
        for part in wrap(content, width - indent) {
            lines.push(Line::styled(format!("{}{part}", " ".repeat(indent)), style));
        }
    }
    lines
}

/// The wrapped text in `text`, and the furthest it can scroll (the last line at the bottom).
fn reading_text(app: &App, state: &Reading, text: Rect) -> (Vec<Line<'static>>, usize) {
    let Some(reflection) = app.workbook.reflections.get(state.reflection) else {
        return (Vec::new(), 0);
    };
    let lines = reading_lines(app, reflection, text.width.max(1) as usize);
    let max = lines.len().saturating_sub(text.height as usize);
    (lines, max)
}

/// The reflection at `index` opened for editing, its first area first.
fn edit(app: &mut App, index: usize) -> Outcome {
    let Some(reflection) = app.workbook.reflections.get(index) else {
        return Outcome::stay();
    };
    if reflection.status != Status::Draft {
        app.info("Editing a complete reflection: your changes are saved as you go.");
    }
    Outcome::go(Screen::Area(area::State::new(index)))
}

pub fn handle_reading(app: &mut App, state: &mut Reading, action: Action, _now: &Now) -> Outcome {
    let body = crate::tui::view::body_rect(app);
    let (text, _) = reading_layout(body);
    let page = text.height.saturating_sub(1).max(1);
    let max = reading_text(app, state, text).1.min(u16::MAX as usize) as u16;
    let scroll = state.scroll.min(max);
    state.scroll = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(page),
        Action::PageDown => scroll.saturating_add(page),
        Action::Edit if app.can_change() => return edit(app, state.reflection),
        Action::Back if state.from_browse => {
            return Outcome::go(Screen::Browse(state.browse.clone()));
        }
        Action::Back => return Outcome::go(Screen::Home(Default::default())),
        _ => scroll,
    }
    .min(max);
    Outcome::stay()
}

pub fn render_reading(app: &App, state: &Reading, frame: &mut Frame, area: Rect) {
    let (text, position) = reading_layout(area);
    let (lines, max) = reading_text(app, state, text);
    let total = lines.len();
    let scroll = (state.scroll as usize).min(max);
    let end = (scroll + text.height as usize).min(total);
    frame.render_widget(Paragraph::new(lines[scroll..end].to_vec()), text);
    let more = if end < total {
        " · ↓ PgDn for more"
    } else {
        " · end"
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(" lines {}-{end} of {total}{more}", scroll + 1),
            app.theme.dim,
        )),
        position,
    );
}

#[cfg(test)]
#[path = "tests/browse.rs"]
mod tests;
