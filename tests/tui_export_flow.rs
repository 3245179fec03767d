//! Exports and CPD details from the terminal UI, through the pure `update` as a user types:
//! what is previewed, checked for identifiers and written is what the screens show.

mod tui_driver;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use tui_driver::{
    Driver, complete, export_state, find_on_screen, newest_mut, open_export_on,
    start_resilience_reflection,
};
use wheelbook::tui::app::{Effect, Msg, Overlay, Screen};
use wheelbook::workbook::Focus;
use wheelbook::workbook::intern::SharedId;

#[test]
fn exporting_from_the_screens_checks_for_identifiers_then_writes() {
    let mut workbook = complete(6, 12);
    let newest = workbook.newest_first()[0].id.clone();
    let reflection = newest_mut(&mut workbook);
    reflection.title = "Home visit with Mr Smith".into();
    let mut driver = Driver::new(workbook);
    driver.app.export_dir = std::path::PathBuf::from("/exports");

    driver.chars("x");
    let Screen::Export(state) = &driver.app.screen else {
        panic!("the export screen")
    };
    assert_eq!(
        state.chosen,
        std::slice::from_ref(&newest),
        "the most recent complete reflection"
    );
    find_on_screen(&driver.app, "Likely identifiers: 1");

    // Writing is refused while the finding is open.
    driver.chars("w");
    assert!(driver.app.overlay.is_none());
    assert!(
        driver
            .app
            .status
            .as_ref()
            .is_some_and(|(_, m)| m.contains("likely identifier"))
    );

    // Enter on a finding in the title edits the title right here.
    driver.press(KeyCode::Tab);
    driver.press(KeyCode::Enter);
    let Some(Overlay::Editor(editor)) = &driver.app.overlay else {
        panic!("the title to edit")
    };
    assert_eq!(editor.text(), "Home visit with Mr Smith");
    driver.press(KeyCode::Esc);
    assert!(matches!(&driver.app.screen, Screen::Export(_)));

    // Confirming it as safe lets the file be written.
    driver.chars("y");
    find_on_screen(&driver.app, "[safe]");
    driver.chars("p");
    find_on_screen(&driver.app, "# Reflection: Home visit with Mr Smith");
    driver.chars("w");
    let Some(Overlay::Editor(editor)) = &driver.app.overlay else {
        panic!("asks where to write")
    };
    assert_eq!(editor.text(), "/exports/record-2026-11-23.md");
    let effects = driver.press(KeyCode::Enter);
    match effects.as_slice() {
        [Effect::WriteFile { path, text }] => {
            assert_eq!(
                path,
                &std::path::PathBuf::from("/exports/record-2026-11-23.md")
            );
            assert!(text.starts_with("# Reflection: Home visit with Mr Smith"));
        }
        other => panic!("expected one WriteFile, got {other:?}"),
    }
    driver.send(Msg::Written(Ok("/exports/record-2026-11-23.md".into())));
    assert!(
        driver
            .app
            .status
            .as_ref()
            .is_some_and(|(_, m)| m.contains("readable by you alone"))
    );

    // A path typed from the home folder, as in a shell.
    driver.app.home_dir = Some("/home/sam".into());
    driver.chars("w");
    for _ in 0.."/exports/record-2026-11-23.md".len() {
        driver.press(KeyCode::Backspace);
    }
    driver.send(Msg::Paste("~/cpd/record.md".into()));
    match driver.press(KeyCode::Enter).as_slice() {
        [Effect::WriteFile { path, .. }] => {
            assert_eq!(path, &std::path::PathBuf::from("/home/sam/cpd/record.md"))
        }
        other => panic!("expected one WriteFile, got {other:?}"),
    }
    // An emptied line writes nothing, and says so.
    driver.chars("w");
    for _ in 0.."/exports/record-2026-11-23.md".len() {
        driver.press(KeyCode::Backspace);
    }
    assert!(driver.press(KeyCode::Enter).is_empty());
    let status = driver.app.status.clone().expect("a message").1;
    assert_eq!(status, "Nothing written.");
    // Esc, as everywhere, goes back: the file named is not written.
    driver.chars("w");
    assert!(matches!(driver.app.overlay, Some(Overlay::Editor(_))));
    assert!(driver.press(KeyCode::Esc).is_empty(), "Esc writes nothing");
    assert!(driver.app.overlay.is_none());
    let status = driver.app.status.clone().expect("a message").1;
    assert_eq!(status, "Nothing written.");
}

