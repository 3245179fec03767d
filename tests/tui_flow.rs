//! The terminal UI's whole flow through the pure `update`, without a terminal: what the user
//! enters is what the workbook holds, and keys, clicks and help do what the screens say.
//! When it saves: `tui_saving.rs`; exports: `tui_export_flow.rs`.

mod tui_driver;

use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyModifiers};
use wheelbook::content::PackSource;
use wheelbook::tui::app::{Effect, Msg, Overlay, Screen};
use wheelbook::tui::theme::Theme;
use wheelbook::workbook::{ActionStatus, Focus, Status};

use tui_driver::{
    Driver, choose_resilience_and_title, find_on_screen, start_resilience_reflection,
};

#[test]
fn a_whole_reflection_ends_up_in_the_workbook_as_entered() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    assert!(matches!(driver.app.screen, Screen::Area(_)));
    let reflection = driver.reflection();
    assert_eq!(reflection.title, "After a fall at home");
    assert_eq!(reflection.context, "own-development");
    assert_eq!(reflection.focus, Focus::Areas(vec!["resilience".into()]));
    assert_eq!(reflection.status, Status::Draft);
    assert_eq!(driver.app.workbook.mode, wheelbook::workbook::Mode::Team);

    // Rate both competencies: a number key, then the arrow keys.
    driver.chars("3");
    driver.press(KeyCode::Down);
    driver.press(KeyCode::Right);
    driver.press(KeyCode::Right);
    driver.press(KeyCode::Left);
    // Answer the first question, typing it and pasting the rest.
    driver.press(KeyCode::Tab);
    driver.press(KeyCode::Enter);
    driver.chars("Walking home ");
    driver.send(Msg::Paste("helps — 🙂\nand talking it over.".into()));
    driver.press(KeyCode::Esc);
    // Tick the first example activity, add one of my own.
    driver.press(KeyCode::Tab);
    driver.press(KeyCode::Enter);
    driver.press(KeyCode::Down);
    driver.press(KeyCode::Down);
    driver.press(KeyCode::Enter); // + Add my own activity
    driver.chars("Peer support group");
    driver.press(KeyCode::Esc);
    // Both prompts.
    driver.press(KeyCode::Tab);
    driver.press(KeyCode::Enter);
    driver.chars("A hard month.");
    driver.press(KeyCode::Esc);
    driver.press(KeyCode::Down);
    driver.press(KeyCode::Enter);
    driver.chars("Book supervision.");
    driver.press(KeyCode::Esc);
    // An action with a due date.
    driver.press(KeyCode::Tab);
    driver.press(KeyCode::Enter); // + Add a development action
    driver.chars("Ask for monthly supervision");
    driver.press(KeyCode::Esc);
    driver.chars("d");
    driver.chars("2026-12-15");
    driver.press(KeyCode::Enter);
    // To the summary, and complete.
    driver.chars("n");
    assert!(matches!(driver.app.screen, Screen::Summary(_)));
    driver.chars("c");
    assert!(matches!(driver.app.screen, Screen::Home(_)));

    let reflection = driver.reflection();
    assert_eq!(reflection.ratings.get("resilience.c1"), Some(&3));
    assert_eq!(reflection.ratings.get("resilience.c2"), Some(&1));
    assert_eq!(
        reflection.answers.get("resilience.q1").map(String::as_str),
        Some("Walking home helps — 🙂\nand talking it over.")
    );
    assert!(reflection.ticked_activities.contains("resilience.a1"));
    assert_eq!(reflection.own_activities.len(), 1);
    assert_eq!(reflection.own_activities[0].text, "Peer support group");
    let prompts = reflection.prompts.get("resilience").expect("prompts");
    assert_eq!(
        prompts.get("comments").map(String::as_str),
        Some("A hard month.")
    );
    assert_eq!(
        prompts.get("develop").map(String::as_str),
        Some("Book supervision.")
    );
    assert_eq!(reflection.status, Status::Complete);
    let action = &driver.app.workbook.actions[0];
    assert_eq!(action.text, "Ask for monthly supervision");
    assert_eq!(action.due, NaiveDate::from_ymd_opt(2026, 12, 15));
    assert_eq!(action.status, ActionStatus::Open);
    assert_eq!(action.reflection.as_deref(), Some(reflection.id.as_str()));
    assert_eq!(action.area, "resilience");

    // Everything reaches the disk: the last change is saved once the user pauses.
    assert!(driver.app.save.dirty);
    driver.wait(Duration::from_secs(2));
    assert!(!driver.app.save.dirty);
}

