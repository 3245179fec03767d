//! Long output in a real terminal (tmux) goes through a pager, as git's does; in a terminal
//! tall enough, with paging turned off or a pager that fails, it is written directly.
#![cfg(unix)]

mod common;

use common::DataDir;
use common::tmux::Tmux;

/// A reflection's id and its text as `show` writes it to a pipe.
fn newest(data: &DataDir) -> (String, String) {
    let workbook = data.import_generated(3, 41);
    let id = workbook.newest_first()[0].id.clone();
    let text = data.stdout_of(&["show", &id]);
    (id, text)
}

#[test]
fn show_taller_than_the_terminal_goes_through_the_pager_whole() {
    let data = DataDir::new();
    let (id, text) = newest(&data);
    let paged = data.outside("after").join("paged.txt");
    let env = format!("TZ=UTC WHEELBOOK_PAGER=\"cat > '{}'\"", paged.display());
    let tmux = Tmux::start_command("paged", &data, (200, 10), &env, &format!("show {id}"));
    let screen = tmux.wait_for("EXIT=0");
    let first_line = text.lines().next().expect("a title");
    assert!(
        !screen.contains(first_line),
        "written past the pager:\n{screen}"
    );
    // Broken for the terminal's width between words, but every word is there, in order.
    let paged = std::fs::read_to_string(&paged).expect("paged");
    assert_eq!(words(&paged), words(&text));
    assert!(paged.lines().all(|line| line.chars().count() <= 200));
}

#[test]
fn ctrl_c_in_less_is_the_pagers_and_q_ends_show_as_usual() {
    let data = DataDir::new();
    let (id, text) = newest(&data);
    // The script's own shell outlives Ctrl-C to tell how wheelbook ended; a trap, unlike an
    // ignored signal, is not handed on to wheelbook.
    let env = "trap : INT; TZ=UTC LESS=FRX WHEELBOOK_PAGER=less";
    let tmux = Tmux::start_command("less", &data, (200, 10), env, &format!("show {id}"));
    let first_line = text.lines().next().expect("a title");
    tmux.wait_for(first_line);
    tmux.keys(&["C-c"]);
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
}

/// Every word of `text`, in order, one space between.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn show_that_fits_paging_turned_off_and_a_failing_pager_write_to_the_terminal() {
    let data = DataDir::new();
    let (id, text) = newest(&data);
    let marker = data.outside("after").join("paged");
    let marking = format!("\"touch '{}'; cat\"", marker.display());
    // Room for the text with its long lines broken for the width, and the prompt.
    let rows = u16::try_from(3 * text.lines().count()).expect("rows");
    let cases = [
        ("fits", (200, rows), format!("WHEELBOOK_PAGER={marking}")),
        (
            "off",
            (200, 10),
            format!("WHEELBOOK_PAGER=cat PAGER={marking}"),
        ),
        (
            "empty",
            (200, 10),
            format!("WHEELBOOK_PAGER= PAGER={marking}"),
        ),
        ("failing", (200, 10), "WHEELBOOK_PAGER=false".to_string()),
    ];
    for (name, size, env) in cases {
        let env = format!("TZ=UTC {env}");
        let tmux = Tmux::start_command(name, &data, size, &env, &format!("show {id}"));
        tmux.wait_for("EXIT=0");
        let history = tmux.history();
        assert!(
            words(&history).contains(&words(&text)),
            "{name}:\n{history}"
        );
        assert!(!marker.exists(), "{name}: a pager ran");
        let warned = history.contains("the pager failed");
        assert_eq!(warned, name == "failing", "{name}:\n{history}");
    }
}
