//! `wheelbook export` through the binary: selection, preview, the identifier check, files.

mod common;

use std::fs;

use common::{DataDir, generated, write_json};
use predicates::prelude::*;
use wheelbook::workbook::{Status, Workbook};

/// A workbook of complete reflections, imported; returns it.
fn with_reflections(data: &DataDir, count: usize, seed: u64) -> Workbook {
    let mut workbook = generated(count, seed);
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Complete;
    }
    let file = data.outside("fixture.json");
    write_json(&file, &workbook);
    data.wheelbook().arg("import").arg(&file).assert().success();
    data.saved()
}

#[test]
fn with_nothing_named_it_exports_the_most_recent_complete_reflection() {
    let data = DataDir::new();
    let workbook = with_reflections(&data, 5, 501);
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
    let workbook = with_reflections(&data, 8, 502);
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

/// A workbook whose newest reflection names a person, with an NHS number and a postcode.
fn with_identifiers(data: &DataDir) -> String {
    let mut workbook = generated(3, 503);
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Complete;
    }
    let newest = workbook.newest_first()[0].id.clone();
    let reflection = workbook
        .reflections_mut()
        .find(|r| r.id == newest)
        .expect("newest");
    reflection.title = "Visit with Mr Smith at E1 6AN, NHS 943 476 5919".into();
    let file = data.outside("fixture.json");
    write_json(&file, &workbook);
    data.wheelbook().arg("import").arg(&file).assert().success();
    newest
}

