//! The export templates: each turns chosen reflections into a [`Document`].

mod cpd_log;
mod hcpc;
mod nmc;
mod record;
mod supervision;

use std::collections::HashMap;

use chrono::NaiveDate;

use super::document::Document;
use super::regulators::Regulators;
use crate::content::Pack;
use crate::workbook::{Action, Reflection, Workbook};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// Everything in the chosen reflections, for the owner's own files.
    Record,
    /// The NMC's written reflective account, one per reflection.
    NmcReflectiveAccount,
    /// A CPD log with the NMC's totals over its window.
    CpdLog,
    /// A draft of the HCPC's CPD profile, with its word limits and checks.
    HcpcProfile,
    /// The supervisee's own notes to bring to supervision.
    SupervisionPrep,
}

impl Template {
    pub const ALL: [Template; 5] = [
        Template::Record,
        Template::NmcReflectiveAccount,
        Template::CpdLog,
        Template::HcpcProfile,
        Template::SupervisionPrep,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Template::Record => "record",
            Template::NmcReflectiveAccount => "nmc-reflective-account",
            Template::CpdLog => "cpd-log",
            Template::HcpcProfile => "hcpc-profile",
            Template::SupervisionPrep => "supervision-prep",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Template::Record => "everything in the chosen reflections, for your own files",
            Template::NmcReflectiveAccount => {
                "NMC written reflective accounts, on the form's prompts word for word"
            }
            Template::CpdLog => "a CPD log, with the NMC's hours and participatory hours to date",
            Template::HcpcProfile => {
                "an HCPC CPD profile: summary, dated activities, statement and evidence"
            }
            Template::SupervisionPrep => {
                "your own notes for supervision; ratings and comments only if you ask"
            }
        }
    }

    pub fn from_name(name: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Choices the owner makes about a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// NMC: the number of the first reflective account (1 to 5); later ones follow on.
    pub account_number: Option<u32>,
    /// Text the owner wrote over a field before exporting, by field key (e.g. `nature`,
    /// `learning`, `change`, `relevance` for an NMC account; `summary` for an HCPC profile).
    /// For several reflections the key is prefixed by the reflection's id and `/`.
    pub edits: std::collections::BTreeMap<String, String>,
    /// Supervision notes: include self-ratings (left out unless asked for).
    pub include_ratings: bool,
    /// Supervision notes: include comments (left out unless asked for).
    pub include_comments: bool,
    /// Supervision notes: answers in full rather than in summary.
    pub full: bool,
    /// Supervision notes: questions to bring.
    pub questions: Vec<String>,
}

impl Options {
    /// The owner's edit of a field, if any: `id/key` first, then `key`.
    pub fn edit(&self, reflection_id: &str, key: &str) -> Option<&String> {
        self.edits
            .get(&format!("{reflection_id}/{key}"))
            .or_else(|| self.edits.get(key))
    }
}

/// A piece of a document's wording the owner can rewrite before exporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditableField {
    /// The key of the owner's edit in [`Options::edits`].
    pub key: String,
    /// What the field is, e.g. "Account 1 · What did you learn…".
    pub label: String,
    /// The text as it would be exported: the owner's edit, else what the template makes.
    pub text: String,
}

/// The fields of `template` the owner can rewrite, in the document's order; none for a
/// template without editable wording.
pub fn editable_fields(
    template: Template,
    sources: &Sources,
    reflections: &[&Reflection],
    options: &Options,
) -> Vec<EditableField> {
    match template {
        Template::NmcReflectiveAccount => nmc::fields(sources, reflections, options),
        Template::HcpcProfile => hcpc::fields(sources, reflections, options),
        Template::Record | Template::CpdLog | Template::SupervisionPrep => Vec::new(),
    }
}

/// What every template reads.
#[derive(Debug, Clone)]
pub struct Sources<'a> {
    pub pack: &'a Pack,
    pub workbook: &'a Workbook,
    pub regulators: &'a Regulators,
    pub today: NaiveDate,
    /// The workbook's actions by the id of their reflection, in workbook order: a template
    /// going through thousands of reflections would otherwise go through every action for
    /// each one.
    actions: HashMap<&'a str, Vec<&'a Action>>,
    /// [`Workbook::newest_first_indices`], sorted once for the whole export.
    newest_first: Vec<usize>,
}

