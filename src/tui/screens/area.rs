//! One area in focus: rate its competencies, answer its questions, tick activities, add your
//! own, write the two prompts and the development actions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Outcome, marker, wrap};
use crate::content::Area;
use crate::tui::action::Action;
use crate::tui::app::{App, Now, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::keys::{
    BACKTAB, Binding, DOWN, ENTER, ESC, Key, LEFT, RIGHT, SPACE, TAB, UP, bind, more,
};
use crate::tui::screens::summary;
use crate::workbook::{self, ActionStatus, OwnActivity, Reflection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Index of the reflection in the workbook.
    pub reflection: usize,
    /// Position of the area among the reflection's focus areas.
    pub area: usize,
    pub selected: usize,
}

impl State {
    pub fn new(reflection: usize) -> Self {
        State {
            reflection,
            area: 0,
            selected: 0,
        }
    }
}

/// A thing on the screen that can be selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Competency(usize),
    Question(usize),
    Activity(usize),
    Own(usize),
    AddOwn,
    Prompt(usize),
    /// Index into the workbook's actions.
    Action(usize),
    AddAction,
}

pub const KEYS: &[Binding] = &[
    more(UP, Action::Up, "Select the item above"),
    more(DOWN, Action::Down, "Select the item below"),
    more(TAB, Action::NextField, "Jump to the next section"),
    more(BACKTAB, Action::PrevField, "Jump to the previous section"),
    bind(
        &[Key::Digit],
        Action::Rate(0),
        "rate",
        "Rate the selected competency on the scale (0 clears it)",
    ),
    more(LEFT, Action::Left, "Rating down (below 1 is not assessed)"),
    more(RIGHT, Action::Right, "Rating up"),
    bind(
        ENTER,
        Action::Open,
        "write",
        "Write an answer, tick an activity, add an activity or action",
    ),
    more(
        SPACE,
        Action::Toggle,
        "Tick or untick the selected activity",
    ),
    more(
        &[Key::Char('d')],
        Action::SetDue,
        "Set the due date of the selected action",
    ),
    bind(
        &[Key::Char('n')],
        Action::NextArea,
        "next area",
        "Go to the next area (after the last: the summary)",
    ),
    more(
        &[Key::Char('p')],
        Action::PrevArea,
        "Go to the previous area",
    ),
    bind(
        &[Key::Char('s')],
        Action::Summary,
        "summary",
        "See the summary of this reflection",
    ),
    bind(ESC, Action::Back, "home", "Back home (everything is saved)"),
];

/// The areas in focus that the pack has, in order.
pub fn focus_areas<'a>(app: &'a App, reflection: &Reflection) -> Vec<&'a Area> {
    reflection
        .focus
        .area_ids(&app.pack)
        .into_iter()
        .filter_map(|id| app.pack.area(id))
        .collect()
}

pub fn items(app: &App, reflection: &Reflection, area: &Area) -> Vec<Item> {
    let mut items: Vec<Item> = (0..area.competencies.len()).map(Item::Competency).collect();
    items.extend((0..area.questions.len()).map(Item::Question));
    items.extend((0..area.activities.len()).map(Item::Activity));
    items.extend(
        reflection
            .own_activities
            .iter()
            .enumerate()
            .filter(|(_, a)| a.area == area.id)
            .map(|(i, _)| Item::Own(i)),
    );
    items.push(Item::AddOwn);
    items.extend((0..area.prompts.len()).map(Item::Prompt));
    items.extend(
        app.workbook
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                a.area == area.id && a.reflection.as_deref() == Some(reflection.id.as_str())
            })
            .map(|(i, _)| Item::Action(i)),
    );
    items.push(Item::AddAction);
    items
}

fn section(item: Item) -> u8 {
    match item {
        Item::Competency(_) => 0,
        Item::Question(_) => 1,
        Item::Activity(_) | Item::Own(_) | Item::AddOwn => 2,
        Item::Prompt(_) => 3,
        Item::Action(_) | Item::AddAction => 4,
    }
}

pub fn handle(app: &mut App, state: &mut State, action: Action, now: &Now) -> Outcome {
    let Some(reflection) = app.workbook.reflections.get(state.reflection) else {
        return Outcome::go(Screen::Home(Default::default()));
    };
    let areas: Vec<Area> = focus_areas(app, reflection).into_iter().cloned().collect();
    let Some(area) = areas.get(state.area).cloned() else {
        return Outcome::go(Screen::Summary(summary::State::new(state.reflection)));
    };
    let items = items(app, reflection, &area);
    state.selected = state.selected.min(items.len() - 1);
    let item = items[state.selected];
    match action {
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(items.len() - 1),
        Action::NextField => {
            if let Some(next) = items.iter().position(|i| section(*i) > section(item)) {
                state.selected = next;
            }
        }
        Action::PrevField => {
            let previous = items.iter().rposition(|i| section(*i) < section(item));
            state.selected = previous
                .map(|end| {
                    items
                        .iter()
                        .position(|i| section(*i) == section(items[end]))
                        .unwrap_or(end)
                })
                .unwrap_or(0);
        }
        Action::NextArea if state.area + 1 < areas.len() => {
            state.area += 1;
            state.selected = 0;
        }
        Action::NextArea | Action::Summary => {
            return Outcome::go(Screen::Summary(summary::State::new(state.reflection)));
        }
        Action::PrevArea => {
            state.area = state.area.saturating_sub(1);
            state.selected = 0;
        }
        Action::Back => return Outcome::go(Screen::Home(Default::default())),
        _ if !app.can_change() => {}
        Action::Rate(value) => rate(app, state, &area, item, Rating::Set(value), now),
        Action::Left => rate(app, state, &area, item, Rating::Down, now),
        Action::Right => rate(app, state, &area, item, Rating::Up, now),
        Action::Open | Action::Toggle => open(app, state, &area, item, action, now),
        Action::SetDue => match item {
            Item::Action(index) => {
                let due = app.workbook.actions[index]
                    .due
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                app.overlay = Some(Overlay::Editor(Box::new(Editor::new(
                    EditTarget::ActionDue { action: index },
                    "Due date, as YYYY-MM-DD (leave empty for none)",
                    &due,
                    true,
                ))));
            }
            _ => app.info("Select an action to give it a due date."),
        },
        _ => {}
    }
    Outcome::stay()
}

