//! Supervision notes from the terminal UI, through the pure `update` as a user types: the
//! session's date and the questions to bring, given on the export screen.

mod tui_driver;

use crossterm::event::KeyCode;
use tui_driver::{Driver, complete, export_state, find_on_screen, open_export_on};
use wheelbook::tui::app::Overlay;

/// Supervision notes say when the session is only if the owner gives it (d): the day of the
/// export is "Prepared on". A date given so is the template's own, never an identifier.
#[test]
fn the_session_date_is_given_on_the_screen_and_is_not_taken_for_an_identifier() {
    let mut driver = Driver::new(complete(3, 15));
    open_export_on(&mut driver, "supervision-prep");
    find_on_screen(&driver.app, "d session: not given");
    driver.chars("d");
    driver.chars("4 December");
    driver.press(KeyCode::Enter);
    assert!(
        matches!(driver.app.overlay, Some(Overlay::Editor(_))),
        "a date that is not YYYY-MM-DD keeps the editor open"
    );
    let status = driver.app.status.clone().expect("a message").1;
    assert!(
        status.contains("for example 2026-11-23 or 23/11/2026"),
        "{status}"
    );
    for _ in "4 December".chars() {
        driver.press(KeyCode::Backspace);
    }
    driver.chars("2026-12-04");
    driver.press(KeyCode::Enter);
    assert!(driver.app.overlay.is_none());
    let status = driver.app.status.as_ref().map(|(_, m)| m.as_str());
    assert!(
        !status.is_some_and(|m| m.contains("YYYY-MM-DD")),
        "{status:?}"
    );
    find_on_screen(&driver.app, "d session: 2026-12-04");
    find_on_screen(&driver.app, "Likely identifiers: 0");
    let state = export_state(&driver);
    let prepared = wheelbook::tui::screens::export::prepare(&driver.app, &state).expect("export");
    let text = prepared.text.to_string();
    assert!(
        text.contains("**Date of the session**\n\n2026-12-04\n"),
        "{text}"
    );
    let today = driver.app.today;
    assert!(
        text.contains(&format!("**Prepared on**\n\n{today}\n")),
        "{text}"
    );
}

/// The questions to bring to supervision are written on the screen, one a line, as
/// `--question` gives them on the command line.
#[test]
fn questions_to_bring_to_supervision_are_written_on_the_screen() {
    let mut driver = Driver::new(complete(3, 16));
    open_export_on(&mut driver, "supervision-prep");
    let text = |driver: &Driver| {
        let state = export_state(driver);
        let prepared = wheelbook::tui::screens::export::prepare(&driver.app, &state);
        prepared.expect("an export").text.to_string()
    };
    assert!(text(&driver).contains("[Write here the questions you want help with.]"));
    driver.press(KeyCode::Tab);
    find_on_screen(&driver.app, "Questions to bring (one a line)");
    driver.press(KeyCode::Enter);
    match &driver.app.overlay {
        Some(Overlay::Editor(editor)) => assert!(
            editor
                .label
                .ends_with("Left empty, the document leaves a space to write it in."),
            "{}",
            editor.label
        ),
        other => panic!("the questions to write, not {other:?}"),
    }
    driver.chars("How do I raise a concern about a handover?");
    driver.press(KeyCode::Enter);
    driver.chars("When should I ask for a joint visit?");
    driver.press(KeyCode::Esc);
    let written = text(&driver);
    assert!(
        written.contains(
            "- How do I raise a concern about a handover?\n- When should I ask for a joint visit?"
        ),
        "{written}"
    );
    assert!(!written.contains("[Write here the questions"));
    // For this export only: the reflections are unchanged.
    assert!(!driver.app.save.dirty, "nothing to save");
}