#[test]
fn a_file_name_that_could_not_be_written_is_offered_again() {
    let mut driver = Driver::new(complete(3, 5));
    driver.app.export_dir = std::path::PathBuf::from("/exports");
    driver.chars("x");
    driver.chars("w");
    let offered = |driver: &Driver| match &driver.app.overlay {
        Some(Overlay::Editor(editor)) => editor.text(),
        other => panic!("asks where to write, not {other:?}"),
    };
    assert_eq!(offered(&driver), "/exports/record-2026-11-23.md");
    for _ in 0..".md".len() {
        driver.press(KeyCode::Backspace);
    }
    driver.chars("-for-supervision.md");
    let effects = driver.press(KeyCode::Enter);
    assert!(matches!(effects.as_slice(), [Effect::WriteFile { .. }]));
    driver.send(Msg::Written(Err(
        "/exports/record-2026-11-23-for-supervision.md is already there".into(),
    )));
    // The box opens again on the name typed, to change it.
    let status = driver.app.status.clone().expect("a message").1;
    assert!(status.starts_with("Not written:"), "{status}");
    assert!(
        status.contains("Change the name and press Enter"),
        "{status}"
    );
    let kept = "/exports/record-2026-11-23-for-supervision.md";
    assert_eq!(offered(&driver), kept);
    // Esc leaves it; w offers it again.
    driver.press(KeyCode::Esc);
    assert!(driver.app.overlay.is_none());
    driver.chars("w");
    assert_eq!(offered(&driver), kept);
    driver.press(KeyCode::Enter);
    driver.send(Msg::Written(Ok(kept.into())));
    // Once written, the next file is offered its own name again.
    driver.chars("w");
    assert_eq!(offered(&driver), "/exports/record-2026-11-23.md");

    // A name kept after a failure is not offered for another format or template.
    driver.press(KeyCode::Enter);
    driver.send(Msg::Written(Err("no room left on the disk".into())));
    driver.press(KeyCode::Esc);
    driver.chars("f");
    driver.chars("w");
    assert_eq!(offered(&driver), "/exports/record-2026-11-23.txt");
    driver.press(KeyCode::Enter);
    driver.send(Msg::Written(Err("no room left on the disk".into())));
    driver.press(KeyCode::Esc);
    driver.chars("t");
    driver.chars("w");
    assert_eq!(
        offered(&driver),
        "/exports/nmc-reflective-account-2026-11-23.txt"
    );

    // A name typed and left with Esc is offered again, not lost.
    driver.chars("-draft");
    driver.press(KeyCode::Esc);
    driver.chars("w");
    assert_eq!(
        offered(&driver),
        "/exports/nmc-reflective-account-2026-11-23.txt-draft"
    );

    // Written to another folder, the next file is offered a name in that folder.
    for _ in 0..offered(&driver).chars().count() {
        driver.press(KeyCode::Backspace);
    }
    driver.chars("/home/sam/cpd/account.txt");
    driver.press(KeyCode::Enter);
    driver.send(Msg::Written(Ok("/home/sam/cpd/account.txt".into())));
    driver.chars("w");
    assert_eq!(
        offered(&driver),
        "/home/sam/cpd/nmc-reflective-account-2026-11-23.txt"
    );
}

#[test]
fn cpd_details_are_recorded_from_the_summary() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    driver.chars("s"); // summary
    driver.chars("d");
    assert!(matches!(driver.app.screen, Screen::Cpd(_)));
    // A choice not made yet says so in words a clinician uses.
    find_on_screen(&driver.app, "Participatory");
    find_on_screen(&driver.app, "not recorded yet");
    // Date: a wrong one is refused and the editor stays open.
    driver.press(KeyCode::Enter);
    driver.chars("20 Nov 2026");
    driver.press(KeyCode::Enter);
    assert!(matches!(driver.app.overlay, Some(Overlay::Editor(_))));
    for _ in 0.."20 Nov 2026".len() {
        driver.press(KeyCode::Backspace);
    }
    // As written in the UK.
    driver.chars("20/11/2026");
    driver.press(KeyCode::Enter);
    driver.press(KeyCode::Down); // hours
    driver.press(KeyCode::Enter);
    driver.chars("1.5");
    driver.press(KeyCode::Enter);
    driver.press(KeyCode::Down); // participatory
    driver.chars(" ");
    driver.press(KeyCode::Down); // method
    driver.press(KeyCode::Enter);
    driver.chars("supervision");
    driver.press(KeyCode::Enter);
    driver.press(KeyCode::Down); // type
    driver.press(KeyCode::Right);
    driver.press(KeyCode::Down); // planned
    driver.press(KeyCode::Right);
    driver.press(KeyCode::Right); // prompted by events
    driver.press(KeyCode::Down); // first theme
    driver.chars(" ");
    driver.press(KeyCode::Down);
    driver.press(KeyCode::Down); // third theme
    driver.chars(" ");
    for _ in 0..2 {
        driver.press(KeyCode::Down);
    }
    driver.press(KeyCode::Enter); // evidence
    driver.chars("Supervision notes");
    driver.press(KeyCode::Enter);
    driver.press(KeyCode::Esc);
    assert!(matches!(driver.app.screen, Screen::Summary(_)));

    let cpd = &driver.reflection().cpd;
    assert_eq!(cpd.activity_date, NaiveDate::from_ymd_opt(2026, 11, 20));
    assert_eq!(cpd.hours, Some(1.5));
    assert_eq!(cpd.participatory, Some(true));
    assert_eq!(cpd.method.as_deref(), Some("supervision"));
    assert_eq!(cpd.activity_type.as_deref(), Some("work-based-learning"));
    assert_eq!(cpd.planned, Some(false));
    let themes: Vec<&str> = cpd.code_themes.iter().map(SharedId::as_str).collect();
    assert_eq!(themes, ["preserve-safety", "prioritise-people"]);
    assert_eq!(cpd.evidence.as_deref(), Some("Supervision notes"));
    assert!(driver.app.save.dirty);
}

