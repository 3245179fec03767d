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
use crate::tui::keys::{Binding, DOWN, ENTER, ESC, Key, UP, bind, more};
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
            "Due date, as YYYY-MM-DD (leave empty for none)",
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
        .map(|r| (r.id.as_str(), r))
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
mod tests {
    use std::time::Instant;

    use chrono::NaiveDate;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::content::PackSource;
    use crate::tui::app::{Msg, StatusKind};
    use crate::tui::theme::Theme;
    use crate::tui::update::update;
    use crate::tui::view::draw;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn now() -> Now {
        Now {
            instant: Instant::now(),
            time: "2026-11-01T10:00:00+00:00".parse().unwrap(),
        }
    }

    /// A generated workbook with six known actions; today is 2026-11-01.
    fn app() -> App {
        let pack = PackSource::BuiltIn.load().unwrap();
        let workbook = workbook::generate::generate(&pack, 20, 7);
        let mut app = App::new(pack, workbook, date("2026-11-01"), Theme::COLOUR, (80, 24));
        let known = [
            ("Undated open", ActionStatus::Open, None),
            ("Done one", ActionStatus::Done, Some("2026-10-01")),
            ("Later open", ActionStatus::Open, Some("2026-12-01")),
            ("Overdue open", ActionStatus::Open, Some("2026-10-15")),
            ("Dropped one", ActionStatus::Dropped, None),
            ("Soon open", ActionStatus::Open, Some("2026-11-05")),
        ];
        let reflection = app.workbook.reflections[0].id.clone();
        app.workbook.actions = known
            .iter()
            .enumerate()
            .map(|(i, (text, status, due))| workbook::Action {
                id: format!("a-{i}"),
                created: app.workbook.created,
                updated: app.workbook.created,
                text: text.to_string(),
                area: app.pack.areas[i % 2].id.clone(),
                reflection: Some(reflection.clone()),
                due: due.map(date),
                status: *status,
            })
            .collect();
        app.screen = Screen::Actions(State::default());
        app
    }

    fn press(app: &mut App, code: KeyCode) {
        update(
            app,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            &now(),
        );
    }

    fn screen(app: &App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
        terminal.draw(|frame| draw(frame, app)).unwrap();
        let buffer = terminal.backend().buffer();
        let width = buffer.area.width as usize;
        let cells: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
        cells.chunks(width).map(|row| row.concat() + "\n").collect()
    }

    #[test]
    fn open_actions_come_first_overdue_first_then_done_then_dropped() {
        let app = app();
        assert_eq!(order(&app.workbook), [3, 5, 2, 0, 1, 4]);
        let late: Vec<bool> = app
            .workbook
            .actions
            .iter()
            .map(|a| overdue(a, app.today))
            .collect();
        // The done action is past its date but not overdue.
        assert_eq!(late, [false, false, false, true, false, false]);
        let header: String = header(&app)
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(header, "4 open (1 overdue) · 1 done · 1 dropped");
    }

    #[test]
    fn space_and_s_cycle_the_status_of_the_selected_action() {
        let mut app = app();
        press(&mut app, KeyCode::Down); // "Soon open"
        press(&mut app, KeyCode::Char(' '));
        assert_eq!(app.workbook.actions[5].status, ActionStatus::Done);
        assert_eq!(app.workbook.actions[5].updated, now().time);
        assert!(app.save.dirty);
        // The selection follows the action into the done group.
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.workbook.actions[5].status, ActionStatus::Dropped);
        press(&mut app, KeyCode::Char(' '));
        assert_eq!(app.workbook.actions[5].status, ActionStatus::Open);
        assert!(matches!(app.screen, Screen::Actions(_)));

        app.read_only = Some("another wheelbook has it".into());
        press(&mut app, KeyCode::Char(' '));
        assert_eq!(app.workbook.actions[5].status, ActionStatus::Open);
        assert!(matches!(app.status, Some((StatusKind::Error, _))));
    }

    #[test]
    fn d_sets_the_due_date_through_the_editor_and_refuses_a_bad_date() {
        let mut app = app();
        for _ in 0..3 {
            press(&mut app, KeyCode::Down); // "Undated open"
        }
        press(&mut app, KeyCode::Char('d'));
        for c in "2027-01-3".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        update(&mut app, Msg::Paste("1".into()), &now());
        press(&mut app, KeyCode::Esc);
        assert!(app.overlay.is_none());
        assert_eq!(app.workbook.actions[0].due, Some(date("2027-01-31")));
        assert!(matches!(app.screen, Screen::Actions(_)));

        // The action is still selected: a date that is not YYYY-MM-DD keeps the editor open.
        press(&mut app, KeyCode::Char('d'));
        for _ in 0.."2027-01-31".len() {
            press(&mut app, KeyCode::Backspace);
        }
        update(&mut app, Msg::Paste("31/01/2027".into()), &now());
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.overlay, Some(Overlay::Editor(_))));
        assert!(matches!(app.status, Some((StatusKind::Error, ref m)) if m.contains("YYYY-MM-DD")));
        assert_eq!(app.workbook.actions[0].due, Some(date("2027-01-31")));
    }

    #[test]
    fn enter_edits_the_text_o_reads_the_reflection_and_esc_goes_home() {
        let mut app = app();
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('!'));
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.workbook.actions[3].text, "Overdue open!");
        press(&mut app, KeyCode::Char('o'));
        assert!(matches!(&app.screen, Screen::Reading(r) if r.reflection == 0));
        app.screen = Screen::Actions(State::default());
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.screen, Screen::Home(_)));
    }

    #[test]
    fn the_screen_lays_out_at_80x24_and_120x40() {
        for size in [(80, 24), (120, 40)] {
            let mut app = app();
            app.size = size;
            let text = screen(&app);
            for expected in [
                "4 open (1 overdue) · 1 done · 1 dropped",
                "› [ ] open    overdue 2026-10-15  Overdue open",
                "[ ] open    due 2026-11-05",
                "no due date",
                "[x] done",
                "[-] dropped",
                app.pack.areas[1].title.as_str(),
                "· from “",
                "Space status",
            ] {
                assert!(
                    text.contains(expected),
                    "{size:?}: no {expected:?} in\n{text}"
                );
            }
            app.workbook.actions.clear();
            let text = screen(&app);
            assert!(text.contains("No development actions yet."), "{text}");
            assert!(text.contains("What can I (we) do to develop in this area?"));
        }
    }
}
