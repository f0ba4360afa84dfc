//! The small text helpers every screen and message shares.

/// "1 record", "3 records", "25,000 records".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{} {many}", thousands(n)) }
}

/// Capitalises text that starts with one of the app's own English words
/// ("the list of people" → "The list of people"). ASCII only, which spares
/// the wasm Unicode's upper-case tables.
pub fn capitalise(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// A whole number with its thousands grouped: "25,000".
pub fn thousands(n: impl std::fmt::Display) -> String {
    let text = n.to_string();
    let (sign, digits) = text.split_at(usize::from(text.starts_with('-')));
    let mut out = String::with_capacity(text.len() + digits.len() / 3);
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_count_in_grouped_thousands() {
        assert_eq!(plural(0, "record", "records"), "0 records");
        assert_eq!(plural(1, "record", "records"), "1 record");
        assert_eq!(plural(2, "person", "people"), "2 people");
        assert_eq!(plural(25_000, "interaction", "interactions"), "25,000 interactions");
    }

    #[test]
    fn thousands_are_grouped() {
        let cases = [(0, "0"), (999, "999"), (1000, "1,000"), (25_000, "25,000"), (1_234_567, "1,234,567")];
        for (n, text) in cases {
            assert_eq!(thousands(n), text);
        }
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(thousands(-1_234_i64), "-1,234");
    }

    #[test]
    fn plurals_and_capitals() {
        assert_eq!((plural(1, "day", "days"), plural(0, "day", "days")), ("1 day".into(), "0 days".into()));
        assert_eq!(capitalise("the list"), "The list");
        assert_eq!(capitalise(""), "");
    }
}
