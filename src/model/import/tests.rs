//! The imports, read from hand-written files in `tests/fixtures/import/`.

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/", $name)).as_slice()
    };
}

fn contacts(bytes: &[u8], format: Format) -> Vec<Contact> {
    let parsed = read(bytes).unwrap_or_else(|e| panic!("{}", e.message()));
    assert_eq!(parsed.format, format);
    parsed.contacts
}

fn error(bytes: &[u8]) -> ImportError {
    read(bytes).expect_err("should be refused")
}

// ---- LinkedIn ----

#[test]
fn linkedin_connections_are_read_after_the_notes_above_the_header() {
    let people = contacts(fixture!("linkedin-connections.csv"), Format::LinkedIn);
    assert_eq!(people.len(), 4, "the notes lines are not people");
    let ana = &people[0];
    assert_eq!(ana.name, "Ana Lima");
    assert_eq!(ana.organization, "Acme, Inc.", "a quoted comma");
    assert_eq!(ana.title, "Head of Purchasing");
    assert_eq!(ana.email, "Ana.Lima@Example.com");
    assert_eq!(ana.profile_url, "https://www.linkedin.com/in/analima");
    assert_eq!(ana.line, 5);
}

#[test]
fn linkedin_connected_on_dates_go_into_the_notes_as_iso_dates() {
    let people = contacts(fixture!("linkedin-connections.csv"), Format::LinkedIn);
    assert_eq!(people[0].notes, "Connected on LinkedIn on 2025-12-07.");
    assert_eq!(people[2].notes, "Connected on LinkedIn on 2023-03-03.", "a day without its leading zero");
}

#[test]
fn linkedin_quotes_doubled_and_line_breaks_in_cells_survive() {
    let people = contacts(fixture!("linkedin-connections.csv"), Format::LinkedIn);
    assert_eq!(people[1].title, "Analyst, \"Research\"");
    assert_eq!(people[1].email, "", "hidden by the member's setting");
    assert_eq!(people[2].title, "Director\nOperations");
    assert_eq!(people[3].name, "", "a member who hides their name");
}

#[test]
fn linkedin_without_email_or_url_columns_reads_by_header_name_in_any_order() {
    let people = contacts(fixture!("linkedin-no-email.csv"), Format::LinkedIn);
    assert_eq!(people.len(), 1);
    let dee = &people[0];
    assert_eq!((dee.name.as_str(), dee.organization.as_str(), dee.title.as_str()), ("Dee Ito", "Umbrella", "Engineer"));
    assert_eq!((dee.email.as_str(), dee.profile_url.as_str()), ("", ""));
    assert_eq!(dee.notes, "Connected on LinkedIn on 2019-06-21.");
}

// ---- Google and Outlook ----

#[test]
fn google_current_layout_takes_the_first_of_several_values_and_labels_become_tags() {
    let people = contacts(fixture!("google-current.csv"), Format::GoogleContacts);
    assert_eq!(people.len(), 2);
    let ana = &people[0];
    assert_eq!(ana.name, "Ana Maria Lima", "first, middle and last names");
    assert_eq!((ana.organization.as_str(), ana.title.as_str()), ("Acme", "Buyer"));
    assert_eq!(ana.email, "ana@acme.example");
    assert_eq!(ana.phone, "+1 555 0101");
    assert_eq!(ana.profile_url, "www.acme.example/ana", "as written; the plan adds https://");
    assert_eq!(ana.notes, "Met at the trade fair.\nPrefers calls.");
    assert_eq!(ana.tags, ["Work", "Suppliers"], "without * myContacts");
    assert!(people[1].tags.is_empty());
}

#[test]
fn google_legacy_layout_is_read_by_its_own_header_names() {
    let people = contacts(fixture!("google-legacy.csv"), Format::GoogleContacts);
    let fay = &people[0];
    assert_eq!(fay.name, "Fay Wong");
    assert_eq!((fay.organization.as_str(), fay.title.as_str()), ("Board Ltd", "Chair"));
    assert_eq!(fay.email, "fay@board.example");
    assert_eq!(fay.phone, "+44 20 7946 0000");
    assert_eq!(fay.profile_url, "https://board.example");
    assert_eq!(fay.notes, "Board contact");
    assert_eq!(fay.tags, ["Board"]);
    assert_eq!(people[1].name, "Gus Hale", "no Name: given and family names");
    assert_eq!(people[1].organization, "Hale & Co");
}

