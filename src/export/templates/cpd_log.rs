//! `cpd-log`: a CPD log for NMC revalidation, one row per chosen reflection with the columns
//! of `content/regulators.toml`, then the hours over the NMC's window to today, with a
//! warning for any shortfall. Every count and window comes from the regulator data.

use chrono::{Months, NaiveDate};

use super::{Options, Sources};
use crate::export::document;

// This template words everything afresh, so its document owns all its text.
type Document = document::Document<'static>;
type Section = document::Section<'static>;
use crate::export::select::date_of;
use crate::export::text::{context_label, focus_summary};
use crate::workbook::Reflection;

/// What a cell with nothing recorded shows.
const NOTHING: &str = "—";

/// The column ids of `[[nmc.cpd_log.columns]]`.
const DATES: &str = "dates";
const METHOD: &str = "method";
const TOPIC: &str = "topic";
const HOURS: &str = "hours";
const PARTICIPATORY: &str = "participatory-hours";
const CODE: &str = "code";
const EVIDENCE: &str = "evidence";

pub fn build(sources: &Sources, reflections: &[&Reflection], options: &Options) -> Document {
    let regulators = sources.regulators;
    let nmc = &regulators.nmc;
    let columns = &nmc.cpd_log.columns;
    let headers = columns.iter().map(|c| c.label.clone());
    let rows = reflections
        .iter()
        .map(|r| columns.iter().map(|c| cell(sources, r, &c.id)));
    let log = Section::new(1, "CPD log")
        .paragraph(format!(
            "{}: {}",
            column_label(sources, PARTICIPATORY),
            nmc.cpd.participatory_meaning
        ))
        .table(headers, rows);
    Document {
        template: "cpd-log".into(),
        title: format!("{} CPD log", nmc.short_name),
        notices: [format!(
            "A record of continuing professional development for {} revalidation, which asks for {} hours over {} years, at least {} of them participatory.",
            nmc.short_name, nmc.cpd.hours, nmc.cpd.cycle_years, nmc.cpd.participatory_hours
        )]
        .into_iter()
        .chain(options.chosen_by.as_ref().map(|by| {
            format!("This log holds only some of your reflections ({}): its totals are of these alone, not of all your CPD.", by)
        }))
        .collect(),
        sections: vec![log, totals(sources, reflections)],
        footer: vec![format!(
            "Requirements from wheelbook's regulator data, version {}, checked {}.",
            regulators.version, regulators.checked
        )],
    }
}

fn cell(sources: &Sources, r: &Reflection, column: &str) -> String {
    let cpd = &r.cpd;
    let text = match column {
        DATES => date_of(r).to_string(),
        METHOD => cpd.method.clone().unwrap_or_default(),
        TOPIC => topic(sources, r),
        HOURS => cpd.hours.map(hours).unwrap_or_default(),
        PARTICIPATORY => cpd
            .hours
            .map(|h| hours(participatory(r, h)))
            .unwrap_or_default(),
        CODE => themes(sources, r),
        EVIDENCE => cpd.evidence.clone().unwrap_or_default(),
        _ => String::new(),
    };
    match text.trim() {
        "" => NOTHING.to_string(),
        text => text.to_string(),
    }
}

/// The title, and how it relates to practice: the focus areas and the context.
fn topic(sources: &Sources, r: &Reflection) -> String {
    let pack = sources.pack;
    let title = match r.title.trim() {
        "" => String::new(),
        title if title.ends_with(['.', '?', '!']) => format!("{title} "),
        title => format!("{title}. "),
    };
    format!(
        "{title}Focus: {}. Context: {}.",
        focus_summary(pack, &r.focus),
        context_label(pack, &r.context)
    )
}

