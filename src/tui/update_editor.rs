//! What the editor's text does as it is typed and when it closes: written through into the
//! workbook (or the screen it belongs to), and checked where it must be a date or a number.

use chrono::NaiveDate;

use super::super::app::{App, Effect, Now, Overlay, Screen};
use super::super::editor::{EditTarget, Editor};
use super::super::screens::export;

/// Writes what is in the editor into its place, as it is typed.
pub(super) fn sync_editor(app: &mut App, now: &Now) {
    let Some(Overlay::Editor(editor)) = &app.overlay else {
        return;
    };
    let text = editor.text();
    let target = editor.target.clone();
    write_text(app, target, text, now);
}

/// Puts `text` where `target` says.
fn write_text(app: &mut App, target: EditTarget, text: String, now: &Now) {
    let workbook = &mut app.workbook;
    match target {
        EditTarget::StartTitle => {
            if let Screen::Start(state) = &mut app.screen {
                state.title = text;
            }
            return;
        }
        EditTarget::Search => {
            if let Screen::Browse(state) = &mut app.screen {
                state.set_search(text);
            }
            return;
        }
        // Kept in the export's options, never in the workbook.
        EditTarget::ExportField { key } => {
            export::set_edit(app, &key, text);
            return;
        }
        EditTarget::ActionDue { .. }
        | EditTarget::SessionDate
        | EditTarget::TickSince
        | EditTarget::ExportPath
        | EditTarget::CpdDate { .. }
        | EditTarget::CpdHours { .. } => return,
        EditTarget::Title { reflection } => {
            let Some(reflection) = workbook.get_reflection_mut(reflection) else {
                return;
            };
            reflection.title = text;
            reflection.updated = now.time;
        }
        EditTarget::CpdMethod { reflection } | EditTarget::CpdEvidence { reflection } => {
            let Some(reflection_data) = workbook.get_reflection_mut(reflection) else {
                return;
            };
            let value = (!text.trim().is_empty()).then(|| text.trim().to_string());
            if matches!(target, EditTarget::CpdMethod { .. }) {
                reflection_data.cpd.method = value;
            } else {
                reflection_data.cpd.evidence = value;
            }
            reflection_data.updated = now.time;
        }
        EditTarget::Answer {
            reflection,
            question,
        } => {
            let Some(reflection) = workbook.get_reflection_mut(reflection) else {
                return;
            };
            if text.trim().is_empty() {
                reflection.answers.remove(question.as_str());
            } else {
                reflection.answers.insert(question, text);
            }
            reflection.updated = now.time;
        }
        EditTarget::Prompt {
            reflection,
            area,
            prompt,
        } => {
            let Some(reflection) = workbook.get_reflection_mut(reflection) else {
                return;
            };
            let answers = reflection
                .prompts
                .get_or_insert_with(area.clone(), Default::default);
            if text.trim().is_empty() {
                answers.remove(prompt.as_str());
            } else {
                answers.insert(prompt, text);
            }
            if answers.is_empty() {
                reflection.prompts.remove(area.as_str());
            }
            reflection.updated = now.time;
        }
        EditTarget::OwnActivity { reflection, index } => {
            let Some(reflection) = workbook.get_reflection_mut(reflection) else {
                return;
            };
            let Some(activity) = reflection.own_activities.get_mut(index) else {
                return;
            };
            activity.text = text;
            reflection.updated = now.time;
        }
        EditTarget::ActionText { action } => {
            let Some(action) = workbook.actions.get_mut(action) else {
                return;
            };
            action.text = text;
            action.updated = now.time;
        }
    }
    app.changed(now);
}

