//! The columns of `wheelbook list`: whole when written to a file or a pipe, and fitted to
//! the terminal's width when read there, so that rows do not wrap mid-word.

use std::fmt::Write as _;

// The screens cut and measure text the same way.
use crate::tui::screens::{columns, fit as cut};

/// The width below which a column that gives way is not narrowed.
const NARROWEST: usize = 10;

/// The spaces between columns.
const GAP: usize = 2;

/// The room the last column (what each row is: a title) is given, where it needs it, before
/// other columns are left out.
const ROOMY: usize = 24;

/// Left-aligned columns; the last column is not padded. Within `width` (a terminal's), the
/// columns in `give_way` are narrowed, the widest first, and what no longer fits in a cell
/// is cut with "…"; where the last column would still be left less than [`ROOMY`], the
/// columns in `left_out` are left out, in turn, until it is not. If nothing gives enough,
/// the rows wrap as they would anyway.
pub fn table<const N: usize>(
    header: &[String; N],
    rows: &[[String; N]],
    width: Option<usize>,
    give_way: &[usize],
    left_out: &[usize],
) -> String {
    let mut widths = header.clone().map(|h| columns(&h));
    for row in rows {
        for (column, cell) in widths.iter_mut().zip(row) {
            *column = (*column).max(columns(cell));
        }
    }
    if let Some(width) = width {
        let whole = widths;
        for count in 0..=left_out.len() {
            widths = whole;
            for &column in &left_out[..count] {
                widths[column] = HIDDEN;
            }
            fit(&mut widths, give_way, width);
            let last = widths[N - 1];
            if total(&widths) <= width && last >= ROOMY.min(whole[N - 1]) {
                break;
            }
        }
    }
    let mut out = String::new();
    for row in std::iter::once(header).chain(rows) {
        for (index, (cell, &column)) in row.iter().zip(&widths).enumerate() {
            if column == HIDDEN {
                continue;
            }
            let cell = cut(cell, column);
            if index + 1 == N {
                out.push_str(&cell);
            } else {
                let padding = column.saturating_sub(columns(&cell)) + GAP;
                let _ = write!(out, "{cell}{}", " ".repeat(padding));
            }
        }
        out.push('\n');
    }
    out
}

/// The width of a column left out.
const HIDDEN: usize = 0;

/// The width of a row: its columns shown, and the gaps between them.
fn total(widths: &[usize]) -> usize {
    let shown = widths.iter().filter(|&&w| w != HIDDEN).count();
    widths.iter().sum::<usize>() + GAP * shown.saturating_sub(1)
}

/// Narrows the columns in `give_way`, the widest first and none below [`NARROWEST`], until
/// the row fits in `width` or none can give more.
fn fit(widths: &mut [usize], give_way: &[usize], width: usize) {
    let mut total = total(widths);
    while total > width {
        let widest = give_way
            .iter()
            .copied()
            .filter(|&column| widths.get(column).is_some_and(|&w| w > NARROWEST))
            .max_by_key(|&column| widths[column]);
        let Some(column) = widest else {
            return;
        };
        widths[column] -= 1;
        total -= 1;
    }
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;

    fn rows() -> ([String; 3], Vec<[String; 3]>) {
        let header = ["ID", "CONTEXT", "TITLE"].map(String::from);
        let rows = vec![
            [
                "r1",
                "Preparing for supervision or appraisal",
                "A look at the whole wheel",
            ],
            [
                "r2",
                "An incident or event",
                "Delayed discharge over a weekend",
            ],
        ];
        (
            header,
            rows.into_iter().map(|r| r.map(String::from)).collect(),
        )
    }

    #[test]
    fn written_to_a_pipe_every_cell_is_whole() {
        let (header, rows) = rows();
        let text = table(&header, &rows, None, &[1, 2], &[]);
        assert_eq!(
            text,
            "ID  CONTEXT                                 TITLE\n\
             r1  Preparing for supervision or appraisal  A look at the whole wheel\n\
             r2  An incident or event                    Delayed discharge over a weekend\n"
        );
    }

    #[test]
    fn in_a_narrow_terminal_the_widest_columns_give_way_and_are_cut() {
        let (header, rows) = rows();
        let text = table(&header, &rows, Some(50), &[1, 2], &[]);
        for line in text.lines() {
            assert!(line.width() <= 50, "{line:?} is {} wide", line.width());
        }
        assert_eq!(
            text,
            // 26 columns too many: the context gives 6 to be as narrow as the title, then
            // each gives 10.
            "ID  CONTEXT                 TITLE\n\
             r1  Preparing for supervi…  A look at the whole w…\n\
             r2  An incident or event    Delayed discharge ove…\n"
        );
    }

    #[test]
    fn columns_never_narrow_past_the_narrowest_and_wide_characters_count_twice() {
        let (header, mut rows) = rows();
        rows[0][2] = "会議の振り返り、長い題名".to_string();
        let text = table(&header, &rows, Some(20), &[1, 2], &[]);
        let widths: Vec<usize> = text.lines().map(UnicodeWidthStr::width).collect();
        // ID, a gap, and two columns of the narrowest width, a gap between them.
        assert_eq!(
            widths,
            [
                2 + GAP + NARROWEST + GAP + 5,
                2 + GAP + NARROWEST + GAP + 9,
                26
            ]
        );
        assert!(text.contains("会議の振…"), "{text}");
    }

    #[test]
    fn where_the_title_would_be_too_narrow_other_columns_are_left_out() {
        let (header, rows) = rows();
        // At 40 columns the title would keep only 16: the context is left out instead.
        let text = table(&header, &rows, Some(40), &[1, 2], &[1]);
        assert_eq!(
            text,
            "ID  TITLE\n\
             r1  A look at the whole wheel\n\
             r2  Delayed discharge over a weekend\n"
        );
        // With room enough, nothing is left out.
        let wide = table(&header, &rows, Some(120), &[1, 2], &[1]);
        assert_eq!(wide, table(&header, &rows, None, &[1, 2], &[1]));
    }
}
