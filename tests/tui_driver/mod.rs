//! A user at the keyboard, for the tests of the terminal UI's flow: messages fed to the pure
//! `update` on a clock that only moves when told to, without a terminal.
#![allow(dead_code)] // Each test file uses a different part.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use wheelbook::content::PackSource;
use wheelbook::tui::app::{App, Effect, Msg, Now, Screen};
use wheelbook::tui::theme::Theme;
use wheelbook::tui::update::update;
use wheelbook::workbook::{Reflection, Status, Workbook};

/// Feeds messages to `update` on a clock that only moves when told to.
pub struct Driver {
    pub app: App,
    pub start: Instant,
    pub elapsed: Duration,
    pub saves: usize,
}

impl Driver {
    pub fn new(workbook: Workbook) -> Self {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        Driver {
            app: App::new(pack, workbook, today, Theme::COLOUR, (120, 40)),
            start: Instant::now(),
            elapsed: Duration::ZERO,
            saves: 0,
        }
    }

    pub fn empty() -> Self {
        let created =
            chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+00:00").expect("time");
        Driver::new(Workbook::new(created))
    }

    pub fn now(&self) -> Now {
        let base = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+00:00").expect("time");
        Now {
            instant: self.start + self.elapsed,
            time: base + chrono::Duration::from_std(self.elapsed).expect("duration"),
        }
    }

    /// Sends a message; a save the app asks for succeeds, as the event loop would report.
    pub fn send(&mut self, msg: Msg) -> Vec<Effect> {
        self.elapsed += Duration::from_millis(20);
        let now = self.now();
        let effects = update(&mut self.app, msg, &now);
        for effect in &effects {
            if *effect == Effect::Save {
                self.saves += 1;
                update(&mut self.app, Msg::Saved(Ok(())), &now);
            }
        }
        effects
    }

    pub fn press(&mut self, code: KeyCode) -> Vec<Effect> {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    /// The effects of typing `text`, key by key.
    pub fn chars_effects(&mut self, text: &str) -> Vec<Effect> {
        text.chars()
            .flat_map(|c| self.press(KeyCode::Char(c)))
            .collect()
    }

    pub fn chars(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    pub fn wait(&mut self, duration: Duration) -> Vec<Effect> {
        self.elapsed += duration;
        self.send(Msg::Tick)
    }

    pub fn reflection_by_id(&self, id: &str) -> &wheelbook::workbook::Reflection {
        let found = self.app.workbook.reflections.iter().find(|r| r.id == id);
        found.expect("a reflection with that id")
    }

    pub fn reflection(&self) -> &wheelbook::workbook::Reflection {
        self.app.workbook.reflections.last().expect("a reflection")
    }
}

/// Home → new → focus on Resilience → title, leaving the cursor on the title.
pub fn choose_resilience_and_title(driver: &mut Driver) {
    driver.chars("n");
    assert!(matches!(driver.app.screen, Screen::Start(_)));
    driver.press(KeyCode::Tab); // focus
    for _ in 0..7 {
        driver.press(KeyCode::Down);
    }
    driver.chars(" ");
    driver.press(KeyCode::Tab); // title
    driver.press(KeyCode::Enter);
    driver.send(Msg::Paste("After a fall at home".into()));
    driver.press(KeyCode::Esc); // closes the editor
}

/// Home → new → focus on Resilience → title → "we" → begin.
pub fn start_resilience_reflection(driver: &mut Driver) {
    choose_resilience_and_title(driver);
    driver.press(KeyCode::Tab); // wording
    driver.press(KeyCode::Right); // "we"
    driver.press(KeyCode::Tab); // begin
    driver.press(KeyCode::Enter);
}

/// The screen as drawn, a string a row.
pub fn screen_rows(app: &App) -> Vec<String> {
    let (width, height) = app.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("terminal");
    terminal
        .draw(|frame| wheelbook::tui::view::draw(frame, app))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// Finds the screen cell where `text` is drawn.
pub fn find_on_screen(app: &App, text: &str) -> (u16, u16) {
    for (y, row) in screen_rows(app).iter().enumerate() {
        if let Some(column) = row.find(text) {
            return (row[..column].chars().count() as u16, y as u16);
        }
    }
    panic!("{text:?} is not on the screen");
}

/// The export screen's state.
pub fn export_state(driver: &Driver) -> wheelbook::tui::screens::export::State {
    match &driver.app.screen {
        Screen::Export(state) => state.clone(),
        _ => panic!("the export screen"),
    }
}

/// x on Home, then t until `template` is chosen.
pub fn open_export_on(driver: &mut Driver, template: &str) {
    driver.chars("x");
    while export_state(driver).template().name() != template {
        driver.chars("t");
    }
}

/// `count` generated reflections (from `seed`), all complete.
pub fn complete(count: usize, seed: u64) -> Workbook {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = wheelbook::workbook::generate::generate(&pack, count, seed);
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Complete;
    }
    workbook
}

/// The newest reflection of `workbook`, to change before a test drives it.
pub fn newest_mut(workbook: &mut Workbook) -> &mut Reflection {
    let newest = workbook.newest_first()[0].id.clone();
    workbook
        .reflections_mut()
        .find(|r| r.id == newest)
        .expect("a reflection")
}
