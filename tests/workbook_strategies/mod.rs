//! proptest strategies for every type of the workbook model, written by hand to include the
//! awkward corners: empty collections, `None` and `Some`, arbitrary Unicode with control
//! characters and quotes, every enum variant, time zone offsets from -12:00 to +14:00 and
//! nanosecond timestamps.
#![allow(dead_code)] // Each test file uses a different part.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use proptest::collection::{btree_map, btree_set, vec};
use proptest::option;
use proptest::prelude::*;
use wheelbook::workbook::{
    Action, ActionStatus, Cpd, Focus, Mode, OwnActivity, PackRef, Reflection, Status, Timestamp,
    Workbook,
};

/// Text as a user might type or paste it: any printable Unicode, or a mix heavy in the
/// characters JSON must escape (control characters, quotes, backslashes) and in multi-byte
/// characters.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,24}",
        "[\\x00-\\x1f\\x7f\"\\\\/ a-zA-Zé€\u{10ffff}😀\u{2028}\u{2029}\u{feff}]{0,24}",
        Just(String::new()),
        Just("line one\nline two\r\n\ttabbed \"quoted\" \\ back".to_owned()),
    ]
}

/// Short texts for ids and map keys, so that collections of them are not all distinct.
pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-c]{0,2}",
        1 => text(),
    ]
}

/// A date in the years RFC 3339 can write (0001 to 9999).
pub fn rfc3339_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap().num_days_from_ce();
    let last = NaiveDate::from_ymd_opt(9999, 12, 31)
        .unwrap()
        .num_days_from_ce();
    prop_oneof![
        Just(first),
        Just(last),
        // Around today, where real entries are.
        738_000..742_000i32,
        first..=last,
    ]
    .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

/// Any date chrono can represent, including years beyond 9999 and before year 1: a date the
/// user types (activity date, due date) is stored as chrono writes it, so all of them must
/// read back.
pub fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::MIN.num_days_from_ce();
    let last = NaiveDate::MAX.num_days_from_ce();
    prop_oneof![
        3 => rfc3339_date(),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
        1 => (first..=last).prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap()),
    ]
}

/// Nanoseconds within a second, with the round values (whole seconds, milliseconds,
/// microseconds) that chrono writes with fewer digits. Leap seconds (nanoseconds of
/// 1_000_000_000 and over) are not generated: `now()` never yields one.
pub fn nanos() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0u32),
        (0..1_000u32).prop_map(|ms| ms * 1_000_000),
        (0..1_000_000u32).prop_map(|us| us * 1_000),
        0..1_000_000_000u32,
        Just(999_999_999u32),
        Just(1u32),
    ]
}

/// A UTC offset from -12:00 to +14:00 in whole minutes (real offsets include :30 and :45).
pub fn offset() -> impl Strategy<Value = FixedOffset> {
    prop_oneof![
        Just(0i32),
        Just(-12 * 60),
        Just(14 * 60),
        Just(5 * 60 + 45),
        Just(-(3 * 60 + 30)),
        -12 * 60..=14 * 60,
    ]
    .prop_map(|minutes| FixedOffset::east_opt(minutes * 60).unwrap())
}

/// A timestamp: a local date and time in 0001..=9999 at some offset.
pub fn timestamp() -> impl Strategy<Value = Timestamp> {
    (rfc3339_date(), 0..86_400u32, nanos(), offset()).prop_map(|(date, secs, nanos, offset)| {
        let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos).unwrap();
        offset
            .from_local_datetime(&NaiveDateTime::new(date, time))
            .single()
            .unwrap()
    })
}

/// CPD hours: finite and non-negative. NaN and the infinities are left out because JSON has
/// no way to write them (serde_json writes them as `null`, which would not read back as a
/// number); the app never stores them.
pub fn hours() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(0.1),
        Just(0.25),
        Just(1e-9),
        Just(7.25),
        Just(1.0 / 3.0),
        Just(1e300),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(f64::from_bits(1)), // the smallest subnormal
        0.0..100.0f64,
        (0..10_000u32).prop_map(|quarters| f64::from(quarters) / 4.0),
        // Hours worked out from minutes, as a form or a timer would.
        (0..6_000u32).prop_map(|minutes| f64::from(minutes) / 60.0),
        prop::num::f64::POSITIVE
            | prop::num::f64::ZERO
            | prop::num::f64::NORMAL
            | prop::num::f64::SUBNORMAL,
    ]
}

