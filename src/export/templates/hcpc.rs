//! `hcpc-profile`: a draft of the CPD profile the HCPC asks for at audit: a summary of
//! practice history, the dated list of activities, a personal statement built from 4 to 6
//! of them, and the evidence. Headings, word limits and counts come from
//! `content/regulators.toml`, not from code.

use chrono::{Months, NaiveDate};

use super::{EditableField, Options, Sources, attribution, label_of, title_of};
use crate::export::document::{self, Block};

// This template words everything afresh, so its document owns all its text.
type Document = document::Document<'static>;
type Section = document::Section<'static>;
use crate::export::regulators::Section as Heading;
use crate::export::select::date_of;
use crate::export::text::focus_summary;
use crate::workbook::{Mode, Reflection};

/// What each statement part is called if the data file names fewer parts.
const PARTS: [&str; 3] = [
    "What I did",
    "What I learnt",
    "How it improved my practice and benefited service users",
];

/// The edit keys of the summary and of a reflection's part of the statement.
const SUMMARY: &str = "summary";
const STATEMENT: &str = "statement";

/// Words as a word limit counts them: runs of characters between whitespace.
pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A count with thousands separated: 1500 is "1,500".
pub(crate) fn with_commas(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Whether `to` is `months` months or more after `from`: a gap the profile must explain.
pub(crate) fn is_gap(from: NaiveDate, to: NaiveDate, months: u32) -> bool {
    from.checked_add_months(Months::new(months))
        .is_some_and(|limit| to >= limit)
}

pub fn build(sources: &Sources, reflections: &[&Reflection], options: &Options) -> Document {
    let regulators = sources.regulators;
    let hcpc = &regulators.hcpc;
    let dated = in_date_order(reflections);
    let mut sections = Vec::new();
    for heading in &hcpc.profile.sections {
        let head = Section::new(1, heading.heading.clone()).paragraph(heading.guidance.clone());
        match heading.id.as_str() {
            "summary" => sections.push(summary(head, heading, options)),
            "activities" => sections.push(activities(sources, head, &dated)),
            "statement" => sections.extend(statement(sources, head, heading, &dated, options)),
            "evidence" => sections.push(evidence(head, &dated)),
            _ => sections.push(head),
        }
    }
    let mut notices = vec![format!(
        "A draft of the CPD profile the {} asks for at audit, to check and finish before you send it. {}",
        hcpc.short_name, hcpc.audit.summary
    )];
    notices.extend(hcpc.profile.provenance.unverified.clone());
    notices.extend(options.chosen_by.as_ref().map(|by| {
        format!("This profile holds only some of your reflections ({}): its activities and gaps are of these alone.", by)
    }));
    let pack = sources.pack;
    Document {
        template: "hcpc-profile".into(),
        title: format!("{} CPD profile", hcpc.short_name),
        notices,
        sections,
        footer: vec![
            format!(
                "{} requirements from wheelbook's regulator data, version {}, checked {}: check them against the {}'s current guidance.",
                hcpc.short_name, regulators.version, regulators.checked, hcpc.short_name
            ),
            attribution(pack),
        ],
    }
}

/// The owner can write the summary, keyed `summary`, and rewrite each reflection's part of
/// the statement, keyed `reflection-id/statement`.
pub(super) fn fields(
    sources: &Sources,
    reflections: &[&Reflection],
    options: &Options,
) -> Vec<EditableField> {
    let dated = in_date_order(reflections);
    let mut fields = Vec::new();
    for heading in &sources.regulators.hcpc.profile.sections {
        match heading.id.as_str() {
            "summary" => fields.push(EditableField {
                key: SUMMARY.into(),
                label: heading.heading.clone(),
                // The workbook holds no summary: only the owner writes it.
                text: options.edit("", SUMMARY).cloned().unwrap_or_default(),
                when_empty: super::A_SPACE_FOR_IT,
            }),
            "statement" => fields.extend(statement_reflections(sources, &dated).iter().map(|r| {
                EditableField {
                    key: format!("{}/{STATEMENT}", r.id),
                    label: format!("{} · {} ({})", heading.heading, title_of(r), date_of(r)),
                    text: statement_text(sources, r, options),
                    when_empty: super::FROM_THE_REFLECTION,
                }
            })),
            _ => {}
        }
    }
    fields
}

fn in_date_order<'r>(reflections: &[&'r Reflection]) -> Vec<&'r Reflection> {
    let mut dated = reflections.to_vec();
    dated.sort_by_key(|r| (date_of(r), r.created));
    dated
}

/// The reflections the statement is built from: the most recent ones, up to the most it
/// takes (an audit looks at the latest two years); name reflections to choose others.
fn statement_reflections<'d, 'r>(
    sources: &Sources,
    dated: &'d [&'r Reflection],
) -> &'d [&'r Reflection] {
    let most = sources.regulators.hcpc.profile.statement_max_activities as usize;
    &dated[dated.len().saturating_sub(most)..]
}

/// A word counter, and a warning when the limit is passed.
fn counted(section: Section, what: &str, words: usize, limit: Option<u32>) -> Section {
    let Some(limit) = limit.map(|l| l as usize) else {
        return section.field("Word count", format!("{} words", with_commas(words)));
    };
    let section = section.field(
        "Word count",
        format!("{} of {} words", with_commas(words), with_commas(limit)),
    );
    if words <= limit {
        return section;
    }
    section.warning(format!(
        "The {what} has {} words, over the limit of {}: shorten it before you send the profile.",
        with_commas(words),
        with_commas(limit)
    ))
}

