//! The workbook commands end to end: the real binary on temporary data directories.

mod common;

use std::fs;

use common::{DataDir, generated, read_json, write_json};
use predicates::prelude::*;
use wheelbook::workbook::Reflection;

#[test]
fn where_names_every_path_and_creates_nothing() {
    let data = DataDir::new();
    data.wheelbook()
        .arg("where")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Data directory:  {}",
            data.dir().display()
        )))
        .stdout(predicate::str::contains(format!(
            "Workbook:        {} (not created yet",
            data.workbook_path().display()
        )))
        .stdout(predicate::str::contains("Backups:"))
        .stdout(predicate::str::contains(
            "Content pack:    (built-in) wheel-of-partnership.toml",
        ));
    assert!(
        !data.dir().exists(),
        "a read-only command created the data directory"
    );
}

/// A mistyped `--data-dir` must not read as an empty workbook: every command that reads one
/// says there is none, where it looked, and how to look elsewhere, and creates nothing.
#[test]
fn reading_a_workbook_that_is_not_there_says_where_it_looked() {
    let data = DataDir::new();
    let commands: [&[&str]; 5] = [
        &["list"],
        &["list", "--json"],
        &["show", "r20260101-000000000000"],
        &["export"],
        &["backup"],
    ];
    for args in commands {
        data.wheelbook()
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "there is no workbook at {}: the folder {} does not exist",
                data.workbook_path().display(),
                data.dir().display()
            )))
            .stderr(predicate::str::contains("check --data-dir"));
        assert!(!data.dir().exists(), "{args:?} created the data directory");
    }
    fs::create_dir(data.dir()).expect("folder");
    for (args, doing) in commands
        .iter()
        .zip(["list", "list", "show", "export", "back up"])
    {
        data.wheelbook()
            .args(*args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!(
                "there is no workbook at {} yet, so there is nothing to {doing}",
                data.workbook_path().display()
            )));
    }
}

#[test]
fn import_then_list_and_show_what_was_imported() {
    let data = DataDir::new();
    let imported = data.import_generated(6, 11);
    assert_eq!(data.saved().reflections, imported.reflections);
    assert_eq!(data.saved().actions, imported.actions);

    let output = data
        .wheelbook()
        .args(["list", "--json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(rows.len(), 6);
    let newest = imported
        .reflections
        .iter()
        .max_by_key(|r| r.created)
        .expect("one");
    assert_eq!(rows[0]["id"], newest.id.as_str(), "newest first");

    let table = data
        .wheelbook()
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(table).expect("utf-8");
    assert!(table.starts_with("ID "), "{table}");
    assert_eq!(table.lines().count(), 7);
    assert!(table.contains(&newest.title));

    // `show` takes a prefix of the id, long enough to tell it apart.
    let prefix = &newest.id[..newest.id.len() - 4];
    let json = data
        .wheelbook()
        .args(["show", "--json", prefix])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let shown: Reflection = serde_json::from_slice(&json).expect("a reflection");
    assert_eq!(&shown, newest.as_ref());
    data.wheelbook()
        .args(["show", &newest.id])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "{}\n{}",
            newest.title, newest.id
        )))
        .stdout(predicate::str::contains("Context: "));
    data.wheelbook()
        .args(["show", "r1999"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no reflection with the id `r1999`",
        ));
}

#[test]
fn importing_again_adds_only_what_is_new_or_newer_and_keeps_a_backup() {
    let data = DataDir::new();
    let first = data.import_generated(4, 21);
    let before = fs::read(data.workbook_path()).expect("read");

    // The same file again changes nothing and writes nothing.
    let again = data.outside("generated-21.json");
    data.wheelbook()
        .arg("import")
        .arg(&again)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "reflections 0 new, 0 updated, 4 already up to date",
        ))
        .stdout(predicate::str::contains("Nothing new"));
    assert_eq!(fs::read(data.workbook_path()).expect("read"), before);

    // A copy edited later on another machine, plus reflections of its own.
    let mut other = generated(3, 22);
    let mut edited = first.reflections[0].as_ref().clone();
    edited.title = "Edited on my other computer".into();
    edited.updated += chrono::Duration::hours(1);
    other.reflections.push(edited.clone().into());
    let file = data.outside("other.json");
    write_json(&file, &other);
    data.wheelbook()
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "reflections 3 new, 1 updated, 0 already up to date",
        ));
    let saved = data.saved();
    assert_eq!(saved.reflections.len(), 7);
    assert!(saved.reflections.iter().any(|r| **r == edited));

    // The version the import replaced is in backups/, byte for byte.
    let backups: Vec<_> = fs::read_dir(data.dir().join("backups"))
        .expect("backups")
        .flatten()
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(fs::read(backups[0].path()).expect("read"), before);
}

#[cfg(unix)]
#[test]
fn the_data_directory_and_every_file_are_private() {
    let data = DataDir::new();
    data.import_generated(2, 31);
    data.import_generated(2, 32); // a second save makes a backup
    data.wheelbook().arg("backup").assert().success();
    assert_eq!(common::mode(&data.dir()), 0o700);
    assert_eq!(common::mode(&data.workbook_path()), 0o600);
    assert_eq!(common::mode(&data.dir().join("workbook.lock")), 0o600);
    assert_eq!(common::mode(&data.dir().join("backups")), 0o700);
    let backups: Vec<_> = fs::read_dir(data.dir().join("backups"))
        .expect("dir")
        .flatten()
        .collect();
    assert_eq!(backups.len(), 2, "one automatic, one manual");
    for backup in backups {
        assert_eq!(
            common::mode(&backup.path()),
            0o600,
            "{}",
            backup.path().display()
        );
    }
}

