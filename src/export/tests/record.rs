use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;

use super::*;
use crate::content::PackSource;
use crate::export::document::Section;
use crate::export::regulators;
use crate::export::templates::{Options, PARALLEL_FROM, Template};
use crate::workbook::generate::generate;

fn build<'a>(sources: &Sources<'a>, reflections: &[&'a Reflection]) -> Document<'a> {
    super::super::build(Template::Record, sources, reflections, &Options::default())
}

#[test]
fn many_reflections_have_the_sections_each_has_alone_in_order() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, PARALLEL_FROM + 9, 3);
    let regulators = regulators::built_in().expect("regulators");
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let sources = Sources::new(&pack, &workbook, &regulators, today);
    let reflections: Vec<&Reflection> = workbook.reflections.iter().map(AsRef::as_ref).collect();
    let alone: Vec<Section> = reflections
        .iter()
        .flat_map(|r| build(&sources, &[r]).sections)
        .collect();
    assert_eq!(build(&sources, &reflections).sections, alone);
}

/// The record finds what a reflection keeps from an older pack as it places the rest, not
/// by a search of the pack: it keeps what the search finds, in the same order.
#[test]
fn what_a_reflection_keeps_from_an_older_pack_is_what_a_search_of_the_pack_finds() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = generate(&pack, 2, 5);
    let r = std::sync::Arc::make_mut(&mut workbook.reflections[0]);
    r.ratings.insert("retired.c1", 2);
    r.ratings.insert("retired.c0", 1);
    r.answers.insert("retired.q1", "Kept".to_string());
    r.ticked_activities.insert("retired.a1");
    r.focus = crate::workbook::Focus::Areas(vec![crate::workbook::intern::intern("retired")]);
    let regulators = regulators::built_in().expect("regulators");
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let sources = Sources::new(&pack, &workbook, &regulators, today);
    let kept_by = |r: &Reflection| -> Vec<String> {
        let document = build(&sources, &[r]);
        let kept = document
            .sections
            .into_iter()
            .find(|s| s.heading == "Kept from an older pack");
        let blocks = kept.map(|section| section.blocks).unwrap_or_default();
        blocks
            .into_iter()
            .flat_map(|block| match block {
                crate::export::document::Block::Field { label, .. } => vec![label.into_owned()],
                crate::export::document::Block::List { items } => {
                    items.into_iter().map(Cow::into_owned).collect()
                }
                _ => Vec::new(),
            })
            .collect()
    };
    for r in &workbook.reflections {
        let orphans = r.ids_not_in(&pack);
        let ratings = orphans.ratings.iter().map(|id| format!("Rating of {id}"));
        let answers = orphans.answers.iter().map(|id| format!("Answer to {id}"));
        let ticked = orphans
            .activities
            .iter()
            .map(|id| format!("Ticked activity {id}"));
        let expected: Vec<String> = ratings.chain(answers).chain(ticked).collect();
        assert_eq!(kept_by(r), expected);
    }
    let orphans = workbook.reflections[0].ids_not_in(&pack);
    assert_eq!(orphans.ratings, ["retired.c0", "retired.c1"]);
    assert_eq!(orphans.answers, ["retired.q1"]);
    assert_eq!(orphans.activities, ["retired.a1"]);
    assert_eq!(orphans.areas, ["retired"]);
    assert!(workbook.reflections[1].ids_not_in(&pack).is_empty());
}

/// What the pack and the regulators' data do not name (a context, an area, an activity type
/// or a Code theme from elsewhere, a rating off the scale) is written as the workbook keeps
/// it, beside what they do name, each line worded as before.
#[test]
fn what_the_pack_does_not_name_is_written_as_the_workbook_keeps_it() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let regulators = regulators::built_in().expect("regulators");
    let mut workbook = generate(&pack, 1, 7);
    let (area, competency) = (&pack.areas[0], &pack.areas[0].competencies[0]);
    let r = Arc::make_mut(&mut workbook.reflections[0]);
    r.title = "Handover".into();
    r.context = crate::workbook::intern::intern("retired-context");
    let focus = [area.id.as_str(), "retired-area"].map(crate::workbook::intern::intern);
    r.focus = crate::workbook::Focus::Areas(focus.to_vec());
    r.ratings.insert(competency.id.as_str(), 9);
    let cpd = &mut r.cpd;
    cpd.activity_date = NaiveDate::from_ymd_opt(2024, 3, 5);
    cpd.hours = Some(1.5);
    cpd.participatory = Some(true);
    cpd.method = Some("Reading".into());
    cpd.activity_type = Some("retired-type".into());
    cpd.planned = Some(false);
    cpd.code_themes = Default::default();
    cpd.code_themes.insert("prioritise-people");
    cpd.code_themes.insert("retired-theme");
    cpd.evidence = Some("Notes".into());
    let (id, r_created) = (r.id.clone(), r.created);
    workbook.actions.clear();
    workbook.actions.push(crate::workbook::Action {
        id: "a1".into(),
        created: r_created,
        updated: r_created,
        text: "Shadow a colleague".into(),
        area: area.id.as_str().into(),
        reflection: Some(id),
        due: NaiveDate::from_ymd_opt(2024, 4, 1),
        status: crate::workbook::ActionStatus::Open,
    });
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let sources = Sources::new(&pack, &workbook, &regulators, today);
    let document = build(&sources, &[workbook.reflections[0].as_ref()]);

    let head = &document.sections[0];
    assert_eq!(head.heading, "Handover (2024-03-05)");
    let older = "retired-context (from an older pack)";
    assert_eq!(head.field_value("Context"), Some(older));
    let focus = format!("{}; retired-area (from an older pack)", area.title);
    assert_eq!(head.field_value("Focus"), Some(focus.as_str()));
    let Some(crate::export::document::Block::List { items }) = head.blocks.last() else {
        panic!("the CPD details are a list: {head:?}");
    };
    let expected = [
        "Date of the activity: 2024-03-05",
        "Hours: 1.5",
        "Participatory: yes",
        "Method: Reading",
        "Type of activity: retired-type",
        "Planned: no, prompted by events",
        "Relevant to the Code: Prioritise people; retired-theme",
        "Evidence: Notes",
    ];
    assert_eq!(items, &expected.map(Cow::from));

    let section = &document.sections[1];
    assert_eq!(section.heading, area.title);
    let Some(crate::export::document::Block::Table(table)) = section.blocks.first() else {
        panic!("the ratings are a table: {section:?}");
    };
    let first = table.rows().next().expect("a row a competency");
    assert_eq!(first[0], competency.text);
    assert_eq!(first[2], "9", "a rating off the scale is its value alone");
    let actions = document.sections.last().expect("actions");
    assert_eq!(actions.heading, "Development actions");
    let listed = crate::export::document::Block::List {
        items: vec!["Shadow a colleague (open, due 2024-04-01)".into()],
    };
    assert_eq!(actions.blocks, [listed]);
}