pub fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Individual), Just(Mode::Team)]
}

pub fn status() -> impl Strategy<Value = Status> {
    prop_oneof![Just(Status::Draft), Just(Status::Complete)]
}

pub fn action_status() -> impl Strategy<Value = ActionStatus> {
    prop_oneof![
        Just(ActionStatus::Open),
        Just(ActionStatus::Done),
        Just(ActionStatus::Dropped),
    ]
}

pub fn focus() -> impl Strategy<Value = Focus> {
    prop_oneof![
        Just(Focus::WholeWheel),
        vec(key(), 0..4).prop_map(|ids| Focus::Areas(ids.into_iter().map(Into::into).collect())),
    ]
}

pub fn pack_ref() -> impl Strategy<Value = PackRef> {
    (key(), text()).prop_map(|(id, version)| PackRef {
        id: id.into(),
        version: version.into(),
    })
}

pub fn own_activity() -> impl Strategy<Value = OwnActivity> {
    (key(), text()).prop_map(|(area, text)| OwnActivity {
        area: area.into(),
        text,
    })
}

pub fn cpd() -> impl Strategy<Value = Cpd> {
    (
        option::of(any_date()),
        option::of(hours()),
        option::of(any::<bool>()),
        option::of(text()),
        btree_set(key(), 0..4),
        option::of(text()),
        option::of(key()),
        option::of(any::<bool>()),
    )
        .prop_map(
            |(
                activity_date,
                hours,
                participatory,
                method,
                code_themes,
                evidence,
                activity_type,
                planned,
            )| Cpd {
                activity_date,
                hours,
                participatory,
                method,
                code_themes: code_themes.into_iter().collect(),
                evidence,
                activity_type,
                planned,
            },
        )
}

pub fn reflection() -> impl Strategy<Value = Reflection> {
    (
        (
            key(),
            timestamp(),
            timestamp(),
            text(),
            key(),
            focus(),
            pack_ref(),
        ),
        (
            btree_map(key(), any::<u8>(), 0..5),
            btree_map(key(), text(), 0..5),
            btree_set(key(), 0..5),
            vec(own_activity(), 0..4),
            btree_map(key(), btree_map(key(), text(), 0..3), 0..4),
            status(),
            cpd(),
        ),
    )
        .prop_map(
            |(
                (id, created, updated, title, context, focus, pack),
                (ratings, answers, ticked_activities, own_activities, prompts, status, cpd),
            )| Reflection {
                id,
                created,
                updated,
                title,
                context: context.into(),
                focus,
                pack,
                ratings: ratings.into_iter().collect(),
                answers: answers.into_iter().collect(),
                ticked_activities: ticked_activities.into_iter().collect(),
                own_activities,
                prompts: prompts
                    .into_iter()
                    .map(|(area, inner)| (area, inner.into_iter().collect()))
                    .collect(),
                status,
                cpd,
            },
        )
}

pub fn action() -> impl Strategy<Value = Action> {
    (
        key(),
        timestamp(),
        timestamp(),
        text(),
        key(),
        option::of(key()),
        option::of(any_date()),
        action_status(),
    )
        .prop_map(
            |(id, created, updated, text, area, reflection, due, status)| Action {
                id,
                created,
                updated,
                text,
                area: area.into(),
                reflection,
                due,
                status,
            },
        )
}

pub fn workbook() -> impl Strategy<Value = Workbook> {
    (
        any::<u32>(),
        timestamp(),
        timestamp(),
        option::of(text()),
        mode(),
        vec(reflection(), 0..=8),
        vec(action(), 0..=8),
    )
        .prop_map(
            |(schema_version, created, updated, display_name, mode, reflections, actions)| {
                Workbook {
                    schema_version,
                    created,
                    updated,
                    display_name,
                    mode,
                    reflections: reflections.into_iter().map(Into::into).collect(),
                    actions,
                }
            },
        )
}
