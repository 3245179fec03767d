//! The terminal UI's whole flow through the pure `update`, without a terminal: what the user
//! enters is what the workbook holds, and saving happens when (and only when) it should.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use wheelbook::content::PackSource;
use wheelbook::tui::app::{App, Effect, Msg, Now, Overlay, Screen};
use wheelbook::tui::theme::Theme;
use wheelbook::tui::update::update;
use wheelbook::workbook::intern::SharedId;
use wheelbook::workbook::{ActionStatus, Focus, Status, Workbook};

/// Feeds messages to `update` on a clock that only moves when told to.
struct Driver {
    app: App,
    start: Instant,
    elapsed: Duration,
    saves: usize,
}

impl Driver {
    fn new(workbook: Workbook) -> Self {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        Driver {
            app: App::new(pack, workbook, today, Theme::COLOUR, (120, 40)),
            start: Instant::now(),
            elapsed: Duration::ZERO,
            saves: 0,
        }
    }

    fn empty() -> Self {
        let created =
            chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+00:00").expect("time");
        Driver::new(Workbook::new(created))
    }

    fn now(&self) -> Now {
        let base = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+00:00").expect("time");
        Now {
            instant: self.start + self.elapsed,
            time: base + chrono::Duration::from_std(self.elapsed).expect("duration"),
        }
    }

    /// Sends a message; a save the app asks for succeeds, as the event loop would report.
    fn send(&mut self, msg: Msg) -> Vec<Effect> {
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

    fn press(&mut self, code: KeyCode) -> Vec<Effect> {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn chars(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    fn wait(&mut self, duration: Duration) -> Vec<Effect> {
        self.elapsed += duration;
        self.send(Msg::Tick)
    }

    fn reflection(&self) -> &wheelbook::workbook::Reflection {
        self.app.workbook.reflections.last().expect("a reflection")
    }
}

/// Home → new → focus on Resilience → title → begin.
fn start_resilience_reflection(driver: &mut Driver) {
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
    driver.press(KeyCode::Esc);
    driver.press(KeyCode::Tab); // wording
    driver.press(KeyCode::Right); // "we"
    driver.press(KeyCode::Tab); // begin
    driver.press(KeyCode::Enter);
}

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
    driver.chars("n");
    driver.press(KeyCode::Tab); // focus
    for _ in 0..7 {
        driver.press(KeyCode::Down);
    }
    driver.chars(" ");
    driver.press(KeyCode::Tab); // title
    driver.press(KeyCode::Enter);
    driver.send(Msg::Paste("After a fall at home".into()));
    driver.press(KeyCode::Esc); // closes the editor
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
fn typing_does_not_save_until_the_user_pauses() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    driver.wait(Duration::from_secs(2));
    let saves = driver.saves;
    driver.press(KeyCode::Tab);
    driver.press(KeyCode::Enter);
    for word in ["one ", "two ", "three ", "four ", "five "] {
        driver.chars(word);
        driver.send(Msg::Tick);
    }
    assert_eq!(driver.saves, saves, "no save while typing");
    assert_eq!(
        driver.wait(Duration::from_millis(500)),
        Vec::<Effect>::new()
    );
    assert_eq!(driver.wait(Duration::from_millis(600)), vec![Effect::Save]);
    assert_eq!(driver.saves, saves + 1);
    assert_eq!(
        driver.wait(Duration::from_secs(5)),
        Vec::<Effect>::new(),
        "nothing left to save"
    );
}

#[test]
fn a_failed_save_keeps_the_text_shows_why_and_retries() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    driver.elapsed += Duration::from_secs(2);
    let now = driver.now();
    assert_eq!(update(&mut driver.app, Msg::Tick, &now), vec![Effect::Save]);
    update(
        &mut driver.app,
        Msg::Saved(Err("could not save: disk full".into())),
        &now,
    );
    assert!(driver.app.save.dirty, "still to be saved");
    let status = driver.app.status.clone().expect("a message").1;
    assert!(
        status.contains("disk full") && status.contains("retried"),
        "{status}"
    );
    assert_eq!(driver.reflection().title, "After a fall at home");
    // No retry at once, one a few seconds later.
    assert_eq!(driver.wait(Duration::from_secs(1)), Vec::<Effect>::new());
    assert_eq!(driver.wait(Duration::from_secs(5)), vec![Effect::Save]);
    assert!(!driver.app.save.dirty);
}

#[test]
fn quitting_saves_first_and_asks_before_losing_anything() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    driver.press(KeyCode::Esc); // home
    // With unsaved changes, quit is a save that then quits.
    let now = driver.now();
    let effects = update(
        &mut driver.app,
        Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
        &now,
    );
    assert_eq!(effects, vec![Effect::Save]);
    // If that save fails, nothing quits until the user says so.
    assert_eq!(
        update(&mut driver.app, Msg::Saved(Err("read-only".into())), &now),
        Vec::<Effect>::new()
    );
    assert!(matches!(driver.app.overlay, Some(Overlay::Confirm(_))));
    assert_eq!(driver.press(KeyCode::Char('n')), Vec::<Effect>::new());
    assert!(driver.app.overlay.is_none());
    // Once saving works, quit saves and quits.
    let now = driver.now();
    assert_eq!(
        update(
            &mut driver.app,
            Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
            &now
        ),
        vec![Effect::Save]
    );
    assert_eq!(
        update(&mut driver.app, Msg::Saved(Ok(())), &now),
        vec![Effect::Quit]
    );
}