#[test]
fn outlook_reads_the_job_title_not_the_courtesy_title_and_splits_categories() {
    let people = contacts(fixture!("outlook.csv"), Format::Outlook);
    let hana = &people[0];
    assert_eq!(hana.name, "Hana Kim");
    assert_eq!(hana.title, "Program Manager");
    assert_eq!(hana.organization, "Contoso");
    assert_eq!(hana.email, "hana.kim@contoso.example");
    assert_eq!(hana.phone, "+1 425 555 0100", "the business phone first");
    assert_eq!(hana.profile_url, "http://contoso.example/hana");
    assert_eq!(hana.notes, "Introduced by Ana, 2024.");
    assert_eq!(hana.tags, ["Clients", "VIP"]);
    assert_eq!(people[1].phone, "+420 601 000 000", "the mobile when there is no business phone");
}

#[test]
fn a_utf16_file_with_a_byte_order_mark_is_read() {
    let people = contacts(fixture!("outlook-utf16.csv"), Format::Outlook);
    assert_eq!((people[0].name.as_str(), people[0].organization.as_str()), ("Zoë Ång", "Ørsted"));
}

#[test]
fn a_latin1_file_is_read() {
    let bytes = b"First Name,Last Name,E-mail Address\r\nJos\xe9,Garc\xeda,jose@example.com\r\n";
    assert_eq!(contacts(bytes, Format::Outlook)[0].name, "José García");
}

#[test]
fn a_windows_1252_file_keeps_its_curly_quotes_and_euro_signs() {
    let bytes = b"First Name,Last Name,E-mail Address,Notes\r\nAna,Lima,,\x93Budget\x94 \x80 5k \x96 ok\r\n";
    assert_eq!(contacts(bytes, Format::Outlook)[0].notes, "“Budget” € 5k – ok");
}

// ---- vCard ----

#[test]
fn vcard_2_1_quoted_printable_with_soft_line_breaks_and_charsets_is_decoded() {
    let people = contacts(fixture!("vcard-2.1.vcf"), Format::VCard);
    assert_eq!(people.len(), 2);
    let jose = &people[0];
    assert_eq!(jose.name, "José García");
    assert_eq!(jose.organization, "Sol S.A.", "the first component of ORG");
    assert_eq!(jose.title, "Gerente");
    assert_eq!(jose.phone, "+34 91 000 0000");
    assert_eq!(jose.email, "jose@sol.example");
    assert_eq!(jose.notes, "Conocido en la feria de Madrid, tiene dos hijos.\nLlamar en enero.");
    assert_eq!(people[1].name, "Karl Müller", "ISO-8859-1 quoted-printable");
}

#[test]
fn vcard_photos_are_skipped_however_they_are_folded() {
    for file in [fixture!("vcard-2.1.vcf"), fixture!("vcard-3.0.vcf"), fixture!("vcard-4.0.vcf")] {
        for c in read(file).unwrap().contacts {
            for text in [&c.name, &c.organization, &c.title, &c.email, &c.phone, &c.profile_url, &c.notes] {
                assert!(!text.contains("/9j/") && !text.contains("base64") && !text.contains("AAAA"), "{c:?}");
            }
        }
    }
}

#[test]
fn vcard_3_0_folded_lines_escapes_groups_and_categories_are_read() {
    let people = contacts(fixture!("vcard-3.0.vcf"), Format::VCard);
    assert_eq!(people.len(), 1);
    let ngozi = &people[0];
    assert_eq!(ngozi.name, "Dr. Ngozi Okafor");
    assert_eq!(ngozi.organization, "Okafor, Bell & Partners", "an escaped comma, the first component");
    assert_eq!(ngozi.email, "ngozi@okaforbell.example", "item1.EMAIL");
    assert_eq!(ngozi.profile_url, "https://okaforbell.example/people/ngozi");
    assert_eq!(ngozi.phone, "+234 1 000 0000");
    assert_eq!(
        ngozi.notes,
        "Our counsel for the supplier contracts; ask about the 2026 renewal.\nSecond line with a backslash \\ and a \
         comma, here."
    );
    assert_eq!(ngozi.tags, ["Legal", "Clients, key"]);
}

