//! A CSV reader (RFC 4180) for address-book exports, and columns found by
//! their header name.
//!
//! Written by hand rather than taken from a crate: the reading is some sixty
//! lines, and the wasm is already far over its size budget.

use super::ImportError;

/// One row of cells, with the line of the file it starts on (1-based), so a
/// message can point at it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// Reads every row: fields quoted or not, `""` inside quotes for a quote,
/// CRLF or LF line ends, line breaks inside quoted fields, and a UTF-8
/// byte-order mark at the start. Blank lines are dropped. A quote left open
/// at the end of the file is an error naming the line it was opened on.
pub fn read_rows(text: &str) -> Result<Vec<Row>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut line = 1;
    let mut row_line = 1;
    let mut quoted_since: Option<usize> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted_since.is_some() {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted_since = None,
                '\r' if chars.peek() == Some(&'\n') => {}
                c => {
                    if c == '\n' {
                        line += 1;
                    }
                    cell.push(c);
                }
            }
            continue;
        }
        match c {
            // A quote opens a quoted field only at its start; elsewhere
            // (`5" disk`) it is kept, as spreadsheet apps do.
            '"' if cell.is_empty() => quoted_since = Some(line),
            ',' => cells.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                cells.push(std::mem::take(&mut cell));
                push_row(&mut rows, row_line, std::mem::take(&mut cells));
                line += 1;
                row_line = line;
            }
            c => cell.push(c),
        }
    }
    if let Some(opened) = quoted_since {
        return Err(ImportError::UnclosedQuote { line: opened });
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        push_row(&mut rows, row_line, cells);
    }
    Ok(rows)
}

fn push_row(rows: &mut Vec<Row>, line: usize, cells: Vec<String>) {
    if cells.iter().any(|c| !c.trim().is_empty()) {
        rows.push(Row { line, cells });
    }
}

/// The columns of a sheet, found by their header name (ignoring case and
/// surrounding spaces), never by position: exports add, drop and reorder
/// columns between versions.
#[derive(Clone, Debug)]
pub struct Columns {
    names: Vec<String>,
}

impl Columns {
    pub fn new(header: &[String]) -> Columns {
        Columns { names: header.iter().map(|h| h.trim().to_lowercase()).collect() }
    }

    /// Whether every one of `names` is a column.
    pub fn has_all(&self, names: &[&str]) -> bool {
        names.iter().all(|n| self.index(n).is_some())
    }

    fn index(&self, name: &str) -> Option<usize> {
        let name = name.to_lowercase();
        self.names.iter().position(|n| *n == name)
    }

    /// The trimmed cell of the first of `names` that is a column and not
    /// empty in `row`; empty when none is.
    pub fn get(&self, row: &Row, names: &[&str]) -> String {
        names
            .iter()
            .filter_map(|n| self.index(n))
            .filter_map(|i| row.cells.get(i))
            .map(|c| c.trim())
            .find(|c| !c.is_empty())
            .unwrap_or_default()
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        read_rows(text).expect("reads").into_iter().map(|r| r.cells).collect()
    }

    #[test]
    fn plain_fields_are_split_on_commas_and_lines() {
        assert_eq!(cells("a,b,c\nd,,f\n"), [vec!["a", "b", "c"], vec!["d", "", "f"]]);
        assert_eq!(cells("a,b"), [vec!["a", "b"]], "no line end at the end of the file");
    }

    #[test]
    fn quoted_fields_keep_commas_doubled_quotes_and_line_breaks() {
        let rows = cells("\"Lima, Ana\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nx,y,z\r\n");
        assert_eq!(rows, [vec!["Lima, Ana", "say \"hi\"", "two\nlines"], vec!["x", "y", "z"]]);
    }

    #[test]
    fn a_byte_order_mark_and_blank_lines_are_ignored() {
        assert_eq!(cells("\u{feff}Name\r\n\r\nAna\r\n,,\r\n"), [vec!["Name"], vec!["Ana"]]);
    }

    #[test]
    fn rows_know_the_line_they_start_on_even_after_a_line_break_in_a_cell() {
        let rows = read_rows("h\n\"a\nb\"\nc\n").unwrap();
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 4]);
    }

    #[test]
    fn a_quote_left_open_is_an_error_naming_its_line() {
        assert_eq!(read_rows("a\nb,\"open\nmore\n"), Err(ImportError::UnclosedQuote { line: 2 }));
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_kept() {
        assert_eq!(cells("5\" disk,x"), [vec!["5\" disk", "x"]]);
    }

    #[test]
    fn columns_are_found_by_name_whatever_their_order_and_case() {
        let rows = read_rows("Email Address, first name \nana@example.com,Ana\n").unwrap();
        let columns = Columns::new(&rows[0].cells);
        assert_eq!(columns.get(&rows[1], &["First Name"]), "Ana");
        assert_eq!(columns.get(&rows[1], &["Missing", "email address"]), "ana@example.com");
        assert_eq!(columns.get(&rows[1], &["Missing"]), "");
        assert!(columns.has_all(&["FIRST NAME"]) && !columns.has_all(&["First Name", "URL"]));
    }
}