/// Closes the editor. An own activity or action made for this editor and left empty is
/// removed again; an existing one left empty gets its earlier text back, so that clearing
/// the text never deletes it (and its due date and status) by surprise.
pub(super) fn finish_editor(app: &mut App, now: &Now) -> Vec<Effect> {
    let Some(Overlay::Editor(editor)) = app.overlay.take() else {
        return Vec::new();
    };
    let empty = editor.text().trim().is_empty();
    match editor.target {
        EditTarget::ActionDue { action } => {
            let text = editor.text();
            return set_due(app, editor, action, &text, now);
        }
        EditTarget::CpdDate { reflection } | EditTarget::CpdHours { reflection } => {
            return set_cpd_value(app, editor, reflection, now);
        }
        EditTarget::SessionDate => match typed_date(&editor.text(), app.today) {
            Ok(date) => {
                app.clear_error();
                export::set_session_date(app, date)
            }
            Err(advice) => return refused(app, editor, &advice),
        },
        EditTarget::TickSince => match typed_date(&editor.text(), app.today) {
            Ok(None) => app.info("The ticks are as they were."),
            Ok(Some(since)) => match export::choice::tick_since(app, since) {
                Ok(()) => app.clear_error(),
                Err(advice) => return refused(app, editor, &advice),
            },
            Err(advice) => return refused(app, editor, &advice),
        },
        EditTarget::ExportPath => {
            let Screen::Export(state) = &app.screen else {
                return Vec::new();
            };
            let path = editor.text().trim().to_string();
            if path.is_empty() {
                app.info("Nothing written.");
                return Vec::new();
            }
            let effects = match export::prepare(app, state) {
                Ok(prepared) => vec![Effect::WriteFile {
                    path: home_expanded(&path, app.home_dir.as_deref()),
                    text: prepared.text.to_string(),
                }],
                Err(message) => {
                    app.error(message);
                    Vec::new()
                }
            };
            // Offered again if it cannot be written, so that it need not be typed again.
            if let Screen::Export(state) = &mut app.screen {
                state.path = Some(path);
            }
            return effects;
        }
        EditTarget::OwnActivity { .. } | EditTarget::ActionText { .. } if empty => {
            if editor.new_item {
                remove_new_item(app, &editor.target, now);
            } else {
                write_text(app, editor.target.clone(), editor.original.clone(), now);
                app.info("Left empty, so the earlier text was kept. To remove it, select it and press D.");
            }
        }
        EditTarget::ExportField { .. } => {
            app.info("This wording is for this export only: your reflection is unchanged.");
        }
        _ => {}
    }
    Vec::new()
}

/// `path` with a leading `~` standing for `home`, as a shell would read it: people type
/// `~/Documents/cpd.md`. Any other path, or one when the home folder is not known, is kept.
fn home_expanded(path: &str, home: Option<&std::path::Path>) -> std::path::PathBuf {
    match (path.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => std::path::PathBuf::from(path),
    }
}

fn remove_new_item(app: &mut App, target: &EditTarget, now: &Now) {
    match *target {
        EditTarget::OwnActivity { reflection, index } => {
            if let Some(reflection) = app.workbook.get_reflection_mut(reflection)
                && index < reflection.own_activities.len()
            {
                reflection.own_activities.remove(index);
                app.changed(now);
            }
        }
        EditTarget::ActionText { action } if action < app.workbook.actions.len() => {
            app.workbook.actions.remove(action);
            app.reindex();
            app.changed(now);
        }
        _ => {}
    }
}

/// The date or hours of a CPD activity, checked before they are kept.
fn set_cpd_value(app: &mut App, editor: Box<Editor>, reflection: usize, now: &Now) -> Vec<Effect> {
    let text = editor.text();
    let text = text.trim();
    let is_date = matches!(editor.target, EditTarget::CpdDate { .. });
    let Some(reflection) = app.workbook.get_reflection_mut(reflection) else {
        return Vec::new();
    };
    if is_date {
        match typed_date(text, app.today) {
            Ok(date) => reflection.cpd.activity_date = date,
            Err(advice) => return refused(app, editor, &advice),
        }
    } else {
        match (text, text.parse::<f64>()) {
            ("", _) => reflection.cpd.hours = None,
            (_, Ok(hours))
                if hours.is_finite() && (0.0..=crate::workbook::MAX_CPD_HOURS).contains(&hours) =>
            {
                reflection.cpd.hours = Some(hours);
            }
            _ => {
                let advice = "Write the hours as a number, for example 1.5, or leave it empty.";
                return refused(app, editor, advice);
            }
        }
    }
    reflection.updated = now.time;
    app.clear_error();
    app.changed(now);
    Vec::new()
}

