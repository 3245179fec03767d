//! The identifier check: a scan of text about to leave the machine for anything that could
//! identify a patient, service user or colleague (section 8.1 of the CPD requirements in the
//! shared reference). Every finding is a warning; what to do about it is the caller's
//! business. Pure functions, no I/O.
//!
//! The scanning is written by hand over the words and numbers of the text (runs of
//! alphanumeric characters) and the gaps between them, so that each pattern's rules sit in one
//! readable place. The patterns lean towards warning, but stay quiet on ordinary clinical
//! prose: "7 days", "ward 4", "Band 6", "14:30", "March 2024", a year alone, "the Dr said".

use std::cmp::Reverse;

use crate::content::Pack;
use crate::workbook::{Action, Reflection};

/// What a finding looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    NhsNumber,
    DateOfBirth,
    FullDate,
    ExactAge,
    TitleAndName,
    Postcode,
    StreetAddress,
    RecordNumber,
    PhoneNumber,
    Email,
    WatchList,
}

impl Kind {
    /// What was found, to follow "This looks like": "an NHS number".
    pub fn description(self) -> &'static str {
        match self {
            Kind::NhsNumber => "an NHS number",
            Kind::DateOfBirth => "a date of birth",
            Kind::FullDate => "a full date",
            Kind::ExactAge => "an exact age",
            Kind::TitleAndName => "a title and name",
            Kind::Postcode => "a full postcode",
            Kind::StreetAddress => "a street address",
            Kind::RecordNumber => "a hospital or record number",
            Kind::PhoneNumber => "a phone number",
            Kind::Email => "an email address",
            Kind::WatchList => "a name on your watch-list",
        }
    }

    /// One line on what to do about it.
    pub fn advice(self) -> &'static str {
        match self {
            Kind::NhsNumber | Kind::RecordNumber => "Remove it: the number identifies the person.",
            Kind::DateOfBirth => "Remove it; if age matters, give a stage of life instead.",
            Kind::FullDate => "Leave out the date of care, or give the month or season only.",
            Kind::ExactAge => "Give a stage of life instead, such as \"an older adult\".",
            Kind::TitleAndName => "Remove the name, or describe the person by role.",
            Kind::Postcode | Kind::StreetAddress => "Remove it, or name the area in general terms.",
            Kind::PhoneNumber | Kind::Email => "Remove the contact details.",
            Kind::WatchList => "Remove it, or describe the person or place by role or type.",
        }
    }
}

/// One likely identifier in a scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    /// The matched text.
    pub text: String,
    /// Byte offsets of the match in the scanned text.
    pub start: usize,
    pub end: usize,
}

/// A finding in a field of a reflection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub reflection_id: String,
    /// A human name for the field: "title", "answer to resilience.q2", "comments on
    /// resilience", "development plan for resilience", "own activity in resilience",
    /// "CPD method", "CPD evidence", "action for resilience".
    pub field: String,
    /// The area the field belongs to, when it belongs to one: where to go to edit it.
    /// For an answer, the question's id (find its area in the pack).
    pub place: Option<String>,
    pub finding: Finding,
}

/// Every likely identifier in `text`, sorted by start. None overlaps another: where patterns
/// overlap, the match starting first (then the longer) is kept, and overlapping matches of one
/// kind are joined. `watch_list` holds the user's own names, matched case-insensitively as
/// whole words, any run of spaces matching any other; empty entries are skipped.
pub fn scan(text: &str, watch_list: &[String]) -> Vec<Finding> {
    if !may_hold_finding(text, watch_list) {
        return Vec::new();
    }
    scan_all(text, watch_list)
}

/// Whether [`scan`] could find anything in `text`: a quick look, much cheaper than the scan.
pub(super) fn may_hold_finding(text: &str, watch_list: &[String]) -> bool {
    let watching = watch_list.iter().any(|entry| !entry.trim().is_empty());
    watching || may_hold_identifier(text)
}

/// [`scan`] without the quick look first: for a text that has had it.
pub(super) fn scan_all(text: &str, watch_list: &[String]) -> Vec<Finding> {
    let s = Scan::new(text);
    let mut spans: Vec<(Kind, usize, usize)> = Vec::new();
    for (i, start) in s.pattern_starts() {
        let found = [
            (Kind::FullDate, s.date_at(i)),
            (Kind::DateOfBirth, s.birth_at(i)),
            (Kind::NhsNumber, s.nhs_at(i)),
            (Kind::ExactAge, s.age_at(i)),
            (Kind::TitleAndName, s.name_at(i)),
            (Kind::Postcode, s.postcode_at(i)),
            (Kind::StreetAddress, s.street_at(i)),
            (Kind::RecordNumber, s.record_at(i)),
        ];
        spans.extend(
            found
                .into_iter()
                .filter_map(|(k, end)| Some((k, start, end?))),
        );
    }
    // One phone number never overlaps another: the search goes on after each.
    let mut searched_to = 0;
    for i in s.phone_starts() {
        if i < searched_to {
            continue;
        }
        if let Some(end) = s.phone_at(i) {
            spans.push((Kind::PhoneNumber, i, end));
            searched_to = end;
        }
    }
    spans.extend(s.emails().map(|(start, end)| (Kind::Email, start, end)));
    spans.extend(
        s.watched(watch_list)
            .map(|(start, end)| (Kind::WatchList, start, end)),
    );

    spans.sort_by_key(|&(kind, start, end)| (start, Reverse(end), kind));
    let mut findings: Vec<Finding> = Vec::new();
    for (kind, start, end) in spans {
        match findings.last_mut() {
            // Overlapping matches of one kind join up: "aged 87" and "87 years old".
            Some(last) if start < last.end => {
                if last.kind == kind && end > last.end {
                    last.end = end;
                    last.text = text[last.start..end].to_string();
                }
            }
            _ => findings.push(Finding {
                kind,
                text: text[start..end].to_string(),
                start,
                end,
            }),
        }
    }
    findings
}

