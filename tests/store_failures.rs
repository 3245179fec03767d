//! The failures a workbook must survive, each through the real binary: bad files, a newer
//! format, files others can read, a second writer and symbolic links. No byte of the existing
//! workbook may be lost.

mod common;

use std::fs;

use common::DataDir;
use predicates::prelude::*;
use wheelbook::workbook::store::{Location, Store};

/// A data directory holding a good workbook with one backup, then `bad` written over it.
fn damaged(bad: &[u8]) -> DataDir {
    let data = DataDir::new();
    data.import_generated(3, 71);
    data.import_generated(2, 72); // keeps the 3-reflection version as a backup
    fs::write(data.workbook_path(), bad).expect("write");
    data
}

fn set_aside_files(data: &DataDir) -> Vec<std::path::PathBuf> {
    fs::read_dir(data.dir())
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("workbook.damaged-"))
        .collect()
}

#[test]
fn a_corrupt_workbook_is_reported_by_readers_and_left_alone() {
    let garbage = b"{\"schema_version\": 1, \"reflections\": [oops";
    let data = damaged(garbage);
    data.wheelbook()
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "workbook.json could not be read: the file is not valid JSON at line 1",
        ))
        .stderr(predicate::str::contains("It has not been changed."))
        .stderr(predicate::str::contains("The newest good backup is"))
        .stderr(predicate::str::contains("(saved "))
        .stderr(predicate::str::contains(
            "3 reflections). To restore it, run: wheelbook restore",
        ));
    assert_eq!(fs::read(data.workbook_path()).expect("read"), garbage);
    data.wheelbook()
        .arg("where")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "(cannot be read: the file is not valid JSON",
        ));
}

#[test]
fn a_writer_moves_a_corrupt_workbook_aside_and_restore_brings_back_the_backup() {
    let garbage = b"\x00\x00\x00\x00 not a workbook";
    let data = damaged(garbage);
    let import = data.outside("generated-72.json");
    data.wheelbook()
        .arg("import")
        .arg(&import)
        .assert()
        .failure()
        .stderr(predicate::str::contains("It has been moved, unchanged, to"))
        .stderr(predicate::str::contains("wheelbook restore"));
    let aside = set_aside_files(&data);
    assert_eq!(aside.len(), 1);
    assert_eq!(
        fs::read(&aside[0]).expect("read"),
        garbage,
        "moved byte for byte"
    );
    assert!(!data.workbook_path().exists());

    data.wheelbook()
        .arg("restore")
        .assert()
        .success()
        .stdout(predicate::str::contains("(3 reflections)"));
    assert_eq!(data.saved().reflections.len(), 3);
    data.wheelbook()
        .arg("where")
        .assert()
        .success()
        .stdout(predicate::str::contains("Set aside:"));
}

#[test]
fn a_truncated_workbook_is_called_cut_short() {
    let full = serde_json::to_vec_pretty(&common::generated(2, 73)).expect("JSON");
    let data = damaged(&full[..full.len() * 2 / 3]);
    data.wheelbook()
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains("the file ends too early"))
        .stderr(predicate::str::contains("it was cut short"));
}

#[test]
fn damage_at_the_end_of_a_large_workbook_is_reported_where_it_is() {
    // Large enough to be read on two threads, which give back what they have read as they go:
    // what is wrong must still be found in the file as it is.
    let mut value = serde_json::to_value(common::generated(600, 74)).expect("JSON");
    value["reflections"][599]["status"] = "unheard-of".into();
    let bad = serde_json::to_vec_pretty(&value).expect("JSON");
    assert!(bad.len() > 1024 * 1024, "{} bytes", bad.len());
    let error = serde_json::from_slice::<wheelbook::workbook::Workbook>(&bad).expect_err("bad");
    let data = damaged(&bad);
    data.wheelbook()
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "not a wheelbook workbook at line {}, column {}: unknown variant `unheard-of`",
            error.line(),
            error.column()
        )));
    assert_eq!(fs::read(data.workbook_path()).expect("read"), bad);
}

