//! `wheelbook export` through the binary: selection, preview, files and pipes. The
//! identifier check is in `cli_export_check.rs`.

mod common;

use common::{DataDir, generated, write_json};
use predicates::prelude::*;
use wheelbook::workbook::Status;

#[test]
fn with_nothing_named_it_exports_the_most_recent_complete_reflection() {
    let data = DataDir::new();
    let workbook = data.import_complete(5, 501);
    let newest = workbook.newest_first()[0];
    data.wheelbook()
        .arg("export")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "# Reflection: {}",
            newest.title
        )))
        .stdout(predicate::str::contains(&newest.id));
}

#[test]
fn reflections_are_chosen_by_id_and_filters() {
    let data = DataDir::new();
    let workbook = data.import_complete(8, 502);
    let oldest = workbook.newest_first().last().copied().expect("one");
    let prefix = &oldest.id[..oldest.id.len() - 3];
    data.wheelbook()
        .args(["export", "--format", "json", prefix])
        .assert()
        .success()
        .stdout(predicate::str::contains(&oldest.id));

    let output = data
        .wheelbook()
        .args(["export", "--format", "json", "--since", "1900-01-01"])
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["title"], "8 reflections");

    data.wheelbook()
        .args(["export", "--area", "no-such-area"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`no-such-area` is not an area of this pack",
        ));
    data.wheelbook()
        .args(["export", "--until", "1900-01-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no complete reflection matches"));
    data.wheelbook()
        .args(["export", "--since", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'yesterday'"));
}

#[test]
fn a_folder_that_does_not_exist_is_not_made() {
    let data = DataDir::new();
    data.import_complete(2, 508);
    let out = data.outside("typo/folder/account.md");
    data.wheelbook()
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist: create it first"));
    assert!(!data.outside("typo").exists());
}

#[test]
fn with_no_complete_reflection_yet_it_says_so_with_status_1() {
    let data = DataDir::new();
    let mut workbook = generated(2, 509);
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Draft;
    }
    let file = data.outside("drafts.json");
    write_json(&file, &workbook);
    data.wheelbook().arg("import").arg(&file).assert().success();
    data.wheelbook()
        .arg("export")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "there is no complete reflection yet",
        ));
}

#[test]
fn a_date_not_written_yyyy_mm_dd_says_how_to_write_it() {
    let data = DataDir::new();
    for typed in ["01/01/2026", "2026-13-01", "last week"] {
        data.wheelbook()
            .args(["export", "--since", typed])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "`{typed}` is not a date: write it as YYYY-MM-DD"
            )));
    }
}

/// An area or a context is given as the screens word it, in any case, or by its id.
#[test]
fn areas_and_contexts_are_given_by_their_words_or_ids() {
    let data = DataDir::new();
    let workbook = data.import_complete(12, 512);
    let pack = wheelbook::content::PackSource::BuiltIn
        .load()
        .expect("pack");
    let newest = workbook.newest_first()[0];
    let context = pack
        .context(&newest.context)
        .expect("a context of the pack");
    let exported = |args: &[&str]| {
        data.stdout_of(
            &[
                &["export", "--since", "1900-01-01", "--format", "json"][..],
                args,
            ]
            .concat(),
        )
    };
    let by_id = exported(&["--context", &context.id]);
    assert!(by_id.contains(&newest.id));
    assert_eq!(
        exported(&["--context", &context.label.to_uppercase()]),
        by_id
    );
    let area = &pack.areas[3];
    assert_eq!(
        exported(&["--area", &area.title.to_lowercase()]),
        exported(&["--area", &area.id])
    );
    data.wheelbook()
        .args(["export", "--context", "a ward round"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`a ward round` is not a context of this pack",
        ))
        .stderr(predicate::str::contains(
            "`incident` (An incident or event)",
        ));
}

/// A CPD log or an HCPC profile narrowed by the owner says it holds only some reflections,
/// so that its totals are not taken for all of the owner's CPD.
#[test]
fn a_narrowed_cpd_log_or_profile_says_it_holds_only_some_reflections() {
    let data = DataDir::new();
    data.import_complete(40, 77);
    let exported =
        |args: &[&str]| data.stdout_of(&[&["export", "--format", "txt"][..], args].concat());
    let whole = exported(&["--template", "cpd-log"]);
    assert!(!whole.contains("holds only some"), "{whole}");
    let incidents = exported(&["--template", "cpd-log", "--context", "incident"]);
    assert!(
        incidents.contains(
            "This log holds only some of your reflections (in the context “An incident or event”): its totals are of these alone, not of all your CPD."
        ),
        "{incidents}"
    );
    let recent = exported(&[
        "--template",
        "hcpc-profile",
        "--area",
        "risk",
        "--since",
        "2025-01-01",
    ]);
    assert!(
        recent.contains(
            "This profile holds only some of your reflections (with the area “Positive Risk Taking” in focus, dated from the day given)"
        ),
        "{recent}"
    );
    // Dates before the years a log covers leave nothing out: nothing to say.
    let more = exported(&["--template", "cpd-log", "--since", "1900-01-01"]);
    assert!(!more.contains("holds only some"), "{more}");
}

