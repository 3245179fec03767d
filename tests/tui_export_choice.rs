//! Choosing what the export screen takes, through the pure `update` as a user types: the
//! template's own choice until the owner chooses, every complete reflection at once, or those
//! since a day; and the export made once for each choice, not for every key.

mod tui_driver;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use tui_driver::{Driver, export_state, find_on_screen, newest_mut, open_export_on, screen_rows};
use wheelbook::export::select::date_of;
use wheelbook::tui::app::Overlay;
use wheelbook::workbook::{Reflection, Status, Workbook};

/// Reflections over the three years before 2026-11-01, a few of them drafts, and the oldest
/// about an activity of 2022.
fn three_years() -> Workbook {
    let pack = wheelbook::content::PackSource::BuiltIn
        .load()
        .expect("pack");
    let mut workbook = wheelbook::workbook::generate::generate(&pack, 150, 7);
    let oldest = workbook.reflections_mut().next().expect("reflections");
    oldest.status = Status::Complete;
    oldest.cpd.activity_date = Some(day("2022-05-01"));
    workbook
}

/// The ids of the complete reflections dated `since` or later.
fn complete_since(driver: &Driver, since: NaiveDate) -> BTreeSet<String> {
    let reflections = driver.app.workbook.reflections.iter();
    let wanted =
        |r: &&std::sync::Arc<Reflection>| r.status == Status::Complete && date_of(r) >= since;
    reflections.filter(wanted).map(|r| r.id.clone()).collect()
}

fn chosen(driver: &Driver) -> BTreeSet<String> {
    export_state(driver).chosen.into_iter().collect()
}

fn status(driver: &Driver) -> String {
    driver.app.status.clone().expect("a message").1
}

fn editor_text(driver: &Driver) -> String {
    match &driver.app.overlay {
        Some(Overlay::Editor(editor)) => editor.text(),
        other => panic!("an editor, not {other:?}"),
    }
}

