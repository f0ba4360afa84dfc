//! vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350), several cards per file.
//!
//! Only what a person record holds is read: FN (or N), ORG's first
//! component, TITLE, the first EMAIL, TEL and URL, NOTE and CATEGORIES.
//! Photos and other binary properties are dropped whole, however many
//! lines they are folded over.

use super::{Contact, ImportError, add_tags};

/// A content line after unfolding: the property's name (upper case, group
/// removed), its parameters as written, and its raw value.
struct Property<'a> {
    name: String,
    params: Vec<&'a str>,
    value: String,
}

pub fn read_cards(text: &str) -> Result<Vec<Contact>, ImportError> {
    let mut cards = Vec::new();
    let mut open: Option<Contact> = None;
    for (line, logical) in unfold(text) {
        let Some(property) = property(&logical) else { continue };
        match (property.name.as_str(), open.as_mut()) {
            ("BEGIN", _) if property.value.trim().eq_ignore_ascii_case("VCARD") => {
                if let Some(card) = &open {
                    return Err(ImportError::UnfinishedCard { line: card.line });
                }
                open = Some(Contact { line, ..Contact::default() });
            }
            ("END", Some(_)) if property.value.trim().eq_ignore_ascii_case("VCARD") => {
                cards.extend(open.take());
            }
            (_, Some(card)) => read_property(card, &property),
            (_, None) => {}
        }
    }
    match open {
        Some(card) => Err(ImportError::UnfinishedCard { line: card.line }),
        None => Ok(cards),
    }
}

fn read_property(card: &mut Contact, p: &Property) {
    let set = |field: &mut String, value: String| {
        if field.is_empty() {
            *field = value.trim().to_owned();
        }
    };
    match p.name.as_str() {
        // FN is the name as it is shown; N only stands in for a missing FN,
        // whichever comes first.
        "FN" => card.name = unescape(&decoded(p)).trim().to_owned(),
        "N" if card.name.is_empty() => {
            let parts: Vec<String> = components(&decoded(p), ';').iter().map(|c| unescape(c)).collect();
            let at = |i: usize| parts.get(i).map_or("", |s| s.trim());
            let name = [at(3), at(1), at(2), at(0), at(4)].into_iter().filter(|s| !s.is_empty());
            card.name = name.collect::<Vec<_>>().join(" ");
        }
        "ORG" => {
            set(&mut card.organization, components(&decoded(p), ';').first().map(|c| unescape(c)).unwrap_or_default())
        }
        "TITLE" => set(&mut card.title, unescape(&decoded(p))),
        "EMAIL" => set(&mut card.email, unescape(&decoded(p))),
        "TEL" => set(&mut card.phone, unescape(&decoded(p)).trim_start_matches("tel:").to_owned()),
        "URL" => set(&mut card.profile_url, unescape(&decoded(p))),
        "NOTE" => set(&mut card.notes, unescape(&decoded(p)).replace("\r\n", "\n")),
        "CATEGORIES" => {
            let tags: Vec<String> = components(&decoded(p), ',').iter().map(|c| unescape(c)).collect();
            add_tags(&mut card.tags, tags.iter().map(String::as_str));
        }
        _ => {}
    }
}

/// Joins folded lines (a line starting with a space or a tab continues the
/// one before, CRLF or LF) and vCard 2.1's quoted-printable soft breaks (a
/// line ending in `=` in a quoted-printable value), each with the number of
/// the line it starts on.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut soft_break = false;
    for (i, raw) in text.trim_start_matches('\u{feff}').split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match lines.last_mut() {
            Some((_, last)) if soft_break => last.push_str(raw.trim_start()),
            Some((_, last)) if raw.starts_with([' ', '\t']) => last.push_str(&raw[1..]),
            _ if raw.trim().is_empty() => {}
            _ => lines.push((i + 1, raw.to_owned())),
        }
        soft_break = lines
            .last()
            .is_some_and(|(_, l)| l.ends_with('=') && property(l).is_some_and(|p| is_quoted_printable(&p.params)));
        if soft_break && let Some((_, last)) = lines.last_mut() {
            last.pop();
        }
    }
    lines
}

/// Splits `NAME;PARAM=x:value` at the first colon outside a quoted
/// parameter value.
fn property(line: &str) -> Option<Property<'_>> {
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(i, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        ':' if !quoted => Some(i),
        _ => None,
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?;
    let name = name.rsplit('.').next().unwrap_or(name).trim().to_ascii_uppercase();
    Some(Property { name, params: parts.collect(), value: value.to_owned() })
}

fn is_quoted_printable(params: &[&str]) -> bool {
    params.iter().any(|p| {
        let p = p.trim();
        p.eq_ignore_ascii_case("QUOTED-PRINTABLE") || p.eq_ignore_ascii_case("ENCODING=QUOTED-PRINTABLE")
    })
}

/// The value with any quoted-printable encoding undone, in its `CHARSET`
/// (UTF-8 unless it names another; Latin-1 is the other one in use).
fn decoded(p: &Property) -> String {
    if !is_quoted_printable(&p.params) {
        return p.value.clone();
    }
    let bytes = quoted_printable(&p.value);
    let charset = p.params.iter().find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim().eq_ignore_ascii_case("CHARSET").then(|| value.trim().trim_matches('"').to_ascii_lowercase())
    });
    match charset.as_deref() {
        Some("iso-8859-1" | "latin1" | "windows-1252" | "cp1252") => bytes.iter().map(|&b| char::from(b)).collect(),
        _ => String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// `=XX` is the byte XX; anything else is itself.
fn quoted_printable(value: &str) -> Vec<u8> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Splits a structured value at each `separator` not escaped by a backslash;
/// the parts are still escaped.
fn components(value: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let last = parts.last_mut();
                if let Some(part) = last {
                    part.push('\\');
                    part.extend(chars.next());
                }
            }
            c if c == separator => parts.push(String::new()),
            c => {
                if let Some(part) = parts.last_mut() {
                    part.push(c);
                }
            }
        }
    }
    parts
}

/// Undoes text escapes: `\,` `\;` `\\` and `\n` (or `\N`) for a line break.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_undone() {
        assert_eq!(unescape(r"a\, b\; c\\d\nе\Nf"), "a, b; c\\d\nе\nf");
    }

    #[test]
    fn structured_values_split_only_at_unescaped_separators() {
        assert_eq!(components(r"Acme\; Co;Sales", ';'), [r"Acme\; Co", "Sales"]);
    }

    #[test]
    fn quoted_printable_bytes_are_decoded() {
        assert_eq!(String::from_utf8(quoted_printable("Jos=C3=A9 =3D x")).unwrap(), "José = x");
        assert_eq!(quoted_printable("100=%"), b"100=%", "a lone = is kept");
    }
}