#[test]
fn the_new_reflection_form_left_with_esc_is_kept_until_taken_up() {
    let mut driver = Driver::empty();
    choose_resilience_and_title(&mut driver);
    driver.press(KeyCode::Esc); // leaves the form, by mistake
    assert!(matches!(driver.app.screen, Screen::Home(_)));
    assert!(driver.app.workbook.reflections.is_empty());
    let status = driver.app.status.clone().expect("a message").1;
    assert!(status.contains("n takes it up again"), "{status}");

    driver.chars("n");
    let Screen::Start(form) = &driver.app.screen else {
        panic!("the form, not {:?}", driver.app.screen);
    };
    assert_eq!(form.title, "After a fall at home");
    assert_eq!(form.areas.iter().collect::<Vec<_>>(), [&6]);
    driver.press(KeyCode::Tab); // wording
    driver.press(KeyCode::Tab); // begin
    driver.press(KeyCode::Enter);
    assert_eq!(driver.reflection().title, "After a fall at home");
    assert_eq!(
        driver.reflection().focus,
        Focus::Areas(vec!["resilience".into()])
    );

    // Once begun, the form is not kept: the next one starts fresh, and leaving it untouched
    // keeps nothing either.
    driver.press(KeyCode::Esc);
    driver.press(KeyCode::Esc);
    driver.chars("n");
    let Screen::Start(form) = &driver.app.screen else {
        panic!("the form, not {:?}", driver.app.screen);
    };
    assert!(form.title.is_empty() && form.areas.is_empty());
    driver.press(KeyCode::Esc);
    assert!(driver.app.start_draft.is_none());
}

#[test]
fn quitting_with_a_new_reflection_form_in_hand_asks_first() {
    let mut driver = Driver::empty();
    choose_resilience_and_title(&mut driver);
    // On the form itself, and once it is left with Esc: q asks, n stays.
    for leave in [false, true] {
        if leave {
            driver.press(KeyCode::Esc);
            assert!(matches!(driver.app.screen, Screen::Home(_)));
        }
        assert!(driver.chars_effects("q").is_empty());
        let Some(Overlay::Confirm(confirm)) = &driver.app.overlay else {
            panic!("asks before quitting, not {:?}", driver.app.overlay)
        };
        assert!(
            confirm.question.contains("not kept"),
            "{}",
            confirm.question
        );
        assert!(driver.chars_effects("n").is_empty());
        assert!(driver.app.overlay.is_none());
    }
    driver.chars("q");
    assert_eq!(driver.chars_effects("y"), [Effect::Quit]);

    // With nothing chosen, q quits at once.
    let mut driver = Driver::empty();
    driver.chars("n");
    assert_eq!(driver.chars_effects("q"), [Effect::Quit]);
}

#[test]
fn a_title_can_be_given_or_changed_from_the_summary() {
    let mut driver = Driver::empty();
    driver.chars("n");
    for _ in 0..4 {
        driver.press(KeyCode::Tab); // to "Begin", leaving the title empty
    }
    driver.press(KeyCode::Enter);
    assert_eq!(driver.reflection().title, "");
    driver.chars("s"); // summary
    assert!(matches!(driver.app.screen, Screen::Summary(_)));
    driver.wait(Duration::from_secs(2));
    assert!(!driver.app.save.dirty, "the new reflection is saved");
    driver.chars("t");
    driver.send(Msg::Paste("Handover with the district nurses".into()));
    driver.press(KeyCode::Enter);
    assert!(driver.app.overlay.is_none());
    assert_eq!(
        driver.reflection().title,
        "Handover with the district nurses"
    );
    find_on_screen(&driver.app, "Handover with the district nurses");
    assert!(driver.app.save.dirty, "the new title is to be saved");
}

