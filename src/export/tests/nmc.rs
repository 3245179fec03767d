//! Tests of the `nmc-reflective-account` template.

use chrono::{NaiveDate, TimeZone, Utc};

use super::build;
use super::{Document, Section};
use crate::content::{Pack, PackSource};
use crate::export::document::Block;
use crate::export::regulators::{self, Regulators};
use crate::export::templates::{Options, Sources};
use crate::workbook::generate::generate;
use crate::workbook::{Action, ActionStatus, Focus, Reflection, Workbook};

fn fixture() -> (Pack, Workbook, Regulators) {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, 6, 11);
    (pack, workbook, regulators::built_in().expect("regulators"))
}

fn export(pack: &Pack, workbook: &Workbook, regs: &Regulators, options: &Options) -> Document {
    let sources = Sources::new(
        pack,
        workbook,
        regs,
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
    );
    let reflections: Vec<&Reflection> = workbook
        .reflections
        .iter()
        .map(std::sync::Arc::as_ref)
        .collect();
    build(&sources, &reflections, options)
}

fn fields(section: &Section) -> Vec<(&str, &str)> {
    section
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Field { label, value } => Some((label.as_ref(), value.as_ref())),
            _ => None,
        })
        .collect()
}

fn field<'s>(section: &'s Section, label: &str) -> &'s str {
    fields(section)
        .into_iter()
        .find(|(l, _)| *l == label)
        .map(|(_, v)| v)
        .expect("the field")
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

fn ticks(section: &Section) -> Vec<String> {
    section
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::List { items } => Some(items.iter().map(|i| i.to_string()).collect()),
            _ => None,
        })
        .expect("the tick list")
}

const PROMPTS: [&str; 4] = [
    "What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice?",
    "What did you learn from the CPD activity and/or feedback and/or event or experience in your practice?",
    "How did you change or improve your practice as a result?",
    "How is this relevant to the Code?",
];

#[test]
fn the_form_labels_appear_word_for_word_in_order() {
    let (pack, mut workbook, regs) = fixture();
    workbook.reflections.truncate(1);
    let document = export(&pack, &workbook, &regs, &Options::default());
    assert_eq!(document.template, "nmc-reflective-account");
    let section = &document.sections[0];
    assert_eq!(section.level, 1);
    let labels: Vec<&str> = fields(section).into_iter().map(|(l, _)| l).collect();
    let mut expected = vec!["Reflective account:"];
    expected.extend(PROMPTS);
    assert_eq!(labels, expected);
    // The themes label follows the last prompt, then the four themes.
    let last_prompt = section
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Field { label, .. } if label == PROMPTS[3]))
        .expect("the last prompt");
    let themes_label = section
        .blocks
        .iter()
        .position(
            |b| matches!(b, Block::Paragraph { text } if text == "Select one or more themes:"),
        )
        .expect("the themes label");
    assert!(themes_label > last_prompt);
    assert_eq!(ticks(section).len(), 4);
    assert_eq!(
        document.footer,
        vec![regs.nmc.reflective_account.footer.text.clone()]
    );
    assert!(document.notices.iter().any(|n| {
        n.contains("could identify a patient, service user, colleague or other individual")
    }));
}

#[test]
fn the_ticked_themes_are_the_reflections_code_themes() {
    let (pack, mut workbook, regs) = fixture();
    workbook.reflections.truncate(2);
    workbook.reflection_mut(0).cpd.code_themes = [
        "preserve-safety".to_string(),
        "prioritise-people".to_string(),
    ]
    .into();
    workbook.reflection_mut(1).cpd.code_themes.clear();
    let document = export(&pack, &workbook, &regs, &Options::default());
    assert_eq!(
        ticks(&document.sections[0]),
        [
            "[x] Prioritise people",
            "[ ] Practise effectively",
            "[x] Preserve safety",
            "[ ] Promote professionalism and trust"
        ]
    );
    assert_eq!(
        field(&document.sections[0], PROMPTS[3]),
        "Prioritise people; Preserve safety"
    );
    let themes_warning = |w: &&str| w.contains("Code's themes");
    assert!(!warnings(&document.sections[0]).iter().any(themes_warning));
    assert!(
        ticks(&document.sections[1])
            .iter()
            .all(|t| t.starts_with("[ ]"))
    );
    let warned = warnings(&document.sections[1]);
    assert!(
        warned
            .iter()
            .any(|w| w.contains("Tick at least 1 of the Code's themes"))
    );
}