impl<'a> Sources<'a> {
    pub fn new(
        pack: &'a Pack,
        workbook: &'a Workbook,
        regulators: &'a Regulators,
        today: NaiveDate,
    ) -> Self {
        Sources {
            pack,
            workbook,
            regulators,
            today,
            actions: workbook.actions_by_reflection(),
            newest_first: workbook.newest_first_indices(),
        }
    }

    /// Indices of the workbook's reflections, newest first.
    pub fn newest_first(&self) -> &[usize] {
        &self.newest_first
    }

    /// The development actions that came from `reflection`, in workbook order.
    pub fn actions_of(&self, reflection: &Reflection) -> impl Iterator<Item = &'a Action> + '_ {
        self.actions
            .get(reflection.id.as_str())
            .into_iter()
            .flatten()
            .copied()
    }
}

/// The context id of reflections on an incident or event (the Wheel pack's).
pub const INCIDENT_CONTEXT: &str = "incident";

pub fn build<'a>(
    template: Template,
    sources: &Sources<'a>,
    reflections: &[&'a Reflection],
    options: &Options,
) -> Document<'a> {
    let _ = options; // used by the templates that offer choices
    let mut document = match template {
        Template::Record => record::build(sources, reflections),
        Template::NmcReflectiveAccount => nmc::build(sources, reflections, options),
        Template::CpdLog => cpd_log::build(sources, reflections, options),
        Template::HcpcProfile => hcpc::build(sources, reflections, options),
        Template::SupervisionPrep => supervision::build(sources, reflections, options),
    };
    if reflections.iter().any(|r| r.context == INCIDENT_CONTEXT) {
        document.notices.push(
            "Reflecting on an incident does not replace reporting it: report incidents through your organisation's own system."
                .into(),
        );
    }
    document
}

/// The dates `template` writes of itself rather than from what was typed, besides those of
/// the reflections and actions it quotes: today, and where the template shows them, a CPD
/// window's first day and when the regulators' data was checked. The identifier check
/// passes over them, as a CPD record must carry them.
pub fn written_dates(template: Template, sources: &Sources) -> Vec<NaiveDate> {
    let checked = sources.regulators.checked;
    let mut dates = vec![sources.today];
    match template {
        Template::CpdLog => dates.extend([cpd_log::window_start(sources), checked]),
        Template::HcpcProfile => dates.push(checked),
        Template::Record | Template::NmcReflectiveAccount | Template::SupervisionPrep => {}
    }
    dates
}

/// A reflection's title, or "untitled".
pub(super) fn title_of(reflection: &Reflection) -> &str {
    match reflection.title.trim() {
        "" => "untitled",
        title => title,
    }
}

/// The pack and where its content comes from, for a document's footer.
pub(super) fn attribution(pack: &Pack) -> String {
    format!(
        "{} {}. {}",
        pack.title, pack.version, pack.source.attribution
    )
}

/// "Resilience; Can-do (proactive)", from area ids, keeping ids the pack no longer has.
pub fn area_titles(pack: &Pack, ids: &[&str]) -> String {
    ids.iter()
        .map(|id| {
            pack.area(id)
                .map_or_else(|| format!("{id} (from an older pack)"), |a| a.title.clone())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The label of a Code theme or activity type id, or the id itself if unknown.
pub fn label_of(items: &[super::regulators::Item], id: &str) -> String {
    items
        .iter()
        .find(|i| i.id == id)
        .map_or_else(|| id.to_string(), |i| i.label.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::PackSource;
    use crate::export::document::Block;
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
        fn export(
            &self,
            template: Template,
            options: &Options,
        ) -> (Vec<EditableField>, Document<'_>) {
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
        section
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Field { label: l, value } if l == label => Some(value.as_ref()),
                _ => None,
            })
            .expect("the field")
    }

    #[test]
    fn templates_without_editable_wording_have_no_fields() {
        let fixture = Fixture::new();
        for template in [
            Template::Record,
            Template::CpdLog,
            Template::SupervisionPrep,
        ] {
            let (fields, _) = fixture.export(template, &Options::default());
            assert!(fields.is_empty(), "{}", template.name());
        }
    }

    #[test]
    fn an_nmc_account_offers_its_four_prompts_as_the_document_fills_them() {
        let fixture = Fixture::new();
        let (fields, document) =
            fixture.export(Template::NmcReflectiveAccount, &Options::default());
        let ids: Vec<&str> = fixture.workbook.reflections[..2]
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        let expected: Vec<String> = ids
            .iter()
            .flat_map(|id| {
                ["nature", "learning", "change", "relevance"].map(|p| format!("{id}/{p}"))
            })
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
}
