use crate::workbook::ActionStatus;
use chrono::Days;

use super::*;
use crate::content::{Pack, PackSource};
use crate::export::regulators::{self, Regulators};
use crate::workbook::generate::generate;
use crate::workbook::{Action, Workbook};

struct Fixture {
    pack: Pack,
    workbook: Workbook,
    regulators: Regulators,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// `count` reflections titled "Activity 1"..., 30 days apart from 2025-01-01, alternating
/// two types of activity, each with evidence.
fn fixture(count: usize) -> Fixture {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = generate(&pack, count, 11);
    for (index, r) in workbook.reflections_mut().enumerate() {
        r.title = format!("Activity {}", index + 1);
        r.cpd.activity_date = date(2025, 1, 1).checked_add_days(Days::new(30 * index as u64));
        let kind = ["work-based-learning", "self-directed"][index % 2];
        r.cpd.activity_type = Some(kind.into());
        r.cpd.evidence = Some(format!("Notes {}", index + 1));
    }
    let regulators = regulators::built_in().expect("regulators");
    Fixture {
        pack,
        workbook,
        regulators,
    }
}

impl Fixture {
    fn document(&self, options: &Options) -> Document {
        let sources = Sources::new(
            &self.pack,
            &self.workbook,
            &self.regulators,
            date(2026, 11, 1),
        );
        let chosen: Vec<&Reflection> = self
            .workbook
            .reflections
            .iter()
            .map(std::sync::Arc::as_ref)
            .collect();
        build(&sources, &chosen, options)
    }
}

fn section<'d>(document: &'d Document, heading: &str) -> &'d Section {
    document
        .sections
        .iter()
        .find(|s| s.heading == heading)
        .unwrap_or_else(|| panic!("no section `{heading}`"))
}

/// The statement's parts: the level-2 sections after its heading.
fn parts(document: &Document) -> Vec<&Section> {
    let start = document
        .sections
        .iter()
        .position(|s| s.heading == "Personal statement")
        .expect("a statement");
    document.sections[start + 1..]
        .iter()
        .take_while(|s| s.level == 2)
        .collect()
}

fn field<'s>(section: &'s Section, label: &str) -> &'s str {
    section
        .field_value(label)
        .unwrap_or_else(|| panic!("no field `{label}` in {}", section.heading))
}

fn warnings(section: &Section) -> Vec<&str> {
    section
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Warning { text } => Some(text.as_ref()),
            _ => None,
        })
        .collect()
}

fn words(n: usize) -> String {
    vec!["word"; n].join(" ")
}

#[test]
fn words_are_counted_between_whitespace() {
    assert_eq!(word_count(""), 0);
    assert_eq!(word_count("   \n\t "), 0);
    assert_eq!(word_count(" one "), 1);
    assert_eq!(word_count("one two\tthree\nfour\n\nfive"), 5);
    assert_eq!(word_count("well-being, e.g. – “quoted” 🙂"), 5);
    assert_eq!(with_commas(0), "0");
    assert_eq!(with_commas(500), "500");
    assert_eq!(with_commas(1500), "1,500");
    assert_eq!(with_commas(1_234_567), "1,234,567");
}

#[test]
fn the_summary_has_a_placeholder_and_a_500_word_counter() {
    let f = fixture(4);
    let summary = section(
        &f.document(&Options::default()),
        "Summary of practice history",
    )
    .clone();
    assert_eq!(field(&summary, "Word count"), "0 of 500 words");
    assert!(summary.blocks.iter().any(|b| matches!(b,
        Block::Paragraph { text } if text.contains("Write your summary of practice history"))));
    assert!(warnings(&summary).is_empty());

    let mut options = Options::default();
    options.edits.insert("summary".to_string(), words(500));
    let document = f.document(&options);
    let summary = section(&document, "Summary of practice history");
    assert_eq!(field(summary, "Word count"), "500 of 500 words");
    assert!(warnings(summary).is_empty());

    options.edits.insert("summary".to_string(), words(501));
    let document = f.document(&options);
    let summary = section(&document, "Summary of practice history");
    assert_eq!(field(summary, "Word count"), "501 of 500 words");
    assert_eq!(warnings(summary).len(), 1);
    assert!(warnings(summary)[0].contains("501 words, over the limit of 500"));
}

