//! Home: the wheel at a glance, recent reflections (drafts first) and open actions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::{Outcome, fit, marker, rating_bar};
use crate::export::text::status_word;
use crate::tui::action::Action;
use crate::tui::app::{App, Now, Screen};
use crate::tui::keys::{Binding, DOWN, ENTER, Key, PAGE_DOWN, PAGE_UP, UP, bind, more};
use crate::tui::screens::{actions, area, browse, export, start};
use crate::workbook::{ActionStatus, Status};

#[derive(Debug, Default)]
pub struct State {
    pub selected: usize,
}

pub const KEYS: &[Binding] = &[
    bind(
        &[Key::Char('n')],
        Action::NewReflection,
        "new",
        "Start a new reflection, or take up the one left with Esc",
    ),
    bind(
        ENTER,
        Action::Open,
        "open",
        "Continue the selected draft, or read the selected reflection",
    ),
    more(UP, Action::Up, "Select the reflection above"),
    more(DOWN, Action::Down, "Select the reflection below"),
    more(PAGE_UP, Action::PageUp, "Up ten reflections"),
    more(PAGE_DOWN, Action::PageDown, "Down ten reflections"),
    bind(
        &[Key::Char('b')],
        Action::Browse,
        "browse",
        "Browse, search and delete past reflections",
    ),
    bind(
        &[Key::Char('a')],
        Action::Actions,
        "actions",
        "Your development actions",
    ),
    bind(
        &[Key::Char('x')],
        Action::Export,
        "export",
        "Export for CPD, revalidation or supervision",
    ),
];

/// Indices of the reflections in the order Home lists them: drafts first, then newest first.
pub fn listed(app: &App) -> Vec<usize> {
    let reflections = &app.workbook.reflections;
    let (mut drafts, complete): (Vec<usize>, Vec<usize>) = app
        .newest_first
        .iter()
        .partition(|&&i| reflections[i].status == Status::Draft);
    drafts.extend(complete);
    drafts
}

pub fn handle(app: &mut App, state: &mut State, action: Action, _now: &Now) -> Outcome {
    let order = listed(app);
    match action {
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(order.len().saturating_sub(1)),
        Action::PageUp => state.selected = state.selected.saturating_sub(10),
        Action::PageDown => {
            state.selected = (state.selected + 10).min(order.len().saturating_sub(1))
        }
        Action::NewReflection if app.can_change() => {
            return Outcome::go(Screen::Start(start::taken_up(app)));
        }
        Action::Open => match order.get(state.selected) {
            Some(&index)
                if app.workbook.reflections[index].status == Status::Draft
                    && app.read_only.is_none() =>
            {
                return Outcome::go(Screen::Area(area::State::new(index)));
            }
            Some(&index) => {
                return Outcome::go(Screen::Reading(browse::Reading::new(index, false)));
            }
            None => app.info("No reflections yet: press n to start one."),
        },
        Action::Browse => return Outcome::go(Screen::Browse(browse::State::default())),
        Action::Actions => return Outcome::go(Screen::Actions(actions::State::default())),
        Action::Export => {
            let state = app
                .export_return
                .take()
                .unwrap_or_else(|| export::State::new(app));
            return Outcome::go(Screen::Export(state));
        }
        _ => {}
    }
    Outcome::stay()
}

/// The wheel, the reflections list and the open actions.
fn layout(app: &App, area: Rect) -> [Rect; 3] {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let open = app
        .workbook
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open);
    let actions_height = (open.count().max(1) as u16 + 2).min(right.height / 2);
    let [reflections, actions] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(actions_height)]).areas(right);
    [left, reflections, actions]
}

/// The position in the reflections list at a clicked cell of the screen body `area`.
pub fn row_at(app: &App, state: &State, area: Rect, x: u16, y: u16) -> Option<usize> {
    let [_, list, _] = layout(app, area);
    let inner = Block::bordered().inner(list);
    if !inner.contains(ratatui::layout::Position { x, y }) {
        return None;
    }
    let row = first_shown(state, inner.height) + (y - inner.y) as usize;
    (row < listed(app).len()).then_some(row)
}

/// The first row shown in a list `height` rows high: it scrolls just enough to show the
/// selection.
fn first_shown(state: &State, height: u16) -> usize {
    (state.selected + 1).saturating_sub(height as usize)
}

