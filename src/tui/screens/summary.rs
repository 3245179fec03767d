//! Summary of a reflection: the wheel as a picture (a radar chart where there is room, bars
//! where there is not), the changes since last time in words, the development actions, and
//! marking the reflection complete.

use std::cmp::Ordering;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::radar::{self, Wheel, one_place, tenths};
use super::{Outcome, fit, wrap};
use crate::export::text::{context_label, status_word};
use crate::tui::action::Action;
use crate::tui::app::{App, Now, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::keys::{Binding, DOWN, ESC, Key, PAGE_DOWN, PAGE_UP, UP, bind, more};
use crate::tui::screens::area;
use crate::workbook::{ActionStatus, Reflection, Status};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub reflection: usize,
    /// Lines of the text scrolled off the top.
    pub scroll: u16,
}

impl State {
    pub fn new(reflection: usize) -> Self {
        State {
            reflection,
            scroll: 0,
        }
    }
}

pub const KEYS: &[Binding] = &[
    bind(
        &[Key::Char('c')],
        Action::MarkComplete,
        "complete",
        "Mark this reflection complete",
    ),
    bind(
        &[Key::Char('d')],
        Action::CpdDetails,
        "CPD details",
        "Record the CPD details: date, hours, method, Code themes, evidence",
    ),
    bind(
        &[Key::Char('t')],
        Action::EditTitle,
        "title",
        "Give the reflection a title, or change it",
    ),
    bind(DOWN, Action::Down, "scroll", "Scroll the text down"),
    more(UP, Action::Up, "Scroll the text up"),
    bind(ESC, Action::Back, "back", "Back to the areas"),
    more(PAGE_UP, Action::PageUp, "Up a page"),
    more(PAGE_DOWN, Action::PageDown, "Down a page"),
];

pub fn handle(app: &mut App, state: &mut State, action: Action, now: &Now) -> Outcome {
    let (limit, page) = scroll_limits(app, state);
    let scroll = state.scroll.min(limit);
    match action {
        Action::Back => {
            let mut back = area::State::new(state.reflection);
            if let Some(reflection) = app.workbook.reflections.get(state.reflection) {
                back.area = area::focus_areas(app, reflection).len().saturating_sub(1);
            }
            return Outcome::go(Screen::Area(back));
        }
        Action::CpdDetails => {
            return Outcome::go(Screen::Cpd(crate::tui::screens::cpd::State::new(
                state.reflection,
            )));
        }
        Action::EditTitle if app.can_change() => {
            if let Some(reflection) = app.workbook.reflections.get(state.reflection) {
                app.overlay = Some(Overlay::Editor(Box::new(Editor::new(
                    EditTarget::Title {
                        reflection: state.reflection,
                    },
                    "Title: a few words to find this reflection by. No names of people.",
                    &reflection.title,
                    true,
                ))));
            }
        }
        Action::MarkComplete if app.can_change() => {
            if let Some(reflection) = app.workbook.get_reflection_mut(state.reflection) {
                reflection.status = Status::Complete;
                reflection.updated = now.time;
                app.changed(now);
                app.info("Reflection marked complete.");
                return Outcome::go(Screen::Home(Default::default()));
            }
        }
        Action::Up => state.scroll = scroll.saturating_sub(1),
        Action::Down => state.scroll = scroll.saturating_add(1).min(limit),
        Action::PageUp => state.scroll = scroll.saturating_sub(page),
        Action::PageDown => state.scroll = scroll.saturating_add(page).min(limit),
        _ => {}
    }
    Outcome::stay()
}

