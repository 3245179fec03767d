//! Drawing: a title bar, the current screen, the key hints, the status line and any overlay.
//! Reads the state, never changes it.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Overlay, Screen, StatusKind};
use super::editor::Editor;
use super::keys::{self, Binding, CONFIRM, EDITOR, GLOBAL, HELP_OVERLAY, Key};
use super::screens::{self, actions, area, browse, cpd, export, home, start, summary};

/// Below this the screens cannot be laid out; the user is asked for a larger window.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// The title bar, the screen's body, the hint line and the status line.
fn frame_layout(area: Rect, status_rows: u16) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(status_rows),
    ])
    .areas(area)
}

/// Where the screen's body is drawn: used to place mouse clicks and to size pages.
pub fn body_rect(app: &App) -> Rect {
    let (width, height) = app.size;
    frame_layout(Rect::new(0, 0, width, height), status_rows(app, width))[1]
}

/// The status line's rows: as many as its message wraps to, up to three, so that the end
/// of a message (often what to do next) is never cut off.
fn status_rows(app: &App, width: u16) -> u16 {
    let rows = status(app).map_or(1, |status| status.line_count(width.max(1)));
    rows.clamp(1, 3) as u16
}

/// What the status line says, wrapped: a message, or else why the workbook is read-only.
fn status(app: &App) -> Option<Paragraph<'static>> {
    let theme = &app.theme;
    let line = match &app.status {
        Some((StatusKind::Error, message)) => Line::styled(format!(" ✗ {message}"), theme.error),
        Some((StatusKind::Ok, message)) => Line::styled(format!(" ✓ {message}"), theme.ok),
        Some((StatusKind::Info, message)) => Line::raw(format!(" {message}")),
        None => {
            let reason = app.read_only.as_ref()?;
            Line::styled(format!(" Read-only: {reason}"), theme.warning)
        }
    };
    Some(Paragraph::new(line).wrap(Wrap { trim: false }))
}

pub fn too_small((width, height): (u16, u16)) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if too_small((area.width, area.height)) {
        draw_too_small(frame, app, area);
        return;
    }
    let [title, body, hints, status] = frame_layout(area, status_rows(app, area.width));
    title_bar(frame, app, title);
    match &app.screen {
        Screen::Home(state) => home::render(app, state, frame, body),
        Screen::Start(state) => start::render(app, state, frame, body),
        Screen::Area(state) => area::render(app, state, frame, body),
        Screen::Summary(state) => summary::render(app, state, frame, body),
        Screen::Browse(state) => browse::render(app, state, frame, body),
        Screen::Reading(state) => browse::render_reading(app, state, frame, body),
        Screen::Actions(state) => actions::render(app, state, frame, body),
        Screen::Export(state) => export::render(app, state, frame, body),
        Screen::Cpd(state) => cpd::render(app, state, frame, body),
    }
    frame.render_widget(hint_line(app, hints.width as usize), hints);
    status_line(frame, app, status);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help(frame, app, body, *scroll),
        Some(Overlay::Editor(editor)) => editor_popup(frame, app, editor, body),
        Some(Overlay::Confirm(confirm)) => confirm_popup(frame, app, &confirm.question, body),
        None => {}
    }
}

fn screen_title(app: &App) -> String {
    let reflection_title = |index: usize| {
        app.workbook
            .reflections
            .get(index)
            .map(|r| {
                if r.title.is_empty() {
                    "Untitled reflection".to_string()
                } else {
                    r.title.clone()
                }
            })
            .unwrap_or_default()
    };
    match &app.screen {
        Screen::Home(_) => "Home".into(),
        Screen::Start(_) => "New reflection".into(),
        Screen::Area(state) => reflection_title(state.reflection),
        Screen::Summary(state) => format!("Summary: {}", reflection_title(state.reflection)),
        Screen::Browse(_) => "Browse reflections".into(),
        Screen::Reading(state) => reflection_title(state.reflection),
        Screen::Actions(_) => "Development actions".into(),
        Screen::Export(state) if state.preview.is_some() => "Export preview".into(),
        Screen::Export(_) => "Export".into(),
        Screen::Cpd(state) => format!("CPD details: {}", reflection_title(state.reflection)),
    }
}