/// Sends `msg` and returns its effects, with no save answered: the save runs in the background.
fn send_unanswered(driver: &mut Driver, msg: Msg) -> Vec<Effect> {
    driver.elapsed += Duration::from_millis(20);
    let now = driver.now();
    update(&mut driver.app, msg, &now)
}

#[test]
fn typing_on_while_a_save_runs_is_saved_by_the_next_one() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    driver.press(KeyCode::Tab);
    driver.press(KeyCode::Enter);
    driver.chars("before");
    driver.elapsed += Duration::from_secs(2);
    assert_eq!(send_unanswered(&mut driver, Msg::Tick), vec![Effect::Save]);
    // The user goes on typing while the save is written.
    for c in " and after".chars() {
        let key = Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(send_unanswered(&mut driver, key), Vec::<Effect>::new());
    }
    driver.elapsed += Duration::from_secs(2);
    assert_eq!(
        send_unanswered(&mut driver, Msg::Tick),
        Vec::<Effect>::new(),
        "one save at a time"
    );
    assert_eq!(
        send_unanswered(&mut driver, Msg::Saved(Ok(()))),
        Vec::<Effect>::new()
    );
    assert!(driver.app.save.dirty, "what came after is not saved yet");
    assert_eq!(send_unanswered(&mut driver, Msg::Tick), vec![Effect::Save]);
    send_unanswered(&mut driver, Msg::Saved(Ok(())));
    assert!(!driver.app.save.dirty);
}

#[test]
fn quitting_while_a_save_runs_waits_for_it_then_saves_the_rest() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    driver.press(KeyCode::Esc); // home
    driver.elapsed += Duration::from_secs(2);
    assert_eq!(send_unanswered(&mut driver, Msg::Tick), vec![Effect::Save]);
    driver.app.changed(&driver.now()); // a change while it runs
    let quit = Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert_eq!(send_unanswered(&mut driver, quit), Vec::<Effect>::new());
    assert_eq!(
        send_unanswered(&mut driver, Msg::Saved(Ok(()))),
        vec![Effect::Save],
        "the rest is saved before quitting"
    );
    assert_eq!(
        send_unanswered(&mut driver, Msg::Saved(Ok(()))),
        vec![Effect::Quit]
    );
}

#[test]
fn suspending_saves_first() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    let suspend = Msg::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    assert_eq!(
        send_unanswered(&mut driver, suspend.clone()),
        vec![Effect::Save, Effect::Suspend]
    );
    send_unanswered(&mut driver, Msg::Saved(Ok(())));
    assert!(!driver.app.save.dirty);
    assert_eq!(send_unanswered(&mut driver, suspend), vec![Effect::Suspend]);
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

/// Finds the screen cell where `text` is drawn.
fn find_on_screen(app: &App, text: &str) -> (u16, u16) {
    let (width, height) = app.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("terminal");
    terminal
        .draw(|frame| wheelbook::tui::view::draw(frame, app))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    for y in 0..height {
        let row: String = (0..width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        if let Some(column) = row.find(text) {
            return (row[..column].chars().count() as u16, y);
        }
    }
    panic!("{text:?} is not on the screen");
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

#[test]
fn exporting_from_the_screens_checks_for_identifiers_then_writes() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = wheelbook::workbook::generate::generate(&pack, 6, 12);
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Complete;
    }
    let newest = workbook.newest_first()[0].id.clone();
    let reflection = workbook
        .reflections_mut()
        .find(|r| r.id == newest)
        .expect("newest");
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
}

#[test]
fn cpd_details_are_recorded_from_the_summary() {
    let mut driver = Driver::empty();
    start_resilience_reflection(&mut driver);
    driver.chars("s"); // summary
    driver.chars("d");
    assert!(matches!(driver.app.screen, Screen::Cpd(_)));
    // Date: a wrong one is refused and the editor stays open.
    driver.press(KeyCode::Enter);
    driver.chars("20/11/2026");
    driver.press(KeyCode::Enter);
    assert!(matches!(driver.app.overlay, Some(Overlay::Editor(_))));
    for _ in 0.."20/11/2026".len() {
        driver.press(KeyCode::Backspace);
    }
    driver.chars("2026-11-20");
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
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = wheelbook::workbook::generate::generate(&pack, 6, 12);
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Complete;
    }
    let before = workbook.clone();
    let mut driver = Driver::new(workbook);
    driver.app.export_dir = std::path::PathBuf::from("/exports");
    let export_state = |driver: &Driver| match &driver.app.screen {
        Screen::Export(state) => state.clone(),
        _ => panic!("the export screen"),
    };

    driver.chars("x");
    while export_state(&driver).template().name() != "nmc-reflective-account" {
        driver.chars("t");
    }
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
    assert!(prepared.text.contains("Ward sister."));
}

#[test]
fn wording_typed_for_an_export_is_checked_for_identifiers() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = wheelbook::workbook::generate::generate(&pack, 4, 14);
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Complete;
    }
    let mut driver = Driver::new(workbook);
    let export_state = |driver: &Driver| match &driver.app.screen {
        Screen::Export(state) => state.clone(),
        _ => panic!("the export screen"),
    };
    driver.chars("x");
    while export_state(&driver).template().name() != "nmc-reflective-account" {
        driver.chars("t");
    }
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
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = wheelbook::workbook::generate::generate(&pack, 5, 15);
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Complete;
        reflection.focus = Focus::Areas(vec!["resilience".into()]);
    }
    let newest = workbook.newest_first()[0].id.clone();
    let reflection = workbook
        .reflections_mut()
        .find(|r| r.id == newest)
        .expect("newest");
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