#[test]
fn backup_writes_a_private_copy_and_never_overwrites() {
    let data = DataDir::new();
    data.import_generated(3, 41);
    let copy = data.outside("copy.json");
    data.wheelbook()
        .args(["backup", "-o"])
        .arg(&copy)
        .assert()
        .success()
        .stdout(predicate::str::contains("Backed up 3 reflections"));
    assert_eq!(read_json(&copy), data.saved());
    #[cfg(unix)]
    assert_eq!(common::mode(&copy), 0o600);
    let before = std::fs::read(&copy).expect("read");
    data.wheelbook()
        .args(["backup", "-o"])
        .arg(&copy)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "copy.json: already exists. Choose another name",
        ));
    assert_eq!(std::fs::read(&copy).expect("read"), before);
}

#[test]
fn an_invalid_import_file_changes_nothing() {
    let data = DataDir::new();
    data.import_generated(3, 51);
    let before = fs::read(data.workbook_path()).expect("read");
    let text = serde_json::to_string_pretty(&generated(2, 52)).expect("JSON");

    let truncated = data.outside("truncated.json");
    fs::write(&truncated, &text[..text.len() / 2]).expect("write");
    data.wheelbook()
        .arg("import")
        .arg(&truncated)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ends too early"))
        .stderr(predicate::str::contains("Nothing was changed."));

    let newer = data.outside("newer.json");
    fs::write(
        &newer,
        text.replacen("\"schema_version\": 2", "\"schema_version\": 9", 1),
    )
    .expect("write");
    data.wheelbook()
        .arg("import")
        .arg(&newer)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "written by a newer wheelbook (workbook format 9",
        ));

    assert_eq!(fs::read(data.workbook_path()).expect("read"), before);
    assert!(!data.dir().join("backups").exists(), "no save happened");
}

#[test]
fn answers_the_pack_no_longer_has_are_shown_and_kept() {
    let data = DataDir::new();
    let mut workbook = generated(1, 61);
    let reflection = workbook.reflection_mut(0);
    reflection.ratings.insert("retired-area.c9", 2);
    reflection.answers.insert(
        "retired-area.q1",
        "An answer written with an older pack.".into(),
    );
    let id = reflection.id.clone();
    let file = data.outside("older.json");
    write_json(&file, &workbook);
    data.wheelbook().arg("import").arg(&file).assert().success();

    data.wheelbook()
        .args(["show", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("Kept from an older pack"))
        .stdout(predicate::str::contains("Rating of retired-area.c9: 2"))
        .stdout(predicate::str::contains(
            "An answer written with an older pack.",
        ));
    // Another save keeps them.
    data.import_generated(1, 62);
    let saved = data.saved();
    let kept = saved
        .reflections
        .iter()
        .find(|r| r.id == id)
        .expect("still there");
    assert_eq!(kept.ratings.get("retired-area.c9"), Some(&2));
}

#[test]
fn mistakes_on_the_command_line_exit_2_with_what_to_do() {
    let data = DataDir::new();
    data.wheelbook()
        .args(["--workbook", "../elsewhere", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`../elsewhere` cannot be a workbook name",
        ));
    // A data directory that is a file is not a typo but a set-up problem: status 1.
    let file = data.outside("not-a-directory");
    fs::write(&file, "x").expect("write");
    data.wheelbook()
        .env("WHEELBOOK_DATA_DIR", &file)
        .arg("import")
        .arg(data.outside("missing.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.json: No such file"));
    data.wheelbook()
        .env("WHEELBOOK_DATA_DIR", &file)
        .arg("restore")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "exists but is not a directory. Choose another with --data-dir",
        ));
}

/// Umask 000 would make files world-readable if wheelbook relied on the default modes.
#[cfg(unix)]
#[test]
fn files_are_private_whatever_the_umask() {
    let data = DataDir::new();
    let file = data.outside("some.json");
    write_json(&file, &generated(2, 33));
    for _ in 0..2 {
        let binary = assert_cmd::cargo::cargo_bin("wheelbook");
        let status = std::process::Command::new("sh")
            .args(["-c", "umask 000 && exec \"$0\" import \"$1\""])
            .arg(&binary)
            .arg(&file)
            .env("WHEELBOOK_DATA_DIR", data.dir())
            .status()
            .expect("run");
        assert!(status.success());
        write_json(&file, &generated(2, 34));
    }
    assert_eq!(common::mode(&data.dir()), 0o700);
    assert_eq!(common::mode(&data.workbook_path()), 0o600);
    assert_eq!(common::mode(&data.dir().join("workbook.lock")), 0o600);
    assert_eq!(common::mode(&data.dir().join("backups")), 0o700);
    for backup in fs::read_dir(data.dir().join("backups"))
        .expect("dir")
        .flatten()
    {
        assert_eq!(common::mode(&backup.path()), 0o600);
    }
}

#[test]
fn an_import_with_impossible_hours_is_refused() {
    let data = DataDir::new();
    let mut workbook = generated(2, 91);
    workbook.reflection_mut(0).cpd.hours = Some(-40.0);
    let file = data.outside("bad-hours.json");
    write_json(&file, &workbook);
    data.wheelbook()
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "-40 CPD hours, which cannot be right",
        ))
        .stderr(predicate::str::contains("Nothing was changed"));
    assert!(!data.workbook_path().exists());
}