/// The areas in focus with this reflection's mean ratings and the previous one's.
fn wheel(app: &App, reflection: &Reflection) -> Wheel {
    let areas = area::focus_areas(app, reflection);
    let previous = app
        .workbook
        .previous_for(&app.pack, reflection, &app.newest_first);
    let scale = match (app.pack.scale.first(), app.pack.scale.last()) {
        (Some(low), Some(high)) => format!(
            "{} {} to {} {}",
            low.value(),
            low.label(),
            high.value(),
            high.label()
        ),
        _ => String::new(),
    };
    Wheel {
        titles: areas.iter().map(|a| a.title.clone()).collect(),
        current: areas.iter().map(|a| reflection.area_mean(a)).collect(),
        date: reflection.created.format("%Y-%m-%d").to_string(),
        previous: previous.map(|earlier| {
            let means = areas.iter().map(|a| earlier.area_mean(a)).collect();
            (earlier.created.format("%Y-%m-%d").to_string(), means)
        }),
        scale,
        levels: app.pack.scale.len(),
    }
}

/// Where things go in the body: the chart, if there is room for a radar, and the text.
#[derive(Debug, PartialEq, Eq)]
struct Plan {
    chart: Option<Rect>,
    text: Rect,
}

fn plan(body: Rect, areas: usize) -> Plan {
    if !radar::use_radar(areas, body.width, body.height) {
        let text = Rect {
            x: body.x + 1,
            width: body.width.saturating_sub(2),
            ..body
        };
        return Plan { chart: None, text };
    }
    let chart = radar::chart_rect(body);
    let left = chart.right() + 2;
    let text = Rect {
        x: left,
        width: body.right().saturating_sub(left),
        ..body
    };
    Plan {
        chart: Some(chart),
        text,
    }
}

/// How far the text can scroll, and a page, at the terminal size the app last saw.
fn scroll_limits(app: &App, state: &State) -> (u16, u16) {
    let Some(reflection) = app.workbook.reflections.get(state.reflection) else {
        return (0, 1);
    };
    let body = crate::tui::view::body_rect(app);
    let wheel = wheel(app, reflection);
    let plan = plan(body, wheel.titles.len());
    let lines = text_lines(
        app,
        reflection,
        &wheel,
        plan.text.width,
        plan.chart.is_some(),
    );
    let page = plan.text.height.saturating_sub(2).max(1);
    (max_scroll(lines.len(), plan.text.height), page)
}

/// With more lines than fit, the last row says so, and one row fewer shows text.
fn max_scroll(lines: usize, height: u16) -> u16 {
    let height = usize::from(height);
    if lines <= height {
        return 0;
    }
    u16::try_from(lines + 1 - height).unwrap_or(u16::MAX)
}

pub fn render(app: &App, state: &State, frame: &mut Frame, body: Rect) {
    let Some(reflection) = app.workbook.reflections.get(state.reflection) else {
        return;
    };
    let wheel = wheel(app, reflection);
    let plan = plan(body, wheel.titles.len());
    if let Some(chart) = plan.chart {
        radar::render(frame, chart, &wheel, &app.theme, &app.pack.title);
    }
    let lines = text_lines(
        app,
        reflection,
        &wheel,
        plan.text.width,
        plan.chart.is_some(),
    );
    let limit = max_scroll(lines.len(), plan.text.height);
    let scroll = state.scroll.min(limit);
    let mut text = plan.text;
    if limit > 0 {
        text.height = text.height.saturating_sub(1);
        let last = usize::from(scroll) + usize::from(text.height);
        let hint = format!(
            "lines {}–{last} of {} · ↑ ↓ PgUp PgDn to scroll",
            scroll + 1,
            lines.len()
        );
        let hint = Line::styled(fit(&hint, usize::from(text.width)), app.theme.dim);
        let row = Rect::new(text.x, text.bottom(), text.width, 1);
        frame.render_widget(Paragraph::new(hint), row);
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), text);
}