/// The labels of the Code's themes chosen, in the Code's order, then any ids it lacks.
fn themes(sources: &Sources, r: &Reflection) -> String {
    let code = &sources.regulators.nmc.code;
    let chosen = &r.cpd.code_themes;
    let known = code
        .themes
        .iter()
        .filter(|t| chosen.contains(t.id.as_str()));
    let unknown = chosen.iter().filter(|id| code.theme(id).is_none());
    known
        .map(|t| t.label.clone())
        .chain(unknown.map(ToString::to_string))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The participatory share of a reflection's hours: all of them or none.
fn participatory(r: &Reflection, hours: f64) -> f64 {
    if r.cpd.participatory == Some(true) {
        hours
    } else {
        0.0
    }
}

/// The first day of the revalidation window that ends today: the day after the same date
/// `cycle_years` back, so exactly that many years.
pub(super) fn window_start(sources: &Sources) -> NaiveDate {
    years_back(sources.today, sources.regulators.nmc.cpd.cycle_years)
}

/// The first day of the `years` that end with `today`.
pub(super) fn years_back(today: NaiveDate, years: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(years.saturating_mul(12)))
        .and_then(|day| day.succ_opt())
        .unwrap_or(NaiveDate::MIN)
}

fn totals(sources: &Sources, reflections: &[&Reflection]) -> Section {
    let cpd = &sources.regulators.nmc.cpd;
    let today = sources.today;
    let start = window_start(sources);
    let in_window = |r: &&&Reflection| (start..=today).contains(&date_of(r));
    let counted: Vec<&&Reflection> = reflections.iter().filter(in_window).collect();
    let total = rounded(counted.iter().filter_map(|r| r.cpd.hours).sum());
    let with_others = rounded(
        counted
            .iter()
            .filter_map(|r| r.cpd.hours.map(|h| participatory(r, h)))
            .sum(),
    );
    let mut section = Section::new(1, format!("Totals over the last {} years", cpd.cycle_years))
        .field("Window", format!("{start} to {today}"))
        .field(
            "Activities counted",
            format!("{} of {}", counted.len(), reflections.len()),
        )
        .field(
            column_label(sources, HOURS),
            format!("{} of the {} needed", hours(total), cpd.hours),
        )
        .field(
            column_label(sources, PARTICIPATORY),
            format!(
                "{} of the {} needed",
                hours(with_others),
                cpd.participatory_hours
            ),
        );
    let needed = f64::from(cpd.hours);
    if total < needed {
        section = section.warning(format!(
            "Short of the {} hours of CPD needed over {} years: {} hours missing.",
            cpd.hours,
            cpd.cycle_years,
            hours(rounded(needed - total))
        ));
    }
    let needed = f64::from(cpd.participatory_hours);
    if with_others < needed {
        section = section.warning(format!(
            "Short of the {} participatory hours needed over {} years: {} participatory hours missing.",
            cpd.participatory_hours,
            cpd.cycle_years,
            hours(rounded(needed - with_others))
        ));
    }
    let no_hours: Vec<String> = reflections
        .iter()
        .filter(|r| r.cpd.hours.is_none())
        .map(|r| row_name(r))
        .collect();
    if !no_hours.is_empty() {
        section = section.warning(format!(
            "No hours recorded for: {}. Add the hours in each reflection's CPD details to count them.",
            no_hours.join("; ")
        ));
    }
    let outside: Vec<String> = reflections
        .iter()
        .filter(|r| !in_window(r))
        .map(|r| row_name(r))
        .collect();
    if !outside.is_empty() {
        section = section.paragraph(format!(
            "Listed but not counted, being outside the window: {}.",
            outside.join("; ")
        ));
    }
    section
}

fn column_label(sources: &Sources, id: &str) -> String {
    super::label_of(&sources.regulators.nmc.cpd_log.columns, id)
}

/// A row as a warning names it: its date and title.
fn row_name(r: &Reflection) -> String {
    match r.title.trim() {
        "" => format!("{} (untitled)", date_of(r)),
        title => format!("{} {title}", date_of(r)),
    }
}

/// Rounds to hundredths, so that sums of entered hours do not show binary fractions.
fn rounded(hours: f64) -> f64 {
    (hours * 100.0).round() / 100.0
}

/// Hours as people write them: "2", "1.5", "0.25".
fn hours(value: f64) -> String {
    let text = format!("{:.2}", rounded(value));
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
#[path = "../tests/cpd_log.rs"]
mod tests;
