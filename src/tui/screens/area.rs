//! One area in focus: rate its competencies, answer its questions, tick activities, add your
//! own, write the two prompts and the development actions.

use super::Outcome;
use crate::content::Area;
use crate::tui::action::Action;
use crate::tui::app::{App, Confirm, ConfirmAction, Now, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::keys::{ARROW_LEFT, ARROW_RIGHT, DELETE, PAGE_DOWN, PAGE_UP};
use crate::tui::keys::{BACKTAB, Binding, DOWN, ENTER, ESC, Key, SPACE, TAB, UP, bind, more};
use crate::tui::screens::summary;
use crate::workbook::intern::intern;
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
    more(
        ARROW_LEFT,
        Action::Left,
        "Rating down (below 1 is not assessed)",
    ),
    more(ARROW_RIGHT, Action::Right, "Rating up"),
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
    more(
        DELETE,
        Action::Delete,
        "Remove the selected own activity or action (asks first)",
    ),
    more(PAGE_UP, Action::PageUp, "Up five items"),
    more(PAGE_DOWN, Action::PageDown, "Down five items"),
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
    let actions = app.actions_by_reflection.get(&reflection.id);
    items.extend(
        actions
            .into_iter()
            .flatten()
            .filter(|&&i| app.workbook.actions[i].area == area.id)
            .map(|&i| Item::Action(i)),
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
        Action::PageUp => state.selected = state.selected.saturating_sub(5),
        Action::PageDown => state.selected = (state.selected + 5).min(items.len() - 1),
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
        Action::Delete => ask_to_remove(app, state, item),
        Action::SetDue => match item {
            Item::Action(index) => {
                let due = app.workbook.actions[index]
                    .due
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                app.overlay = Some(Overlay::Editor(Box::new(Editor::new(
                    EditTarget::ActionDue { action: index },
                    "Due date, as YYYY-MM-DD or DD/MM/YYYY (leave empty for none)",
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

/// Own activities and actions are removed only when the user confirms.
fn ask_to_remove(app: &mut App, state: &State, item: Item) {
    let (question, on_yes) = match item {
        Item::Own(index) => {
            let text = &app.workbook.reflections[state.reflection].own_activities[index].text;
            (
                format!("Remove your activity “{}”?", super::fit(text, 60)),
                ConfirmAction::RemoveOwnActivity {
                    reflection: state.reflection,
                    index,
                },
            )
        }
        Item::Action(index) => (
            format!(
                "Remove the action “{}”? To keep it on record, mark it dropped under Actions instead.",
                super::fit(&app.workbook.actions[index].text, 60)
            ),
            ConfirmAction::RemoveAction { index },
        ),
        _ => {
            app.info("Only your own activities and actions can be removed.");
            return;
        }
    };
    app.overlay = Some(Overlay::Confirm(Confirm { question, on_yes }));
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
    let reflection = app.workbook.reflection_mut(state.reflection);
    let current = reflection.ratings.get(id.as_str()).copied();
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
        Some(value) => reflection.ratings.insert(intern(&id), value),
        None => reflection.ratings.remove(id.as_str()),
    };
    reflection.updated = now.time;
    app.changed(now);
}

fn open(app: &mut App, state: &State, area: &Area, item: Item, action: Action, now: &Now) {
    let reflection_index = state.reflection;
    let reflection = app.workbook.reflection_mut(reflection_index);
    let editor = match item {
        Item::Competency(_) => {
            app.info("Rate with the number keys, or ← and →.");
            return;
        }
        Item::Activity(index) => {
            let id = area.activities[index].id.clone();
            if !reflection.ticked_activities.remove(id.as_str()) {
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
                .get(question.id.as_str())
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
                .get(area.id.as_str())
                .and_then(|answers| answers.get(prompt.id.as_str()))
                .cloned()
                .unwrap_or_default();
            let target = EditTarget::Prompt {
                reflection: reflection_index,
                area: area.id.clone(),
                prompt: prompt.id.clone(),
            };
            Editor::new(
                target,
                app.workbook.worded(&app.pack, &prompt.text),
                &text,
                false,
            )
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
                area: area.id.as_str().into(),
                text: String::new(),
            });
            let target = EditTarget::OwnActivity {
                reflection: reflection_index,
                index: reflection.own_activities.len() - 1,
            };
            Editor::new(target, "My own activity in this area", "", false).for_new_item()
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
                area: area.id.as_str().into(),
                reflection: Some(reflection_id),
                due: None,
                status: ActionStatus::Open,
            });
            app.reindex();
            let target = EditTarget::ActionText {
                action: app.workbook.actions.len() - 1,
            };
            Editor::new(
                target,
                "A development action: one step you will take",
                "",
                false,
            )
            .for_new_item()
        }
    };
    app.overlay = Some(Overlay::Editor(Box::new(editor)));
}

#[path = "area_view.rs"]
mod view;

pub use view::{item_at, render};
