//! Drawing the area screen, and placing mouse clicks on it with the same layout.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Item, State, focus_areas, items, section};
use crate::content::Area;
use crate::tui::app::App;
use crate::tui::screens::{marker, wrap};
use crate::workbook::Reflection;

pub fn render(app: &App, state: &State, frame: &mut Frame, rect: Rect) {
    let theme = &app.theme;
    let Some(reflection) = app.workbook.reflections.get(state.reflection) else {
        return;
    };
    let areas = focus_areas(app, reflection);
    let Some(area) = areas.get(state.area) else {
        return;
    };
    let items = items(app, reflection, area);
    let selected = state.selected.min(items.len().saturating_sub(1));
    let [progress, body, detail] = layout(rect);

    let answered = area
        .questions
        .iter()
        .filter(|q| {
            reflection
                .answers
                .get(q.id.as_str())
                .is_some_and(|a| !a.trim().is_empty())
        })
        .count();
    let line = Line::from(vec![
        Span::styled(
            format!("Area {} of {}: {}", state.area + 1, areas.len(), area.title),
            theme.title,
        ),
        Span::raw(format!(
            "  ·  {}/{} rated  ·  {}/{} answered",
            reflection.rated_count(area),
            area.competencies.len(),
            answered,
            area.questions.len()
        )),
    ]);
    frame.render_widget(Paragraph::new(line), progress);

    let (lines, _, offset) = body_lines(app, reflection, area, &items, selected, body);
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), body);

    let detail_text = detail_lines(app, reflection, area, items[selected]);
    frame.render_widget(
        Paragraph::new(detail_text)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().border_style(theme.dim)),
        detail,
    );
}

/// The areas of the screen: the progress line, the items, the detail box.
fn layout(rect: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(5),
    ])
    .areas(rect)
}

/// The lines of all items, each item's range of lines, and the scroll offset that keeps
/// the selected item in view. Shared by drawing and by placing mouse clicks.
fn body_lines(
    app: &App,
    reflection: &Reflection,
    area: &Area,
    items: &[Item],
    selected: usize,
    body: Rect,
) -> (Vec<Line<'static>>, Vec<(usize, usize)>, usize) {
    let (lines, ranges) = lines_and_ranges(app, reflection, area, items, selected, body.width);
    let (start, end) = ranges.get(selected).copied().unwrap_or((0, 0));
    let mut offset = end.saturating_sub(body.height as usize);
    if start < offset {
        offset = start;
    }
    (lines, ranges, offset)
}

fn lines_and_ranges(
    app: &App,
    reflection: &Reflection,
    area: &Area,
    items: &[Item],
    selected: usize,
    width: u16,
) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let theme = &app.theme;
    let width = width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut ranges = Vec::with_capacity(items.len());
    let mut last_section = None;
    for (position, item) in items.iter().enumerate() {
        if last_section != Some(section(*item)) {
            last_section = Some(section(*item));
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            if let Some(heading) = heading(area, *item) {
                lines.push(Line::styled(heading, theme.heading));
            }
        }
        let start = lines.len();
        lines.extend(item_lines(
            app,
            reflection,
            area,
            *item,
            position == selected,
            width,
        ));
        ranges.push((start, lines.len()));
    }
    (lines, ranges)
}

/// The item at a clicked cell of the screen body `rect`.
pub fn item_at(app: &App, state: &State, rect: Rect, x: u16, y: u16) -> Option<usize> {
    let reflection = app.workbook.reflections.get(state.reflection)?;
    let areas = focus_areas(app, reflection);
    let area = areas.get(state.area)?;
    let items = items(app, reflection, area);
    let selected = state.selected.min(items.len().saturating_sub(1));
    let [_, body, _] = layout(rect);
    if !body.contains(ratatui::layout::Position { x, y }) {
        return None;
    }
    let (_, ranges, offset) = body_lines(app, reflection, area, &items, selected, body);
    let row = offset + (y - body.y) as usize;
    ranges
        .iter()
        .position(|(start, end)| (*start..*end).contains(&row))
}

fn heading(area: &Area, item: Item) -> Option<String> {
    match item {
        Item::Competency(_) => Some("Competencies".into()),
        Item::Question(_) => Some("Reflective questions".into()),
        Item::Activity(_) | Item::Own(_) | Item::AddOwn => Some("Example activities".into()),
        Item::Prompt(_) => None,
        Item::Action(_) | Item::AddAction => {
            Some(format!("Development actions for {}", area.title))
        }
    }
}

const RATING_COLUMN: usize = 16;

