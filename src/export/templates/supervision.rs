//! `supervision-prep`: the supervisee's own notes to bring to supervision. Self-ratings and
//! comments stay out unless the owner ticks them; answers are shown in summary unless the
//! owner asks for them in full. Headings and the header come from `content/regulators.toml`.

use chrono::NaiveDate;

use super::{EditableField, Options, Sources, attribution, title_of};
use crate::content::{Area, Pack};
use crate::export::document;

// This template words everything afresh, so its document owns all its text.
type Document = document::Document<'static>;
type Section = document::Section<'static>;
use crate::export::select::date_of;
use crate::export::text::{area_title, context_label};
use crate::workbook::{Action, ActionStatus, Reflection};

/// The session's date, until the owner gives it.
const NOT_GIVEN: &str = "not given yet";

/// A summary keeps at most this many words of an answer's first sentence.
const SUMMARY_WORDS: usize = 30;

pub fn build(sources: &Sources, reflections: &[&Reflection], options: &Options) -> Document {
    let prep = &sources.regulators.supervision_prep;
    let mut dated = reflections.to_vec();
    dated.sort_by_key(|r| (date_of(r), r.created));
    let mut sections = Vec::new();
    for heading in &prep.sections {
        let head = Section::new(1, heading.heading.clone());
        match heading.id.as_str() {
            "session" => sections.push(session(sources, head, options)),
            "focus-areas" => sections.push(focus_areas(sources, head, &dated, options)),
            "reflections" => sections.extend(reflections_to_bring(sources, head, &dated, options)),
            "questions" => sections.push(questions(head, options)),
            "actions" => sections.push(actions_from_last_time(sources, head, &dated)),
            "development-plan" => sections.push(development_plan(sources, head, &dated)),
            _ => sections.push(head.paragraph(heading.guidance.clone())),
        }
    }
    let pack = sources.pack;
    Document {
        template: "supervision-prep".into(),
        title: "Notes for supervision".into(),
        notices: vec![prep.header.clone()],
        sections,
        footer: vec![attribution(pack)],
    }
}

/// When the session is, if the owner said, and when these notes were made: the day of the
/// export is not the day of the session.
fn session(sources: &Sources, head: Section, options: &Options) -> Section {
    let date = options.session_date.map(|d| d.to_string());
    head.field(
        "Date of the session",
        date.unwrap_or_else(|| NOT_GIVEN.into()),
    )
    .field("Prepared on", sources.today.to_string())
}

/// An answer in summary: its first sentence, or its first 30 words, with "…" when cut.
pub(crate) fn summarised(text: &str) -> String {
    let first_line = text.trim().lines().next().unwrap_or_default();
    let line: Vec<&str> = first_line.split_whitespace().collect();
    let ends_sentence = |word: &&str| {
        word.trim_end_matches(['"', '\'', '’', '”', ')'])
            .ends_with(['.', '!', '?'])
    };
    let sentence = line
        .iter()
        .position(ends_sentence)
        .map_or(line.len(), |i| i + 1);
    let kept = sentence.min(SUMMARY_WORDS);
    let mut out = line[..kept].join(" ");
    if kept < text.split_whitespace().count() {
        out.push_str(if kept == sentence { " …" } else { "…" });
    }
    out
}

/// Where an action stands: open (due or overdue on `today`), done or dropped.
pub(crate) fn progress(action: &Action, today: NaiveDate) -> String {
    let was_due = action
        .due
        .map(|due| format!(" (was due {due})"))
        .unwrap_or_default();
    match (action.status, action.due) {
        (ActionStatus::Open, Some(due)) if due < today => format!("open, overdue since {due}"),
        (ActionStatus::Open, Some(due)) => format!("open, due {due}"),
        (ActionStatus::Open, None) => "open, no due date".into(),
        (ActionStatus::Done, _) => format!("done{was_due}"),
        (ActionStatus::Dropped, _) => format!("dropped{was_due}"),
    }
}