enum Rating {
    Set(u8),
    Up,
    Down,
}

fn rate(app: &mut App, state: &State, area: &Area, item: Item, change: Rating, now: &Now) {
    let Item::Competency(index) = item else {
        if matches!(change, Rating::Set(_)) {
            app.info("Number keys rate a competency: select one first.");
        }
        return;
    };
    let levels = app.pack.scale.len() as u8;
    let id = area.competencies[index].id.clone();
    let reflection = &mut app.workbook.reflections[state.reflection];
    let current = reflection.ratings.get(&id).copied();
    let new = match change {
        Rating::Set(0) => None,
        Rating::Set(value) if value <= levels => Some(value),
        Rating::Set(_) => {
            app.info(format!(
                "The scale goes from 1 to {levels}; 0 clears a rating."
            ));
            return;
        }
        Rating::Up => Some(current.map_or(1, |v| (v + 1).min(levels))),
        Rating::Down => current.and_then(|v| (v > 1).then(|| v - 1)),
    };
    if new == current {
        return;
    }
    match new {
        Some(value) => reflection.ratings.insert(id, value),
        None => reflection.ratings.remove(&id),
    };
    reflection.updated = now.time;
    app.changed(now);
}

fn open(app: &mut App, state: &State, area: &Area, item: Item, action: Action, now: &Now) {
    let reflection_index = state.reflection;
    let reflection = &mut app.workbook.reflections[reflection_index];
    let editor = match item {
        Item::Competency(_) => {
            app.info("Rate with the number keys, or ← and →.");
            return;
        }
        Item::Activity(index) => {
            let id = area.activities[index].id.clone();
            if !reflection.ticked_activities.remove(&id) {
                reflection.ticked_activities.insert(id);
            }
            reflection.updated = now.time;
            app.changed(now);
            return;
        }
        _ if action == Action::Toggle => return,
        Item::Question(index) => {
            let question = &area.questions[index];
            let text = reflection
                .answers
                .get(&question.id)
                .cloned()
                .unwrap_or_default();
            let target = EditTarget::Answer {
                reflection: reflection_index,
                question: question.id.clone(),
            };
            Editor::new(target, question.text.clone(), &text, false)
        }
        Item::Prompt(index) => {
            let prompt = &area.prompts[index];
            let text = reflection
                .prompts
                .get(&area.id)
                .and_then(|answers| answers.get(&prompt.id))
                .cloned()
                .unwrap_or_default();
            let target = EditTarget::Prompt {
                reflection: reflection_index,
                area: area.id.clone(),
                prompt: prompt.id.clone(),
            };
            Editor::new(target, prompt.text.clone(), &text, false)
        }
        Item::Own(index) => {
            let text = reflection.own_activities[index].text.clone();
            let target = EditTarget::OwnActivity {
                reflection: reflection_index,
                index,
            };
            Editor::new(target, "My own activity in this area", &text, false)
        }
        Item::AddOwn => {
            reflection.own_activities.push(OwnActivity {
                area: area.id.clone(),
                text: String::new(),
            });
            let target = EditTarget::OwnActivity {
                reflection: reflection_index,
                index: reflection.own_activities.len() - 1,
            };
            Editor::new(target, "My own activity in this area", "", false)
        }
        Item::Action(index) => {
            let text = app.workbook.actions[index].text.clone();
            Editor::new(
                EditTarget::ActionText { action: index },
                "A development action",
                &text,
                false,
            )
        }
        Item::AddAction => {
            let reflection_id = reflection.id.clone();
            app.workbook.actions.push(workbook::Action {
                id: workbook::new_id("a", &now.time),
                created: now.time,
                updated: now.time,
                text: String::new(),
                area: area.id.clone(),
                reflection: Some(reflection_id),
                due: None,
                status: ActionStatus::Open,
            });
            let target = EditTarget::ActionText {
                action: app.workbook.actions.len() - 1,
            };
            Editor::new(
                target,
                "A development action: one step you will take",
                "",
                false,
            )
        }
    };
    app.overlay = Some(Overlay::Editor(Box::new(editor)));
}

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
                .get(&q.id)
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
        Constraint::Length(4),
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
            let rating = match reflection.ratings.get(&competency.id) {
                Some(&value) => {
                    let label = app.pack.scale_level(value).map_or("", |l| l.label.as_str());
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
                .get(&question.id)
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
            let tick = if reflection.ticked_activities.contains(&activity.id) {
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
                    prompt.text.clone(),
                    if selected {
                        theme.selected
                    } else {
                        theme.heading
                    },
                ),
            ])];
            match reflection
                .prompts
                .get(&area.id)
                .and_then(|p| p.get(&prompt.id))
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
                .get(&competency.id)
                .and_then(|v| app.pack.scale_level(*v))
            {
                Some(level) => format!("{} {}: {}", level.value, level.label, level.description),
                None => format!(
                    "{}: {}",
                    app.pack.not_assessed.label, app.pack.not_assessed.description
                ),
            };
            let scale: Vec<String> = app
                .pack
                .scale
                .iter()
                .map(|l| format!("{} {}", l.value, l.label))
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