#[test]
fn the_statement_has_a_1500_word_counter_over_all_its_parts() {
    let f = fixture(4);
    let mut options = Options::default();
    // Each part: its heading "Activity N (YYYY-MM-DD)" (3 words) and the owner's text.
    for r in &f.workbook.reflections {
        options
            .edits
            .insert(format!("{}/statement", r.id), words(300));
    }
    let document = f.document(&options);
    let statement = section(&document, "Personal statement");
    assert_eq!(field(statement, "Word count"), "1,212 of 1,500 words");
    assert!(warnings(statement).is_empty());

    for r in &f.workbook.reflections {
        options
            .edits
            .insert(format!("{}/statement", r.id), words(400));
    }
    let document = f.document(&options);
    let statement = section(&document, "Personal statement");
    assert_eq!(field(statement, "Word count"), "1,612 of 1,500 words");
    assert_eq!(
        warnings(statement),
        [
            "The statement has 1,612 words, over the limit of 1,500: shorten it before you send the profile."
        ]
    );
}

#[test]
fn each_statement_part_says_what_i_did_learnt_and_how_it_improved_my_practice() {
    let mut f = fixture(4);
    let area = f.pack.areas[6].clone();
    let first = f.workbook.reflection_mut(0);
    first.answers = [(area.questions[0].id.clone(), "I learnt to pause.".into())].into();
    let prompts = [
        ("comments".to_string(), "A comment.".to_string()),
        ("develop".to_string(), "Ask for feedback.".to_string()),
    ];
    first.prompts = [(area.id.clone(), prompts.into())].into();
    first.cpd.method = Some("reading".into());
    let first_id = first.id.clone();
    let created = first.created;
    f.workbook.actions = vec![Action {
        id: "a1".into(),
        created,
        updated: created,
        text: "Shadow a colleague".into(),
        area: area.id.as_str().into(),
        reflection: Some(first_id.clone()),
        due: None,
        status: ActionStatus::Done,
    }];
    let document = f.document(&Options::default());
    let part = parts(&document)[0];
    assert_eq!(part.heading, "Activity 1 (2025-01-01)");
    let did = field(part, "What I did");
    assert!(
        did.starts_with("Activity 1 (") && did.contains("Type of activity: Work-based learning")
    );
    assert!(did.contains("CPD method: reading; when: January 2025."));
    assert_eq!(
        field(part, "What I learnt"),
        "I learnt to pause.\n\nA comment."
    );
    assert_eq!(
        field(
            part,
            "How it improved my practice and benefited service users"
        ),
        "Ask for feedback.\n\nActions I set: Shadow a colleague (done)."
    );
    let total: usize = parts(&document).into_iter().map(words_in).sum();
    let statement = section(&document, "Personal statement");
    assert_eq!(
        field(statement, "Word count"),
        format!("{total} of 1,500 words")
    );

    let mut options = Options::default();
    options
        .edits
        .insert(format!("{first_id}/statement"), "My own words.".into());
    let document = f.document(&options);
    let part = parts(&document)[0];
    assert_eq!(
        part.blocks,
        [Block::Paragraph {
            text: "My own words.".into()
        }]
    );
    assert_ne!(
        parts(&document)[1].blocks.len(),
        1,
        "only that reflection's part is replaced"
    );
}