fn clear_editor(driver: &mut Driver) {
    for _ in 0..editor_text(driver).chars().count() {
        driver.press(KeyCode::Backspace);
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

#[test]
fn a_cpd_log_takes_the_three_years_it_covers_until_the_owner_chooses() {
    let mut driver = Driver::new(three_years());
    driver.chars("x");
    assert_eq!(
        export_state(&driver).chosen.len(),
        1,
        "a record takes one reflection"
    );

    open_export_on(&mut driver, "cpd-log");
    // Today is 2026-11-23 in the driver: the NMC's three years began the day after
    // 2023-11-23.
    let window = complete_since(&driver, day("2023-11-24"));
    let complete = complete_since(&driver, NaiveDate::MIN);
    assert!(
        window.len() > 100,
        "most of the reflections: {}",
        window.len()
    );
    assert!(window.len() < complete.len(), "some are older than 3 years");
    assert_eq!(chosen(&driver), window);
    assert!(
        status(&driver).contains("since 2023-11-24"),
        "{}",
        status(&driver)
    );
    find_on_screen(
        &driver.app,
        &format!("Reflections: {} chosen", window.len()),
    );

    // An HCPC profile covers two years; back on the record, the newest reflection again.
    driver.chars("t");
    assert_eq!(export_state(&driver).template().name(), "hcpc-profile");
    assert_eq!(chosen(&driver), complete_since(&driver, day("2024-11-24")));
    driver.chars("t");
    driver.chars("t");
    assert_eq!(export_state(&driver).template().name(), "record");
    let newest_complete = driver
        .app
        .workbook
        .newest_first()
        .into_iter()
        .find(|r| r.status == Status::Complete)
        .expect("a complete one")
        .id
        .clone();
    assert_eq!(export_state(&driver).chosen, [newest_complete]);

    // Once the owner ticks one, changing the template keeps the choice.
    driver.chars(" ");
    let by_hand = chosen(&driver);
    while export_state(&driver).template().name() != "cpd-log" {
        driver.chars("t");
    }
    assert_eq!(chosen(&driver), by_hand);
    assert!(
        status(&driver).starts_with("What you ticked is kept (2 reflections). The cpd-log template covers the time since 2023-11-24"),
        "{}",
        status(&driver)
    );
}

#[test]
fn a_ticks_every_complete_reflection_and_again_puts_back_the_ticks_before() {
    let mut driver = Driver::new(three_years());
    driver.chars("x");
    find_on_screen(&driver.app, "a all");
    let complete = complete_since(&driver, NaiveDate::MIN);
    let template_choice = chosen(&driver);
    assert_eq!(template_choice.len(), 1);

    driver.chars("a");
    assert_eq!(chosen(&driver), complete);
    assert!(status(&driver).contains("goes back to what was ticked before (1 reflection)"));
    driver.chars("a");
    assert_eq!(chosen(&driver), template_choice, "back to the one before");

    // A draft ticked by hand stays ticked under a, and a again leaves just it.
    let draft_at = wheelbook::tui::screens::export::offered(&driver.app)
        .iter()
        .position(|&i| driver.app.workbook.reflections[i].status == Status::Draft)
        .expect("a draft offered");
    for _ in 0..draft_at {
        driver.press(KeyCode::Down);
    }
    driver.chars(" ");
    let by_hand = chosen(&driver);
    assert_eq!(by_hand.len(), 2, "the template's one and the draft");
    driver.chars("a");
    let mut all_and_draft = complete.clone();
    all_and_draft.extend(by_hand.iter().cloned());
    assert_eq!(chosen(&driver), all_and_draft);
    driver.chars("a");
    assert_eq!(chosen(&driver), by_hand);

    // After a, a tick changed by hand is the new choice: a ticks all again. (The cursor is
    // still on the draft, so Space unticks it.)
    driver.chars("a");
    driver.chars(" ");
    assert_eq!(chosen(&driver), complete);
    driver.chars("a");
    assert_eq!(chosen(&driver), complete);
    assert!(status(&driver).contains("Ticked every complete reflection"));
}

#[test]
fn s_ticks_the_complete_reflections_since_the_day_given() {
    let mut driver = Driver::new(three_years());
    open_export_on(&mut driver, "cpd-log");
    // The box starts at the template's own first day, and says what its keys do.
    driver.chars("s");
    assert_eq!(editor_text(&driver), "2023-11-24");
    find_on_screen(&driver.app, "Enter to go ahead · Esc to cancel");
    find_on_screen(&driver.app, "Enter go ahead · Esc cancel");

    clear_editor(&mut driver);
    driver.chars("2026-01-01");
    driver.press(KeyCode::Enter);
    assert!(driver.app.overlay.is_none());
    let since = complete_since(&driver, day("2026-01-01"));
    assert!(!since.is_empty());
    assert_eq!(chosen(&driver), since);
    assert!(status(&driver).contains("dated 2026-01-01 or later"));
    assert!(export_state(&driver).by_hand);

    // A day written another way, or after every reflection, keeps the box open.
    driver.chars("s");
    clear_editor(&mut driver);
    driver.chars("1 Jan 2025");
    driver.press(KeyCode::Enter);
    assert_eq!(editor_text(&driver), "1 Jan 2025");
    assert!(status(&driver).contains("YYYY-MM-DD"));
    clear_editor(&mut driver);
    driver.chars("2030-01-01");
    driver.press(KeyCode::Enter);
    assert_eq!(editor_text(&driver), "2030-01-01");
    assert!(status(&driver).contains("give an earlier day"));
    assert_eq!(chosen(&driver), since, "nothing changed meanwhile");

    // Esc, or nothing typed, leaves the ticks as they were.
    driver.press(KeyCode::Esc);
    assert!(driver.app.overlay.is_none());
    assert_eq!(status(&driver), "The ticks are as they were.");
    driver.chars("s");
    clear_editor(&mut driver);
    driver.press(KeyCode::Enter);
    assert_eq!(chosen(&driver), since);
    assert_eq!(status(&driver), "The ticks are as they were.");

    // For supervision, the box starts a month back; on a record, empty.
    while export_state(&driver).template().name() != "supervision-prep" {
        driver.chars("t");
    }
    driver.chars("s");
    assert_eq!(editor_text(&driver), "2026-10-23");
    driver.press(KeyCode::Esc);
    while export_state(&driver).template().name() != "record" {
        driver.chars("t");
    }
    driver.chars("s");
    assert_eq!(editor_text(&driver), "");
}

#[test]
fn the_reflections_are_listed_by_the_day_the_export_files_them_under() {
    let mut workbook = three_years();
    // The newest reflection is about an activity a year before it was written.
    let newest = workbook.newest_first()[0].id.clone();
    let reflection = newest_mut(&mut workbook);
    reflection.cpd.activity_date = Some(day("2025-06-15"));
    let mut driver = Driver::new(workbook);
    driver.chars("x");
    let offered = wheelbook::tui::screens::export::offered(&driver.app);
    let dates: Vec<NaiveDate> = offered
        .iter()
        .map(|&i| date_of(&driver.app.workbook.reflections[i]))
        .collect();
    assert!(
        dates.windows(2).all(|pair| pair[0] >= pair[1]),
        "newest first"
    );
    let moved = offered
        .iter()
        .position(|&i| driver.app.workbook.reflections[i].id == newest)
        .expect("offered");
    assert!(moved > 0, "listed under its activity's day, not first");
    for _ in 0..moved {
        driver.press(KeyCode::Down);
    }
    find_on_screen(&driver.app, "2025-06-15");
}

fn made(driver: &Driver) -> std::sync::Arc<wheelbook::export::Prepared> {
    let state = export_state(driver);
    wheelbook::tui::screens::export::prepare(&driver.app, &state).expect("an export")
}

#[test]
fn the_export_is_made_again_only_when_what_it_is_made_from_changes() {
    let mut workbook = three_years();
    let reflection = newest_mut(&mut workbook);
    reflection.status = Status::Complete;
    reflection.title = "Home visit with Mr Smith".into();
    let mut driver = Driver::new(workbook);
    driver.chars("x");
    driver.chars("a");
    let first = made(&driver);
    assert_eq!(first.findings.len(), 1, "{:?}", first.findings);

    // Moving about and drawing do not make it again.
    driver.press(KeyCode::Down);
    driver.press(KeyCode::Up);
    find_on_screen(&driver.app, "Likely identifiers: 1");
    assert!(std::sync::Arc::ptr_eq(&first, &made(&driver)));

    // A format is another export.
    driver.chars("f");
    let text = made(&driver);
    assert!(!std::sync::Arc::ptr_eq(&first, &text));
    assert!(text.text.to_string().contains("Home visit with Mr Smith"));

    // Typing into the title is not made into an export key by key; once the box closes,
    // the export is of the new title.
    driver.press(KeyCode::Tab);
    driver.press(KeyCode::Enter);
    clear_editor(&mut driver);
    driver.chars("Home visit");
    assert!(std::sync::Arc::ptr_eq(&text, &made(&driver)));
    driver.press(KeyCode::Esc);
    let retitled = made(&driver);
    assert!(retitled.findings.is_empty(), "{:?}", retitled.findings);
    assert!(!retitled.text.to_string().contains("Mr Smith"));
    find_on_screen(&driver.app, "Likely identifiers: 0");

    // Unticking one is another choice.
    driver.press(KeyCode::BackTab);
    driver.chars(" ");
    let fewer = made(&driver);
    assert!(!std::sync::Arc::ptr_eq(&retitled, &fewer));

    // Another template, the choice kept, is another export.
    let kept = chosen(&driver);
    driver.chars("t");
    assert_eq!(chosen(&driver), kept);
    let nmc = made(&driver);
    assert!(!std::sync::Arc::ptr_eq(&fewer, &nmc));
    assert!(nmc.text.to_string().contains("reflective account"));
}

#[test]
fn the_preview_is_laid_out_once_for_each_export_and_width() {
    let mut driver = Driver::new(three_years());
    driver.chars("x");
    driver.chars("a");
    driver.chars("p");
    let rows = |driver: &Driver| {
        let state = export_state(driver);
        wheelbook::tui::screens::export::preview_rows(&driver.app, &state)
    };
    let first = rows(&driver);
    // 120 columns less the border.
    assert_eq!(first.width, 118);
    assert!(first.rows.len() > 1000, "{} rows", first.rows.len());
    // Columns, not characters: the generated answers quote Bengali, with its combining marks.
    let columns = |row: &String| unicode_width::UnicodeWidthStr::width(row.as_str());
    assert!(first.rows.iter().all(|row| columns(row) <= 118));
    driver.press(KeyCode::PageDown);
    let page = export_state(&driver).preview.expect("previewing");
    assert!(page > 20, "a page of rows: {page}");
    driver.press(KeyCode::Down);
    assert_eq!(export_state(&driver).preview, Some(page + 1));
    assert!(std::sync::Arc::ptr_eq(&first, &rows(&driver)));

    // Narrower, the same text takes more rows; the preview still ends at its last one.
    driver.send(wheelbook::tui::app::Msg::Resize(80, 24));
    let narrow = rows(&driver);
    assert_eq!(narrow.width, 78);
    assert!(narrow.rows.len() > first.rows.len());
    driver.press(KeyCode::Down);
    assert!(
        std::sync::Arc::ptr_eq(&narrow, &rows(&driver)),
        "laid out once for the new width"
    );
    for _ in 0..(narrow.rows.len() / 10) {
        driver.press(KeyCode::PageDown);
    }
    let last = narrow.rows.last().expect("rows").clone();
    assert!(!last.is_empty());
    find_on_screen(&driver.app, &last);
}

#[test]
fn page_keys_move_the_list_a_page_and_the_preview_says_its_own_keys() {
    let mut driver = Driver::new(three_years());
    driver.chars("x");
    driver.press(KeyCode::PageDown);
    let page = export_state(&driver).cursor;
    assert!(page > 20, "a page of the list: {page}");
    driver.press(KeyCode::PageDown);
    assert_eq!(export_state(&driver).cursor, 2 * page);
    driver.press(KeyCode::PageUp);
    assert_eq!(export_state(&driver).cursor, page);

    // One line of help for each page key: the screen's, not the global one as well.
    driver.chars("?");
    let help = screen_rows(&driver.app).join("\n");
    assert_eq!(help.matches("A page down the list").count(), 1, "{help}");
    assert!(!help.contains("Scroll down a page"), "{help}");
    driver.press(KeyCode::Esc);

    driver.chars("p");
    let rows = screen_rows(&driver.app);
    let keys = rows
        .iter()
        .rev()
        .find(|row| !row.trim().is_empty())
        .expect("a key line");
    assert!(keys.contains("scroll") && keys.contains("close"), "{keys}");
    assert!(!keys.contains("tick"), "{keys}");
    driver.chars("p");
    assert!(
        export_state(&driver).preview.is_none(),
        "p closes the preview"
    );
}

/// A CPD log says when it holds only some of the years it covers, so that its totals are
/// not taken for all of the owner's CPD.
#[test]
fn a_cpd_log_ticked_by_hand_says_it_holds_only_some_reflections() {
    let mut driver = Driver::new(three_years());
    open_export_on(&mut driver, "cpd-log");
    let narrowed = "holds only some of your reflections (ticked on the export screen)";
    assert!(!made(&driver).text.to_string().contains(narrowed));
    // Untick one of the years the log covers.
    let ticked = chosen(&driver);
    let first_ticked = wheelbook::tui::screens::export::offered(&driver.app)
        .iter()
        .position(|&i| ticked.contains(&driver.app.workbook.reflections[i].id))
        .expect("one ticked");
    for _ in 0..first_ticked {
        driver.press(KeyCode::Down);
    }
    driver.chars(" ");
    assert!(made(&driver).text.to_string().contains(narrowed));
    driver.chars(" ");
    assert!(
        !made(&driver).text.to_string().contains(narrowed),
        "the years it covers, ticked by hand"
    );
    // Every complete reflection, older ones too, leaves nothing of the years out.
    driver.chars("a");
    assert!(!made(&driver).text.to_string().contains(narrowed));
}