/// A date typed into an editor: YYYY-MM-DD, or as written in the UK, DD/MM/YYYY (or
/// D/M/YYYY), or today, tomorrow or yesterday, or nothing at all. Anything else is refused
/// with what to write instead.
fn typed_date(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    let day = match text.to_lowercase().as_str() {
        "" => return Ok(None),
        "today" => Some(today),
        "tomorrow" => today.succ_opt(),
        "yesterday" => today.pred_opt(),
        // chrono reads a year of one to four digits: "26-12-04" is not taken for the year 26.
        _ => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|_| text.len() == "2026-12-04".len())
            .or_else(|| uk_date(text)),
    };
    day.map(Some).ok_or_else(|| {
        format!(
            "Write the date as YYYY-MM-DD or DD/MM/YYYY, for example {today} or {}, or as today, tomorrow or yesterday; or leave it empty.",
            today.format("%d/%m/%Y")
        )
    })
}

/// Day, month and a year of four digits, between slashes: "4/12/2026" is 4 December. A
/// year of two digits is refused rather than taken for the first century.
fn uk_date(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split('/').collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let number = |part: &str, most: usize| {
        let digits =
            !part.is_empty() && part.len() <= most && part.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| part.parse::<u32>().ok()).flatten()
    };
    let year = i32::try_from(number(year, 4).filter(|_| year.len() == 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(month, 2)?, number(day, 2)?)
}

/// Keeps the editor open on what was typed, saying why it was not taken.
fn refused(app: &mut App, editor: Box<Editor>, why: &str) -> Vec<Effect> {
    app.error(why);
    app.overlay = Some(Overlay::Editor(editor));
    Vec::new()
}

fn set_due(
    app: &mut App,
    editor: Box<Editor>,
    action: usize,
    text: &str,
    now: &Now,
) -> Vec<Effect> {
    let due = match typed_date(text, app.today) {
        Ok(due) => due,
        Err(advice) => return refused(app, editor, &advice),
    };
    if let Some(action) = app.workbook.actions.get_mut(action) {
        action.due = due;
        action.updated = now.time;
        app.clear_error();
        app.changed(now);
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use chrono::NaiveDate;

    use super::{home_expanded, typed_date};

    #[test]
    fn a_date_is_typed_as_an_iso_or_a_uk_date_or_a_day_near_today() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let today = day(2026, 11, 23).expect("a day");
        let cases = [
            ("2026-12-04", day(2026, 12, 4)),
            ("4/12/2026", day(2026, 12, 4)),
            (" 04/12/2026 ", day(2026, 12, 4)),
            ("Tomorrow", day(2026, 11, 24)),
            ("today", Some(today)),
            ("yesterday", day(2026, 11, 22)),
            ("", None),
        ];
        for (typed, meant) in cases {
            assert_eq!(typed_date(typed, today), Ok(meant), "{typed:?}");
        }
        // A two-digit year, the month first, or a day that is not, are refused.
        for typed in [
            "4/12/26",
            "12/31/2026",
            "31/11/2026",
            "4 December",
            "2026-13-01",
        ] {
            let refused = typed_date(typed, today).expect_err(typed);
            assert!(
                refused.contains("for example 2026-11-23 or 23/11/2026"),
                "{refused}"
            );
        }
    }

    #[test]
    fn a_leading_tilde_is_the_home_folder_and_nothing_else_is_touched() {
        let home = Some(Path::new("/home/sam"));
        let cases = [
            ("~/cpd/record.md", "/home/sam/cpd/record.md"),
            ("~", "/home/sam"),
            ("~sam/record.md", "~sam/record.md"),
            ("/tmp/~/record.md", "/tmp/~/record.md"),
            ("record.md", "record.md"),
        ];
        for (typed, meant) in cases {
            assert_eq!(home_expanded(typed, home), PathBuf::from(meant), "{typed}");
        }
        assert_eq!(
            home_expanded("~/record.md", None),
            PathBuf::from("~/record.md")
        );
    }
}
