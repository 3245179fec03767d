//! Table rows written once and copied after: what [`super::Sections`] remembers of the
//! rows it writes.

use std::marker::PhantomData;

use rustc_hash::FxHashMap;

use super::Json;
use crate::export::sink::Text;

/// The table rows of lasting texts already written, by where their cells stand in memory, to
/// be copied when they come again rather than written: a record's rating tables quote the
/// pack's competencies, kinds and ratings, some 80,000 rows at 2,000 reflections of a few
/// hundred distinct ones. A lasting text stays, unchanged, for `'a`, so the same addresses
/// and lengths always hold the same words (as the identifier check's memo).
#[derive(Default)]
pub struct Rows<'a> {
    pub(super) written: FxHashMap<RowKey, String>,
    lasting: PhantomData<&'a str>,
}

/// The widest row remembered: the record's rating tables have three columns.
const REMEMBERED_WIDTH: usize = 4;

/// How many distinct rows are remembered at most: a document whose rows seldom repeat would
/// otherwise keep a copy of every one.
const REMEMBERED_ROWS: usize = 2048;

/// A row by its depth in the document and the address and length of each of its cells.
#[derive(PartialEq, Eq, Hash)]
pub(super) struct RowKey {
    depth: usize,
    width: usize,
    cells: [(usize, usize); REMEMBERED_WIDTH],
}

impl RowKey {
    /// The key of `cells` at `depth`, if each is lasting.
    pub(super) fn of(depth: usize, cells: &[Option<Text>]) -> Option<Self> {
        let mut key = RowKey {
            depth,
            width: 0,
            cells: [(0, 0); REMEMBERED_WIDTH],
        };
        for (place, cell) in key.cells.iter_mut().zip(cells.iter().flatten()) {
            let Text::Lasting(text) = cell else {
                return None;
            };
            *place = (text.as_ptr() as usize, text.len());
            key.width += 1;
        }
        Some(key)
    }
}

/// Writes `row` at `depth`, copied from `rows` if it was written before.
pub(super) fn write_row<'a, 'x>(
    json: &mut Json,
    depth: usize,
    row: impl IntoIterator<Item = Text<'a, 'x>>,
    rows: Option<&mut Rows<'a>>,
) {
    let write = |json: &mut Json, cells: &mut dyn Iterator<Item = Text<'a, 'x>>| {
        json.array(depth, cells, |json, _, cell| json.string(cell.as_str()));
    };
    // Fused: the cells held are taken up to the first `None`, and nothing after it.
    let mut cells = row.into_iter().fuse();
    let Some(rows) = rows else {
        return write(json, &mut cells);
    };
    let mut held: [Option<Text<'a, 'x>>; REMEMBERED_WIDTH] = Default::default();
    for place in &mut held {
        *place = cells.next();
    }
    let wider = cells.next();
    let key = wider.is_none().then(|| RowKey::of(depth, &held)).flatten();
    let Some(key) = key else {
        let mut all = held.into_iter().flatten().chain(wider).chain(cells);
        return write(json, &mut all);
    };
    if let Some(written) = rows.written.get(&key) {
        json.out.push_str(written);
        return;
    }
    let start = json.out.len();
    write(json, &mut held.into_iter().flatten());
    if rows.written.len() < REMEMBERED_ROWS {
        rows.written.insert(key, json.out[start..].to_string());
    }
}
