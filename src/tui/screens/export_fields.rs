//! The export's wording: the fields of a template the owner can rewrite before exporting
//! (the NMC account's prompts, the HCPC profile's summary and statement). The edits live in
//! the export's options for this export only; nothing is written to the workbook.

use chrono::NaiveDate;

use super::{Outcome, State};
use crate::export::select::{self, Selection};
use crate::export::templates::{self, EditableField, Sources};
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::editor::{EditTarget, Editor};
use crate::workbook::Reflection;

/// What every export of the screen reads: the sources and the chosen reflections.
pub fn chosen<'a>(
    app: &'a App,
    state: &State,
) -> Result<(Sources<'a>, Vec<&'a Reflection>), String> {
    let regulators = app.regulators()?;
    if state.chosen.is_empty() {
        return Err("Tick at least one reflection to export (Space).".into());
    }
    let selection = Selection {
        ids: state.chosen.clone(),
        ..Selection::default()
    };
    let reflections =
        select::select(&app.workbook, &app.pack, &selection).map_err(|e| e.to_string())?;
    let sources = Sources::new(&app.pack, &app.workbook, regulators, app.today);
    Ok((sources, reflections))
}

/// The wording the owner can rewrite for the chosen template; none if it has none.
pub fn fields(app: &App, state: &State) -> Vec<EditableField> {
    match chosen(app, state) {
        Ok((sources, reflections)) => {
            templates::editable_fields(state.template(), &sources, &reflections, &state.options)
        }
        Err(_) => Vec::new(),
    }
}

/// Opens the editor on the field under the cursor, with its current text.
pub fn edit(app: &mut App, state: &State, fields: &[EditableField]) -> Outcome {
    if let Some(field) = fields.get(state.field) {
        let label = format!(
            "{} — for this export only: your reflection is unchanged. Left empty, {}.",
            field.label, field.when_empty
        );
        let target = EditTarget::ExportField {
            key: field.key.clone(),
        };
        let editor = Editor::new(target, label, &field.text, false);
        app.overlay = Some(Overlay::Editor(Box::new(editor)));
    }
    Outcome::stay()
}

/// Sets the owner's wording of the field `key` of the export on screen, as it is typed.
/// Text that is empty, or just what the template makes, removes the edit, so the wording
/// from the reflection is used.
pub fn set_edit(app: &mut App, key: &str, text: String) {
    let Screen::Export(state) = &app.screen else {
        return;
    };
    let mut plain = state.clone();
    plain.options.edits.remove(key);
    let generated = fields(app, &plain)
        .into_iter()
        .find(|f| f.key == key)
        .map(|f| f.text);
    let Screen::Export(state) = &mut app.screen else {
        return;
    };
    if text.trim().is_empty() || generated.as_ref() == Some(&text) {
        state.options.edits.remove(key);
    } else {
        state.options.edits.insert(key.to_string(), text);
    }
}

/// Opens the editor on the date of the supervision session; for another template, says
/// which one it belongs to.
pub fn edit_session_date(app: &mut App, state: &State) -> Outcome {
    if state.template() != templates::Template::SupervisionPrep {
        app.info("The session date is for supervision notes: press t until the template is supervision-prep.");
        return Outcome::stay();
    }
    let date = state.options.session_date.map(|d| d.to_string());
    let editor = Editor::new(
        EditTarget::SessionDate,
        "The date of the supervision session, as YYYY-MM-DD or DD/MM/YYYY (left empty, the notes leave a blank for it)",
        &date.unwrap_or_default(),
        true,
    );
    app.overlay = Some(Overlay::Editor(Box::new(editor)));
    Outcome::stay()
}

/// Sets the session date of the export on screen.
pub fn set_session_date(app: &mut App, date: Option<NaiveDate>) {
    if let Screen::Export(state) = &mut app.screen {
        state.options.session_date = date;
    }
}