#[test]
fn vcard_4_0_with_lf_line_ends_tab_folds_and_tel_uris_is_read() {
    let people = contacts(fixture!("vcard-4.0.vcf"), Format::VCard);
    let lena = &people[0];
    assert_eq!(lena.name, "Lena Berg");
    assert_eq!(lena.title, "Head of\tIT");
    assert_eq!(lena.phone, "+46-8-000-000", "tel: is not part of the number");
    assert_eq!(lena.notes, "Met at the Stockholm meetup, 2025. Speaks Swedish and English.");
    assert_eq!(lena.profile_url, "https://www.linkedin.com/in/lenaberg");
    assert_eq!(people[1].name, "Mei Sato", "a card with only N");
    assert_eq!(people[1].line, 15);
}

#[test]
fn a_card_whose_fn_comes_after_its_n_takes_the_fn() {
    let text = "BEGIN:VCARD\nN:Lima;Ana;;;\nFN:Ana M. Lima\nEND:VCARD\n";
    assert_eq!(read_text(text).unwrap().contacts[0].name, "Ana M. Lima");
}

// ---- files that are refused ----

#[test]
fn an_empty_file_is_refused_saying_it_is_empty() {
    assert_eq!(error(fixture!("empty.csv")), ImportError::Empty);
    assert_eq!(error(b"\xef\xbb\xbf \r\n\r\n"), ImportError::Empty, "a byte-order mark and blank lines");
    assert!(ImportError::Empty.message().contains("empty"));
}

#[test]
fn a_binary_file_is_refused_as_not_text() {
    assert_eq!(error(fixture!("binary.png")), ImportError::NotText);
    assert!(ImportError::NotText.message().contains("CSV or vCard"));
}

#[test]
fn a_csv_with_an_unknown_header_is_refused_naming_its_first_line() {
    let e = error(fixture!("unknown.csv"));
    assert_eq!(e, ImportError::Unknown { first_line: "Date,Amount,Payee".into() });
    assert!(e.message().contains("not a LinkedIn, Google Contacts or Outlook CSV, nor a vCard"), "{e}");
    assert!(e.message().contains("“Date,Amount,Payee”"), "{e}");
    let long = "x".repeat(200);
    let ImportError::Unknown { first_line } = error(long.as_bytes()) else { panic!("unknown") };
    assert_eq!(first_line.chars().count(), 81, "shortened, with an ellipsis");
}

#[test]
fn a_quote_left_open_is_refused_as_cut_short() {
    let e = error(fixture!("unclosed-quote.csv"));
    assert_eq!(e, ImportError::UnclosedQuote { line: 2 });
    assert!(e.message().contains("line 2"), "{e}");
}

#[test]
fn a_vcard_without_end_is_refused_naming_the_card_s_line() {
    let e = error(fixture!("vcard-unfinished.vcf"));
    assert_eq!(e, ImportError::UnfinishedCard { line: 5 });
    assert!(e.message().contains("line 5") && e.message().contains("END:VCARD"), "{e}");
    let nested = "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n";
    assert_eq!(read_text(nested), Err(ImportError::UnfinishedCard { line: 1 }));
}

#[test]
fn a_header_alone_gives_no_contacts() {
    let parsed = read(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n").unwrap();
    assert_eq!((parsed.format, parsed.contacts.len()), (Format::LinkedIn, 0));
}

#[test]
fn a_file_over_the_limit_is_refused_by_its_size_alone() {
    assert_eq!(check_size(MAX_IMPORT_BYTES), Ok(()));
    let e = check_size(51 << 20).unwrap_err();
    assert_eq!(e, ImportError::TooLarge { bytes: 51 << 20 });
    assert!(e.message().starts_with("The file is 51 MB; Rapport opens contacts files of up to 50 MB."), "{e}");
}