fn item_lines(
    app: &App,
    reflection: &Reflection,
    area: &Area,
    item: Item,
    selected: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let style = if selected {
        theme.selected
    } else {
        theme.normal
    };
    let mark = marker(selected, theme);
    let indented = |text: &str, prefix: &str| -> Vec<Line<'static>> {
        wrap(text, width.saturating_sub(prefix.chars().count() + 2))
            .into_iter()
            .map(|l| Line::raw(format!("  {prefix}{l}")))
            .collect()
    };
    match item {
        Item::Competency(index) => {
            let competency = &area.competencies[index];
            let rating = match reflection.ratings.get(competency.id.as_str()) {
                Some(&value) => {
                    let label = app.pack.scale_level(value).map_or("", |l| l.label());
                    format!("{value} {label}")
                }
                None => format!("– {}", app.pack.not_assessed.label),
            };
            let badges: String = competency
                .tags
                .iter()
                .map(|t| t.badge())
                .collect::<Vec<_>>()
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            let text = format!("[{badges}] {}", competency.text);
            let text_width = width.saturating_sub(RATING_COLUMN + 3);
            wrap(&text, text_width)
                .into_iter()
                .enumerate()
                .map(|(i, part)| {
                    let rating_cell = if i == 0 {
                        format!("{rating:<RATING_COLUMN$} ")
                    } else {
                        " ".repeat(RATING_COLUMN + 1)
                    };
                    let lead = if i == 0 {
                        mark.clone()
                    } else {
                        Span::raw("  ")
                    };
                    Line::from(vec![
                        lead,
                        Span::styled(rating_cell, theme.current),
                        Span::styled(part, style),
                    ])
                })
                .collect()
        }
        Item::Question(index) => {
            let question = &area.questions[index];
            let mut lines: Vec<Line> = wrap(&question.text, width.saturating_sub(2))
                .into_iter()
                .enumerate()
                .map(|(i, part)| {
                    Line::from(vec![
                        if i == 0 {
                            mark.clone()
                        } else {
                            Span::raw("  ")
                        },
                        Span::styled(part, style),
                    ])
                })
                .collect();
            match reflection
                .answers
                .get(question.id.as_str())
                .filter(|a| !a.trim().is_empty())
            {
                Some(answer) => lines.extend(indented(answer, "  ")),
                None => lines.push(Line::styled(
                    "    (not answered yet: Enter to write)",
                    theme.dim,
                )),
            }
            lines
        }
        Item::Activity(index) => {
            let activity = &area.activities[index];
            let tick = if reflection.ticked_activities.contains(activity.id.as_str()) {
                "[x] "
            } else {
                "[ ] "
            };
            ticked_lines(mark, tick, &activity.text, style, width)
        }
        Item::Own(index) => {
            let text = format!("{} (my own)", reflection.own_activities[index].text);
            ticked_lines(mark, "[x] ", &text, style, width)
        }
        Item::AddOwn => vec![Line::from(vec![
            mark,
            Span::styled("+ Add my own activity", style),
        ])],
        Item::Prompt(index) => {
            let prompt = &area.prompts[index];
            let mut lines = vec![Line::from(vec![
                mark,
                Span::styled(
                    app.workbook.worded(&app.pack, &prompt.text),
                    if selected {
                        theme.selected
                    } else {
                        theme.heading
                    },
                ),
            ])];
            match reflection
                .prompts
                .get(area.id.as_str())
                .and_then(|p| p.get(prompt.id.as_str()))
                .filter(|t| !t.trim().is_empty())
            {
                Some(text) => lines.extend(indented(text, "  ")),
                None => lines.push(Line::styled("    (empty: Enter to write)", theme.dim)),
            }
            lines
        }
        Item::Action(index) => {
            let action = &app.workbook.actions[index];
            let due = action
                .due
                .map(|d| format!(" (due {d})"))
                .unwrap_or_default();
            ticked_lines(mark, "- ", &format!("{}{due}", action.text), style, width)
        }
        Item::AddAction => vec![Line::from(vec![
            mark,
            Span::styled("+ Add a development action", style),
        ])],
    }
}

fn ticked_lines(
    mark: Span<'static>,
    tick: &str,
    text: &str,
    style: ratatui::style::Style,
    width: usize,
) -> Vec<Line<'static>> {
    wrap(text, width.saturating_sub(tick.len() + 2))
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 {
                vec![mark.clone(), Span::raw(tick.to_string())]
            } else {
                vec![Span::raw(" ".repeat(2 + tick.len()))]
            };
            Line::from([lead, vec![Span::styled(part, style)]].concat())
        })
        .collect()
}

fn detail_lines(app: &App, reflection: &Reflection, area: &Area, item: Item) -> Vec<Line<'static>> {
    let theme = &app.theme;
    match item {
        Item::Competency(index) => {
            let competency = &area.competencies[index];
            let tags: Vec<String> = competency.tags.iter().map(|t| t.to_string()).collect();
            let level = match reflection
                .ratings
                .get(competency.id.as_str())
                .and_then(|v| app.pack.scale_level(*v))
            {
                Some(level) => format!("{}: {}", level.numbered(), level.description),
                None => format!(
                    "{}: {}",
                    app.pack.not_assessed.label, app.pack.not_assessed.description
                ),
            };
            let scale: Vec<String> = app
                .pack
                .scale
                .iter()
                .map(|l| l.numbered().to_string())
                .collect();
            vec![
                Line::from(vec![
                    Span::styled(tags.join(" & "), theme.badge),
                    Span::raw(format!(" · {level}")),
                ]),
                Line::styled(
                    format!("Scale: {} · 0 not assessed", scale.join(" · ")),
                    theme.dim,
                ),
            ]
        }
        Item::Question(_) | Item::Prompt(_) => vec![Line::raw(
            "Enter to write. Write about your practice; do not record names or details that could identify anyone.",
        )],
        Item::Activity(_) => vec![Line::raw(
            "Space or Enter ticks the activity: something you have done or plan to do.",
        )],
        Item::Own(_) | Item::AddOwn => vec![Line::raw(
            "Enter to write an activity of your own in this area.",
        )],
        Item::Action(_) | Item::AddAction => vec![Line::raw(
            "Enter to write a step of your development plan; d to give it a due date. Actions are listed on Home and under Actions.",
        )],
    }
}
