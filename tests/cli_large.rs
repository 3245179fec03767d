//! Commands that read a large workbook and exit start themselves again with glibc's heap
//! tuned (`src/cli/heap.rs`): the same output, and a pager they run is left untuned.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

mod common;

use common::DataDir;
use common::tmux::Tmux;

/// What wheelbook sets, as it stands in a process's environment: glibc ends each tunable it
/// takes where it stands, so that the variable may read as only the first of them.
const TUNABLES: [&str; 2] = [
    "GLIBC_TUNABLES=glibc.malloc.hugetlb=1",
    "glibc.malloc.top_pad=67108864",
];

/// A workbook past the size from which the heap is tuned (512 KB).
fn large(data: &DataDir) {
    data.import_generated(200, 61);
    let size = std::fs::metadata(data.workbook_path())
        .expect("saved")
        .len();
    assert!(
        size >= 512 * 1024,
        "{size} bytes: too small to be tuned for"
    );
}

#[test]
fn started_again_tuned_or_not_a_command_writes_the_same() {
    let data = DataDir::new();
    large(&data);
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["export", "--since", "1900-01-01", "--format", "json"],
    ] {
        let output = data
            .wheelbook()
            .env_remove("GLIBC_TUNABLES")
            .args(args)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{args:?}: {output:?}");
        let tuned = String::from_utf8_lossy(&output.stdout).into_owned();
        // Tunables already set, by the owner: not started again.
        let output = data
            .wheelbook()
            .env("GLIBC_TUNABLES", "glibc.malloc.check=0")
            .args(args)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{args:?}: {output:?}");
        assert_eq!(String::from_utf8_lossy(&output.stdout), tuned, "{args:?}");
    }
}

#[test]
fn a_large_list_is_read_tuned_and_its_pager_runs_untuned() {
    let data = DataDir::new();
    large(&data);
    let listed = data.stdout_of(&["list"]);
    let after = data.outside("after");
    let (theirs, own, paged) = (
        after.join("wheelbook-environ.txt"),
        after.join("pager-environ.txt"),
        after.join("paged.txt"),
    );
    // The pager's shell is wheelbook's child: $PPID is wheelbook, started again or not.
    let pager = format!(
        "tr '\\0' '\\n' < /proc/$PPID/environ > {}; env > {}; cat > {}",
        theirs.display(),
        own.display(),
        paged.display()
    );
    // Started by `env -u`: tunables set where the tests run would keep it from starting again.
    let env =
        format!("TZ=UTC WHEELBOOK_PAGER=\"{pager}\" env -u GLIBC_TUNABLES").replace('$', "\\$");
    let tmux = Tmux::start_command("large", &data, (200, 10), &env, "list");
    tmux.wait_for("EXIT=0");
    let read = |path: &std::path::Path| std::fs::read_to_string(path).expect("the pager ran");
    let theirs = read(&theirs);
    assert!(
        TUNABLES.iter().all(|tunable| theirs.contains(tunable)),
        "wheelbook was not started again tuned:\n{theirs}"
    );
    let own = read(&own);
    assert!(
        !own.contains("GLIBC_TUNABLES"),
        "the pager was tuned:\n{own}"
    );
    assert!(
        own.contains("WHEELBOOK_DATA_DIR"),
        "not the pager's environment:\n{own}"
    );
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
    assert_eq!(ids(&read(&paged)).len(), 200);
    assert_eq!(ids(&read(&paged)), ids(&listed));
}
