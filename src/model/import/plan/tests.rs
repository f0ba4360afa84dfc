//! The plan, from contacts to one op.

use super::*;
use crate::model::import::read_text;
use crate::model::testing::ids;
use crate::model::{Change as OpChange, Rev};

const ANA: Id = Id::from_raw(1);
const BO: Id = Id::from_raw(2);

fn linkedin(rows: &str) -> Parsed {
    let text = format!("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n{rows}");
    read_text(&text).expect("a LinkedIn file")
}

fn ana() -> Person {
    Person {
        organization: "Acme".into(),
        title: "Buyer".into(),
        email: "ana.lima@example.com".into(),
        phone: "+1 555 0101".into(),
        tags: vec!["supplier".into()],
        rev: Rev::legacy(7),
        ..Person::named(ANA, "Ana L.")
    }
}

fn journal() -> Journal {
    let bo = Person { organization: "Globex".into(), rev: Rev::legacy(3), ..Person::named(BO, "Bo Chen") };
    Journal::from_records(vec![ana(), bo], vec![])
}

fn proposals(plan: &ImportPlan) -> Vec<Proposal> {
    plan.rows().iter().map(|r| r.proposal.clone()).collect()
}

fn applied(plan: &ImportPlan, journal: &Journal) -> (Journal, Op, Summary) {
    let (op, summary) = plan.apply(journal, ids());
    let mut after = journal.clone();
    op.apply_to(&mut after);
    (after, op, summary)
}

#[test]
fn someone_new_is_added_with_every_detail_the_file_has() {
    let plan = ImportPlan::new(
        linkedin("Cy,Park,https://x.example/cy,cy@initech.example,Initech,CTO,07 Dec 2025\n"),
        &journal(),
    );
    assert_eq!(proposals(&plan), [Proposal::Add]);
    assert_eq!(plan.rows()[0].matched, None);
    let (after, op, summary) = applied(&plan, &journal());
    assert_eq!(op.changes.len(), 1);
    let cy = after.find_person_by_name("Cy Park").expect("added");
    assert_eq!(cy.id, Id::from_raw(101));
    assert_eq!(
        (cy.organization.as_str(), cy.title.as_str(), cy.email.as_str(), cy.profile_url.as_str()),
        ("Initech", "CTO", "cy@initech.example", "https://x.example/cy")
    );
    assert_eq!(cy.notes, "Connected on LinkedIn on 2025-12-07.");
    assert_eq!(summary.message(), "1 person added, 0 updated, 0 skipped.");
}

#[test]
fn the_same_email_ignoring_case_updates_that_person_showing_each_field_old_and_new() {
    let plan = ImportPlan::new(
        linkedin("Ana,Lima,https://x.example/ana,Ana.Lima@Example.COM,\"Acme, Inc.\",Buyer,\n"),
        &journal(),
    );
    let row = &plan.rows()[0];
    assert_eq!(row.matched, Some(Match { person: ANA, by: MatchedBy::Email }));
    assert_eq!((&row.proposal, row.action), (&Proposal::Update, Action::Update));
    let fields: Vec<(PersonField, &str, &str)> =
        row.changes.iter().map(|c| (c.field, c.old.as_str(), c.new.as_str())).collect();
    assert_eq!(
        fields,
        [(PersonField::Organization, "Acme", "Acme, Inc."), (PersonField::Url, "", "https://x.example/ana")],
        "the email differs only in case; the title is the same"
    );
    let (after, op, _) = applied(&plan, &journal());
    let OpChange::Put { base, .. } = &op.changes[0] else { panic!("a put") };
    assert_eq!(*base, Some(Rev::legacy(7)), "based on the version previewed");
    let ana = after.person(ANA).unwrap();
    assert_eq!(ana.name, "Ana L.", "the name the user knows them by stays");
    assert_eq!(ana.email, "ana.lima@example.com");
}

#[test]
fn an_update_never_blanks_a_field_the_file_lacks_and_joins_tags_and_notes() {
    let mut with_notes = ana();
    with_notes.notes = "Likes tea.".into();
    let j = Journal::from_records(vec![with_notes], vec![]);
    let text =
        "BEGIN:VCARD\nFN:Ana\nEMAIL:ana.lima@example.com\nNOTE:Met in Lisbon.\nCATEGORIES:Supplier,Board\nEND:VCARD\n";
    let plan = ImportPlan::new(read_text(text).unwrap(), &j);
    let fields: Vec<PersonField> = plan.rows()[0].changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, [PersonField::Notes, PersonField::Tags], "no organization, title or phone in the card");
    let (after, _, _) = applied(&plan, &j);
    let ana = after.person(ANA).unwrap();
    assert_eq!((ana.organization.as_str(), ana.phone.as_str()), ("Acme", "+1 555 0101"));
    assert_eq!(ana.notes, "Likes tea.\n\nMet in Lisbon.");
    assert_eq!(ana.tags, ["supplier", "Board"], "tags joined whatever their case");
}