/// Gives the first reflection known content in the Resilience area, and one action.
fn known_reflection(pack: &Pack, workbook: &mut Workbook) -> String {
    let area = &pack.areas[6];
    let question = &area.questions[0];
    let r = workbook.reflection_mut(0);
    r.title = "Looking after my own resilience".into();
    r.context = "own-development".into();
    r.focus = Focus::Areas(vec![area.id.as_str().into()]);
    r.answers = [(question.id.clone(), "I learnt to pause.".to_string())].into();
    r.prompts = [(
        area.id.clone(),
        [
            ("comments".to_string(), "A hard month.".to_string()),
            ("develop".to_string(), "Book a debrief.".to_string()),
        ]
        .into(),
    )]
    .into();
    r.cpd.method = Some("peer discussion".into());
    r.cpd.activity_date = NaiveDate::from_ymd_opt(2026, 3, 4);
    let id = r.id.clone();
    let at = Utc
        .with_ymd_and_hms(2026, 3, 5, 9, 0, 0)
        .unwrap()
        .fixed_offset();
    workbook
        .actions
        .retain(|a| a.reflection.as_ref() != Some(&id));
    workbook.actions.push(Action {
        id: "a-test".into(),
        created: at,
        updated: at,
        text: "Set up a peer support group".into(),
        area: area.id.as_str().into(),
        reflection: Some(id.clone()),
        due: NaiveDate::from_ymd_opt(2026, 6, 30),
        status: ActionStatus::Open,
    });
    id
}

#[test]
fn the_wheel_fills_the_prompts() {
    let (pack, mut workbook, regs) = fixture();
    workbook.reflections.truncate(1);
    known_reflection(&pack, &mut workbook);
    let document = export(&pack, &workbook, &regs, &Options::default());
    let section = &document.sections[0];
    let nature = field(section, PROMPTS[0]);
    assert!(nature.contains("Looking after my own resilience."));
    assert!(nature.contains("Context: My own professional development."));
    assert!(nature.contains(&format!("Focus: {}.", pack.areas[6].title)));
    assert!(nature.contains("CPD method: peer discussion. When: March 2026."));
    let learning = field(section, PROMPTS[1]);
    let question = &pack.areas[6].questions[0].text;
    let at = |text: &str| learning.find(text).expect(text);
    assert!(at(question) < at("I learnt to pause."));
    assert!(at("Comments") < at("A hard month."));
    let change = field(section, PROMPTS[2]);
    assert!(change.contains("What can I do to develop in this area?\nBook a debrief."));
    assert!(change.contains("- Set up a peer support group (due 2026-06-30)"));
}

#[test]
fn the_owners_edits_replace_the_prompts_text() {
    let (pack, mut workbook, regs) = fixture();
    workbook.reflections.truncate(2);
    let id = known_reflection(&pack, &mut workbook);
    let mut options = Options::default();
    options.edits.insert(
        format!("{id}/learning"),
        "What I learnt, in my words.".into(),
    );
    options
        .edits
        .insert("relevance".to_string(), "It keeps people safe.".into());
    let document = export(&pack, &workbook, &regs, &options);
    let first = &document.sections[0];
    assert_eq!(field(first, PROMPTS[1]), "What I learnt, in my words.");
    assert_eq!(field(first, PROMPTS[3]), "It keeps people safe.");
    assert!(field(first, PROMPTS[0]).contains("Looking after my own resilience."));
    // An edit keyed by one reflection's id leaves the others alone; an unkeyed one does not.
    let second = &document.sections[1];
    assert_ne!(field(second, PROMPTS[1]), "What I learnt, in my words.");
    assert_eq!(field(second, PROMPTS[3]), "It keeps people safe.");
}

#[test]
fn accounts_are_numbered_on_from_the_first_with_a_warning_past_five() {
    let (pack, mut workbook, regs) = fixture();
    workbook.reflections.truncate(3);
    for r in workbook.reflections_mut() {
        r.cpd.code_themes = ["practise-effectively".to_string()].into();
    }
    let numbers = |document: &Document| -> Vec<String> {
        document
            .sections
            .iter()
            .map(|s| field(s, "Reflective account:").to_string())
            .collect()
    };
    let document = export(&pack, &workbook, &regs, &Options::default());
    assert_eq!(numbers(&document), ["1", "2", "3"]);
    let past_five = |s: &Section| -> Vec<String> {
        let found = warnings(s).into_iter().filter(|w| w.contains("outside"));
        found.map(String::from).collect()
    };
    assert!(document.sections.iter().all(|s| past_five(s).is_empty()));

    let options = Options {
        account_number: Some(4),
        ..Options::default()
    };
    let document = export(&pack, &workbook, &regs, &options);
    assert_eq!(numbers(&document), ["4", "5", "6"]);
    assert!(past_five(&document.sections[0]).is_empty());
    assert!(past_five(&document.sections[1]).is_empty());
    let past = past_five(&document.sections[2]);
    assert_eq!(past.len(), 1);
    assert!(past[0].starts_with("Account 6 is outside 1 to 5"));
}