fn summary(head: Section, heading: &Heading, options: &Options) -> Section {
    let written = options.edit("", SUMMARY).filter(|t| !t.trim().is_empty());
    let section = match written {
        Some(text) => head.paragraph(text.clone()),
        None => head.paragraph(
            "[Write your summary of practice history here: the workbook does not hold one.]",
        ),
    };
    let words = written.map_or(0, |text| word_count(text));
    counted(section, "summary", words, heading.max_words)
}

fn activities(sources: &Sources, head: Section, dated: &[&Reflection]) -> Section {
    let hcpc = &sources.regulators.hcpc;
    let types = &hcpc.activity_types.types;
    let rows = dated.iter().map(|r| {
        vec![
            date_of(r).to_string(),
            r.cpd
                .activity_type
                .as_ref()
                .map_or_else(|| "type not recorded".into(), |t| label_of(types, t)),
            title_of(r).to_string(),
            focus_summary(sources.pack, &r.focus),
        ]
    });
    let headers = ["Date", "Type of activity", "Activity", "Focus"];
    let mut section = head.table(headers, rows);
    let months = hcpc.cpd.gap_months;
    for pair in dated.windows(2) {
        if let [earlier, later] = pair
            && is_gap(date_of(earlier), date_of(later), months)
        {
            section = section.warning(format!(
                "A gap of {months} months or more, between {} and {}: explain it in the profile (for example leave, illness or a change of role).",
                date_of(earlier),
                date_of(later)
            ));
        }
    }
    // A gap up to now counts too: the profile covers activity to the day it is sent.
    if let Some(last) = dated.last()
        && is_gap(date_of(last), sources.today, months)
    {
        section = section.warning(format!(
            "No activity for {months} months or more, since {} (today is {}): explain the gap, or record what you have done since.",
            date_of(last),
            sources.today
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    for kind in dated.iter().filter_map(|r| r.cpd.activity_type.as_deref()) {
        if !seen.contains(&kind) {
            seen.push(kind);
        }
    }
    let least = hcpc.cpd.min_activity_types as usize;
    if seen.len() < least {
        let labels: Vec<String> = seen.iter().map(|k| label_of(types, k)).collect();
        let (plural, verb) = if labels.len() == 1 {
            ("", "s")
        } else {
            ("s", "")
        };
        let shown = match labels.len() {
            0 => "no type of activity is recorded".to_string(),
            n => format!(
                "only {n} type{plural} of activity appear{verb} ({})",
                labels.join("; ")
            ),
        };
        section = section.warning(format!(
            "In these reflections {shown}: the {} asks for at least {least} different types. Record each reflection's type of activity, and choose CPD of more than one type.",
            hcpc.short_name
        ));
    }
    section
}

fn statement(
    sources: &Sources,
    mut head: Section,
    heading: &Heading,
    dated: &[&Reflection],
    options: &Options,
) -> Vec<Section> {
    let hcpc = &sources.regulators.hcpc;
    let least = hcpc.profile.statement_min_activities as usize;
    let most = hcpc.profile.statement_max_activities as usize;
    let chosen = statement_reflections(sources, dated);
    if !(least..=most).contains(&dated.len()) {
        head = head.warning(format!(
            "The {} asks for a statement built from {least} to {most} activities. {} reflection{} chosen, so the statement uses {}.",
            hcpc.short_name,
            dated.len(),
            if dated.len() == 1 { " is" } else { "s are" },
            if dated.len() > most {
                format!("the {most} most recent")
            } else {
                "all available".to_string()
            }
        ));
    }
    if sources.workbook.mode == Mode::Team {
        head = head.warning(
            "This workbook is kept by a team: write the statement about your own learning, with \"I\" rather than \"we\".",
        );
    }
    let parts: Vec<Section> = chosen
        .iter()
        .map(|r| statement_part(sources, r, options))
        .collect();
    let words = parts.iter().map(words_in).sum();
    let mut sections = vec![counted(head, "statement", words, heading.max_words)];
    sections.extend(parts);
    sections
}

/// The words of a part of the statement, with its headings, as it would be copied out.
fn words_in(section: &Section) -> usize {
    let blocks = section.blocks.iter().map(|block| match block {
        Block::Paragraph { text } | Block::Warning { text } => word_count(text),
        Block::Field { label, value } => word_count(label) + word_count(value),
        // A part holds neither.
        Block::List { .. } | Block::Table(_) => 0,
    });
    word_count(&section.heading) + blocks.sum::<usize>()
}

fn statement_part(sources: &Sources, r: &Reflection, options: &Options) -> Section {
    let section =
        Section::new(2, format!("{} ({})", title_of(r), date_of(r))).of_reflection(r.id.clone());
    if let Some(text) = options.edit(&r.id, STATEMENT) {
        return section.paragraph(text.clone());
    }
    statement_parts(sources, r)
        .into_iter()
        .fold(section, |section, (label, text)| section.field(label, text))
}

fn evidence(mut section: Section, dated: &[&Reflection]) -> Section {
    let mut items = Vec::new();
    let mut missing = Vec::new();
    for r in dated {
        match r.cpd.evidence.as_deref().map(str::trim) {
            Some(evidence) if !evidence.is_empty() => {
                items.push(format!("{} ({}): {evidence}", title_of(r), date_of(r)));
            }
            _ => missing.push(format!(
                "No evidence recorded for \"{}\" ({}): add where the evidence is kept (notes, a certificate, an agenda).",
                title_of(r),
                date_of(r)
            )),
        }
    }
    section = section.list(items);
    for warning in missing {
        section = section.warning(warning);
    }
    section
}

mod statement;

use statement::{statement_parts, statement_text};

#[cfg(test)]
#[path = "../tests/hcpc.rs"]
mod tests;