#[test]
fn an_empty_or_non_utf8_workbook_is_never_taken_for_an_empty_one() {
    let data = damaged(b"");
    data.wheelbook()
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains("the file is empty"));
    let data = damaged(b"{\"schema_version\": 1, \"title\": \"caf\xe9\"}");
    data.wheelbook()
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "not UTF-8 text (line 1, column 36)",
        ));
}

#[test]
fn a_workbook_from_a_newer_wheelbook_is_refused_and_unchanged() {
    let data = DataDir::new();
    data.import_generated(2, 74);
    let text = fs::read_to_string(data.workbook_path()).expect("read");
    let newer = text.replacen("\"schema_version\": 2", "\"schema_version\": 3", 1);
    fs::write(data.workbook_path(), &newer).expect("write");
    let refused = |command: &mut assert_cmd::Command| {
        command
            .assert()
            .failure()
            .stderr(predicate::str::contains(
                "was written by a newer wheelbook (workbook format 3",
            ))
            .stderr(predicate::str::contains("It has not been changed"));
    };
    refused(data.wheelbook().arg("list"));
    refused(
        data.wheelbook()
            .arg("import")
            .arg(data.outside("generated-74.json")),
    );
    assert_eq!(
        fs::read_to_string(data.workbook_path()).expect("read"),
        newer
    );
    assert!(set_aside_files(&data).is_empty());
}

#[cfg(unix)]
#[test]
fn files_others_can_read_give_a_warning_that_says_how_to_fix_it() {
    use std::os::unix::fs::PermissionsExt;
    let data = DataDir::new();
    data.import_generated(1, 75);
    fs::set_permissions(data.workbook_path(), fs::Permissions::from_mode(0o644)).expect("chmod");
    fs::set_permissions(data.dir(), fs::Permissions::from_mode(0o755)).expect("chmod");
    data.wheelbook()
        .arg("list")
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "warning: the file {} can be read by other users of this machine (permissions 644). To make it private, run: chmod 600",
            data.workbook_path().display()
        )))
        .stderr(predicate::str::contains("permissions 755). To make it private, run: chmod 700"));
}

#[test]
fn a_second_writer_is_refused_while_readers_carry_on() {
    let data = DataDir::new();
    data.import_generated(2, 76);
    let before = fs::read(data.workbook_path()).expect("read");
    let location = Location::new(data.dir(), "workbook").expect("location");
    let held = Store::lock(location).expect("this test holds the workbook");

    data.wheelbook()
        .arg("import")
        .arg(data.outside("generated-76.json"))
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "the workbook {} is open for writing in another wheelbook (process {}, since ",
            data.workbook_path().display(),
            std::process::id()
        )))
        .stderr(predicate::str::contains("Close that one first"));
    data.wheelbook().arg("list").assert().success();
    data.wheelbook().arg("backup").assert().success();
    assert_eq!(fs::read(data.workbook_path()).expect("read"), before);

    drop(held);
    data.wheelbook()
        .arg("import")
        .arg(data.outside("generated-76.json"))
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn a_symlinked_workbook_is_refused_and_its_target_untouched() {
    let data = DataDir::new();
    data.import_generated(1, 77);
    let elsewhere = data.outside("elsewhere.json");
    fs::rename(data.workbook_path(), &elsewhere).expect("move");
    std::os::unix::fs::symlink(&elsewhere, data.workbook_path()).expect("symlink");
    let before = fs::read(&elsewhere).expect("read");
    for command in ["list", "import"] {
        let mut run = data.wheelbook();
        run.arg(command);
        if command == "import" {
            run.arg(data.outside("generated-77.json"));
        }
        run.assert()
            .failure()
            .stderr(predicate::str::contains("is a symbolic link"));
    }
    assert_eq!(fs::read(&elsewhere).expect("read"), before);
}

