//! Which reflections the export takes. Until the owner ticks any, the template chooses, as
//! `wheelbook export` does with nothing named: the newest complete reflection, or for a CPD
//! log or an HCPC profile every complete one of the years it covers. The owner can then tick
//! one at a time (Space), every complete reflection (a, and again to go back), or those since
//! a date (s).

use chrono::NaiveDate;

use super::{Outcome, State};
use crate::export::select::{self, Selection};
use crate::export::templates;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};

/// The ids `selection` chooses, as the command line would: none when nothing matches.
fn ids(app: &App, selection: &Selection) -> Vec<String> {
    select::select(&app.workbook, &app.pack, selection)
        .map(|chosen| chosen.iter().map(|r| r.id.clone()).collect())
        .unwrap_or_default()
}

/// The first day the template covers when nothing is named, if it covers a span of years.
fn template_since(app: &App, state: &State) -> Option<NaiveDate> {
    let regulators = app.regulators().ok()?;
    templates::default_since(state.template(), regulators, app.today)
}

/// The template's own choice, with a note of it when it is a span of years.
pub fn template_default(app: &App, state: &State) -> (Vec<String>, Option<String>) {
    let Some(since) = template_since(app, state) else {
        return (ids(app, &Selection::default()), None);
    };
    let chosen = ids(app, &since_selection(since));
    let name = state.template().name();
    let note = match chosen.len() {
        0 => format!(
            "The {name} template covers the time since {since}, and no complete reflection is dated in it: tick reflections with Space."
        ),
        n => format!(
            "The {name} template covers the time since {since}: {} {} ticked. Space, a and s change the choice.",
            count(n),
            if n == 1 { "is" } else { "are" }
        ),
    };
    (chosen, Some(note))
}

/// After the template changes: its own choice, unless the owner has chosen, whose ticks are
/// kept (with a word on what the template would take).
pub fn template_changed(app: &mut App, state: &mut State) {
    if state.by_hand {
        if let Some(since) = template_since(app, state) {
            app.info(format!(
                "What you ticked is kept ({}). The {} template covers the time since {since}: s ticks the complete reflections since a day.",
                reflections(state.chosen.len()),
                state.template().name()
            ));
        }
        return;
    }
    let (chosen, note) = template_default(app, state);
    state.chosen = chosen;
    state.before_all = None;
    if let Some(note) = note {
        app.info(note);
    }
}

/// Ticks or unticks the reflection at `index` in the workbook.
pub fn toggle(app: &App, state: &mut State, index: usize) {
    let Some(reflection) = app.workbook.reflections.get(index) else {
        return;
    };
    match state.chosen.iter().position(|c| c == &reflection.id) {
        Some(position) => {
            state.chosen.remove(position);
        }
        None => state.chosen.push(reflection.id.clone()),
    }
    state.by_hand = true;
    state.before_all = None;
}

/// Ticks every complete reflection, keeping any draft ticked; pressed again, puts back the
/// ticks there were before, so that nothing chosen by hand is lost.
pub fn tick_all(app: &mut App, state: &mut State) {
    if let Some(before) = state.before_all.take() {
        app.info(format!(
            "Back to what was ticked before a ({}).",
            reflections(before.len())
        ));
        state.chosen = before;
        return;
    }
    let complete = ids(app, &since_selection(NaiveDate::MIN));
    if complete.is_empty() {
        app.info(
            "There is no complete reflection yet: a draft goes in only when ticked with Space.",
        );
        return;
    }
    let before = state.chosen.clone();
    for id in complete {
        if !state.chosen.contains(&id) {
            state.chosen.push(id);
        }
    }
    app.info(format!(
        "Ticked every complete reflection, {} in all. a again goes back to what was ticked before ({}).",
        state.chosen.len(),
        reflections(before.len())
    ));
    state.before_all = Some(before);
    state.by_hand = true;
}

/// Opens the box asking from which day to tick, filled in with the template's span of
/// years when it has one, or for supervision a month back.
pub fn ask_since(app: &mut App, state: &State) -> Outcome {
    // Supervision is most often monthly: its box starts a month back.
    let a_month_back = (state.template() == templates::Template::SupervisionPrep)
        .then(|| app.today.checked_sub_months(chrono::Months::new(1)))
        .flatten();
    let since = template_since(app, state).or(a_month_back);
    let since = since.map(|d| d.to_string());
    let label = format!(
        "Tick every complete reflection dated on or after this day (the day of the activity, when given), as YYYY-MM-DD or DD/MM/YYYY. Enter ticks them in place of what is ticked now ({}); Esc changes nothing:",
        reflections(state.chosen.len())
    );
    let editor = Editor::new(
        EditTarget::TickSince,
        label,
        &since.unwrap_or_default(),
        true,
    );
    app.overlay = Some(Overlay::Editor(Box::new(editor)));
    Outcome::stay()
}

/// Ticks the complete reflections dated `since` or later, in place of what was ticked;
/// `Err` with what to do when there are none.
pub fn tick_since(app: &mut App, since: NaiveDate) -> Result<(), String> {
    let chosen = ids(app, &since_selection(since));
    if chosen.is_empty() {
        return Err(match ids(app, &since_selection(NaiveDate::MIN)).is_empty() {
            true => "There is no complete reflection yet: Esc, then tick a draft with Space, or mark a reflection complete.".to_string(),
            false => format!("No complete reflection is dated {since} or later: give an earlier day."),
        });
    }
    let note = format!("Ticked the {} dated {since} or later.", count(chosen.len()));
    if let Screen::Export(state) = &mut app.screen {
        state.chosen = chosen;
        state.by_hand = true;
        state.before_all = None;
    }
    app.info(note);
    Ok(())
}

fn since_selection(since: NaiveDate) -> Selection {
    Selection {
        since: Some(since),
        ..Selection::default()
    }
}

/// "1 complete reflection", "38 complete reflections".
fn count(n: usize) -> String {
    match n {
        1 => "1 complete reflection".to_string(),
        n => format!("{n} complete reflections"),
    }
}

/// "1 reflection", "3 reflections".
fn reflections(n: usize) -> String {
    match n {
        1 => "1 reflection".to_string(),
        n => format!("{n} reflections"),
    }
}
