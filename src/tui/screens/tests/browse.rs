//! Tests of the browse screen code.

use std::time::Instant;

use crossterm::event::{KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::content::PackSource;
use crate::tui::app::Msg;
use crate::tui::theme::Theme;
use crate::tui::{update, view};
use crate::workbook::generate::generate;

fn app(size: (u16, u16)) -> App {
    let pack = PackSource::BuiltIn.load().unwrap();
    let workbook = generate(&pack, 30, 7);
    let today = "2026-11-01".parse().unwrap();
    let mut app = App::new(pack, workbook, today, Theme::COLOUR, size);
    app.screen = Screen::Browse(State::default());
    app
}

fn press(app: &mut App, code: KeyCode) {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    let now = Now {
        instant: Instant::now(),
        time: crate::workbook::now(),
    };
    update::update(app, Msg::Key(KeyEvent::new(code, modifiers)), &now);
}

fn screen(app: &App) -> String {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    let rows = (0..height).map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect());
    rows.collect::<Vec<String>>().join("\n")
}

fn browse(app: &App) -> &State {
    match &app.screen {
        Screen::Browse(state) => state,
        other => panic!("not browsing: {other:?}"),
    }
}

fn selected_id(app: &App) -> String {
    let index = listed(app, browse(app))[browse(app).selected];
    app.workbook.reflections[index].id.clone()
}

#[test]
fn the_list_lays_out_at_80x24_and_120x40() {
    for size in [(80, 24), (120, 40)] {
        let mut app = app(size);
        let newest = &app.workbook.reflections[listed(&app, browse(&app))[0]];
        let start: String = newest.title.chars().take(12).collect();
        let text = screen(&app);
        for expected in [
            "30 of 30 reflections",
            "a Area: any",
            "d Date: all time",
            "status",
            "› ",
            &start,
            "Enter read",
            "D delete",
            "Esc home",
        ] {
            assert!(
                text.contains(expected),
                "{size:?} lacks {expected:?}:\n{text}"
            );
        }
        press(&mut app, KeyCode::Char('d'));
        press(&mut app, KeyCode::Char('c'));
        let text = screen(&app);
        assert!(
            text.contains("last 30 days") && text.contains("x clears all filters"),
            "{text}"
        );
        browse_mut(&mut app).set_search("no such words anywhere".into());
        let text = screen(&app);
        assert!(
            text.contains("0 of 30") && text.contains("Press x to clear them all, or change them"),
            "{text}"
        );
    }
}

fn browse_mut(app: &mut App) -> &mut State {
    match &mut app.screen {
        Screen::Browse(state) => state,
        other => panic!("not browsing: {other:?}"),
    }
}

#[test]
fn filter_keys_cycle_and_x_clears() {
    let mut app = app((80, 24));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(
        browse(&app).area.as_deref(),
        Some(app.pack.areas[0].id.as_str())
    );
    for _ in 0..app.pack.areas.len() {
        press(&mut app, KeyCode::Char('a'));
    }
    assert_eq!(browse(&app).area, None);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(
        browse(&app).context.as_deref(),
        Some(app.pack.contexts[0].id.as_str())
    );
    assert_eq!(browse(&app).period, Period::Last30Days);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(browse(&app), &State::default());
}

#[test]
fn search_filters_as_it_is_typed() {
    let mut app = app((80, 24));
    press(&mut app, KeyCode::Char('/'));
    assert!(matches!(app.overlay, Some(Overlay::Editor(_))));
    for c in "zq".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    assert_eq!(browse(&app).search, "zq");
    assert!(listed(&app, browse(&app)).is_empty());
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(browse(&app).search, "zq");
}

#[test]
fn deleting_asks_then_removes_and_keeps_the_selection_valid() {
    let mut app = app((80, 24));
    press(&mut app, KeyCode::Down);
    let doomed = selected_id(&app);
    let next = app.workbook.reflections[listed(&app, browse(&app))[2]]
        .id
        .clone();
    press(&mut app, KeyCode::Char('D'));
    assert!(
        matches!(&app.overlay, Some(Overlay::Confirm(c)) if c.question.starts_with("Delete the reflection “"))
    );
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.workbook.reflections.len(), 29);
    assert!(app.workbook.reflections.iter().all(|r| r.id != doomed));
    assert!(app.save.dirty);
    assert_eq!((browse(&app).selected, selected_id(&app)), (1, next));
    // The last one: the selection moves up to the new last.
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(browse(&app).selected, 28);
    press(&mut app, KeyCode::Delete);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(browse(&app).selected, 27);
    // "n" keeps it.
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.workbook.reflections.len(), 28);
    // The order Home lists from is kept in step with the deletions.
    assert_eq!(app.newest_first, app.workbook.newest_first_indices());
}

#[test]
fn read_only_asks_nothing_and_deletes_nothing() {
    let mut app = app((80, 24));
    app.read_only = Some("another wheelbook has it open".into());
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('e'));
    assert!(app.overlay.is_none());
    assert!(matches!(app.screen, Screen::Browse(_)));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|(_, m)| m.starts_with("Read-only"))
    );
}

#[test]
fn e_edits_a_draft_or_a_complete_reflection() {
    let mut app = app((80, 24));
    let complete = listed(&app, browse(&app))
        .iter()
        .position(|&i| app.workbook.reflections[i].status == Status::Complete)
        .unwrap();
    browse_mut(&mut app).selected = complete;
    let index = listed(&app, browse(&app))[complete];
    press(&mut app, KeyCode::Char('e'));
    assert!(matches!(&app.screen, Screen::Area(s) if s.reflection == index));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|(_, m)| m.contains("Editing a complete reflection"))
    );
}

#[test]
fn reading_scrolls_within_the_text_and_goes_back_to_the_same_list() {
    for size in [(80, 24), (120, 40)] {
        let mut app = app(size);
        press(&mut app, KeyCode::Char('d'));
        press(&mut app, KeyCode::Char('d'));
        press(&mut app, KeyCode::Down);
        let filters = browse(&app).clone();
        // A reflection longer than the screen, whatever was generated.
        let index = listed(&app, browse(&app))[browse(&app).selected];
        let long = vec!["A line of a long answer."; 120].join("\n");
        app.workbook
            .reflection_mut(index)
            .answers
            .insert("resilience.q1", long);
        press(&mut app, KeyCode::Enter);
        let text = screen(&app);
        assert!(
            text.contains(" lines 1-") && text.contains("PgDn for more"),
            "{text}"
        );
        assert!(text.contains("Context: "), "{text}");
        for _ in 0..500 {
            press(&mut app, KeyCode::PageDown);
        }
        let Screen::Reading(reading) = &app.screen else {
            panic!("not reading")
        };
        let scroll = reading.scroll;
        press(&mut app, KeyCode::Up);
        let Screen::Reading(reading) = &app.screen else {
            panic!("not reading")
        };
        assert_eq!(reading.scroll + 1, scroll, "Up works at once after the end");
        press(&mut app, KeyCode::Down);
        let text = screen(&app);
        assert!(text.contains("· end"), "{text}");
        press(&mut app, KeyCode::Esc);
        assert_eq!(browse(&app), &filters);
    }
}