#[test]
fn without_an_email_the_same_name_and_organization_match_ignoring_case_and_spaces() {
    let plan = ImportPlan::new(linkedin(" bo , CHEN ,,,globex ,Analyst,\n"), &journal());
    let row = &plan.rows()[0];
    assert_eq!(row.matched, Some(Match { person: BO, by: MatchedBy::NameAndOrganization }));
    assert_eq!(row.proposal, Proposal::Update);
    let fields: Vec<PersonField> = row.changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, [PersonField::Title], "\"globex\" differs only in case: the user's spelling stays");
}

#[test]
fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let file =
        linkedin("Cy,Park,,cy@initech.example,Initech,CTO,07 Dec 2025\nAna,Lima,,ana.lima@example.com,Acme,Lead,\n");
    let (after, _, _) = applied(&ImportPlan::new(file.clone(), &journal()), &journal());
    let again = ImportPlan::new(file, &after);
    assert_eq!(proposals(&again), [Proposal::Skip(SkipReason::NoChange), Proposal::Skip(SkipReason::NoChange)]);
    let (_, op, summary) = applied(&again, &after);
    assert!(op.changes.is_empty());
    assert_eq!(summary.message(), "0 people added, 0 updated, 2 skipped.");
    assert_eq!(summary.skipped[0].2.message(), "Already in People with these details.");
}

#[test]
fn a_row_without_a_name_is_skipped_saying_why() {
    let plan = ImportPlan::new(linkedin(",,https://x.example/private,,,,01 Feb 2023\n"), &journal());
    assert_eq!(proposals(&plan), [Proposal::Skip(SkipReason::NoName)]);
    let mut plan = plan;
    assert_eq!(plan.choose(0, Action::Add, &journal()), Err("It has no name.".into()));
    let summary = plan.summary();
    assert_eq!((summary.skipped[0].0, summary.skipped[0].2.message().as_str()), (2, "It has no name."));
}

#[test]
fn the_same_name_at_another_organization_is_skipped_until_the_user_chooses_to_update() {
    let mut plan = ImportPlan::new(linkedin("Bo,Chen,,,Initech,Analyst,\n"), &journal());
    let j = journal();
    assert_eq!(proposals(&plan), [Proposal::Skip(SkipReason::NameTaken)]);
    assert_eq!(plan.rows()[0].matched, Some(Match { person: BO, by: MatchedBy::NameOnly }));
    assert_eq!(plan.rows()[0].changes.len(), 2, "organization and title, ready to show");
    let refused = plan.choose(0, Action::Add, &j).expect_err("the name is taken");
    assert!(refused.contains("Someone called Bo Chen is already in People"), "{refused}");
    plan.choose(0, Action::Update, &j).expect("it may be them");
    let (after, _, summary) = applied(&plan, &j);
    assert_eq!(after.person(BO).unwrap().organization, "Initech");
    assert_eq!(summary.updated, 1);
}

#[test]
fn two_rows_for_one_new_person_become_one_person_with_the_details_of_both() {
    let plan = ImportPlan::new(
        read_text(
            "First Name,Last Name,E-mail Address,Business Phone,Company\nCy,Park,CY@x.example,,Initech\nCyrus,Park,cy@x.example,+1 555 0199,\n",
        )
        .unwrap(),
        &journal(),
    );
    assert_eq!(proposals(&plan), [Proposal::Add, Proposal::Skip(SkipReason::SameAsRow { line: 2 })]);
    assert_eq!(plan.rows()[0].contact.phone, "+1 555 0199", "the second row fills what the first lacks");
    let (after, op, summary) = applied(&plan, &journal());
    assert_eq!(op.changes.len(), 1);
    assert_eq!(after.find_person_by_name("Cy Park").unwrap().phone, "+1 555 0199");
    assert_eq!(summary.skipped[0].2.message(), "The same person as line 2, which takes its details.");
}

#[test]
fn two_rows_for_one_person_in_people_make_one_update() {
    let plan = ImportPlan::new(
        linkedin("Ana,Lima,,ana.lima@example.com,Acme,Lead,\nAna,L.,https://x.example/ana,,Acme,,\n"),
        &journal(),
    );
    assert_eq!(proposals(&plan), [Proposal::Update, Proposal::Skip(SkipReason::SameAsRow { line: 2 })]);
    let (after, op, _) = applied(&plan, &journal());
    assert_eq!(op.changes.len(), 1, "one change per record, or the second would be refused as stale");
    let ana = after.person(ANA).unwrap();
    assert_eq!((ana.title.as_str(), ana.profile_url.as_str()), ("Lead", "https://x.example/ana"));
}

#[test]
fn two_new_people_with_one_name_at_different_organizations_add_only_the_first() {
    let mut plan = ImportPlan::new(linkedin("Dee,Ito,,,Umbrella,,\nDee,Ito,,,Stark,,\n"), &journal());
    assert_eq!(proposals(&plan), [Proposal::Add, Proposal::Skip(SkipReason::SameNameAsRow { line: 2 })]);
    assert_eq!(plan.choose(1, Action::Add, &journal()), Err("Line 2 already adds someone called Dee Ito.".into()));
    assert!(plan.choose(1, Action::Update, &journal()).is_err(), "no one in People to update");
}

