use crate::export::document::Block;
use crate::export::regulators::{self, Regulators};
use crate::workbook::generate::generate;
use crate::workbook::{Focus, Workbook};

use super::*;
use crate::content::PackSource;

const ANSWER: &str = "First sentence is short. Second sentence says more.";
const COMMENT: &str = "A private comment about the team.";

struct Fixture {
    pack: Pack,
    workbook: Workbook,
    regulators: Regulators,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn action(
    workbook: &Workbook,
    from: usize,
    text: &str,
    status: ActionStatus,
    due: Option<NaiveDate>,
) -> Action {
    let reflection = &workbook.reflections[from];
    Action {
        id: format!("a-{text}"),
        created: reflection.created,
        updated: reflection.created,
        text: text.into(),
        area: "resilience".into(),
        reflection: Some(reflection.id.clone()),
        due,
        status,
    }
}

/// Three reflections on Resilience, oldest first: the first rated 2.0, the second 2.5 with
/// an answer, a comment and a development prompt; actions from the first and the second.
fn fixture() -> Fixture {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = generate(&pack, 3, 5);
    for (index, r) in workbook.reflections_mut().enumerate() {
        r.title = format!("Reflection {}", index + 1);
        r.focus = Focus::Areas(vec!["resilience".into()]);
        r.ratings.clear();
        r.answers.clear();
        r.prompts.clear();
        r.cpd.activity_date = Some(r.created.date_naive());
    }
    let ratings = [
        [("resilience.c1", 2), ("resilience.c2", 2)],
        [("resilience.c1", 2), ("resilience.c2", 3)],
    ];
    for (r, rated) in workbook.reflections_mut().zip(ratings) {
        r.ratings = rated.map(|(id, value)| (id, value)).into();
    }
    let second = workbook.reflection_mut(1);
    second.answers.insert("resilience.q1", ANSWER.into());
    let prompts = [("comments", COMMENT), ("develop", "Ask for a peer review.")];
    let prompts = prompts.map(|(id, text)| (id.to_string(), text.to_string()));
    second.prompts.insert("resilience", prompts.into());
    workbook.actions = vec![
        action(
            &workbook,
            0,
            "Overdue step",
            ActionStatus::Open,
            Some(date(2026, 10, 1)),
        ),
        action(
            &workbook,
            0,
            "Coming step",
            ActionStatus::Open,
            Some(date(2026, 12, 1)),
        ),
        action(&workbook, 0, "Finished step", ActionStatus::Done, None),
        action(
            &workbook,
            0,
            "Abandoned step",
            ActionStatus::Dropped,
            Some(date(2026, 1, 5)),
        ),
        action(&workbook, 1, "This time's step", ActionStatus::Open, None),
    ];
    let regulators = regulators::built_in().expect("regulators");
    Fixture {
        pack,
        workbook,
        regulators,
    }
}

impl Fixture {
    /// Notes from the second and third reflections.
    fn document(&self, options: &Options) -> Document {
        let sources = Sources::new(
            &self.pack,
            &self.workbook,
            &self.regulators,
            date(2026, 11, 1),
        );
        let chosen: Vec<&Reflection> = self.workbook.reflections[1..]
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

fn field<'s>(section: &'s Section, label: &str) -> Option<&'s str> {
    section.field_value(label)
}

#[test]
fn the_header_and_the_date_come_first() {
    let f = fixture();
    let document = f.document(&Options::default());
    assert_eq!(document.notices.len(), 1);
    assert_eq!(document.notices[0], f.regulators.supervision_prep.header);
    assert!(document.notices[0].contains("only by agreement"));
    // The day of the session is the owner's to give; the notes say when they were made.
    assert_eq!(
        field(&document.sections[0], "Date of the session"),
        Some("not given yet")
    );
    assert_eq!(
        field(&document.sections[0], "Prepared on"),
        Some("2026-11-01")
    );
    let options = Options {
        session_date: Some(date(2026, 11, 4)),
        ..Options::default()
    };
    let document = f.document(&options);
    let session = &document.sections[0];
    assert_eq!(field(session, "Date of the session"), Some("2026-11-04"));
    assert_eq!(field(session, "Prepared on"), Some("2026-11-01"));
}

#[test]
fn ratings_and_comments_are_left_out_unless_ticked() {
    let f = fixture();
    let text = f.document(&Options::default()).all_text();
    for hidden in [
        COMMENT,
        "Comments",
        "self-rating",
        "2.5",
        "2.0",
        "Established",
        "Developing",
    ] {
        assert!(
            !text.contains(hidden),
            "`{hidden}` is in the notes:\n{text}"
        );
    }
    let focus = section(&f.document(&Options::default()), "Focus areas").clone();
    assert_eq!(
        focus.blocks,
        [Block::List {
            items: vec!["Resilience".into()]
        }]
    );

    let ratings = Options {
        include_ratings: true,
        ..Options::default()
    };
    let document = f.document(&ratings);
    let Block::List { items } = &section(&document, "Focus areas").blocks[0] else {
        panic!("a list");
    };
    assert_eq!(
        items,
        &["Resilience: self-rating 2.5 of 4, up from 2.0 to 2.5 since last time"]
    );
    assert!(!document.all_text().contains(COMMENT));

    let comments = Options {
        include_comments: true,
        ..Options::default()
    };
    let document = f.document(&comments);
    let reflection = section(&document, "Reflection 2");
    assert_eq!(
        field(reflection, "Comments on Resilience"),
        Some("A private comment about the team.")
    );
    assert!(!document.all_text().contains("self-rating"));
}

#[test]
fn answers_are_in_summary_unless_asked_for_in_full() {
    let f = fixture();
    let question = f.pack.area("resilience").expect("area").questions[0]
        .text
        .clone();
    let document = f.document(&Options::default());
    let reflection = section(&document, "Reflection 2");
    assert_eq!(
        field(reflection, &question),
        Some("First sentence is short. …")
    );
    assert_eq!(
        field(reflection, "Date"),
        Some(
            f.workbook.reflections[1]
                .created
                .date_naive()
                .to_string()
                .as_str()
        )
    );
    assert!(field(reflection, "Context").is_some());

    let full = Options {
        full: true,
        ..Options::default()
    };
    let document = f.document(&full);
    assert_eq!(
        field(section(&document, "Reflection 2"), &question),
        Some(ANSWER)
    );
}

#[test]
fn a_summary_is_the_first_sentence_or_thirty_words() {
    assert_eq!(summarised("Just one sentence."), "Just one sentence.");
    assert_eq!(
        summarised("It went “well.” Then less so."),
        "It went “well.” …"
    );
    assert_eq!(
        summarised("No full stop here\nbut on the next line."),
        "No full stop here …"
    );
    let long = vec!["word"; 40].join(" ");
    assert_eq!(
        summarised(&long),
        format!("{}…", vec!["word"; 30].join(" "))
    );
    assert_eq!(summarised(""), "");
}

#[test]
fn actions_from_last_time_show_their_progress() {
    let f = fixture();
    let document = f.document(&Options::default());
    let last_time = section(&document, "Actions from last time");
    assert!(
        matches!(&last_time.blocks[0], Block::Paragraph { text } if text.starts_with("From Reflection 1 ("))
    );
    let Block::Table(table) = &last_time.blocks[1] else {
        panic!("a table");
    };
    assert_eq!(table.headers(), &["Action", "Area", "Progress"]);
    let progress: Vec<(&str, &str)> = table
        .rows()
        .map(|r| (r[0].as_ref(), r[2].as_ref()))
        .collect();
    assert_eq!(
        progress,
        [
            ("Overdue step", "open, overdue since 2026-10-01"),
            ("Coming step", "open, due 2026-12-01"),
            ("Finished step", "done"),
            ("Abandoned step", "dropped (was due 2026-01-05)"),
        ]
    );
    assert!(table.rows().all(|r| r[1] == "Resilience"));

    let plan = section(&document, "Development plan");
    assert_eq!(
        field(plan, "Resilience (from \"Reflection 2\")"),
        Some("Ask for a peer review.")
    );
    assert!(plan.blocks.contains(&Block::List {
        items: vec!["This time's step (Resilience; open, no due date)".into()]
    }));
}

#[test]
fn questions_to_bring_or_a_line_to_fill_in() {
    let f = fixture();
    let document = f.document(&Options::default());
    let questions = section(&document, "Questions to bring");
    assert!(
        matches!(&questions.blocks[..], [Block::Paragraph { text }] if text.contains("Write here"))
    );

    let asked = Options {
        questions: vec!["How do I say no to extra shifts?".into(), "  ".into()],
        ..Options::default()
    };
    let document = f.document(&asked);
    assert_eq!(
        section(&document, "Questions to bring").blocks,
        [Block::List {
            items: vec!["How do I say no to extra shifts?".into()]
        }]
    );
}