fn title_bar(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    let (state, style) = if app.read_only.is_some() {
        ("read-only", theme.warning)
    } else if app.save.last_error.is_some() {
        ("✗ not saved", theme.error)
    } else if app.save.dirty {
        ("● saving…", theme.dim)
    } else {
        ("✓ saved", theme.ok)
    };
    let left = format!(" wheelbook · {}", screen_title(app));
    let room = (area.width as usize).saturating_sub(state.width() + 2);
    let left = screens::fit(&left, room);
    // Padded by display width, so that wide characters never push the save state away.
    let padding = " ".repeat(room.saturating_sub(left.width()));
    let line = Line::from(vec![
        Span::styled(format!("{left}{padding}"), theme.title),
        Span::styled(format!("{state} "), style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The bindings in force: the overlay's, or the screen's and the global ones.
pub fn active_bindings(app: &App) -> Vec<&'static Binding> {
    let tables: Vec<&'static [Binding]> = match &app.overlay {
        Some(Overlay::Help { .. }) => vec![HELP_OVERLAY],
        Some(Overlay::Editor(editor)) if editor.target.asks() => vec![keys::ASKING],
        Some(Overlay::Editor(_)) => vec![EDITOR],
        Some(Overlay::Confirm(_)) => vec![CONFIRM],
        None => vec![screens::keys(&app.screen), GLOBAL],
    };
    tables.into_iter().flatten().collect()
}

/// The one-line key hint: as many of the screen's hints as fit, and always `? help`.
fn hint_line(app: &App, width: usize) -> Line<'static> {
    let theme = &app.theme;
    let hints: Vec<(String, &str)> = active_bindings(app)
        .into_iter()
        .filter_map(|b| {
            b.hint.map(|hint| {
                (
                    b.keys.first().map_or(String::new(), |k| key_label(app, *k)),
                    hint,
                )
            })
        })
        .collect();
    let (global, local): (Vec<_>, Vec<_>) = hints
        .into_iter()
        .partition(|(key, _)| key == "?" || key == "q");
    let mut shown: Vec<(String, &str)> = local.into_iter().chain(global.clone()).collect();
    let length = |items: &[(String, &str)]| {
        items
            .iter()
            .map(|(k, h)| k.width() + h.width() + 4)
            .sum::<usize>()
    };
    while length(&shown) > width && shown.len() > global.len() {
        let last_local = shown.len() - global.len() - 1;
        shown.remove(last_local);
    }
    let mut spans = vec![Span::raw(" ")];
    for (index, (key, hint)) in shown.into_iter().enumerate() {
        if index > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(format!(" {hint}")));
    }
    Line::from(spans)
}

fn status_line(frame: &mut Frame, app: &App, area: Rect) {
    if let Some(status) = status(app) {
        frame.render_widget(status, area);
    }
}

