//! People as vCard 4.0 (RFC 6350), for address books.

use super::text_lines::{escape, push_line};
use crate::model::{Id, Journal, Person};

/// A stable UID for a person: the same person has the same card in every
/// export, so an address book updates it instead of adding a copy.
pub fn uid(id: Id) -> String {
    // The id's 64 bits in a version-4-shaped UUID; the last group is fixed
    // ("Rappor" in ASCII hex) so these never meet another app's UUIDs.
    let hex = format!("{:016x}", id.raw());
    format!("urn:uuid:{}-{}-4{}-8{}00-526170706f72", &hex[..8], &hex[8..12], &hex[12..15], &hex[15..])
}

/// Everyone, one card each, by name.
pub fn people_vcard(journal: &Journal) -> String {
    let mut out = String::new();
    for person in journal.people_by_name() {
        card(&mut out, person);
    }
    out
}

fn card(out: &mut String, p: &Person) {
    push_line(out, "BEGIN:VCARD");
    push_line(out, "VERSION:4.0");
    push_line(out, "KIND:individual");
    push_line(out, &format!("UID:{}", uid(p.id)));
    push_line(out, &format!("FN:{}", escape(&p.name)));
    // The last word as the family name: right for most names, and address
    // books show FN anyway.
    let (given, family) = p.name.trim().rsplit_once(' ').unwrap_or(("", p.name.trim()));
    push_line(out, &format!("N:{};{};;;", escape(family), escape(given)));
    if !p.organization.is_empty() {
        push_line(out, &format!("ORG:{}", escape(&p.organization)));
    }
    if !p.title.is_empty() {
        push_line(out, &format!("TITLE:{}", escape(&p.title)));
    }
    if !p.email.is_empty() {
        push_line(out, &format!("EMAIL:{}", escape(&p.email)));
    }
    if !p.phone.is_empty() {
        // TEL is a URI unless it says otherwise; a number as typed is text.
        push_line(out, &format!("TEL;VALUE=text:{}", escape(&p.phone)));
    }
    if !p.profile_url.is_empty() {
        // A URI: not text-escaped.
        push_line(out, &format!("URL:{}", p.profile_url));
    }
    if !p.tags.is_empty() {
        let tags: Vec<String> = p.tags.iter().map(|t| escape(t)).collect();
        push_line(out, &format!("CATEGORIES:{}", tags.join(",")));
    }
    if !p.notes.is_empty() {
        push_line(out, &format!("NOTE:{}", escape(&p.notes)));
    }
    push_line(out, "END:VCARD");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_has_what_address_books_need_escaped_and_folded() {
        let mut ana = Person::named(Id::from_raw(7), "Ana Lima");
        ana.organization = "Acme, Inc.".into();
        ana.tags = vec!["board".into(), "a;b".into()];
        ana.email = "ana@acme.example".into();
        ana.phone = "+1 555 0101".into();
        ana.profile_url = "https://www.linkedin.com/in/analima".into();
        ana.notes = format!("Met at the fair.\n{}", "Long note ".repeat(12));
        let journal = Journal::from_records(vec![ana], vec![]);
        let vcf = people_vcard(&journal);
        assert!(vcf.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{vcf}");
        assert!(vcf.contains("\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\n"));
        assert!(vcf.contains("\r\nORG:Acme\\, Inc.\r\n"));
        assert!(vcf.contains("\r\nCATEGORIES:board,a\\;b\r\n"));
        assert!(vcf.contains("\r\nEMAIL:ana@acme.example\r\nTEL;VALUE=text:+1 555 0101\r\n"), "{vcf}");
        assert!(vcf.contains("\r\nURL:https://www.linkedin.com/in/analima\r\n"), "{vcf}");
        assert!(vcf.contains("NOTE:Met at the fair.\\nLong note"));
        assert!(vcf.ends_with("END:VCARD\r\n"));
        assert!(vcf.split("\r\n").all(|line| line.len() <= 75));
    }

    #[test]
    fn a_person_keeps_one_uid_and_two_people_differ() {
        assert_eq!(uid(Id::from_raw(7)), uid(Id::from_raw(7)));
        assert_ne!(uid(Id::from_raw(7)), uid(Id::from_raw(8)));
        assert!(uid(Id::from_raw(u64::MAX)).len() == "urn:uuid:".len() + 36);
    }
}
