//! Tests of the wording a template offers to rewrite for one export, and of the edits.

use super::*;
use crate::content::PackSource;
use crate::export::regulators;
use crate::workbook::generate::generate;

struct Fixture {
    pack: Pack,
    workbook: Workbook,
    regulators: Regulators,
}

impl Fixture {
    fn new() -> Self {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let workbook = generate(&pack, 6, 11);
        let regulators = regulators::built_in().expect("regulators");
        Fixture {
            pack,
            workbook,
            regulators,
        }
    }

    fn sources(&self) -> Sources<'_> {
        Sources::new(
            &self.pack,
            &self.workbook,
            &self.regulators,
            NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
        )
    }

    /// The fields and the document of `template` over the first two reflections.
    fn export(&self, template: Template, options: &Options) -> (Vec<EditableField>, Document<'_>) {
        let reflections: Vec<&Reflection> = self
            .workbook
            .reflections
            .iter()
            .take(2)
            .map(std::sync::Arc::as_ref)
            .collect();
        let sources = self.sources();
        (
            editable_fields(template, &sources, &reflections, options),
            build(template, &sources, &reflections, options),
        )
    }
}

/// The value of the field labelled `label` in the section whose heading starts `heading`.
fn value<'d>(document: &'d Document, heading: &str, label: &str) -> &'d str {
    let section = document
        .sections
        .iter()
        .find(|s| s.heading.starts_with(heading))
        .expect("the section");
    section.field_value(label).expect("the field")
}

#[test]
fn templates_without_editable_wording_have_no_fields() {
    let fixture = Fixture::new();
    for template in [Template::Record, Template::CpdLog] {
        let (fields, _) = fixture.export(template, &Options::default());
        assert!(fields.is_empty(), "{}", template.name());
    }
}

#[test]
fn supervision_notes_offer_the_questions_to_bring_one_a_line() {
    let fixture = Fixture::new();
    let given = Options {
        questions: vec!["First?".into(), "Second?".into()],
        ..Options::default()
    };
    let (fields, _) = fixture.export(Template::SupervisionPrep, &given);
    let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["questions"]);
    assert_eq!(fields[0].label, "Questions to bring (one a line)");
    assert_eq!(
        fields[0].text, "First?\nSecond?",
        "the command line's, to start from"
    );
    // Written on the screen, they stand in place of the command line's.
    let mut written = given.clone();
    written
        .edits
        .insert("questions".into(), "Third?\n\n  ".into());
    let (fields, document) = fixture.export(Template::SupervisionPrep, &written);
    assert_eq!(fields[0].text, "Third?");
    let asked = document
        .sections
        .iter()
        .find(|s| s.heading == "Questions to bring")
        .expect("the questions");
    assert_eq!(format!("{:?}", asked.blocks).matches("Third?").count(), 1);
    assert!(!format!("{:?}", asked.blocks).contains("First?"));
}

#[test]
fn an_nmc_account_offers_its_four_prompts_as_the_document_fills_them() {
    let fixture = Fixture::new();
    let (fields, document) = fixture.export(Template::NmcReflectiveAccount, &Options::default());
    let ids: Vec<&str> = fixture.workbook.reflections[..2]
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
    let expected: Vec<String> = ids
        .iter()
        .flat_map(|id| ["nature", "learning", "change", "relevance"].map(|p| format!("{id}/{p}")))
        .collect();
    assert_eq!(keys, expected);
    let prompts = &fixture.regulators.nmc.reflective_account.prompts;
    for (index, field) in fields.iter().enumerate() {
        let number = index / 4 + 1;
        let prompt = &prompts[index % 4].text;
        assert_eq!(field.label, format!("Account {number} · {prompt}"));
        let heading = format!("Account {number}:");
        assert_eq!(
            field.text,
            value(&document, &heading, prompt),
            "{}",
            field.key
        );
    }
    assert!(fields[1].text.contains('\n'), "the learning is the answers");
}

#[test]
fn an_nmc_edit_is_the_field_text_and_in_the_document() {
    let fixture = Fixture::new();
    let id = &fixture.workbook.reflections[1].id;
    let mut options = Options::default();
    let edit = "I learnt to ask the carer first.";
    options.edits.insert(format!("{id}/learning"), edit.into());
    let (fields, document) = fixture.export(Template::NmcReflectiveAccount, &options);
    let (plain, _) = fixture.export(Template::NmcReflectiveAccount, &Options::default());
    for (field, before) in fields.iter().zip(&plain) {
        match field.key == format!("{id}/learning") {
            true => assert_eq!(field.text, edit),
            false => assert_eq!(field.text, before.text, "{}", field.key),
        }
    }
    let prompt = &fixture.regulators.nmc.reflective_account.prompts[1].text;
    assert_eq!(value(&document, "Account 2:", prompt), edit);
    assert_ne!(value(&document, "Account 1:", prompt), edit);
}

#[test]
fn an_hcpc_profile_offers_the_summary_and_each_statement_part() {
    let fixture = Fixture::new();
    let (fields, document) = fixture.export(Template::HcpcProfile, &Options::default());
    let mut dated: Vec<&Reflection> = fixture.workbook.reflections[..2]
        .iter()
        .map(std::sync::Arc::as_ref)
        .collect();
    dated.sort_by_key(|r| (super::super::select::date_of(r), r.created));
    let keys: Vec<String> = fields.iter().map(|f| f.key.clone()).collect();
    let mut expected = vec!["summary".to_string()];
    expected.extend(dated.iter().map(|r| format!("{}/statement", r.id)));
    assert_eq!(keys, expected);
    assert_eq!(fields[0].label, "Summary of practice history");
    assert_eq!(fields[0].text, "", "the workbook holds no summary");
    assert!(fields[1].label.starts_with("Personal statement · "));
    let part = fields[1].label.trim_start_matches("Personal statement · ");
    for label in &fixture.regulators.hcpc.profile.statement_parts {
        let text = value(&document, part, label);
        assert!(
            fields[1].text.contains(&format!("{label}:\n{text}")),
            "{label}: {}",
            fields[1].text
        );
    }
}

#[test]
fn hcpc_edits_are_the_field_texts_and_in_the_document() {
    let fixture = Fixture::new();
    let (plain, _) = fixture.export(Template::HcpcProfile, &Options::default());
    let mut options = Options::default();
    options.edits.insert(
        "summary".to_string(),
        "Community nurse for ten years.".into(),
    );
    let statement = "I did the visit, learnt to listen, and now ask first.";
    options.edits.insert(plain[2].key.clone(), statement.into());
    let (fields, document) = fixture.export(Template::HcpcProfile, &options);
    assert_eq!(fields[0].text, "Community nurse for ten years.");
    assert_eq!(fields[1].text, plain[1].text);
    assert_eq!(fields[2].text, statement);
    let text = document.all_text();
    assert!(text.contains("Community nurse for ten years."));
    assert!(text.contains(statement));
    assert!(!text.contains("[Write your summary"));
}