/// The areas in focus, in the pack's order, then any the pack no longer has.
fn areas_in_focus<'a>(pack: &'a Pack, dated: &[&'a Reflection]) -> Vec<&'a str> {
    let mut ids: Vec<&str> = Vec::new();
    for id in dated.iter().flat_map(|r| r.focus.area_ids(pack)) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.sort_by_key(|id| {
        pack.areas
            .iter()
            .position(|a| a.id == *id)
            .unwrap_or(usize::MAX)
    });
    ids
}

fn focus_areas(
    sources: &Sources,
    head: Section,
    dated: &[&Reflection],
    options: &Options,
) -> Section {
    let pack = sources.pack;
    let items = areas_in_focus(pack, dated)
        .into_iter()
        .map(|id| match pack.area(id) {
            Some(area) if options.include_ratings => {
                format!("{}: {}", area.title, rating(sources, dated, area))
            }
            _ => area_title(pack, id),
        });
    head.list(items)
}

/// "self-rating 2.5 of 4, up from 2.0 to 2.5 since last time", from the newest chosen
/// reflection that rated the area, compared with the reflection before it.
fn rating(sources: &Sources, dated: &[&Reflection], area: &Area) -> String {
    let newest = dated
        .iter()
        .rev()
        .find_map(|r| r.area_mean(area).map(|mean| (*r, mean)));
    let Some((reflection, mean)) = newest else {
        return "not rated".into();
    };
    let top = sources
        .pack
        .scale
        .iter()
        .map(|l| l.value())
        .max()
        .unwrap_or(0);
    let before = sources
        .workbook
        .previous_for(sources.pack, reflection, sources.newest_first())
        .and_then(|previous| previous.area_mean(area));
    let now = format!("{mean:.1}");
    let change = match before {
        None => "not rated last time".to_string(),
        Some(before) => match format!("{before:.1}") {
            then if then == now => format!("unchanged at {now} since last time"),
            then if before < mean => format!("up from {then} to {now} since last time"),
            then => format!("down from {then} to {now} since last time"),
        },
    };
    format!("self-rating {now} of {top}, {change}")
}

fn reflections_to_bring(
    sources: &Sources,
    head: Section,
    dated: &[&Reflection],
    options: &Options,
) -> Vec<Section> {
    let pack = sources.pack;
    let shown = |text: &String| {
        if options.full {
            text.clone()
        } else {
            summarised(text)
        }
    };
    let mut sections = vec![head.paragraph(if options.full {
        "Answers in full."
    } else {
        "Answers in summary: the first sentence of each."
    })];
    for r in dated {
        let mut section = Section::new(2, title_of(r).to_string())
            .of_reflection(r.id.clone())
            .field("Date", date_of(r).to_string())
            .field("Context", context_label(pack, &r.context));
        for area in &pack.areas {
            for question in &area.questions {
                if let Some(answer) = r.answers.get(question.id.as_str()) {
                    section = section.field(question.text.clone(), shown(answer));
                }
            }
            let comments = r
                .prompts
                .get(area.id.as_str())
                .and_then(|p| p.get("comments"));
            if let Some(comments) = comments.filter(|_| options.include_comments) {
                section = section.field(format!("Comments on {}", area.title), shown(comments));
            }
        }
        for id in r.ids_not_in(pack).answers {
            if let Some(answer) = r.answers.get(id) {
                section = section.field(format!("{id} (from an older pack)"), shown(answer));
            }
        }
        sections.push(section);
    }
    sections
}

/// The key of the owner's questions in [`Options::edits`], one a line, written on the
/// export screen; on the command line they are `--question`s.
const QUESTIONS: &str = "questions";

/// The questions the owner brings: those written on the screen, else those given on the
/// command line.
fn asked(options: &Options) -> Vec<String> {
    let written = options
        .edit("", QUESTIONS)
        .map(|text| text.lines().map(String::from).collect());
    let asked: Vec<String> = written.unwrap_or_else(|| options.questions.clone());
    asked
        .iter()
        .map(|q| q.trim())
        .filter(|q| !q.is_empty())
        .map(String::from)
        .collect()
}

/// The wording the owner writes on the export screen: the questions to bring.
pub(super) fn fields(sources: &Sources, options: &Options) -> Vec<EditableField> {
    let prep = &sources.regulators.supervision_prep;
    let heading = prep.sections.iter().find(|h| h.id == QUESTIONS);
    let label = heading.map_or("Questions to bring", |h| h.heading.as_str());
    vec![EditableField {
        key: QUESTIONS.into(),
        label: format!("{label} (one a line)"),
        text: asked(options).join("\n"),
        when_empty: super::A_SPACE_FOR_IT,
    }]
}

fn questions(head: Section, options: &Options) -> Section {
    let asked = asked(options);
    if asked.is_empty() {
        head.paragraph("[Write here the questions you want help with.]")
    } else {
        head.list(asked)
    }
}

/// The actions of "last time", and how they stand: the newest earlier reflection prepared
/// for supervision that has actions, or else the newest earlier one with actions. Only that
/// one reflection's actions are shared, not a whole history.
fn actions_from_last_time(sources: &Sources, head: Section, dated: &[&Reflection]) -> Section {
    let workbook = sources.workbook;
    let Some(first) = dated.iter().map(|r| r.created).min() else {
        return head.paragraph("No actions from earlier reflections.");
    };
    let has_actions = |r: &Reflection| sources.actions_of(r).next().is_some();
    let earlier: Vec<&Reflection> = sources
        .newest_first()
        .iter()
        .map(|&i| workbook.reflections[i].as_ref())
        .filter(|r| r.created < first && has_actions(r))
        .collect();
    let Some(last) = earlier
        .iter()
        .find(|r| r.context == SUPERVISION_CONTEXT)
        .or_else(|| earlier.first())
    else {
        return head.paragraph("No actions from earlier reflections.");
    };
    let rows: Vec<Vec<String>> = workbook
        .actions
        .iter()
        .filter(|a| a.reflection.as_deref() == Some(last.id.as_str()))
        .map(|action| {
            vec![
                action.text.clone(),
                area_title(sources.pack, &action.area),
                progress(action, sources.today),
            ]
        })
        .collect();
    let headers = ["Action", "Area", "Progress"];
    head.paragraph(format!("From {} ({}):", title_of(last), date_of(last)))
        .table(headers.map(String::from).to_vec(), rows)
}

/// The context id of reflections prepared for supervision (the Wheel pack's).
const SUPERVISION_CONTEXT: &str = "supervision";

/// The chosen reflections' answers to "what can I do to develop", and their open actions.
fn development_plan(sources: &Sources, head: Section, dated: &[&Reflection]) -> Section {
    let pack = sources.pack;
    let mut section = head;
    let mut empty = true;
    for r in dated {
        let mut areas: Vec<_> = r.prompts.iter().collect();
        areas.sort_by_key(|(id, _)| pack.areas.iter().position(|a| &a.id == *id));
        for (area, texts) in areas {
            if let Some(text) = texts.get("develop") {
                let label = format!("{} (from \"{}\")", area_title(pack, area), title_of(r));
                section = section.field(label, text.clone());
                empty = false;
            }
        }
    }
    let open: Vec<String> = sources
        .workbook
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .filter(|a| {
            let from = a.reflection.as_deref();
            dated.iter().any(|r| from == Some(r.id.as_str()))
        })
        .map(|a| {
            let area = area_title(pack, &a.area);
            format!("{} ({area}; {})", a.text, progress(a, sources.today))
        })
        .collect();
    if !open.is_empty() {
        section = section.paragraph("Open actions:").list(open);
        empty = false;
    }
    if empty {
        section = section.paragraph("Nothing in the development plan yet.");
    }
    section
}

#[cfg(test)]
#[path = "../tests/supervision.rs"]
mod tests;