#[test]
fn a_long_message_wraps_rather_than_loses_its_end() {
    let mut driver = Driver::empty();
    driver.app.size = (60, 24);
    choose_resilience_and_title(&mut driver);
    driver.press(KeyCode::Esc);
    let status = driver.app.status.clone().expect("a message").1;
    assert!(status.len() > 60, "{status}");
    find_on_screen(&driver.app, "n takes it up again.");
    // In the narrowest window, the too-small notice shows its last words too.
    driver.app.size = (40, 10);
    let (_, asks) = find_on_screen(&driver.app, "Make the window larger, or press q to");
    let (_, ends) = find_on_screen(&driver.app, "quit.");
    assert_eq!(ends, asks + 1);
}

#[test]
fn a_complete_reflection_opened_from_home_can_be_edited_with_e() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    driver.chars("s"); // summary
    driver.chars("c"); // complete, and back home
    assert!(matches!(driver.app.screen, Screen::Home(_)));
    driver.press(KeyCode::Enter);
    assert!(matches!(driver.app.screen, Screen::Reading(_)));
    find_on_screen(&driver.app, "e edit");
    driver.chars("e");
    let Screen::Area(area) = &driver.app.screen else {
        panic!("the areas, not {:?}", driver.app.screen)
    };
    assert_eq!(area.reflection, driver.app.workbook.reflections.len() - 1);
    let status = driver.app.status.clone().expect("a message").1;
    assert!(status.contains("Editing a complete reflection"), "{status}");
}

#[test]
fn a_new_reflection_heads_the_home_list() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut driver = Driver::new(wheelbook::workbook::generate::generate(&pack, 5, 4));
    start_resilience_reflection(&mut driver);
    assert_eq!(
        driver.app.newest_first,
        driver.app.workbook.newest_first_indices()
    );
    let first = wheelbook::tui::screens::home::listed(&driver.app)[0];
    assert_eq!(
        driver.app.workbook.reflections[first].title,
        "After a fall at home"
    );
}

#[test]
fn read_only_browsing_changes_nothing() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = wheelbook::workbook::generate::generate(&pack, 3, 9);
    let mut driver = Driver::new(workbook.clone());
    driver.app.read_only = Some("another wheelbook has it open".into());
    driver.chars("n");
    assert!(matches!(driver.app.screen, Screen::Home(_)));
    assert!(
        driver
            .app
            .status
            .as_ref()
            .is_some_and(|(_, m)| m.contains("Read-only"))
    );
    driver.press(KeyCode::Enter); // opens for reading, even a draft
    assert!(matches!(driver.app.screen, Screen::Reading(_)));
    assert_eq!(driver.app.workbook, workbook);
    assert!(!driver.app.save.dirty);
}

#[test]
fn help_lists_every_key_of_the_screen_and_closes() {
    let mut driver = Driver::empty();
    driver.chars("?");
    assert!(matches!(driver.app.overlay, Some(Overlay::Help { .. })));
    driver.press(KeyCode::Esc);
    assert!(driver.app.overlay.is_none());
    assert!(
        matches!(driver.app.screen, Screen::Home(_)),
        "Esc closed help, not the screen"
    );
}