#[test]
fn a_gap_of_three_months_or_more_is_flagged() {
    assert!(is_gap(date(2025, 1, 10), date(2025, 4, 10), 3));
    assert!(!is_gap(date(2025, 1, 10), date(2025, 4, 9), 3));
    let mut f = fixture(3);
    // Given out of order: the list is in date order all the same.
    let dates = [date(2025, 7, 15), date(2025, 1, 10), date(2025, 3, 10)];
    for (r, day) in f.workbook.reflections_mut().zip(dates) {
        r.cpd.activity_date = Some(day);
    }
    let document = f.document(&Options::default());
    let activities = section(&document, "List of CPD activities");
    let Some(Block::Table(table)) = activities.blocks.get(1) else {
        panic!("a table after the guidance");
    };
    let listed: Vec<&str> = table.rows().map(|row| row[0].as_ref()).collect();
    assert_eq!(listed, ["2025-01-10", "2025-03-10", "2025-07-15"]);
    let gaps: Vec<&str> = warnings(activities)
        .into_iter()
        .filter(|w| w.contains("months or more, between"))
        .collect();
    assert_eq!(
        gaps.len(),
        1,
        "the 4-month gap only, not the 2-month one: {gaps:?}"
    );
    assert!(gaps[0].contains("between 2025-03-10 and 2025-07-15"));
    // And the gap from the last activity up to today.
    assert!(
        warnings(activities)
            .iter()
            .any(|w| w.contains("No activity for 3 months or more, since 2025-07-15"))
    );
}

#[test]
fn fewer_than_two_types_of_activity_are_warned_of() {
    let f = fixture(4);
    let document = f.document(&Options::default());
    let types_warned = |document: &Document| {
        warnings(section(document, "List of CPD activities"))
            .iter()
            .any(|w| w.contains("type"))
    };
    assert!(!types_warned(&document));

    let mut f = fixture(4);
    for r in f.workbook.reflections_mut() {
        r.cpd.activity_type = Some("self-directed".into());
    }
    let document = f.document(&Options::default());
    let warned: Vec<String> = warnings(section(&document, "List of CPD activities"))
        .into_iter()
        .filter(|w| w.contains("type"))
        .map(String::from)
        .collect();
    assert_eq!(warned.len(), 1);
    assert!(warned[0].contains("only 1 type of activity appears (Self-directed)"));
    assert!(warned[0].contains("at least 2 different types"));

    for r in f.workbook.reflections_mut() {
        r.cpd.activity_type = None;
    }
    let document = f.document(&Options::default());
    let activities = section(&document, "List of CPD activities");
    assert!(
        warnings(activities)
            .iter()
            .any(|w| w.contains("no type of activity is recorded"))
    );
    let Some(Block::Table(table)) = activities.blocks.get(1) else {
        panic!("a table");
    };
    assert!(table.rows().all(|row| row[1] == "type not recorded"));
}

#[test]
fn the_statement_uses_four_to_six_reflections() {
    for count in 1..=8 {
        let document = fixture(count).document(&Options::default());
        assert_eq!(parts(&document).len(), count.min(6), "{count} chosen");
        let warned = warnings(section(&document, "Personal statement"));
        let rule: Vec<&&str> = warned.iter().filter(|w| w.contains("4 to 6")).collect();
        match count {
            4..=6 => assert!(rule.is_empty(), "{count}: {rule:?}"),
            7.. => assert!(rule[0].contains("so the statement uses the 6 most recent")),
            _ => assert!(rule[0].contains("so the statement uses all available")),
        }
    }
}

#[test]
fn reflections_without_evidence_are_warned_of() {
    let mut f = fixture(4);
    f.workbook.reflection_mut(1).cpd.evidence = None;
    f.workbook.reflection_mut(2).cpd.evidence = Some("  ".into());
    let document = f.document(&Options::default());
    let evidence = section(&document, "Supporting evidence");
    let listed = evidence.blocks.iter().find_map(|b| match b {
        Block::List { items } => Some(items.clone()),
        _ => None,
    });
    assert_eq!(
        listed.expect("a list"),
        [
            "Activity 1 (2025-01-01): Notes 1",
            "Activity 4 (2025-04-01): Notes 4"
        ]
    );
    let warned = warnings(evidence);
    assert_eq!(warned.len(), 2);
    assert!(warned[0].starts_with("No evidence recorded for \"Activity 2\" (2025-01-31)"));
}