/// Everything in words: what the reflection is, the ratings (the radar's key, or bars), the
/// changes since last time, the actions, and how to finish.
fn text_lines(
    app: &App,
    reflection: &Reflection,
    wheel: &Wheel,
    width: u16,
    beside_radar: bool,
) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let width = usize::from(width).max(1);
    let about = format!(
        "{} · {} · {}",
        wheel.date,
        status_word(reflection.status),
        context_label(&app.pack, &reflection.context)
    );
    let mut lines = vec![Line::styled(fit(&about, width), theme.dim), Line::raw("")];
    if beside_radar {
        lines.extend(radar::key_lines(wheel, theme, width));
    } else {
        lines.extend(radar::bar_lines(wheel, theme, width));
    }
    lines.extend([
        Line::raw(""),
        Line::styled("Since last time", theme.heading),
    ]);
    match &wheel.previous {
        None => lines.push(Line::raw("No earlier reflection to compare with.")),
        Some((date, means)) => {
            let intro = format!("Compared with the reflection of {date}:");
            lines.push(Line::styled(fit(&intro, width), theme.dim));
            let changes = wheel.titles.iter().zip(&wheel.current).zip(means);
            for ((title, now), before) in changes {
                if let Some(sentence) = change_sentence(title, *now, *before) {
                    lines.extend(wrap(&sentence, width).into_iter().map(Line::raw));
                }
            }
        }
    }
    lines.extend([
        Line::raw(""),
        Line::styled("Development actions", theme.heading),
    ]);
    lines.extend(action_lines(app, reflection, wheel.titles.len() > 1, width));
    lines.push(Line::raw(""));
    lines.push(match reflection.status {
        Status::Draft => Line::from(vec![
            Span::raw("This reflection is a draft. Press "),
            Span::styled("c", theme.key),
            Span::raw(" to mark it complete."),
        ]),
        Status::Complete => Line::raw("This reflection is complete."),
    });
    lines
}

/// The development actions of this reflection with their due dates; overdue, done and dropped
/// ones say so.
fn action_lines(
    app: &App,
    reflection: &Reflection,
    name_area: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    let mine =
        |a: &&crate::workbook::Action| a.reflection.as_deref() == Some(reflection.id.as_str());
    for action in app.workbook.actions.iter().filter(mine) {
        let overdue =
            action.status == ActionStatus::Open && action.due.is_some_and(|d| d < app.today);
        let mut details = vec![match action.due {
            Some(due) if overdue => format!("overdue, due {due}"),
            Some(due) => format!("due {due}"),
            None => "no due date".to_string(),
        }];
        match action.status {
            ActionStatus::Open => {}
            ActionStatus::Done => details.push("done".into()),
            ActionStatus::Dropped => details.push("dropped".into()),
        }
        if name_area && let Some(area) = app.pack.area(&action.area) {
            details.push(area.title.clone());
        }
        let text = match action.text.trim() {
            "" => "(empty)",
            text => text,
        };
        let style = if overdue { theme.error } else { theme.normal };
        let entry = format!("{text} ({})", details.join(" · "));
        for (index, part) in wrap(&entry, width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let lead = if index == 0 { "- " } else { "  " };
            lines.push(Line::styled(format!("{lead}{part}"), style));
        }
    }
    if lines.is_empty() {
        let none = "None yet. Add them in each area, under what to do to develop (Esc to go back).";
        lines.extend(
            wrap(none, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim)),
        );
    }
    lines
}

/// "Resilience: up from 2.0 to 2.5." and the like; `None` when neither reflection rated it.
pub fn change_sentence(title: &str, now: Option<f64>, before: Option<f64>) -> Option<String> {
    Some(match (now, before) {
        (Some(now), Some(before)) => {
            let (then, now_words) = (one_place(before), one_place(now));
            match tenths(now).cmp(&tenths(before)) {
                Ordering::Greater => format!("{title}: up from {then} to {now_words}."),
                Ordering::Less => format!("{title}: down from {then} to {now_words}."),
                Ordering::Equal => format!("{title}: unchanged at {now_words}."),
            }
        }
        (Some(now), None) => format!("{title}: {}, not rated last time.", one_place(now)),
        (None, Some(before)) => {
            format!("{title}: not rated this time (was {}).", one_place(before))
        }
        (None, None) => return None,
    })
}

#[cfg(test)]
#[path = "tests/summary.rs"]
mod tests;
