//! Tests of the summary screen code.

use std::time::Instant;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::content::PackSource;
use crate::tui::theme::Theme;
use crate::tui::view;
use crate::workbook::generate::generate;
use crate::workbook::{self, Focus};

#[test]
fn changes_in_words() {
    for (now, before, said) in [
        (Some(2.5), Some(2.0), "up from 2.0 to 2.5."),
        (Some(1.0), Some(2.25), "down from 2.3 to 1.0."),
        (Some(3.0), Some(3.0), "unchanged at 3.0."),
        // Differences too small to show are no change.
        (Some(2.0), Some(2.01), "unchanged at 2.0."),
        (Some(4.0), None, "4.0, not rated last time."),
        (None, Some(1.5), "not rated this time (was 1.5)."),
    ] {
        let expected = format!("Resilience: {said}");
        assert_eq!(change_sentence("Resilience", now, before), Some(expected));
    }
    assert_eq!(change_sentence("Resilience", None, None), None);
}

#[test]
fn radar_beside_the_text_where_wide_bars_where_narrow() {
    let wide = plan(Rect::new(0, 1, 120, 37), 11);
    let chart = wide.chart.expect("a radar at 120 columns");
    assert!(wide.text.x >= chart.right() && wide.text.right() == 120);
    assert!(wide.text.width >= radar::TEXT_MIN);
    assert_eq!(plan(Rect::new(0, 1, 80, 21), 11).chart, None);
    assert_eq!(plan(Rect::new(0, 1, 120, 37), 2).chart, None);
    assert_eq!((max_scroll(10, 20), max_scroll(30, 20)), (0, 11));
}

/// The newest reflection of a generated workbook, with one overdue action, looking at the
/// whole wheel with every area rated but the last, or at Resilience (rated) and Outcomes.
fn app(size: (u16, u16), whole_wheel: bool) -> App {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut book = generate(&pack, 20, 11);
    // The reflection before the newest rated Resilience only: it is "last time", and every
    // other area was "not rated last time".
    let before = book.newest_first()[1].id.clone();
    if let Some(previous) = book.reflections_mut().find(|r| r.id == before) {
        previous.ratings.clear();
        for competency in &pack.areas[6].competencies {
            previous.ratings.insert(competency.id.as_str(), 2);
        }
    }
    let newest = book.newest_first()[0].id.clone();
    let index = book.reflections.iter().position(|r| r.id == newest);
    let index = index.expect("there");
    let reflection = book.reflection_mut(index);
    let (resilience, outcomes) = (&pack.areas[6], &pack.areas[0]);
    reflection.focus = Focus::Areas(vec![
        resilience.id.as_str().into(),
        outcomes.id.as_str().into(),
    ]);
    for (position, area) in pack.areas.iter().enumerate() {
        for competency in area.competencies.iter().map(|c| c.id.clone()) {
            let value = 1 + (position % 4) as u8;
            if position + 1 < pack.areas.len() && (whole_wheel || position == 6) {
                reflection.ratings.insert(competency, value);
            } else {
                reflection.ratings.remove(competency.as_str());
            }
        }
    }
    if whole_wheel {
        reflection.focus = Focus::WholeWheel;
    }
    let (created, id) = (reflection.created, reflection.id.clone());
    book.actions.push(workbook::Action {
        id: "a-test".into(),
        created,
        updated: created,
        text: "Ask the team for feedback".into(),
        area: resilience.id.as_str().into(),
        reflection: Some(id),
        due: NaiveDate::from_ymd_opt(2026, 5, 1),
        status: ActionStatus::Open,
    });
    assert!(
        book.previous_for(
            &pack,
            &book.reflections[index],
            &book.newest_first_indices()
        )
        .is_some()
    );
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    let mut app = App::new(pack, book, today, Theme::COLOUR, size);
    app.screen = Screen::Summary(State::new(index));
    app
}

/// The screen's rows, and whether the canvas drew braille on it.
fn draw(app: &App) -> (Vec<String>, bool) {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect();
    let braille = rows
        .concat()
        .chars()
        .any(|c| ('\u{2801}'..='\u{28ff}').contains(&c));
    (rows, braille)
}

/// Each of the `|`-separated needles is somewhere on the screen.
fn assert_shows(rows: &[String], needles: &str) {
    let text = rows.join("\n");
    for needle in needles.split('|') {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
}

fn press(app: &mut App, action: Action) -> Outcome {
    let now = Now {
        instant: Instant::now(),
        time: workbook::now(),
    };
    let Screen::Summary(state) = &mut app.screen else {
        panic!("not on the summary");
    };
    let mut state = state.clone();
    let outcome = handle(app, &mut state, action, &now);
    if outcome.go.is_none() {
        app.screen = Screen::Summary(state);
    }
    outcome
}

fn scroll(app: &App) -> u16 {
    match &app.screen {
        Screen::Summary(state) => state.scroll,
        _ => panic!("left the summary"),
    }
}

#[test]
fn the_radar_at_120_by_40_and_bars_for_two_areas() {
    let (rows, braille) = draw(&app((120, 40), true));
    assert!(braille, "the canvas draws the wheel");
    assert_shows(
        &rows,
        "The Wheel of Partnership|──● this reflection|•• previous, ",
    );
    assert_shows(
        &rows,
        "rings 1 Emerging to 4 Strength|11 Person Centred|not rated",
    );
    assert_shows(
        &rows,
        "Since last time|Resilience: |not rated last time.|c complete",
    );
    // The spokes are numbered inside the chart, and the previous polygon is dotted.
    let chart: Vec<String> = rows[1..38]
        .iter()
        .map(|l| l.chars().take(66).collect())
        .collect();
    assert_shows(&chart, "1|6|10|11|•|●");

    let (rows, braille) = draw(&app((120, 40), false));
    assert!(!braille, "two areas: bars");
    assert_shows(
        &rows,
        "Resilience|3.0 ■■■□|(was |Outcomes Framework|not rated",
    );
    assert_shows(&rows, "Resilience: |Ask the team for feedback (overdue");
}

#[test]
fn bars_at_80_by_24_and_scrolling_to_the_actions() {
    let mut app = app((80, 24), true);
    let (rows, braille) = draw(&app);
    assert!(!braille, "no radar at 80 columns");
    assert_shows(&rows, "Outcomes Framework|■|(was |Person Centred|not rated");
    assert_shows(
        &rows,
        "lines 1–|c complete · d CPD details · t title · ↓ scroll · Esc back",
    );
    for _ in 0..200 {
        press(&mut app, Action::PageDown);
    }
    let limit = scroll(&app);
    assert!(limit > 0 && limit < 100, "scrolling stops at the end");
    let (rows, _) = draw(&app);
    assert_shows(
        &rows,
        "Development actions|overdue, due 2026-05-01|Press c to mark",
    );
    press(&mut app, Action::Up);
    assert_eq!(scroll(&app), limit - 1, "one step up from the end");
}

#[test]
fn marking_complete_respects_read_only() {
    let mut app = app((80, 24), false);
    app.read_only = Some("another wheelbook has it".into());
    assert!(press(&mut app, Action::MarkComplete).go.is_none() && !app.save.dirty);
    app.read_only = None;
    let index = match &app.screen {
        Screen::Summary(state) => state.reflection,
        _ => panic!("left the summary"),
    };
    let outcome = press(&mut app, Action::MarkComplete);
    assert!(matches!(outcome.go, Some(Screen::Home(_))) && app.save.dirty);
    assert_eq!(app.workbook.reflections[index].status, Status::Complete);
}
