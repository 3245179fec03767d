//! Drawing the screens with 2,000 reflections at 120x40, what one keystroke costs while
//! editing an answer (update plus redraw) with 10, 2,000 and 10,000, and moving on the export
//! screen with every complete reflection of 2,000 ticked. `cargo bench --bench screens`.

use std::time::Instant;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wheelbook::content::PackSource;
use wheelbook::tui::app::{App, Msg, Now, Screen};
use wheelbook::tui::screens::{area, summary};
use wheelbook::tui::theme::Theme;
use wheelbook::tui::update::update;
use wheelbook::tui::view;
use wheelbook::workbook::generate::generate;

const REFLECTIONS: usize = 2_000;

fn app_with(reflections: usize) -> App {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, reflections, 1);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    App::new(pack, workbook, today, Theme::COLOUR, (120, 40))
}

fn press(app: &mut App, code: KeyCode) {
    let now = Now {
        instant: Instant::now(),
        time: chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00+00:00").expect("time"),
    };
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), &now);
}

fn draw_screens(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut app = app_with(REFLECTIONS);
    let newest = app.workbook.reflections.len() - 1;
    let mut group = c.benchmark_group("draw, 2000 reflections, 120x40");
    group.bench_function("home", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| view::draw(frame, &app))
                .expect("draw");
        })
    });
    app.screen = Screen::Area(area::State::new(newest));
    group.bench_function("area", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| view::draw(frame, &app))
                .expect("draw");
        })
    });
    app.screen = Screen::Summary(summary::State::new(newest));
    group.bench_function("summary", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| view::draw(frame, &app))
                .expect("draw");
        })
    });
    group.finish();

    // A keystroke while an answer is being typed: the update and the redraw it causes, at
    // three sizes of workbook, to show that it does not grow with the workbook.
    let mut group = c.benchmark_group("two keystrokes while editing: update and redraw");
    for reflections in [10, REFLECTIONS, 10_000] {
        let mut app = app_with(reflections);
        // The same reflection is edited at every size, so that only the size differs.
        let pack = PackSource::BuiltIn.load().expect("pack");
        let edited = generate(&pack, 1, 2).reflections[0].clone();
        app.workbook.reflections.push(edited);
        app.reindex();
        let last = app.workbook.reflections.len() - 1;
        app.screen = Screen::Area(area::State::new(last));
        press(&mut app, KeyCode::Tab); // the questions
        press(&mut app, KeyCode::Enter); // the editor
        // Each iteration types a letter and deletes it, both drawn, so that the answer stays
        // the same length and every iteration measures the same work.
        group.bench_function(BenchmarkId::from_parameter(reflections), |b| {
            b.iter(|| {
                press(&mut app, KeyCode::Char('a'));
                terminal
                    .draw(|frame| view::draw(frame, &app))
                    .expect("draw");
                press(&mut app, KeyCode::Backspace);
                terminal
                    .draw(|frame| view::draw(frame, &app))
                    .expect("draw");
            })
        });
    }
    group.finish();
}

/// The export screen with every complete reflection ticked (a): a move of the cursor, down
/// and back up, each updated and drawn. Nothing the export is made from changes.
fn export_screen(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut app = app_with(REFLECTIONS);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('a'));
    let mut group = c.benchmark_group("export screen, 2000 reflections ticked");
    group.sample_size(10);
    let mut down_and_up = |app: &mut App| {
        for code in [KeyCode::Down, KeyCode::Up] {
            press(app, code);
            terminal.draw(|frame| view::draw(frame, app)).expect("draw");
        }
    };
    group.bench_function("cursor down and up: update and redraw", |b| {
        b.iter(|| down_and_up(&mut app))
    });
    press(&mut app, KeyCode::Char('p'));
    group.bench_function("preview, a line down and up: update and redraw", |b| {
        b.iter(|| down_and_up(&mut app))
    });
    group.finish();
}

criterion_group!(benches, draw_screens, export_screen);
criterion_main!(benches);