#[test]
fn export_wording_can_be_rewritten_for_one_export_only() {
    let workbook = complete(6, 12);
    let before = workbook.clone();
    let mut driver = Driver::new(workbook);
    driver.app.export_dir = std::path::PathBuf::from("/exports");

    open_export_on(&mut driver, "nmc-reflective-account");
    driver.press(KeyCode::Tab);
    find_on_screen(&driver.app, "› Wording: 0 of 4 edited");
    find_on_screen(&driver.app, "Changes here are only for this export.");
    let pane = |driver: &Driver| export_state(driver).pane;
    use wheelbook::tui::screens::export::Pane;
    for (key, expected) in [
        (KeyCode::Tab, Pane::Findings),
        (KeyCode::Tab, Pane::Reflections),
        (KeyCode::BackTab, Pane::Findings),
        (KeyCode::BackTab, Pane::Wording),
    ] {
        driver.press(key);
        assert_eq!(pane(&driver), expected);
    }

    // Enter opens the first prompt with what the Wheel filled in.
    let fields = wheelbook::tui::screens::export::fields(&driver.app, &export_state(&driver));
    let first = fields[0].clone();
    assert!(first.key.ends_with("/nature"), "{}", first.key);
    driver.press(KeyCode::Enter);
    let Some(Overlay::Editor(editor)) = &driver.app.overlay else {
        panic!("the editor")
    };
    assert_eq!(editor.text(), first.text);

    // What is typed is the export's wording at once; back to what was filled, it is no edit.
    driver.chars("X");
    assert_eq!(
        export_state(&driver).options.edits.get(&first.key),
        Some(&format!("{}X", first.text))
    );
    driver.press(KeyCode::Backspace);
    assert!(export_state(&driver).options.edits.is_empty());
    let added = " I now ring the carer before every discharge.";
    driver.send(Msg::Paste(added.into()));
    driver.press(KeyCode::Esc);
    assert!(driver.app.overlay.is_none());
    let wording = format!("{}{added}", first.text);
    assert_eq!(
        export_state(&driver).options.edits.get(&first.key),
        Some(&wording)
    );
    find_on_screen(&driver.app, "› Wording: 1 of 4 edited");
    find_on_screen(&driver.app, "(edited)");

    // The preview and the file carry it; the workbook does not.
    driver.chars("p");
    find_on_screen(&driver.app, "I now ring the carer");
    driver.press(KeyCode::Esc);
    driver.chars("w");
    let Some(Overlay::Editor(editor)) = &driver.app.overlay else {
        panic!("asks where to write")
    };
    assert_eq!(
        editor.text(),
        "/exports/nmc-reflective-account-2026-11-23.md"
    );
    let effects = driver.press(KeyCode::Enter);
    match effects.as_slice() {
        [Effect::WriteFile { text, .. }] => assert!(text.contains(&wording), "{text}"),
        other => panic!("expected one WriteFile, got {other:?}"),
    }
    assert_eq!(driver.app.workbook, before);
    assert!(!driver.app.save.dirty);
    assert_eq!(driver.saves, 0);

    // A template without wording to edit has no such pane.
    driver.chars("t");
    assert_eq!(export_state(&driver).template().name(), "cpd-log");
    assert_eq!(pane(&driver), Pane::Reflections);
    driver.press(KeyCode::Tab);
    assert_eq!(pane(&driver), Pane::Findings);
    driver.press(KeyCode::Tab);
    assert_eq!(pane(&driver), Pane::Reflections);

    // The HCPC profile's summary, which the workbook does not hold, is written here.
    driver.chars("t");
    assert_eq!(export_state(&driver).template().name(), "hcpc-profile");
    driver.press(KeyCode::Tab);
    find_on_screen(&driver.app, "› Summary of practice history");
    find_on_screen(&driver.app, "(empty: Enter to write it)");
    driver.press(KeyCode::Enter);
    driver.chars("Ward sister.");
    driver.press(KeyCode::Esc);
    let state = export_state(&driver);
    assert_eq!(
        state.options.edits.get("summary").map(String::as_str),
        Some("Ward sister.")
    );
    let prepared = wheelbook::tui::screens::export::prepare(&driver.app, &state).expect("export");
    assert!(prepared.text.to_string().contains("Ward sister."));
}

