//! The size of the terminal wheelbook runs in, for the command line: its lists fit the width,
//! and long text is paged when it is taller than the terminal. Here because only the
//! terminal UI touches crossterm.

/// The width of the terminal, in columns, if there is one: for the command line's lists,
/// which fit it rather than wrap. Some consoles report a width of 0, which is no width.
pub fn terminal_width() -> Option<usize> {
    terminal_size().map(|(columns, _)| columns)
}

/// The columns and rows of the terminal, if there is one and it reports a size.
pub fn terminal_size() -> Option<(usize, usize)> {
    let (columns, rows) = crossterm::terminal::size().ok()?;
    (columns > 0 && rows > 0).then_some((usize::from(columns), usize::from(rows)))
}