pub fn render(app: &App, state: &State, frame: &mut Frame, area: Rect) {
    let [left, reflections, actions] = layout(app, area);
    let rows = Block::bordered().inner(actions).height as usize;
    let open_actions = open_action_lines(app, actions.width.saturating_sub(4) as usize, rows);
    render_wheel(app, frame, left);
    render_reflections(app, state, frame, reflections);
    let actions_block = Block::bordered().title(Span::styled(" Open actions ", app.theme.heading));
    let lines = if open_actions.is_empty() {
        vec![Line::styled("No open actions.", app.theme.dim)]
    } else {
        open_actions
    };
    frame.render_widget(Paragraph::new(lines).block(actions_block), actions);
}

fn render_wheel(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let levels = app.pack.scale.len();
    let means = app.workbook.latest_area_means(&app.pack, &app.newest_first);
    let bar_width = 4 + levels;
    let title_width = (area.width as usize).saturating_sub(bar_width + 3);
    let mut lines: Vec<Line> = app
        .pack
        .areas
        .iter()
        .zip(&means)
        .map(|(pack_area, mean)| {
            Line::from(vec![
                Span::raw(format!(
                    "{:<title_width$} ",
                    fit(&pack_area.title, title_width)
                )),
                Span::styled(rating_bar(*mean, levels), theme.current),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Latest rating of each area, 1 to {levels}; – not yet rated."),
        theme.dim,
    ));
    let title = Span::styled(format!(" {} ", app.pack.title), theme.heading);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(title)),
        area,
    );
}

fn render_reflections(app: &App, state: &State, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let block = Block::bordered().title(Span::styled(" Reflections ", theme.heading));
    let order = listed(app);
    if order.is_empty() {
        let mut text = vec![
            Line::raw("No reflections yet."),
            Line::raw(""),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("n", theme.key),
                Span::raw(" to start your first."),
            ]),
        ];
        if let Some(path) = &app.workbook_path {
            text.push(Line::raw(""));
            text.push(Line::raw(format!(
                "Your workbook is kept in {}, readable by you alone.",
                path.display()
            )));
        }
        let text = Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false });
        frame.render_widget(text.block(block), area);
        return;
    }
    let width = area.width.saturating_sub(4) as usize;
    // Only the rows that fit are made: a workbook may hold thousands.
    let height = block.inner(area).height;
    let first = first_shown(state, height);
    let items: Vec<ListItem> = order
        .iter()
        .enumerate()
        .skip(first)
        .take(height as usize)
        .map(|(position, &index)| {
            let reflection = &app.workbook.reflections[index];
            let selected = position == state.selected;
            let title = if reflection.title.is_empty() {
                "(untitled)"
            } else {
                &reflection.title
            };
            let head = format!(
                "{:<8} {}  ",
                status_word(reflection.status),
                reflection.created.format("%Y-%m-%d")
            );
            let rest = fit(title, width.saturating_sub(head.chars().count() + 2));
            let style = if reflection.status == Status::Draft {
                theme.warning
            } else {
                theme.normal
            };
            ListItem::new(Line::from(vec![
                marker(selected, theme),
                Span::styled(head, style),
                Span::raw(rest),
            ]))
        })
        .collect();
    let mut list_state = ListState::default().with_selected(Some(state.selected - first));
    frame.render_stateful_widget(
        List::new(items)
            .block(block)
            .highlight_style(theme.selected),
        area,
        &mut list_state,
    );
}

/// The first `rows` open actions, overdue ones first and marked in words. Only what fits is
/// made: a workbook may hold thousands of actions.
fn open_action_lines(app: &App, width: usize, rows: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut open: Vec<_> = app
        .workbook
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .collect();
    open.sort_by_key(|a| (a.due.is_none(), a.due));
    open.iter()
        .take(rows)
        .map(|action| {
            let (prefix, style) = match action.due {
                Some(due) if due < app.today => (format!("! overdue {due}  "), theme.error),
                Some(due) => (format!("due {due}  "), theme.normal),
                None => (String::new(), theme.normal),
            };
            let text = fit(&action.text, width.saturating_sub(prefix.chars().count()));
            Line::from(vec![Span::styled(prefix, style), Span::raw(text)])
        })
        .collect()
}