fn click(driver: &mut Driver, (column, row): (u16, u16)) -> Vec<Effect> {
    driver.send(Msg::Mouse(crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

#[test]
fn clicking_selects_and_clicking_again_opens() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    let question = "How did I manage a stressful situation";
    let at = find_on_screen(&driver.app, question);
    click(&mut driver, at);
    let Screen::Area(state) = &driver.app.screen else {
        panic!("on the area screen")
    };
    assert_eq!(
        state.selected, 3,
        "competencies 0 and 1, then questions 2, 3, ..."
    );
    assert!(driver.app.overlay.is_none());
    let at = find_on_screen(&driver.app, question);
    click(&mut driver, at);
    assert!(
        matches!(driver.app.overlay, Some(Overlay::Editor(_))),
        "the second click opens the answer"
    );

    // On Home, a click picks a reflection in the list.
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut driver = Driver::new(wheelbook::workbook::generate::generate(&pack, 12, 3));
    let second = wheelbook::tui::screens::home::listed(&driver.app)[1];
    let title = driver.app.workbook.reflections[second]
        .title
        .chars()
        .take(12)
        .collect::<String>();
    let created = driver.app.workbook.reflections[second]
        .created
        .format("%Y-%m-%d")
        .to_string();
    let at = find_on_screen(&driver.app, &format!("{created}  {title}"));
    click(&mut driver, at);
    let Screen::Home(state) = &driver.app.screen else {
        panic!("home")
    };
    assert_eq!(state.selected, 1);
}

/// "YYYY-MM-DD  title" as Home shows the reflection at `position` in its list.
fn home_row(driver: &Driver, position: usize) -> String {
    let index = wheelbook::tui::screens::home::listed(&driver.app)[position];
    let reflection = &driver.app.workbook.reflections[index];
    let title: String = reflection.title.chars().take(12).collect();
    format!("{}  {title}", reflection.created.format("%Y-%m-%d"))
}

#[test]
fn a_long_home_list_scrolls_to_the_selection_and_clicks_land_on_the_row_shown() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut driver = Driver::new(wheelbook::workbook::generate::generate(&pack, 300, 5));
    for _ in 0..150 {
        driver.press(KeyCode::Down);
    }
    // Only the rows that fit are drawn; the selection is among them, at the bottom.
    let (_, selected_row) = find_on_screen(&driver.app, &home_row(&driver, 150));
    let (_, above) = find_on_screen(&driver.app, &home_row(&driver, 149));
    assert_eq!(above + 1, selected_row);
    let at = find_on_screen(&driver.app, &home_row(&driver, 145));
    click(&mut driver, at);
    let Screen::Home(state) = &driver.app.screen else {
        panic!("home")
    };
    assert_eq!(state.selected, 145);
}

#[test]
fn the_chosen_wording_is_used_in_the_prompts() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver); // chooses "we"
    for _ in 0..3 {
        driver.press(KeyCode::Tab);
    }
    find_on_screen(&driver.app, "What can we do to develop in this area?");
    driver.app.workbook.mode = wheelbook::workbook::Mode::Individual;
    find_on_screen(&driver.app, "What can I do to develop in this area?");
}

/// Opens the area screen of a resilience reflection with one action, and selects it.
fn with_one_action(driver: &mut Driver) {
    start_resilience_reflection(driver);
    for _ in 0..4 {
        driver.press(KeyCode::Tab);
    }
    driver.press(KeyCode::Enter); // + Add a development action
    driver.chars("Shadow the discharge team");
    driver.press(KeyCode::Esc);
    driver.chars("d");
    driver.chars("2026-12-01");
    driver.press(KeyCode::Enter);
}

#[test]
fn clearing_an_action_never_deletes_it_and_removing_asks_first() {
    let mut driver = Driver::empty();
    with_one_action(&mut driver);
    assert_eq!(driver.app.workbook.actions.len(), 1);
    // Select all and delete the text, then leave: the earlier text comes back.
    driver.press(KeyCode::Enter);
    for _ in 0.."Shadow the discharge team".len() {
        driver.press(KeyCode::Backspace);
    }
    driver.press(KeyCode::Esc);
    let action = &driver.app.workbook.actions[0];
    assert_eq!(action.text, "Shadow the discharge team");
    assert_eq!(action.due, NaiveDate::from_ymd_opt(2026, 12, 1));
    assert!(
        driver
            .app
            .status
            .as_ref()
            .is_some_and(|(_, m)| m.contains("earlier text was kept"))
    );

    // A new action left empty is not kept.
    driver.press(KeyCode::Down); // + Add a development action
    driver.press(KeyCode::Enter);
    driver.press(KeyCode::Esc);
    assert_eq!(driver.app.workbook.actions.len(), 1);

    // D asks; n keeps it, y removes it.
    driver.press(KeyCode::Up);
    driver.chars("D");
    assert!(matches!(driver.app.overlay, Some(Overlay::Confirm(_))));
    driver.chars("n");
    assert_eq!(driver.app.workbook.actions.len(), 1);
    driver.chars("D");
    driver.chars("y");
    assert!(driver.app.workbook.actions.is_empty());
    assert!(
        driver.app.actions_by_reflection.values().all(Vec::is_empty),
        "the index the area screen lists actions from is kept in step"
    );
}

