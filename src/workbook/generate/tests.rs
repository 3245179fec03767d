//! The generator: deterministic, realistic, and safe to show.
use super::*;
use crate::content::PackSource;
use crate::workbook::merge;

fn pack() -> Pack {
    PackSource::BuiltIn.load().expect("built-in pack")
}

fn texts(book: &Workbook) -> Vec<&str> {
    let reflections = book.reflections.iter().flat_map(|r| {
        let prompts = r.prompts.values().flat_map(|p| p.values());
        let own = r.own_activities.iter().map(|a| &a.text);
        std::iter::once(&r.title)
            .chain(r.answers.values())
            .chain(prompts)
            .chain(own)
    });
    reflections
        .chain(book.actions.iter().map(|a| &a.text))
        .map(String::as_str)
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_workbook() {
    let pack = pack();
    assert_eq!(generate(&pack, 60, 7), generate(&pack, 60, 7));
    assert_ne!(generate(&pack, 60, 7), generate(&pack, 60, 8));
}

#[test]
fn different_seeds_give_disjoint_ids_and_merge_cleanly() {
    let pack = pack();
    let (mut first, second) = (generate(&pack, 300, 1), generate(&pack, 300, 2));
    let actions = second.actions.len();
    let report = merge(&mut first, second);
    let added = (report.reflections.added, report.actions.added);
    assert_eq!(added, (300, actions));
    let mut ids: Vec<&str> = first.reflections.iter().map(|r| r.id.as_str()).collect();
    ids.extend(first.actions.iter().map(|a| a.id.as_str()));
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "ids are unique");
}

#[test]
fn everything_refers_to_the_pack_and_time_runs_forward() {
    let pack = pack();
    let book = generate(&pack, 400, 3);
    let (reflections, end) = (&book.reflections, stamp(END));
    for r in reflections {
        assert!(r.ids_not_in(&pack).is_empty(), "{:?}", r.ids_not_in(&pack));
        assert!(r.ratings.values().all(|v| pack.scale_level(*v).is_some()));
        for (area, prompts) in &r.prompts {
            let known = &pack.area(area).expect("area").prompts;
            assert!(prompts.keys().all(|p| known.iter().any(|i| &i.id == p)));
        }
        assert!(r.created <= r.updated && r.updated <= end);
    }
    assert!(reflections.windows(2).all(|w| w[0].created <= w[1].created));
    assert_eq!(reflections.last().map(|r| r.status), Some(Status::Draft));
    let complete = reflections.iter().filter(|r| r.status == Status::Complete);
    assert!(complete.count() > 350);
    for a in &book.actions {
        assert!(pack.area(&a.area).is_some() && a.created <= a.updated && a.updated <= end);
        let source = reflections
            .iter()
            .find(|r| Some(&r.id) == a.reflection.as_ref());
        assert!(source.is_some_and(|r| r.updated == a.created));
    }
    let mut offsets: Vec<i32> = reflections
        .iter()
        .map(|r| r.created.offset().local_minus_utc())
        .collect();
    offsets.dedup();
    assert!(offsets.contains(&0) && offsets.contains(&3600) && offsets.len() > 4);
    let json = serde_json::to_string(&book).expect("json");
    assert_eq!(serde_json::from_str::<Workbook>(&json).expect("json"), book);
}

#[test]
fn text_is_varied_and_identifies_nobody() {
    let book = generate(&pack(), 400, 4);
    let texts = texts(&book);
    for needle in ["’", "“", "–", "é", "ö", "ł", "谢"] {
        assert!(texts.iter().any(|t| t.contains(needle)), "{needle}");
    }
    assert!(texts.iter().any(|t| t.split_whitespace().count() >= 200));
    // Nothing like an NHS number, date of birth, phone number or postcode: no digits at all.
    let digit = |t: &&str| t.contains(|c: char| c.is_ascii_digit());
    assert!(!texts.iter().any(digit));
}

#[test]
fn a_thousand_reflections_generate() {
    let book = generate(&pack(), 1000, 5);
    assert_eq!(book.reflections.len(), 1000);
    assert!(generate(&pack(), 0, 5).reflections.is_empty());
}
