//! A workbook large enough to be read on two threads, as its owner meets it on the command
//! line: listed through a pager, whole and in order.
#![cfg(unix)]

mod common;

use common::DataDir;
use common::tmux::Tmux;
use wheelbook::workbook::store::SPLIT_FROM_BYTES;

/// A workbook past the size from which it is read on two threads.
fn large(data: &DataDir) {
    data.import_generated(200, 61);
    let size = std::fs::metadata(data.workbook_path())
        .expect("saved")
        .len();
    assert!(
        size >= SPLIT_FROM_BYTES as u64,
        "{size} bytes: too small to be read on two threads"
    );
}

#[test]
fn a_large_list_is_paged_whole_and_in_order() {
    let data = DataDir::new();
    large(&data);
    let listed = data.stdout_of(&["list"]);
    let paged = data.outside("after").join("paged.txt");
    let pager = format!("cat > {}", paged.display());
    let env = format!("TZ=UTC WHEELBOOK_PAGER=\"{pager}\"");
    let tmux = Tmux::start_command("large", &data, (200, 10), &env, "list");
    tmux.wait_for("EXIT=0");
    let paged = std::fs::read_to_string(&paged).expect("the pager ran");
    // Laid out for the terminal's width, but every reflection is there, in order.
    let ids = |text: &str| -> Vec<String> {
        let first_words = text
            .lines()
            .filter_map(|line| line.split_whitespace().next());
        first_words
            .filter(|word| word.starts_with('r') && word.contains('-'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(ids(&paged).len(), 200);
    assert_eq!(ids(&paged), ids(&listed));
}
