//! The export's likely identifiers: which the owner has confirmed are safe to share, and
//! going from one to the text it is in, to edit it.

use super::{Outcome, State};
use crate::export::identifiers::Located;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::screens::area;

pub(super) fn key_of(located: &Located) -> (String, String, String) {
    (
        located.reflection_id.clone(),
        located.field.clone(),
        located.finding.text.clone(),
    )
}

pub fn is_confirmed(state: &State, located: &Located) -> bool {
    state.confirmed.contains(&key_of(located))
}

/// Opens the finding's text to edit: the title and CPD fields in place, answers, prompts,
/// activities and actions in their area, keeping this export to come back to with x.
pub(super) fn edit_finding(app: &mut App, state: &State, located: &Located) -> Outcome {
    let Some(index) = app
        .workbook
        .reflections
        .iter()
        .position(|r| r.id == located.reflection_id)
    else {
        app.info(format!(
            "“{}” is in text this export brings in ({}): change it where it comes from, or press y if it is safe to share.",
            located.finding.text, located.field
        ));
        return Outcome::stay();
    };
    let reflection = &app.workbook.reflections[index];
    let in_place: Option<(EditTarget, &str, String)> = match located.field.as_str() {
        "title" => Some((
            EditTarget::Title { reflection: index },
            "Title",
            reflection.title.clone(),
        )),
        "CPD method" => Some((
            EditTarget::CpdMethod { reflection: index },
            "How the learning happened",
            reflection.cpd.method.clone().unwrap_or_default(),
        )),
        "CPD evidence" => Some((
            EditTarget::CpdEvidence { reflection: index },
            "Where the evidence is kept",
            reflection.cpd.evidence.clone().unwrap_or_default(),
        )),
        _ => None,
    };
    if let Some((target, label, text)) = in_place {
        if app.can_change() {
            app.overlay = Some(Overlay::Editor(Box::new(Editor::new(
                target, label, &text, true,
            ))));
        }
        return Outcome::stay();
    }
    app.export_return = Some(state.clone());
    let areas = area::focus_areas(app, reflection);
    // The finding's area (its place is the area, or a question of it), on the answer itself
    // when the finding is in one.
    let place = located.place.as_deref();
    let (at, selected) = place
        .and_then(|place| {
            areas.iter().enumerate().find_map(|(at, area)| {
                match area.questions.iter().position(|q| q.id == place) {
                    Some(question) => {
                        let items = area::items(app, reflection, area);
                        let on = items
                            .iter()
                            .position(|i| *i == area::Item::Question(question));
                        Some((at, on.unwrap_or(0)))
                    }
                    None => (area.id == place).then_some((at, 0)),
                }
            })
        })
        .unwrap_or((0, 0));
    app.info(format!(
        "Edit {}, then come back to the export with x from Home.",
        located.field
    ));
    let mut state = area::State::new(index);
    state.area = at;
    state.selected = selected;
    Outcome::go(Screen::Area(state))
}