/// The NHS number's modulus 11 check: `digits` must be exactly ten ASCII digits, the tenth
/// equal to 11 minus (the first nine weighted 10 down to 2, summed, mod 11), where 11 means 0
/// and 10 is never issued.
pub fn nhs_number_is_valid(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 || d.len() != 10 {
        return false;
    }
    let sum: u32 = d.iter().zip((2..=10).rev()).map(|(x, w)| x * w).sum();
    match 11 - sum % 11 {
        11 => d[9] == 0,
        10 => false,
        check => d[9] == check,
    }
}

/// Every likely identifier in the free text of a reflection that an export could carry: its
/// title, answers, prompts, own activities and CPD method, and the texts of `actions`.
pub fn scan_reflection(
    reflection: &Reflection,
    actions: &[&Action],
    watch_list: &[String],
) -> Vec<Located> {
    let located = scan_reflection_with(reflection, actions, None, |text| scan(text, watch_list));
    located.into_iter().map(|(_, located)| located).collect()
}

/// How a finding's field is named: by `pack`'s own wording of its question or area where
/// there is one ("answer to “What helps me…”"), else by the id the workbook keeps.
struct FieldNames<'p>(Option<&'p Pack>);

impl FieldNames<'_> {
    /// The longest question quoted whole in a field's name; a longer one is cut at a word.
    const QUESTION_CHARS: usize = 60;

    fn question(&self, id: &str) -> String {
        let question = self.0.and_then(|pack| {
            let mut questions = pack.areas.iter().flat_map(|area| &area.questions);
            questions.find(|q| q.id == id)
        });
        match question {
            Some(question) => format!(
                "answer to “{}”",
                shortened(&question.text, Self::QUESTION_CHARS)
            ),
            None => format!("answer to {id}"),
        }
    }

    fn area<'a>(&'a self, id: &'a str) -> &'a str {
        self.0
            .and_then(|pack| pack.area(id))
            .map_or(id, |area| area.title.as_str())
    }
}

/// `text`, or its words up to `max` characters and "…".
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut = String::new();
    for word in text.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    cut + "…"
}

/// [`scan_reflection`] with `scan` standing in for [`scan`] (the export check passes one
/// that scans each distinct text only once), each finding with the text of its field.
pub(super) fn scan_reflection_with<'r>(
    reflection: &'r Reflection,
    actions: &[&'r Action],
    pack: Option<&Pack>,
    mut scan: impl FnMut(&'r str) -> Vec<Finding>,
) -> Vec<(&'r str, Located)> {
    let r = reflection;
    let names = FieldNames(pack);
    let mut located = Vec::new();
    // Most fields hold nothing, so a field's name is only written once something is found.
    let mut scan_field = |text: &'r str, field: &dyn Fn() -> String, place: Option<&str>| {
        let findings = scan(text);
        if findings.is_empty() {
            return;
        }
        let field = field();
        located.extend(findings.into_iter().map(|finding| {
            let located = Located {
                reflection_id: r.id.clone(),
                field: field.clone(),
                place: place.map(str::to_string),
                finding,
            };
            (text, located)
        }));
    };
    scan_field(&r.title, &|| "title".to_string(), None);
    for (q, a) in &r.answers {
        scan_field(a, &|| names.question(q), Some(q.as_str()));
    }
    for (area, prompts) in &r.prompts {
        for (prompt, text) in prompts {
            let field = || {
                let area = names.area(area);
                match prompt.as_str() {
                    "comments" => format!("comments on {area}"),
                    "develop" => format!("development plan for {area}"),
                    other => format!("{other} on {area}"),
                }
            };
            scan_field(text, &field, Some(area.as_str()));
        }
    }
    for a in &r.own_activities {
        let field = || format!("own activity in {}", names.area(&a.area));
        scan_field(&a.text, &field, Some(&a.area));
    }
    if let Some(method) = &r.cpd.method {
        scan_field(method, &|| "CPD method".to_string(), None);
    }
    if let Some(evidence) = &r.cpd.evidence {
        scan_field(evidence, &|| "CPD evidence".to_string(), None);
    }
    for a in actions {
        let field = || format!("action for {}", names.area(&a.area));
        scan_field(&a.text, &field, Some(&a.area));
    }
    located
}

mod scanner;

use scanner::{Scan, may_hold_identifier};

#[cfg(test)]
#[path = "tests/identifiers/mod.rs"]
mod tests;