#[test]
fn wording_typed_for_an_export_is_checked_for_identifiers() {
    let workbook = complete(4, 14);
    let mut driver = Driver::new(workbook);
    open_export_on(&mut driver, "nmc-reflective-account");
    find_on_screen(&driver.app, "Likely identifiers: 0");
    driver.press(KeyCode::Tab); // the wording pane
    driver.press(KeyCode::Enter);
    driver.send(Msg::Paste(" I learnt this from Mrs Begum.".into()));
    driver.press(KeyCode::Esc);
    find_on_screen(&driver.app, "Likely identifiers: 1");
    driver.chars("w");
    assert!(
        driver.app.overlay.is_none(),
        "nothing is written while the finding is open"
    );
}

#[test]
fn a_finding_in_an_answer_opens_its_area_and_x_returns_to_the_same_export() {
    let mut workbook = complete(5, 15);
    for reflection in workbook.reflections_mut() {
        reflection.focus = Focus::Areas(vec!["resilience".into()]);
    }
    let newest = workbook.newest_first()[0].id.clone();
    let reflection = newest_mut(&mut workbook);
    reflection
        .answers
        .insert("resilience.q2", "Talked it over with Mrs Begum.".into());
    let mut driver = Driver::new(workbook);
    driver.chars("x");
    driver.chars("t"); // another template than the first
    let chosen_template = match &driver.app.screen {
        Screen::Export(state) => state.template,
        _ => panic!("export"),
    };
    // Tab until the findings pane, then Enter on the finding.
    while !matches!(&driver.app.screen, Screen::Export(s) if s.pane == wheelbook::tui::screens::export::Pane::Findings)
    {
        driver.press(KeyCode::Tab);
    }
    driver.press(KeyCode::Enter);
    let Screen::Area(area) = &driver.app.screen else {
        panic!("the area to edit")
    };
    assert_eq!(area.area, 0, "resilience, where the answer is");
    // On the answer itself: resilience's second question, after its two competencies.
    let resilience = driver.app.pack.area("resilience").expect("resilience");
    let reflection = driver.reflection_by_id(&newest);
    let items = wheelbook::tui::screens::area::items(&driver.app, reflection, resilience);
    assert_eq!(
        items[area.selected],
        wheelbook::tui::screens::area::Item::Question(1)
    );
    driver.press(KeyCode::Esc); // home
    driver.chars("x");
    let Screen::Export(state) = &driver.app.screen else {
        panic!("export again")
    };
    assert_eq!(
        state.template, chosen_template,
        "the same export, not a new one"
    );
}

#[test]
fn the_preview_pages_by_its_height_and_stops_at_its_last_line() {
    let mut driver = Driver::new(complete(6, 16));
    driver.chars("x");
    // Every reflection, so that the text is many pages long.
    let offered = wheelbook::tui::screens::export::offered(&driver.app).len();
    for _ in 0..offered {
        driver.chars(" ");
        driver.press(KeyCode::Down);
    }
    driver.chars("p");
    let scroll = |driver: &Driver| export_state(driver).preview.expect("previewing");
    assert_eq!(scroll(&driver), 0);
    driver.press(KeyCode::PageDown);
    // 40 rows: the title bar, the hint and status lines, two of heading and the border's
    // two leave 33 rows of text; a page keeps one of them in view.
    assert_eq!(scroll(&driver), 32);
    let mut pages = 1;
    while pages < 100 {
        let before = scroll(&driver);
        driver.press(KeyCode::PageDown);
        if scroll(&driver) == before {
            break;
        }
        pages += 1;
    }
    assert!(pages > 2 && pages < 100, "{pages} pages");
    let end = scroll(&driver);
    driver.press(KeyCode::Down);
    assert_eq!(scroll(&driver), end, "no further than the last line");
    let state = export_state(&driver);
    let prepared = wheelbook::tui::screens::export::prepare(&driver.app, &state).expect("export");
    let text = prepared.text.to_string();
    let last = text.lines().rfind(|l| !l.trim().is_empty()).expect("text");
    let opening: String = last.chars().take(30).collect();
    find_on_screen(&driver.app, &opening);
}