/// Some of an area's or a context's words, whole and in order, are enough when only one
/// has them; when several do, the message names them.
#[test]
fn areas_and_contexts_are_given_by_some_of_their_words() {
    let data = DataDir::new();
    data.import_complete(40, 77);
    let exported = |args: &[&str]| {
        data.stdout_of(
            &[
                &["export", "--since", "1900-01-01", "--format", "json"][..],
                args,
            ]
            .concat(),
        )
    };
    assert_eq!(
        exported(&["--context", "Service User"]),
        exported(&["--context", "service-user"])
    );
    assert_eq!(
        exported(&["--area", "risk"]),
        exported(&["--area", "positive-risk-taking"])
    );
    assert_eq!(
        exported(&["--area", "roles"]),
        exported(&["--area", "roles-and-bridges"])
    );
    assert_ne!(
        exported(&["--area", "risk"]),
        exported(&["--area", "roles"]),
        "two areas, two exports"
    );
    data.wheelbook()
        .args(["export", "--context", "development"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`development` could be more than one context",
        ))
        .stderr(predicate::str::contains("`own-development`"))
        .stderr(predicate::str::contains("`team`"))
        .stderr(predicate::str::contains("`incident`").not());
    // Part of a word is not a word, but it is offered.
    data.wheelbook()
        .args(["export", "--area", "resil"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`resil` is not an area of this pack. Did you mean `resilience` (Resilience)?",
        ));
    // A word a letter or two out is offered too.
    for (option, typed, meant) in [
        ("--area", "resiliance", "`resilience` (Resilience)"),
        (
            "--area",
            "communication",
            "`listening-communicating` (Listening & Communicating)",
        ),
        ("--context", "incdent", "`incident` (An incident or event)"),
    ] {
        data.wheelbook()
            .args(["export", option, typed])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("Did you mean {meant}?")));
    }
    // Nothing near, nothing offered ("hand" is not "and"); every choice is listed.
    data.wheelbook()
        .args(["export", "--area", "hand"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Did you mean").not());
    data.wheelbook()
        .args(["export", "--area", "ward"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Did you mean").not())
        .stderr(predicate::str::contains(
            "`person-centred` (Person Centred)",
        ));
}

/// Supervision notes name the session's date only when it is given, and say when they were
/// prepared; the date given is the template's own, so the export is not refused for it.
#[test]
fn supervision_notes_take_the_session_date_from_the_command_line() {
    let data = DataDir::new();
    data.import_complete(3, 512);
    let notes = |extra: &[&str]| {
        data.stdout_of(&[&["export", "--template", "supervision-prep"][..], extra].concat())
    };
    let undated = notes(&[]);
    assert!(
        undated.contains("**Date of the session**\n\nnot given yet\n"),
        "{undated}"
    );
    assert!(undated.contains("**Prepared on**\n\n"), "{undated}");
    let dated = notes(&["--session-date", "2026-12-04"]);
    // Given to a template that does not use it, an option is named, not passed over.
    data.wheelbook()
        .args([
            "export",
            "--session-date",
            "2026-12-04",
            "--account-number",
            "2",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "note: the record template does not use --session-date, --account-number; left out.",
        ));
    data.wheelbook()
        .args([
            "export",
            "--template",
            "supervision-prep",
            "--session-date",
            "2026-12-04",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("does not use").not());
    assert!(
        dated.contains("**Date of the session**\n\n2026-12-04\n"),
        "{dated}"
    );
    data.wheelbook()
        .args(["export", "--template", "supervision-prep"])
        .args(["--session-date", "4/12/2026"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`4/12/2026` is not a date: write it as YYYY-MM-DD",
        ));
}

/// Dates and filters choose among complete reflections; a draft goes in only when named.
/// With nothing named, a CPD log covers the NMC's three years rather than one reflection.
#[test]
fn drafts_go_in_only_when_named_and_a_cpd_log_covers_its_years() {
    let data = DataDir::new();
    let mut workbook = generated(12, 513);
    let draft = workbook.newest_first()[1].id.clone();
    for reflection in workbook.reflections_mut() {
        reflection.status = match reflection.id == draft {
            true => Status::Draft,
            false => Status::Complete,
        };
    }
    let file = data.outside("fixture.json");
    write_json(&file, &workbook);
    data.wheelbook().arg("import").arg(&file).assert().success();
    let exported = |args: &[&str]| {
        data.stdout_of(
            &[
                &["export", "--format", "json", "--allow-identifiers"][..],
                args,
            ]
            .concat(),
        )
    };
    let all = exported(&["--since", "1900-01-01"]);
    assert!(all.contains("\"11 reflections\""), "the draft is left out");
    assert!(!all.contains(&draft));
    assert!(
        exported(&[&draft]).contains(&draft),
        "named, the draft goes in"
    );

    let today = chrono::Utc::now().date_naive();
    let start = today
        .checked_sub_months(chrono::Months::new(36))
        .and_then(|d| d.succ_opt())
        .expect("a date");
    let saved = data.saved();
    let in_window = saved
        .reflections
        .iter()
        .filter(|r| r.status == Status::Complete)
        .filter(|r| (start..=today).contains(&wheelbook::export::select::date_of(r)))
        .count();
    assert!(
        in_window > 1,
        "the fixture has several reflections in the window"
    );
    let log = exported(&["--template", "cpd-log"]);
    let counted = format!("\"value\": \"{in_window} of {in_window}\"");
    assert!(log.contains(&counted), "{counted} in\n{log}");
}

/// An export is written as it is made; a reader that stops early (`| head`) ends it
/// quietly, and it stops making what nobody will read.
#[test]
fn an_export_into_a_pipe_closed_early_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};

    let data = DataDir::new();
    data.import_complete(40, 521);
    let whole = data.stdout_of(&["export", "--since", "2000-01-01", "--format", "json"]);
    assert!(whole.len() > 1 << 18, "{} bytes", whole.len());
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("wheelbook"))
        .env_clear()
        .env("WHEELBOOK_DATA_DIR", data.dir())
        .args(["export", "--since", "2000-01-01", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wheelbook runs");
    let mut start = [0; 100];
    let mut stdout = child.stdout.take().expect("stdout");
    stdout.read_exact(&mut start).expect("the start");
    drop(stdout);
    let output = child.wait_with_output().expect("wheelbook ends");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(&start[..], &whole.as_bytes()[..100]);
}