fn draw_too_small(frame: &mut Frame, app: &App, area: Rect) {
    let text = vec![
        Line::styled("This window is too small for wheelbook.", app.theme.title),
        Line::raw(format!(
            "It is {}×{}; it needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::raw("Make the window larger, or press q to quit."),
    ];
    let notice = Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    // All the rows its lines wrap to, centred.
    let rows = notice.line_count(area.width.max(1));
    let height = u16::try_from(rows).unwrap_or(u16::MAX).min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(notice, middle);
}

/// A centred rectangle of the given percentage of `area`.
fn popup(area: Rect, width_percent: u16, height: u16) -> Rect {
    let [column] = Layout::horizontal([Constraint::Percentage(width_percent)])
        .flex(Flex::Center)
        .areas(area);
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(column);
    row
}

/// A key as the hints and the help name it: the number keys as far as the pack's scale
/// goes ("0-4"), since the others are refused.
fn key_label(app: &App, key: Key) -> String {
    match key {
        Key::Digit => {
            let top = app
                .pack
                .scale
                .iter()
                .map(crate::content::ScaleLevel::value)
                .max();
            format!("0-{}", top.unwrap_or(9).min(9))
        }
        other => other.label(),
    }
}

/// The help overlay's rectangle and lines, for drawing and for bounding its scrolling.
fn help_layout(app: &App, area: Rect) -> (Rect, Vec<Line<'static>>) {
    let theme = &app.theme;
    let mut rows: Vec<(String, String)> = vec![];
    // A global key the screen gives its own meaning is listed once, with the screen's.
    let screen = screens::keys(&app.screen);
    let own = |key: &Key| screen.iter().any(|b| b.keys.contains(key));
    let global = GLOBAL.iter().filter(|b| !b.keys.iter().all(own));
    let bindings: Vec<&Binding> = screen.iter().chain(global).collect();
    for binding in bindings {
        let keys: Vec<String> = binding.keys.iter().map(|k| key_label(app, *k)).collect();
        rows.push((keys.join("/"), binding.help.to_string()));
    }
    rows.push((String::new(), String::new()));
    rows.push(("While typing".into(), String::new()));
    for binding in EDITOR {
        rows.push((binding.keys_label(), binding.help.to_string()));
    }
    for (keys, help) in keys::EDITOR_TYPING_HELP {
        rows.push(((*keys).to_string(), (*help).to_string()));
    }
    // Only the export asks in a box.
    if matches!(app.screen, Screen::Export(_)) {
        rows.push((String::new(), String::new()));
        rows.push((
            "In a box that asks".into(),
            "(where to write, from which day)".into(),
        ));
        for binding in keys::ASKING {
            rows.push((binding.keys_label(), binding.help.to_string()));
        }
    }
    let key_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let rect = popup(area, 90, rows.len() as u16 + 2);
    let help_width = (rect.width as usize).saturating_sub(key_width + 5);
    let mut lines: Vec<Line> = Vec::new();
    for (key, help) in rows {
        for (index, part) in screens::wrap(&help, help_width).into_iter().enumerate() {
            let key = if index == 0 { key.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!(" {key:<key_width$}  "), theme.key),
                Span::raw(part),
            ]));
        }
    }
    (rect, lines)
}

/// How far the help overlay can scroll before its last line reaches the top of the box.
pub fn help_scroll_limit(app: &App) -> u16 {
    let (rect, lines) = help_layout(app, body_rect(app));
    let visible = rect.height.saturating_sub(2) as usize;
    u16::try_from(lines.len().saturating_sub(visible)).unwrap_or(u16::MAX)
}

fn help(frame: &mut Frame, app: &App, area: Rect, scroll: u16) {
    let theme = &app.theme;
    let (rect, lines) = help_layout(app, area);
    let visible = rect.height.saturating_sub(2) as usize;
    let more = if lines.len() > visible {
        ", ↑↓ to scroll"
    } else {
        ""
    };
    let title = format!(" Keys: {} (Esc to close{more}) ", screen_title(app));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(Span::styled(title, theme.heading)))
            .scroll((scroll, 0)),
        rect,
    );
}

fn editor_popup(frame: &mut Frame, app: &App, editor: &Editor, area: Rect) {
    let theme = &app.theme;
    let height = if editor.single_line { 7 } else { area.height };
    let rect = popup(area, 92, height);
    frame.render_widget(Clear, rect);
    let title = match editor.target.asks() {
        true => " Enter to go ahead · Esc to cancel ",
        false => " Write (Esc when done) ",
    };
    let block = Block::bordered().title(Span::styled(title, theme.heading));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let label_lines = screens::wrap(&editor.label, inner.width as usize)
        .len()
        .min(4) as u16;
    let [label, text] =
        Layout::vertical([Constraint::Length(label_lines + 1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(editor.label.clone())
            .style(theme.title)
            .wrap(Wrap { trim: true }),
        label,
    );
    frame.render_widget(&editor.textarea, text);
}

fn confirm_popup(frame: &mut Frame, app: &App, question: &str, area: Rect) {
    // Sized to the wrapped question, so that the keys to answer are always on screen.
    let width = (u32::from(area.width) * 70 / 100) as u16;
    // A little narrower than the popup, so that rounding never hides the last line.
    let question_lines = screens::wrap(question, width.saturating_sub(4) as usize).len() as u16;
    let rect = popup(area, 70, question_lines + 4);
    frame.render_widget(Clear, rect);
    let lines = vec![
        Line::raw(question.to_string()),
        Line::raw(""),
        Line::styled("y yes · n no", app.theme.key),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(Span::styled(" Are you sure? ", app.theme.warning))),
        rect,
    );
}