#[test]
fn likely_identifiers_stop_the_export_unless_allowed() {
    let data = DataDir::new();
    let id = with_identifiers(&data);
    let out = data.outside("account.md");
    data.wheelbook()
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("3 likely identifiers"))
        .stderr(predicate::str::contains(format!(
            "{id} · title · “Mr Smith”: a title and name"
        )))
        .stderr(predicate::str::contains("“943 476 5919”: an NHS number"))
        .stderr(predicate::str::contains("“E1 6AN”"))
        .stderr(predicate::str::contains("Nothing was written"));
    assert!(!out.exists());

    // Preview shows exactly what would leave, says what it found, and writes nothing.
    data.wheelbook()
        .args(["export", "--preview", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("Visit with Mr Smith"))
        .stderr(predicate::str::contains("would be refused"));
    assert!(!out.exists());

    // Let out, it is written as it is made, and the owner is told what it carries.
    data.wheelbook()
        .args(["export", "--allow-identifiers", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("Wrote"))
        .stderr(predicate::str::contains("3 likely identifiers"))
        .stderr(predicate::str::contains(
            "They were written, as --allow-identifiers asks",
        ));
    let written = fs::read_to_string(&out).expect("written");
    assert!(written.contains("Mr Smith"));
    let previewed = data.stdout_of(&["export", "--preview"]);
    let printed = data
        .wheelbook()
        .args(["export", "--allow-identifiers"])
        .assert()
        .success()
        .stderr(predicate::str::contains("They were written"));
    let printed = String::from_utf8(printed.get_output().stdout.clone()).expect("UTF-8");
    assert!(written == previewed, "the file is what was previewed");
    assert!(
        printed == previewed,
        "standard output is what was previewed"
    );
    #[cfg(unix)]
    assert_eq!(common::mode(&out), 0o600);
    // Never over an existing file.
    data.wheelbook()
        .args(["export", "--allow-identifiers", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn names_on_the_watch_list_are_caught() {
    let data = DataDir::new();
    // Enough reflections for an export of all of them to be made in many stretches.
    let workbook = with_reflections(&data, 100, 504);
    let title = workbook.newest_first()[0].title.clone();
    let word = title.split_whitespace().last().expect("a word").to_string();
    fs::write(
        data.dir().join("watch-list.txt"),
        format!("# colleagues and wards\n\n{word}\n"),
    )
    .expect("write");
    for since in [None, Some("2000-01-01")] {
        // Refused, nothing of it leaves: not a line on standard output.
        data.wheelbook()
            .arg("export")
            .args(since.map(|day| ["--since", day]).into_iter().flatten())
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(format!("“{word}”")));
    }
}

#[test]
fn exports_carry_no_paths_user_or_host_names() {
    let data = DataDir::new();
    with_reflections(&data, 3, 505);
    for format in ["md", "txt", "html", "json"] {
        let output = data
            .wheelbook()
            .args(["export", "--format", format])
            .output()
            .expect("run");
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).expect("utf-8");
        assert!(
            !text.contains(&*data.temp.path().to_string_lossy()),
            "{format} names a path"
        );
        for variable in ["USER", "LOGNAME", "HOSTNAME"] {
            if let Ok(value) = std::env::var(variable)
                && value.len() > 2
            {
                assert!(!text.contains(&value), "{format} contains ${variable}");
            }
        }
    }
}

#[test]
fn an_incident_reflection_carries_the_reporting_reminder() {
    let data = DataDir::new();
    let workbook = with_reflections(&data, 6, 506);
    let newest = workbook.newest_first()[0].clone();
    let mut changed = workbook.clone();
    let reflection = changed
        .reflections_mut()
        .find(|r| r.id == newest.id)
        .expect("newest");
    reflection.context = "incident".into();
    reflection.updated += chrono::Duration::minutes(1);
    let file = data.outside("incident.json");
    write_json(&file, &changed);
    data.wheelbook().arg("import").arg(&file).assert().success();
    data.wheelbook()
        .arg("export")
        .assert()
        .success()
        .stdout(predicate::str::contains("does not replace reporting it"));
}

/// What the check catches must be what leaves the machine, whatever the template brings in.
#[test]
fn text_from_elsewhere_in_the_document_is_checked_too() {
    let data = DataDir::new();
    let mut workbook = generated(4, 507);
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Complete;
    }
    // The reflection before the newest, prepared for supervision, with an action that names
    // someone: supervision notes bring it in as "from last time".
    let earlier = workbook.newest_first()[1].id.clone();
    if let Some(reflection) = workbook.reflections_mut().find(|r| r.id == earlier) {
        reflection.context = "supervision".into();
    }
    let mut action = workbook.actions[0].clone();
    action.id = "a20200101-000000000001".into();
    action.reflection = Some(earlier.clone());
    action.text = "Phone Mr Okafor on 07700 900123".into();
    action.status = wheelbook::workbook::ActionStatus::Open;
    workbook.actions.push(action);
    // An answer whose summary collapses the spaces.
    let newest = workbook.newest_first()[0].id.clone();
    let reflection = workbook
        .reflections_mut()
        .find(|r| r.id == newest)
        .expect("newest");
    let question = reflection
        .answers
        .keys()
        .next()
        .cloned()
        .unwrap_or_else(|| "resilience.q1".into());
    reflection
        .answers
        .insert(question, "Spoke with Dr  Amir Khan at length.".into());
    let file = data.outside("fixture.json");
    write_json(&file, &workbook);
    data.wheelbook().arg("import").arg(&file).assert().success();

    data.wheelbook()
        .args(["export", "--template", "supervision-prep", &newest])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("“Mr Okafor”"))
        .stderr(predicate::str::contains("“07700 900123”"))
        .stderr(predicate::str::contains("Amir Khan"));

    // Questions typed on the command line leave the machine too.
    data.wheelbook()
        .args([
            "export",
            "--template",
            "supervision-prep",
            "--include-comments",
            "--question",
            "Ask about Mrs Begum",
            "--allow-identifiers",
            "--preview",
            &newest,
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("“Mrs Begum”"));
}

#[test]
fn a_folder_that_does_not_exist_is_not_made() {
    let data = DataDir::new();
    with_reflections(&data, 2, 508);
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

/// Dates wheelbook writes of itself (the CPD window, when the regulators' data was checked,
/// today) are not identifiers: exports that show them go out without --allow-identifiers.
#[test]
fn the_dates_a_template_writes_itself_are_never_refused() {
    let data = DataDir::new();
    with_reflections(&data, 6, 510);
    for template in [
        "record",
        "nmc-reflective-account",
        "cpd-log",
        "hcpc-profile",
        "supervision-prep",
    ] {
        let out = data.outside(&format!("{template}.md"));
        data.wheelbook()
            .args([
                "export",
                "--since",
                "1900-01-01",
                "--template",
                template,
                "-o",
            ])
            .arg(&out)
            .assert()
            .success()
            .stderr(predicate::str::contains("likely identifier").not());
        let text = fs::read_to_string(&out).expect("written");
        if template == "cpd-log" {
            assert!(text.contains("Window"), "{text}");
        }
    }
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

/// A finding in an answer or a prompt is named by the pack's own words, not by the ids the
/// workbook keeps.
#[test]
fn findings_are_named_by_the_question_and_area_as_the_pack_words_them() {
    let data = DataDir::new();
    let mut workbook = generated(2, 511);
    let pack = wheelbook::content::PackSource::BuiltIn
        .load()
        .expect("pack");
    let area = &pack.areas[0];
    let question = &area.questions[0];
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Complete;
        reflection.focus = wheelbook::workbook::Focus::WholeWheel;
        reflection
            .answers
            .insert(question.id.as_str(), "I spoke to Mrs Patel".to_string());
        reflection
            .prompts
            .get_or_insert_with(area.id.as_str(), Default::default)
            .insert("comments", "Mr Okafor was pleased".to_string());
    }
    let file = data.outside("fixture.json");
    write_json(&file, &workbook);
    data.wheelbook().arg("import").arg(&file).assert().success();
    let opening: String = question.text.chars().take(20).collect();
    data.wheelbook()
        .args(["export", "--since", "1900-01-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("answer to “{opening}")))
        .stderr(predicate::str::contains(format!(
            "comments on {}",
            area.title
        )))
        .stderr(predicate::str::contains(question.id.as_str()).not());
}

/// An area or a context is given as the screens word it, in any case, or by its id.
#[test]
fn areas_and_contexts_are_given_by_their_words_or_ids() {
    let data = DataDir::new();
    let workbook = with_reflections(&data, 12, 512);
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
    with_reflections(&data, 40, 77);
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
    with_reflections(&data, 40, 77);
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
    with_reflections(&data, 3, 512);
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
    with_reflections(&data, 40, 521);
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