/// After a damaged workbook is set aside, nothing is written until the user chooses: a new
/// workbook started quietly would, in time, prune the backup they need.
#[test]
fn while_a_damaged_workbook_is_set_aside_writers_wait_for_restore() {
    let data = damaged(b"not json at all");
    let import = data.outside("generated-72.json");
    data.wheelbook()
        .arg("import")
        .arg(&import)
        .assert()
        .failure(); // moves it aside
    for _ in 0..2 {
        data.wheelbook()
            .arg("import")
            .arg(&import)
            .assert()
            .failure()
            .stderr(predicate::str::contains(
                "could not be read and was set aside, unchanged, as",
            ))
            .stderr(predicate::str::contains(
                "Nothing will be written until you choose",
            ))
            .stderr(predicate::str::contains(
                "3 reflections), run: wheelbook restore",
            ))
            .stderr(predicate::str::contains("wheelbook restore --fresh"));
    }
    assert!(
        !data.workbook_path().exists(),
        "no new workbook was started"
    );
    data.wheelbook().arg("restore").assert().success();
    assert_eq!(data.saved().reflections.len(), 3);
    // Now writers work again, and the set-aside file is still there.
    data.wheelbook()
        .arg("import")
        .arg(&import)
        .assert()
        .success();
    assert_eq!(set_aside_files(&data).len(), 1);
}

#[test]
fn restore_fresh_starts_an_empty_workbook_and_keeps_the_damaged_one() {
    let data = damaged(b"\xff\xfe garbage");
    data.wheelbook()
        .args(["restore", "--fresh"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "from a new, empty workbook (0 reflections)",
        ))
        .stdout(predicate::str::contains(
            "The unreadable workbook is kept, unchanged, at",
        ));
    assert!(data.saved().reflections.is_empty());
    assert_eq!(
        fs::read(&set_aside_files(&data)[0]).expect("read"),
        b"\xff\xfe garbage"
    );
}

#[test]
fn restoring_over_a_workbook_that_reads_fine_needs_yes_and_keeps_it() {
    let data = DataDir::new();
    data.import_generated(3, 78);
    data.import_generated(2, 79);
    let current = fs::read(data.workbook_path()).expect("read");
    data.wheelbook()
        .arg("restore")
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "reads fine (5 reflections), so restoring",
        ))
        .stderr(predicate::str::contains("add --yes"));
    assert_eq!(fs::read(data.workbook_path()).expect("read"), current);

    data.wheelbook()
        .args(["restore", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(3 reflections)"))
        .stdout(predicate::str::contains(
            "The version it replaced is kept at",
        ));
    assert_eq!(data.saved().reflections.len(), 3);
    let manual: Vec<_> = fs::read_dir(data.dir().join("backups"))
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".manual-"))
        .collect();
    assert_eq!(manual.len(), 1);
    assert_eq!(common::read_json(&manual[0].path()).reflections.len(), 5);

    // A named file is restored the same way; a file that is not a workbook is bad input.
    let file = data.outside("generated-79.json");
    data.wheelbook()
        .arg("restore")
        .arg(&file)
        .arg("--yes")
        .assert()
        .success();
    assert_eq!(data.saved().reflections.len(), 2);
    let junk = data.outside("junk.json");
    fs::write(&junk, "[]").expect("write");
    data.wheelbook()
        .arg("restore")
        .arg(&junk)
        .arg("--yes")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "junk.json: is not a wheelbook workbook",
        ));
    assert_eq!(data.saved().reflections.len(), 2);
}

#[test]
fn backups_are_pruned_through_real_saves() {
    let data = DataDir::new();
    for seed in 0..14 {
        data.import_generated(1, 300 + seed);
    }
    let backups = fs::read_dir(data.dir().join("backups"))
        .expect("dir")
        .count();
    // 13 saves replaced a version; all are from today, so only the newest ten are kept.
    assert_eq!(backups, wheelbook::workbook::store::KEEP_RECENT);
}