#[test]
fn every_row_can_be_skipped_at_once_and_the_proposals_restored() {
    let file = linkedin("Cy,Park,,,Initech,,\nAna,Lima,,ana.lima@example.com,Acme,Lead,\n,,,,,,\n");
    let j = journal();
    let mut plan = ImportPlan::new(file, &j);
    assert_eq!(plan.choose_all(Action::Skip, &j), 0);
    let (_, op, summary) = applied(&plan, &j);
    assert!(op.changes.is_empty(), "nothing is written");
    assert_eq!(summary.skipped.len(), 2, "the line of commas alone is no row");
    assert_eq!(summary.skipped[0].2, SkipReason::Chosen);
    assert_eq!(plan.choose_all(Action::Add, &j), 1, "Cy can be added; Ana is in People by her email");
    let refused = plan.choose(1, Action::Add, &j).expect_err("a copy of Ana");
    assert_eq!(refused, "This is Ana L. in People (same email): choose Update, or skip this row.");
    plan.reset();
    assert_eq!(plan.summary().message(), "1 person added, 1 updated, 0 skipped.");
}

#[test]
fn the_op_adds_everyone_before_it_updates_anyone_all_in_one() {
    let plan =
        ImportPlan::new(linkedin("Ana,Lima,,ana.lima@example.com,Acme,Lead,\nCy,Park,,,Initech,,\n"), &journal());
    let (op, summary) = plan.apply(&journal(), ids());
    let bases: Vec<Option<Rev>> = op.changes.iter().map(|c| c.base()).collect();
    assert_eq!(bases, [None, Some(Rev::legacy(7))], "the new person first, then the update");
    assert_eq!((summary.added, summary.updated), (1, 1));
}

#[test]
fn a_person_removed_after_the_preview_is_not_brought_back() {
    let plan = ImportPlan::new(linkedin("Ana,Lima,,ana.lima@example.com,Acme,Lead,\n"), &journal());
    let mut now = journal();
    now.remove_person(ANA);
    let (_, op, summary) = applied(&plan, &now);
    assert!(op.changes.is_empty());
    assert_eq!(summary.skipped[0].2, SkipReason::Gone);
}

#[test]
fn details_a_person_cannot_hold_are_dropped_and_a_bare_website_gets_https() {
    let text =
        "First Name,Last Name,E-mail Address,Web Page\nEd,Roe,n/a,www.roe.example\nFlo,Fry,flo@fry.example,ftp://fry\n";
    let plan = ImportPlan::new(read_text(text).unwrap(), &journal());
    let ed = &plan.rows()[0].contact;
    assert_eq!((ed.email.as_str(), ed.profile_url.as_str()), ("", "https://www.roe.example"));
    assert_eq!(plan.rows()[1].contact.profile_url, "", "not a web address");
}

#[test]
fn the_linkedin_fixture_plans_three_people_and_skips_the_member_without_a_name() {
    let bytes = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/linkedin-connections.csv"));
    let parsed = crate::model::import::read(bytes).unwrap();
    let plan = ImportPlan::new(parsed, &journal());
    assert_eq!(
        proposals(&plan),
        [Proposal::Update, Proposal::Update, Proposal::Add, Proposal::Skip(SkipReason::NoName)],
        "Ana by her email, Bo by his name and company"
    );
    let (after, _, summary) = applied(&plan, &journal());
    assert_eq!(summary.message(), "1 person added, 2 updated, 1 skipped.");
    assert_eq!(after.person(BO).unwrap().title, "Analyst, \"Research\"");
}

#[test]
fn a_change_reads_as_old_to_new_and_notes_say_what_they_gain() {
    let change = |field, old: &str, new: &str| Change { field, old: old.into(), new: new.into() }.describe();
    assert_eq!(change(PersonField::Email, "", "ana@example.com"), "Email: ana@example.com");
    assert_eq!(change(PersonField::Organization, "Acme", "Acme, Inc."), "Organization: Acme → Acme, Inc.");
    assert_eq!(
        change(PersonField::Notes, "Met at the fair.", "Met at the fair.\n\nConnected on LinkedIn on 2025-12-07."),
        "Notes: adds “Connected on LinkedIn on 2025-12-07.”"
    );
    let long = "ä".repeat(100);
    assert_eq!(change(PersonField::Notes, "", &long), format!("Notes: adds “{}…”", "ä".repeat(80)));
}

#[test]
fn a_row_says_why_it_is_skipped_only_when_it_is() {
    let j = journal();
    let mut plan = ImportPlan::new(linkedin("Cy,Park,,,Initech,,\n,,https://www.linkedin.com/in/someone,,,,"), &j);
    assert_eq!(plan.rows()[0].skip_reason(), None);
    assert_eq!(plan.rows()[1].skip_reason(), Some(SkipReason::NoName));
    plan.choose(0, Action::Skip, &j).expect("a row can always be skipped");
    assert_eq!(plan.rows()[0].skip_reason(), Some(SkipReason::Chosen));
}
