//! When the screens save, through the pure `update` as a user types: not on every key, never
//! losing what was typed while a save runs or fails, and always before quitting or suspending.

mod tui_driver;

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_driver::{Driver, start_resilience_reflection};
use wheelbook::tui::app::{Effect, Msg, Overlay};
use wheelbook::tui::update::update;

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
