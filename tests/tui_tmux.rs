//! The real binary in a real terminal (tmux): a whole reflection typed with send-keys, then
//! the saved JSON and the terminal's state after quitting are checked. `.ci/run` installs
//! tmux where it is missing.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::DataDir;
use common::tmux::Tmux;

/// From an empty Home: a whole-wheel reflection, with the editor open on its first question.
fn begin_whole_wheel_and_open_first_answer(tmux: &Tmux) {
    tmux.wait_for("Press n to start your first");
    tmux.keys(&["n"]);
    tmux.wait_for("Begin the reflection");
    tmux.keys(&["Tab", "Tab", "Tab", "Tab", "Enter"]);
    tmux.wait_for("Area 1 of 11");
    tmux.keys(&["Tab", "Enter"]);
    tmux.wait_for("Esc when done");
}

fn saved_json(data: &DataDir) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(data.workbook_path()).expect("workbook saved"))
        .expect("JSON")
}

fn wait_for_file(path: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        sleep(Duration::from_millis(50));
    }
    panic!("{} never appeared", path.display());
}

#[test]
fn a_reflection_typed_in_the_terminal_is_saved_and_the_terminal_restored() {
    let data = DataDir::new();
    let tmux = Tmux::start("flow", &data, 80, 24);
    tmux.wait_for("Press n to start your first");

    tmux.keys(&["n"]);
    tmux.wait_for("Begin the reflection");
    tmux.keys(&[
        "Tab", "Down", "Down", "Down", "Down", "Down", "Down", "Down", "Space", "Tab", "Enter",
    ]);
    tmux.wait_for("Title (optional)");
    tmux.type_text("Handover after a fall");
    tmux.keys(&["Escape", "Tab", "Tab", "Enter"]);
    tmux.wait_for("Area 1 of 1: Resilience");

    tmux.keys(&["3", "Down", "2", "Tab", "Enter"]);
    tmux.wait_for("Esc when done");
    tmux.type_text("I walk home and talk it over — it helps 🙂");
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("2/2 rated");
    assert!(
        screen.contains("3 Established") && screen.contains("2 Developing"),
        "{screen}"
    );

    // The development prompt, and an action with a due date.
    tmux.keys(&["Tab", "Tab", "Down", "Enter"]);
    tmux.wait_for("What can I do to develop in this area?");
    tmux.type_text("Ask for supervision every month.");
    tmux.keys(&["Escape", "Tab", "Enter"]);
    tmux.wait_for("one step you will take");
    tmux.type_text("Book monthly supervision");
    tmux.keys(&["Escape", "d"]);
    tmux.wait_for("YYYY-MM-DD");
    tmux.type_text("2026-12-15");
    tmux.keys(&["Enter"]);
    tmux.wait_for("(due 2026-12-15)");

    tmux.keys(&["n"]);
    tmux.wait_for("Summary");
    tmux.keys(&["c"]);
    tmux.wait_for("Reflection marked complete");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");

    let json = saved_json(&data);
    let reflection = &json["reflections"][0];
    assert_eq!(reflection["title"], "Handover after a fall");
    assert_eq!(
        reflection["focus"],
        serde_json::json!({"areas": ["resilience"]})
    );
    assert_eq!(
        reflection["ratings"],
        serde_json::json!({"resilience.c1": 3, "resilience.c2": 2})
    );
    assert_eq!(
        reflection["answers"]["resilience.q1"],
        "I walk home and talk it over — it helps 🙂"
    );
    assert_eq!(reflection["status"], "complete");
    assert_eq!(
        reflection["prompts"]["resilience"]["develop"],
        "Ask for supervision every month."
    );
    let action = &json["actions"][0];
    assert_eq!(action["text"], "Book monthly supervision");
    assert_eq!(action["due"], "2026-12-15");
    assert_eq!(action["reflection"], reflection["id"]);

    assert_terminal_restored(&tmux, &data);
}

/// The terminal is back on the main screen and in cooked mode: the shell works as before.
fn assert_terminal_restored(tmux: &Tmux, data: &DataDir) {
    assert_eq!(
        tmux.run(&["display", "-p", "-t", "t", "#{alternate_on}"])
            .trim(),
        "0"
    );
    let stty = wait_for_file(&data.outside("after").join("stty.txt"));
    assert!(
        stty.contains(" icanon") && stty.contains(" echo ") && !stty.contains("-icanon"),
        "{stty}"
    );
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the panic key exists in debug builds only"
)]
fn a_panic_restores_the_terminal_says_why_and_keeps_what_was_typed() {
    let data = DataDir::new();
    // A debug build's test key: pressing ~ panics where a bug in update would.
    let tmux = Tmux::start_with("panic", &data, 100, 30, "WHEELBOOK_DEBUG_PANIC_KEY='~'");
    begin_whole_wheel_and_open_first_answer(&tmux);
    // In one go, so that the answer cannot have been saved by the autosave pause first.
    tmux.type_text("Typed just before a bug~");
    tmux.wait_for("EXIT=101");
    let history = tmux.history();
    assert!(
        history.contains("panicked") && history.contains("asked to panic"),
        "{history}"
    );
    assert_terminal_restored(&tmux, &data);
    let json = saved_json(&data);
    assert_eq!(
        json["reflections"][0]["answers"]["outcomes-framework.q1"],
        "Typed just before a bug"
    );
}

