//! `wheelbook pack ...` run as a user runs it: the real binary, its exit codes and output.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use wheelbook::content::{Pack, PackSource};

const WHEEL_SUMMARY: &str =
    "ok: The Wheel of Partnership: 11 areas, 47 competencies, 52 questions, 29 activities\n";

fn wheelbook() -> Command {
    let mut command = Command::cargo_bin("wheelbook").expect("binary is built");
    command.env_remove("WHEELBOOK_PACK");
    command
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/packs")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn check_without_a_file_validates_the_built_in_wheel() {
    wheelbook()
        .args(["pack", "check"])
        .assert()
        .success()
        .stdout(WHEEL_SUMMARY)
        .stderr("");
}

#[test]
fn check_of_a_valid_file_prints_one_summary_line() {
    wheelbook()
        .args(["pack", "check", &fixture("valid-minimal.toml")])
        .assert()
        .success()
        .stdout("ok: A pack with one mistake: 1 area, 1 competency, 1 question, 1 activity\n");
}

#[test]
fn check_of_an_invalid_file_exits_2_with_one_located_line_per_problem() {
    let file = fixture("invalid/several-problems.toml");
    let output = wheelbook()
        .args(["pack", "check", &file])
        .assert()
        .code(2)
        .stdout("")
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(
        lines[0].starts_with(&format!("{file}:18:9: the scale label is empty")),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with(&format!("{file}:32:9: unknown tag `skill`")),
        "{stderr}"
    );
    assert!(
        lines[2].starts_with(&format!("{file}:44:6: duplicate id `handover`")),
        "{stderr}"
    );
    assert!(lines[3].starts_with("3 problems found"), "{stderr}");
}

#[test]
fn a_missing_pack_file_exits_2_and_says_what_to_do() {
    wheelbook()
        .args(["pack", "check", "no-such-pack.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no-such-pack.toml: cannot read the content pack: No such file or directory. Check the path",
        ))
        .stderr(predicate::str::contains("os error").not())
        .stderr(predicate::str::contains("leave out --pack").not());
}

#[test]
fn the_pack_option_and_environment_variable_choose_the_pack_in_use() {
    let minimal = "ok: A pack with one mistake:";
    wheelbook()
        .args(["--pack", &fixture("valid-minimal.toml"), "pack", "check"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(minimal));
    wheelbook()
        .env("WHEELBOOK_PACK", fixture("valid-minimal.toml"))
        .args(["pack", "check"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(minimal));
    // A bad pack in use stops every command, not only `pack check`.
    wheelbook()
        .env("WHEELBOOK_PACK", fixture("invalid/unknown-key.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `titel`"));
}

#[test]
fn show_json_has_the_documented_shape_and_round_trips() {
    let output = wheelbook()
        .args(["pack", "show", "--json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    for key in ["id", "title", "version", "scale", "contexts", "areas"] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    let area = &json["areas"][2];
    assert_eq!(area["id"], "listening-communicating");
    assert_eq!(
        area["competencies"][2]["tags"],
        serde_json::json!(["knowledge", "skills"])
    );
    for key in ["questions", "activities", "prompts"] {
        assert!(
            area[key][0]["id"].is_string() && area[key][0]["text"].is_string(),
            "{key}"
        );
    }
    assert_eq!(json["scale"][0]["value"], 1);
    assert!(json["scale"][0]["label"].is_string() && json["scale"][0]["description"].is_string());

    // JSON back to a pack gives the same pack...
    let from_json: Pack = serde_json::from_value(json).expect("JSON is a pack");
    let built_in = PackSource::BuiltIn.load().expect("built-in pack");
    assert_eq!(from_json, built_in);
    // ...and, written out as TOML, it is a valid pack file with the same content.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("round-trip.toml");
    std::fs::write(&path, toml::to_string(&from_json).expect("TOML")).expect("write");
    wheelbook()
        .args(["pack", "check"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "11 areas, 47 competencies, 52 questions, 29 activities\n",
        ));
    let reloaded = wheelbook::content::load_file(&path).expect("valid");
    assert_eq!(reloaded, built_in);
}

#[test]
fn show_prints_the_framework_readably() {
    wheelbook()
        .args(["pack", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1. Outcomes Framework  [outcomes-framework]",
        ))
        .stdout(predicate::str::contains(
            "   3. [K S] Is aware of and adapts to",
        ))
        .stdout(predicate::str::contains("  1  Emerging: "))
        .stdout(predicate::str::contains("Tower Hamlets Together"));
}

#[test]
fn show_of_an_invalid_pack_prints_nothing_and_exits_2() {
    wheelbook()
        .args(["pack", "show", "--json", &fixture("invalid/no-tags.toml")])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            ":32:8: competency `handover.c1` has no tags",
        ));
}

#[test]
fn version_and_help_come_from_clap() {
    wheelbook()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("wheelbook {}\n", env!("CARGO_PKG_VERSION")));
    wheelbook()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("--pack <FILE>"))
        .stdout(predicate::str::contains("WHEELBOOK_PACK"));
}

/// The screens need a terminal; run without one (a script, a pipe), `wheelbook` says so
/// after checking the pack, and touches no files.
#[test]
fn no_command_without_a_terminal_says_what_to_do() {
    let empty = tempfile::tempdir().expect("temp dir");
    wheelbook()
        .current_dir(empty.path())
        .env("WHEELBOOK_DATA_DIR", empty.path().join("data"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the workbook screens need a terminal",
        ))
        .stderr(predicate::str::contains("wheelbook --help"));
    assert!(!empty.path().join("data").exists());
}
