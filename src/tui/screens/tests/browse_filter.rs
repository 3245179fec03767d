//! Tests of the browse filter screen code.

use chrono::DateTime;

use super::*;
use crate::content::PackSource;
use crate::workbook::{Action, ActionStatus, Cpd, Focus, OwnActivity, PackRef, Status};

fn pack() -> Pack {
    PackSource::BuiltIn.load().unwrap()
}

fn day(date: &str) -> NaiveDate {
    date.parse().unwrap()
}

fn reflection(pack: &Pack, id: &str, date: &str, context: &str, focus: &[&str]) -> Reflection {
    let at = DateTime::parse_from_rfc3339(&format!("{date}T10:00:00+01:00")).unwrap();
    Reflection {
        id: id.into(),
        created: at,
        updated: at,
        title: format!("Reflection {id}"),
        context: context.into(),
        focus: if focus.is_empty() {
            Focus::WholeWheel
        } else {
            Focus::Areas(focus.iter().map(|&a| a.into()).collect())
        },
        pack: PackRef::of(pack),
        ratings: Default::default(),
        answers: Default::default(),
        ticked_activities: Default::default(),
        own_activities: Vec::new(),
        prompts: Default::default(),
        status: Status::Complete,
        cpd: Cpd::default(),
    }
}

/// r1 oldest … r4 newest, with text in every place a search looks.
fn book(pack: &Pack) -> Workbook {
    let mut book = Workbook::new(DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap());
    let mut r1 = reflection(pack, "r1", "2024-03-01", "incident", &["shared-purpose"]);
    r1.answers
        .insert("shared-purpose.q1", "We Talked about the Handover".into());
    let mut r2 = reflection(pack, "r2", "2025-06-01", "supervision", &[]);
    r2.prompts
        .get_or_insert_with("outcomes-framework", Default::default)
        .insert("develop", "Shadow the discharge team".into());
    let mut r3 = reflection(
        pack,
        "r3",
        "2026-10-20",
        "incident",
        &["outcomes-framework"],
    );
    r3.own_activities.push(OwnActivity {
        area: "outcomes-framework".into(),
        text: "Ran a huddle on falls".into(),
    });
    let r4 = reflection(
        pack,
        "r4",
        "2026-10-30",
        "supervision",
        &["shared-purpose", "outcomes-framework"],
    );
    book.actions.push(Action {
        id: "a1".into(),
        created: r4.created,
        updated: r4.created,
        text: "Book a session on Safeguarding".into(),
        area: "shared-purpose".into(),
        reflection: Some("r4".into()),
        due: None,
        status: ActionStatus::Open,
    });
    // Listed out of order on purpose: Browse sorts newest first.
    book.reflections = vec![r3.into(), r1.into(), r4.into(), r2.into()];
    book
}

fn ids(pack: &Pack, book: &Workbook, state: &State) -> Vec<String> {
    matching(pack, book, day("2026-11-01"), state)
        .into_iter()
        .map(|i| book.reflections[i].id.clone())
        .collect()
}

#[test]
fn all_are_listed_newest_first_without_filters() {
    let (pack, book) = (pack(), book(&pack()));
    assert_eq!(
        ids(&pack, &book, &State::default()),
        ["r4", "r3", "r2", "r1"]
    );
    assert!(!any(&State::default()));
}

#[test]
fn the_area_filter_matches_the_focus_and_the_whole_wheel() {
    let (pack, book) = (pack(), book(&pack()));
    let state = State {
        area: Some("shared-purpose".into()),
        ..State::default()
    };
    assert_eq!(ids(&pack, &book, &state), ["r4", "r2", "r1"]);
    let state = State {
        area: Some("outcomes-framework".into()),
        ..State::default()
    };
    assert_eq!(ids(&pack, &book, &state), ["r4", "r3", "r2"]);
    assert!(any(&state));
}

#[test]
fn the_context_filter() {
    let (pack, book) = (pack(), book(&pack()));
    let state = State {
        context: Some("incident".into()),
        ..State::default()
    };
    assert_eq!(ids(&pack, &book, &state), ["r3", "r1"]);
    let state = State {
        context: Some("team".into()),
        ..State::default()
    };
    assert!(ids(&pack, &book, &state).is_empty());
}

#[test]
fn date_windows_count_back_from_today() {
    let today = day("2026-11-01");
    let cases = [
        (Period::AllTime, "1990-01-01", true),
        (Period::Last30Days, "2026-10-02", true),
        (Period::Last30Days, "2026-10-01", false),
        (Period::Last12Months, "2025-11-01", true),
        (Period::Last12Months, "2025-10-31", false),
        (Period::ThisYear, "2026-01-01", true),
        (Period::ThisYear, "2025-12-31", false),
    ];
    for (period, date, inside) in cases {
        assert_eq!(
            period.contains(today, day(date)),
            inside,
            "{period:?} {date}"
        );
    }
    assert_eq!(
        Period::Last12Months.start(day("2024-02-29")),
        Some(day("2023-02-28"))
    );
    let (pack, book) = (pack(), book(&pack()));
    let mut state = State::default();
    let mut seen = Vec::new();
    for _ in 0..4 {
        state.period = state.period.next();
        seen.push((state.period, ids(&pack, &book, &state)));
    }
    assert_eq!(
        seen[0],
        (Period::Last30Days, vec!["r4".to_string(), "r3".into()])
    );
    assert_eq!(
        seen[1],
        (Period::Last12Months, vec!["r4".to_string(), "r3".into()])
    );
    assert_eq!(
        seen[2],
        (Period::ThisYear, vec!["r4".to_string(), "r3".into()])
    );
    assert_eq!(seen[3].0, Period::AllTime);
    assert_eq!(seen[3].1.len(), 4);
}

#[test]
fn search_looks_in_answers_prompts_activities_actions_and_titles() {
    let (pack, book) = (pack(), book(&pack()));
    let search = |text: &str| {
        let state = State {
            search: text.into(),
            ..State::default()
        };
        ids(&pack, &book, &state)
    };
    assert_eq!(search("handover"), ["r1"]);
    assert_eq!(search("DISCHARGE"), ["r2"]);
    assert_eq!(search("huddle"), ["r3"]);
    assert_eq!(search("safeguarding"), ["r4"]);
    assert_eq!(search("reflection r2"), ["r2"]);
    // Every word must appear, in any order; blank is no search.
    assert_eq!(search("  handover   talked "), ["r1"]);
    assert!(search("handover huddle").is_empty());
    assert_eq!(search("   ").len(), 4);
}

#[test]
fn filters_combine() {
    let (pack, book) = (pack(), book(&pack()));
    let state = State {
        area: Some("outcomes-framework".into()),
        context: Some("supervision".into()),
        ..State::default()
    };
    assert_eq!(ids(&pack, &book, &state), ["r4", "r2"]);
    let state = State {
        period: Period::ThisYear,
        search: "session".into(),
        ..state
    };
    assert_eq!(ids(&pack, &book, &state), ["r4"]);
}

#[test]
fn cycling_goes_through_every_id_then_none() {
    let ids = ["a", "b"];
    assert_eq!(cycle(None, &ids).as_deref(), Some("a"));
    assert_eq!(cycle(Some("a"), &ids).as_deref(), Some("b"));
    assert_eq!(cycle(Some("b"), &ids), None);
    assert_eq!(cycle(Some("gone"), &ids), None);
    assert_eq!(cycle(None, &[]), None);
}
