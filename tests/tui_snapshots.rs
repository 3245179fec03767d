//! Every screen rendered into ratatui's TestBackend at 80x24 and 120x40, compared with the
//! snapshots in tests/snapshots/ (insta). Review a changed snapshot before accepting it.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wheelbook::content::PackSource;
use wheelbook::tui::app::{App, Msg, Now, Screen};
use wheelbook::tui::screens::{area, start};
use wheelbook::tui::theme::Theme;
use wheelbook::tui::update::update;
use wheelbook::tui::view;
use wheelbook::workbook::Workbook;
use wheelbook::workbook::generate::generate;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).expect("date")
}

fn app(workbook: Workbook, (width, height): (u16, u16)) -> App {
    let pack = PackSource::BuiltIn.load().expect("pack");
    App::new(pack, workbook, today(), Theme::COLOUR, (width, height))
}

fn generated_app(size: (u16, u16)) -> App {
    let pack = PackSource::BuiltIn.load().expect("pack");
    app(generate(&pack, 40, 7), size)
}

fn empty_app(size: (u16, u16)) -> App {
    let created = chrono::DateTime::parse_from_rfc3339("2026-11-01T09:00:00+00:00").expect("time");
    app(Workbook::new(created), size)
}

fn press(app: &mut App, code: KeyCode) {
    let now = Now {
        instant: std::time::Instant::now(),
        time: chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00+00:00").expect("time"),
    };
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), &now);
}

fn render(app: &App) -> String {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
    terminal.backend().to_string()
}

/// Snapshots `make(size)` at both sizes, named `name_80x24` and `name_120x40`.
fn snapshot(name: &str, make: impl Fn((u16, u16)) -> App) {
    for size in SIZES {
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), render(&make(size)));
    }
}

/// The newest reflection that has the whole wheel in focus, opened at its first area.
fn area_app(size: (u16, u16)) -> App {
    let mut app = generated_app(size);
    let index = app
        .workbook
        .reflections
        .iter()
        .rposition(|r| r.focus == wheelbook::workbook::Focus::WholeWheel)
        .expect("a whole-wheel reflection");
    let mut state = area::State::new(index);
    state.area = 6;
    app.screen = Screen::Area(state);
    app
}

#[test]
fn home() {
    snapshot("home_empty", empty_app);
    snapshot("home", generated_app);
}

#[test]
fn start() {
    snapshot("start", |size| {
        let mut app = empty_app(size);
        app.screen = Screen::Start(start::State::new(&app.workbook));
        app
    });
}

#[test]
fn area() {
    snapshot("area", area_app);
    snapshot("area_scrolled_to_actions", |size| {
        let mut app = area_app(size);
        for _ in 0..4 {
            press(&mut app, KeyCode::Tab);
        }
        app
    });
}

#[test]
fn overlays() {
    snapshot("help_overlay", |size| {
        let mut app = area_app(size);
        press(&mut app, KeyCode::Char('?'));
        app
    });
    snapshot("editor_overlay", |size| {
        let mut app = area_app(size);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Enter);
        app
    });
}

#[test]
fn too_small() {
    let small = empty_app((59, 17));
    insta::assert_snapshot!("too_small_59x17", render(&small));
}

#[test]
fn no_color_changes_styles_not_text() {
    let coloured = render(&generated_app((80, 24)));
    let mut mono = generated_app((80, 24));
    mono.theme = Theme::MONO;
    assert_eq!(render(&mono), coloured);
    assert_eq!(Theme::from_env(Some("1")), Theme::MONO);
    assert_eq!(Theme::from_env(Some("")), Theme::COLOUR);
    assert_eq!(Theme::from_env(None), Theme::COLOUR);
}

/// The newest whole-wheel reflection's summary: a radar at 120x40, bars at 80x24.
#[test]
fn summary() {
    snapshot("summary_whole_wheel", |size| {
        let mut app = area_app(size);
        if let Screen::Area(state) = &app.screen {
            app.screen = Screen::Summary(wheelbook::tui::screens::summary::State::new(
                state.reflection,
            ));
        }
        app
    });
    snapshot("summary_one_area", |size| {
        let mut app = generated_app(size);
        let index = app
            .workbook
            .reflections
            .iter()
            .rposition(|r| matches!(&r.focus, wheelbook::workbook::Focus::Areas(a) if a.len() == 1))
            .expect("a one-area reflection");
        app.screen = Screen::Summary(wheelbook::tui::screens::summary::State::new(index));
        app
    });
}

#[test]
fn browse_read_and_delete() {
    let browse = |size| {
        let mut app = generated_app(size);
        press(&mut app, KeyCode::Char('b'));
        app
    };
    snapshot("browse", browse);
    snapshot("browse_filtered_by_area", |size| {
        let mut app = browse(size);
        press(&mut app, KeyCode::Char('a'));
        app
    });
    snapshot("reading", |size| {
        let mut app = browse(size);
        press(&mut app, KeyCode::Enter);
        app
    });
    snapshot("confirm_delete", |size| {
        let mut app = browse(size);
        press(&mut app, KeyCode::Char('D'));
        app
    });
}

#[test]
fn actions() {
    snapshot("actions", |size| {
        let mut app = generated_app(size);
        press(&mut app, KeyCode::Char('a'));
        app
    });
}

#[test]
fn export() {
    snapshot("export", |size| {
        let mut app = generated_app(size);
        press(&mut app, KeyCode::Char('x'));
        app
    });
    snapshot("export_preview", |size| {
        let mut app = generated_app(size);
        press(&mut app, KeyCode::Char('x'));
        press(&mut app, KeyCode::Char('p'));
        app
    });
}

#[test]
fn cpd_details() {
    snapshot("cpd_details", |size| {
        let mut app = area_app(size);
        if let Screen::Area(state) = &app.screen {
            app.screen = Screen::Cpd(wheelbook::tui::screens::cpd::State::new(state.reflection));
        }
        app
    });
}

/// The NMC reflective account: its prompts are offered to rewrite, above the findings.
#[test]
fn export_nmc_wording() {
    let nmc = |size| {
        let mut app = generated_app(size);
        press(&mut app, KeyCode::Char('x'));
        press(&mut app, KeyCode::Char('t'));
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Down);
        app
    };
    snapshot("export_nmc", nmc);
    snapshot("export_nmc_editing", |size| {
        let mut app = nmc(size);
        press(&mut app, KeyCode::Enter);
        app
    });
}
