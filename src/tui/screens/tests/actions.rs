//! Tests of the actions screen code.

use std::time::Instant;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::content::PackSource;
use crate::tui::app::{Msg, StatusKind};
use crate::tui::theme::Theme;
use crate::tui::update::update;
use crate::tui::view::draw;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn now() -> Now {
    Now {
        instant: Instant::now(),
        time: "2026-11-01T10:00:00+00:00".parse().unwrap(),
    }
}

/// A generated workbook with six known actions; today is 2026-11-01.
fn app() -> App {
    let pack = PackSource::BuiltIn.load().unwrap();
    let workbook = workbook::generate::generate(&pack, 20, 7);
    let mut app = App::new(pack, workbook, date("2026-11-01"), Theme::COLOUR, (80, 24));
    let known = [
        ("Undated open", ActionStatus::Open, None),
        ("Done one", ActionStatus::Done, Some("2026-10-01")),
        ("Later open", ActionStatus::Open, Some("2026-12-01")),
        ("Overdue open", ActionStatus::Open, Some("2026-10-15")),
        ("Dropped one", ActionStatus::Dropped, None),
        ("Soon open", ActionStatus::Open, Some("2026-11-05")),
    ];
    let reflection = app.workbook.reflections[0].id.clone();
    app.workbook.actions = known
        .iter()
        .enumerate()
        .map(|(i, (text, status, due))| workbook::Action {
            id: format!("a-{i}"),
            created: app.workbook.created,
            updated: app.workbook.created,
            text: text.to_string(),
            area: app.pack.areas[i % 2].id.as_str().into(),
            reflection: Some(reflection.clone()),
            due: due.map(date),
            status: *status,
        })
        .collect();
    app.reindex();
    app.screen = Screen::Actions(State::default());
    app
}

fn press(app: &mut App, code: KeyCode) {
    update(
        app,
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        &now(),
    );
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|frame| draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width as usize;
    let cells: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    cells.chunks(width).map(|row| row.concat() + "\n").collect()
}

#[test]
fn open_actions_come_first_overdue_first_then_done_then_dropped() {
    let app = app();
    assert_eq!(order(&app.workbook), [3, 5, 2, 0, 1, 4]);
    let late: Vec<bool> = app
        .workbook
        .actions
        .iter()
        .map(|a| overdue(a, app.today))
        .collect();
    // The done action is past its date but not overdue.
    assert_eq!(late, [false, false, false, true, false, false]);
    let header: String = header(&app)
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    assert_eq!(header, "4 open (1 overdue) · 1 done · 1 dropped");
}

#[test]
fn space_and_s_cycle_the_status_of_the_selected_action() {
    let mut app = app();
    press(&mut app, KeyCode::Down); // "Soon open"
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.workbook.actions[5].status, ActionStatus::Done);
    assert_eq!(app.workbook.actions[5].updated, now().time);
    assert!(app.save.dirty);
    // The selection follows the action into the done group.
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.workbook.actions[5].status, ActionStatus::Dropped);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.workbook.actions[5].status, ActionStatus::Open);
    assert!(matches!(app.screen, Screen::Actions(_)));

    app.read_only = Some("another wheelbook has it".into());
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.workbook.actions[5].status, ActionStatus::Open);
    assert!(matches!(app.status, Some((StatusKind::Error, _))));
}

#[test]
fn d_sets_the_due_date_through_the_editor_and_refuses_a_bad_date() {
    let mut app = app();
    for _ in 0..3 {
        press(&mut app, KeyCode::Down); // "Undated open"
    }
    press(&mut app, KeyCode::Char('d'));
    for c in "2027-01-3".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    update(&mut app, Msg::Paste("1".into()), &now());
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(app.workbook.actions[0].due, Some(date("2027-01-31")));
    assert!(matches!(app.screen, Screen::Actions(_)));

    // The action is still selected: a date that is not a date keeps the editor open.
    press(&mut app, KeyCode::Char('d'));
    for _ in 0.."2027-01-31".len() {
        press(&mut app, KeyCode::Backspace);
    }
    update(&mut app, Msg::Paste("31 January".into()), &now());
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Some(Overlay::Editor(_))));
    assert!(matches!(app.status, Some((StatusKind::Error, ref m)) if m.contains("YYYY-MM-DD")));
    assert_eq!(app.workbook.actions[0].due, Some(date("2027-01-31")));
    // Put right, as a UK date, the date is kept and the error goes.
    for _ in 0.."31 January".len() {
        press(&mut app, KeyCode::Backspace);
    }
    update(&mut app, Msg::Paste("1/2/2027".into()), &now());
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(app.workbook.actions[0].due, Some(date("2027-02-01")));
    assert!(
        !matches!(app.status, Some((StatusKind::Error, _))),
        "{:?}",
        app.status
    );
}

#[test]
fn enter_edits_the_text_o_reads_the_reflection_and_esc_goes_home() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('!'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.workbook.actions[3].text, "Overdue open!");
    press(&mut app, KeyCode::Char('o'));
    assert!(matches!(&app.screen, Screen::Reading(r) if r.reflection == 0));
    app.screen = Screen::Actions(State::default());
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn the_screen_lays_out_at_80x24_and_120x40() {
    for size in [(80, 24), (120, 40)] {
        let mut app = app();
        app.size = size;
        let text = screen(&app);
        for expected in [
            "4 open (1 overdue) · 1 done · 1 dropped",
            "› [ ] open    overdue 2026-10-15  Overdue open",
            "[ ] open    due 2026-11-05",
            "no due date",
            "[x] done",
            "[-] dropped",
            app.pack.areas[1].title.as_str(),
            "· from “",
            "Space status",
        ] {
            assert!(
                text.contains(expected),
                "{size:?}: no {expected:?} in\n{text}"
            );
        }
        app.workbook.actions.clear();
        let text = screen(&app);
        assert!(text.contains("No development actions yet."), "{text}");
        assert!(text.contains("What can I (we) do to develop in this area?"));
    }
}