#[test]
fn while_the_window_is_too_small_only_quit_works() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = wheelbook::workbook::generate::generate(&pack, 5, 2);
    let mut driver = Driver::new(workbook.clone());
    driver.send(Msg::Resize(50, 15));
    driver.chars("b");
    driver.chars("D");
    driver.chars("y");
    assert!(matches!(driver.app.screen, Screen::Home(_)));
    assert_eq!(driver.app.workbook, workbook, "nothing changed unseen");
    assert_eq!(driver.press(KeyCode::Char('q')), vec![Effect::Quit]);
}

#[test]
fn help_scrolls_no_further_than_its_last_line() {
    let mut driver = Driver::empty();
    driver.send(Msg::Resize(80, 24));
    start_resilience_reflection(&mut driver);
    driver.chars("?");
    for _ in 0..300 {
        driver.press(KeyCode::Down);
    }
    let limit = wheelbook::tui::view::help_scroll_limit(&driver.app);
    assert!(limit > 0, "the area help is longer than an 80x24 window");
    assert!(matches!(driver.app.overlay, Some(Overlay::Help { scroll }) if scroll == limit));
    find_on_screen(&driver.app, "Undo / redo");
}

#[test]
fn with_no_color_no_cell_has_a_colour() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut driver = Driver::new(wheelbook::workbook::generate::generate(&pack, 20, 4));
    driver.app.theme = Theme::MONO;
    let whole_wheel = driver
        .app
        .workbook
        .reflections
        .iter()
        .rposition(|r| r.focus == Focus::WholeWheel)
        .expect("a whole-wheel reflection");
    for keys in ["", "b", "\n", "\u{1b}\u{1b}a", "\u{1b}n", "summary"] {
        if keys == "summary" {
            driver.app.screen =
                Screen::Summary(wheelbook::tui::screens::summary::State::new(whole_wheel));
            driver.app.overlay = None;
        }
        let keys = if keys == "summary" { "" } else { keys };
        for key in keys.chars() {
            let code = match key {
                '\n' => KeyCode::Enter,
                '\u{1b}' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            driver.press(code);
        }
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
        terminal
            .draw(|frame| wheelbook::tui::view::draw(frame, &driver.app))
            .expect("draw");
        for cell in terminal.backend().buffer().content() {
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "{keys:?}: {cell:?}");
            assert_eq!(cell.bg, ratatui::style::Color::Reset, "{keys:?}: {cell:?}");
        }
    }
}

/// Someone who forgets to press Enter and types a sentence on a competency must not change
/// its rating: only digits and the arrow keys rate (h and l are arrows elsewhere).
#[test]
fn letters_typed_on_a_competency_leave_its_rating_alone() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    driver.chars("2");
    let rated = |driver: &Driver| driver.reflection().ratings.iter().next().map(|(_, &v)| v);
    assert_eq!(rated(&driver), Some(2));
    driver.chars("hello");
    assert!(
        matches!(driver.app.screen, Screen::Area(_)),
        "still on the area"
    );
    assert_eq!(rated(&driver), Some(2), "h and l left the rating alone");
    driver.press(KeyCode::Right);
    assert_eq!(rated(&driver), Some(3), "the arrow keys still rate");
}

/// An empty Home names where the workbook is kept, so that a mistyped --data-dir shows at
/// once instead of passing for lost work.
#[test]
fn an_empty_home_says_where_the_workbook_is_kept() {
    let mut driver = Driver::empty();
    driver.app.workbook_path = Some("/d/workbook.json".into());
    find_on_screen(&driver.app, "Your workbook is kept in /d/workbook.json");
}
