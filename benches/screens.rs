//! Drawing screens with a large workbook: what a keystroke's redraw costs.
//! Run with `cargo bench --bench screens`.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wheelbook::content::PackSource;
use wheelbook::tui::app::{App, Screen};
use wheelbook::tui::screens::summary;
use wheelbook::tui::theme::Theme;
use wheelbook::tui::view;
use wheelbook::workbook::generate::generate;

fn app(reflections: usize) -> App {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, reflections, 1);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    App::new(pack, workbook, today, Theme::COLOUR, (120, 40))
}

fn draw_screens(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut home = app(1000);
    c.bench_function("draw home, 1000 reflections, 120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| view::draw(frame, &home))
                .expect("draw");
        })
    });
    let newest = home.workbook.reflections.len() - 1;
    home.screen = Screen::Summary(summary::State::new(newest));
    c.bench_function("draw summary, 1000 reflections, 120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| view::draw(frame, &home))
                .expect("draw");
        })
    });
}

criterion_group!(benches, draw_screens);
criterion_main!(benches);