#[test]
fn closing_the_terminal_while_typing_still_saves_what_was_typed() {
    let data = DataDir::new();
    let tmux = Tmux::start("hangup", &data, 100, 30);
    begin_whole_wheel_and_open_first_answer(&tmux);
    tmux.type_text("Typed just before the window closed");
    // Closing the window sends SIGHUP, well within the autosave pause.
    tmux.run(&["kill-server"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if data.workbook_path().exists() {
            let json = saved_json(&data);
            if json["reflections"][0]["answers"]["outcomes-framework.q1"]
                == "Typed just before the window closed"
            {
                break;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the answer was not saved on SIGHUP"
        );
        sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_workbook_open_elsewhere_opens_read_only() {
    let data = DataDir::new();
    data.import_generated(3, 5);
    let location =
        wheelbook::workbook::store::Location::new(data.dir(), "workbook").expect("location");
    let _held =
        wheelbook::workbook::store::Store::lock(location).expect("this test holds the lock");
    let before = std::fs::read(data.workbook_path()).expect("read");
    let tmux = Tmux::start("readonly", &data, 100, 30);
    let screen = tmux.wait_for("read-only");
    assert!(
        screen.contains("is open for writing in another wheelbook"),
        "{screen}"
    );
    tmux.keys(&["n"]);
    tmux.wait_for("Read-only:");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
    assert_eq!(std::fs::read(data.workbook_path()).expect("read"), before);
}

#[test]
fn sigterm_saves_what_was_typed_and_exits_143() {
    let data = DataDir::new();
    let tmux = Tmux::start("term", &data, 100, 30);
    begin_whole_wheel_and_open_first_answer(&tmux);
    tmux.type_text("Saved on logout");
    let shell = tmux.run(&["display", "-p", "-t", "t", "#{pane_pid}"]);
    let status = Command::new("pkill")
        .args(["-TERM", "-P", shell.trim()])
        .status()
        .expect("pkill");
    assert!(status.success());
    tmux.wait_for("EXIT=143");
    let json = saved_json(&data);
    assert_eq!(
        json["reflections"][0]["answers"]["outcomes-framework.q1"],
        "Saved on logout"
    );
}

#[test]
fn a_window_too_small_says_so_and_resizing_redraws_at_once() {
    let data = DataDir::new();
    let tmux = Tmux::start("resize", &data, 100, 30);
    tmux.wait_for("Press n to start your first");
    // A key first, as a user would have pressed some: the terminal library's own watch on
    // resizes starts with its first read.
    tmux.keys(&["?"]);
    tmux.wait_for("(Esc to close");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Press n to start your first");
    tmux.run(&["resize-window", "-t", "t", "-x", "50", "-y", "15"]);
    let screen = tmux.wait_for("too small");
    assert!(
        screen.contains("It is 50×15; it needs at least 60×18."),
        "{screen}"
    );
    tmux.run(&["resize-window", "-t", "t", "-x", "90", "-y", "26"]);
    tmux.wait_for("Press n to start your first");
    // The first key after a resize is read and drawn at once, not only with the next key.
    sleep(Duration::from_millis(300));
    tmux.keys(&["n"]);
    tmux.wait_for("Begin the reflection");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

/// In a terminal, `wheelbook list` fits its width: each reflection on one row, cut with "…"
/// where it must be, rather than every row wrapping mid-word.
#[test]
fn list_in_an_80_column_terminal_keeps_each_reflection_on_one_row() {
    let data = DataDir::new();
    let workbook = data.import_generated(6, 41);
    let tmux = Tmux::start_command("list", &data, (80, 24), "", "list");
    let screen = tmux.wait_for("EXIT=0");
    let rows: Vec<&str> = screen
        .lines()
        .take_while(|l| !l.starts_with("EXIT="))
        .collect();
    assert_eq!(rows.len(), 1 + workbook.reflections.len(), "{screen}");
    assert!(rows[0].starts_with("ID "), "{screen}");
    for reflection in &workbook.reflections {
        let row = rows
            .iter()
            .find(|row| row.starts_with(reflection.id.as_str()));
        assert!(
            row.is_some(),
            "{} is not at the start of a row:\n{screen}",
            reflection.id
        );
    }
    assert!(screen.contains('…'), "nothing needed cutting:\n{screen}");
}

/// In a terminal, `wheelbook show` breaks its long lines between words, each paragraph of
/// an answer kept under its question, rather than letting the terminal cut words in two.
#[test]
fn show_in_a_60_column_terminal_breaks_its_lines_between_words() {
    let data = DataDir::new();
    let workbook = data.import_generated(3, 41);
    let id = workbook.newest_first()[0].id.clone();
    // Taller than the terminal: the pager is turned off, to read all of it from tmux.
    let env = "WHEELBOOK_PAGER=cat";
    let tmux = Tmux::start_command("show", &data, (60, 40), env, &format!("show {id}"));
    tmux.wait_for("EXIT=0");
    // -J joins the rows the terminal wrapped itself: only wheelbook's own breaks are left.
    let joined = tmux.run(&["capture-pane", "-p", "-J", "-S", "-", "-t", "t"]);
    let rows: Vec<&str> = joined
        .lines()
        .take_while(|l| !l.starts_with("EXIT="))
        .collect();
    assert!(rows.len() > 20, "{joined}");
    let columns = |row: &&str| unicode_width::UnicodeWidthStr::width(row.trim_end());
    let too_wide: Vec<&&str> = rows.iter().filter(|row| columns(row) > 60).collect();
    assert!(
        too_wide.is_empty(),
        "rows wider than 60 columns: {too_wide:?}"
    );
    let answers = rows.iter().filter(|row| row.starts_with("    ")).count();
    assert!(answers > 5, "answers stay indented:\n{joined}");
}
