//! `wheelbook export` through the binary: the identifier check, which stops an export that
//! may identify a person unless the owner allows it, over everything the document carries.

mod common;

use std::fs;

use common::{DataDir, generated, write_json};
use predicates::prelude::*;
use wheelbook::workbook::Status;

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
    let workbook = data.import_complete(100, 504);
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
    data.import_complete(3, 505);
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
    let workbook = data.import_complete(6, 506);
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

/// Dates wheelbook writes of itself (the CPD window, when the regulators' data was checked,
/// today) are not identifiers: exports that show them go out without --allow-identifiers.
#[test]
fn the_dates_a_template_writes_itself_are_never_refused() {
    let data = DataDir::new();
    data.import_complete(6, 510);
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

/// Three complete reflections, each with the same name in its title and the same NHS number
/// in the first sentence of an answer: their ids.
fn the_same_identifiers_in_three(data: &DataDir) -> Vec<String> {
    let mut workbook = generated(3, 506);
    for reflection in workbook.reflections_mut() {
        reflection.status = Status::Complete;
        reflection.title = "Visit with Mr Smith".into();
        let question = reflection.answers.keys().next().expect("an answer").clone();
        let answer = reflection.answers.get_or_insert_with(question, String::new);
        answer.insert_str(0, "Seen at home, NHS number 943 476 5919. ");
    }
    let ids = workbook.reflections.iter().map(|r| r.id.clone()).collect();
    let file = data.outside("fixture.json");
    write_json(&file, &workbook);
    data.wheelbook().arg("import").arg(&file).assert().success();
    ids
}

#[test]
fn an_identifier_in_several_reflections_is_named_in_each() {
    let data = DataDir::new();
    let ids = the_same_identifiers_in_three(&data);
    // Each template (a record in two formats) quotes or makes each title and that answer,
    // whole or in summary; a CPD log carries no answers.
    let templates: [&[&str]; 6] = [
        &["--format", "md"],
        &["--format", "json"],
        &["--template", "nmc-reflective-account"],
        &["--template", "hcpc-profile"],
        &["--template", "supervision-prep"],
        &["--template", "cpd-log"],
    ];
    for template in templates {
        let refused = data
            .wheelbook()
            .args(["export", "--since", "2000-01-01"])
            .args(template)
            .assert()
            .code(1);
        let told = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
        let named = |id: &str, field: &str, words: &str| {
            let line = |line: &&str| line.contains(id) && line.contains(field);
            told.lines().filter(line).any(|line| line.contains(words))
        };
        let log = template.contains(&"cpd-log");
        for id in &ids {
            let title = named(id, " · title · ", "“Mr Smith”");
            let answer = named(id, " · answer to ", "“943 476 5919”");
            // A CPD log's rows stand in no reflection's section: its titles are known by
            // their words alone, and named once.
            assert_eq!(
                title,
                !log || id == &ids[0],
                "{template:?}: {id}'s title\n{told}"
            );
            assert_eq!(answer, !log, "{template:?}: {id}'s answer\n{told}");
        }
    }
}
