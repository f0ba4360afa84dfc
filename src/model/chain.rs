//! Service chains: from the user's work, through the roles in between, to
//! the end customer, and read backwards to see the user's impact.

use serde::{Deserialize, Serialize};

use super::record::Rev;
use super::{Field, FieldError, Id, Journal, capitalise};

/// One role in a chain.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Link {
    pub id: Id,
    /// The role, such as "warehouse manager".
    pub role: String,
    /// Someone from People in that role, if the user chose one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Id>,
    /// What this link expects from the one before it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub expects: String,
    /// How the user's work reaches this link.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reached_by: String,
}

/// A chain from the user to the end customer.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Chain {
    pub id: Id,
    pub name: String,
    /// The user's own role, where the chain starts.
    pub my_role: String,
    /// From the user outwards; the last link is the end customer.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Place among the chains, smallest first.
    #[serde(default)]
    pub position: i64,
    /// The version of this record (see `model::record`).
    #[serde(default)]
    pub rev: Rev,
}

/// The link form, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkDraft {
    pub role: String,
    /// The person's id, or empty for no one in particular.
    pub person: String,
    pub expects: String,
    pub reached_by: String,
}

impl LinkDraft {
    pub fn from_link(link: &Link) -> LinkDraft {
        LinkDraft {
            role: link.role.clone(),
            person: link.person.map(|p| p.to_string()).unwrap_or_default(),
            expects: link.expects.clone(),
            reached_by: link.reached_by.clone(),
        }
    }

    pub fn validate(&self, id: Id) -> Result<Link, Vec<FieldError>> {
        let role = self.role.trim();
        if role.is_empty() {
            return Err(vec![FieldError::new(Field::Role, "Name the role, such as “warehouse manager”.")]);
        }
        Ok(Link {
            id,
            role: role.to_owned(),
            person: self.person.parse().ok(),
            expects: self.expects.trim().to_owned(),
            reached_by: self.reached_by.trim().to_owned(),
        })
    }
}

/// The form for a blank chain, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChainDraft {
    pub name: String,
    /// The user's own role, "Me" when left empty.
    pub my_role: String,
}

impl ChainDraft {
    /// The form filled in with a chain, to rename it.
    pub fn from_chain(chain: &Chain) -> ChainDraft {
        ChainDraft { name: chain.name.clone(), my_role: chain.my_role.clone() }
    }

    /// `chain` under the new name and role; an empty role keeps the old one.
    pub fn rename(&self, chain: &Chain) -> Result<Chain, Vec<FieldError>> {
        let renamed = self.validate(chain.id, chain.position)?;
        let my_role = if self.my_role.trim().is_empty() { chain.my_role.clone() } else { renamed.my_role };
        Ok(Chain { name: renamed.name, my_role, ..chain.clone() })
    }

    /// A chain with no links yet, at `position` (after the others).
    pub fn validate(&self, id: Id, position: i64) -> Result<Chain, Vec<FieldError>> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(vec![FieldError::new(Field::ChainName, "Give the chain a name.")]);
        }
        let role = self.my_role.trim();
        Ok(Chain {
            id,
            name: name.to_owned(),
            my_role: if role.is_empty() { "Me" } else { role }.to_owned(),
            links: Vec::new(),
            position,
            rev: Rev::default(),
        })
    }
}

impl Chain {
    /// Adds a link, or replaces the one with its id. A new link goes before
    /// the end customer (the last link), where intermediaries sit; into an
    /// empty chain it goes first.
    pub fn put_link(&mut self, link: Link) {
        match self.links.iter().position(|l| l.id == link.id) {
            Some(at) => self.links[at] = link,
            None => {
                let at = self.links.len().saturating_sub(1);
                self.links.insert(at, link);
            }
        }
    }
}

/// The examples a chain can start from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Example {
    Warehouse,
    Research,
}

impl Example {
    pub const ALL: [Example; 2] = [Example::Warehouse, Example::Research];

    pub fn label(self) -> &'static str {
        match self {
            Example::Warehouse => "Purchasing → warehouse → customer",
            Example::Research => "Research analyst → broker → client",
        }
    }

    /// The example as a chain, with ids from `new_id`.
    pub fn chain(self, id: Id, mut new_id: impl FnMut() -> Id, position: i64) -> Chain {
        let mut link = |role: &str, expects: &str, reached_by: &str| Link {
            id: new_id(),
            role: role.to_owned(),
            person: None,
            expects: expects.to_owned(),
            reached_by: reached_by.to_owned(),
        };
        let (name, my_role, links) = match self {
            Example::Warehouse => (
                "Supplies to customers",
                "Purchasing manager",
                vec![
                    link(
                        "Warehouse manager",
                        "the right stock, arriving complete and on time",
                        "I choose the suppliers and schedule their deliveries",
                    ),
                    link(
                        "Customer",
                        "orders shipped complete and on time",
                        "the warehouse ships what I bought, when I planned it",
                    ),
                ],
            ),
            Example::Research => (
                "Research to clients",
                "Research analyst",
                vec![
                    link(
                        "Broker",
                        "clear, timely research to advise clients with",
                        "my reports and briefings reach the broker before the market opens",
                    ),
                    link("Client", "sound advice on what to buy and sell", "the broker's advice rests on my analysis"),
                ],
            ),
        };
        Chain { id, name: name.to_owned(), my_role: my_role.to_owned(), links, position, rev: Rev::default() }
    }
}

/// A link's role as it reads in a sentence, with the person when known:
/// "the warehouse manager (Dana Ruiz)", or "(person removed)" when the
/// person has been deleted from People.
pub fn link_name(link: &Link, journal: &Journal) -> String {
    let role = lower_first(&link.role);
    match link.person {
        None => format!("the {role}"),
        Some(id) => match journal.person(id) {
            Some(person) => format!("the {role} ({})", person.name),
            None => format!("the {role} (person removed)"),
        },
    }
}

/// A link as the list of links heads it: its role, with the person's name
/// when one is chosen: "Warehouse manager (Dana Ruiz)".
pub fn link_heading(link: &Link, journal: &Journal) -> String {
    match link.person {
        Some(id) => format!("{} ({})", link.role, journal.person(id).map_or("person removed", |p| p.name.as_str())),
        None => link.role.clone(),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.trim().chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) || chars.clone().next().is_none() => {
            first.to_lowercase().chain(chars).collect()
        }
        Some(first) => std::iter::once(first).chain(chars).collect(),
        None => "link".to_owned(),
    }
}

/// The chain read backwards, from the end customer to the user, one sentence
/// a link: what each expects and who provides it.
pub fn trace_back(chain: &Chain, journal: &Journal) -> Vec<String> {
    let mut sentences = Vec::new();
    for (index, link) in chain.links.iter().enumerate().rev() {
        let who = capitalise(&link_name(link, journal));
        let expects =
            if link.expects.trim().is_empty() { "something not written down yet" } else { link.expects.trim() };
        let provider = match index {
            0 => format!("you, as {}", lower_first(&chain.my_role)),
            _ => link_name(&chain.links[index - 1], journal),
        };
        let how = if link.reached_by.trim().is_empty() {
            String::new()
        } else {
            format!(" Your part: {}.", link.reached_by.trim().trim_end_matches('.'))
        };
        sentences.push(format!("{who} expects {expects}, which comes from {provider}.{how}"));
    }
    if sentences.is_empty() {
        sentences.push(format!(
            "This chain has no links yet: add the roles your work as {} passes through, ending with the customer.",
            lower_first(&chain.my_role)
        ));
    }
    sentences
}

/// Moves the item at `from` one place up (`-1`) or down (`1`), if it can.
pub fn shift<T>(items: &mut [T], from: usize, by: isize) {
    if let Some(to) = from.checked_add_signed(by).filter(|&to| to < items.len())
        && from < items.len()
    {
        items.swap(from, to);
    }
}

/// The chains, in their order, after the one at `from` moves one place up
/// (`-1`) or down (`1`): only those whose position changes, renumbered, to
/// be saved together.
pub fn move_chain(chains: &[Chain], from: usize, by: isize) -> Vec<Chain> {
    let mut all = chains.to_vec();
    shift(&mut all, from, by);
    all.into_iter()
        .enumerate()
        .filter_map(|(position, mut chain)| {
            (chain.position != position as i64).then(|| {
                chain.position = position as i64;
                chain
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;
    use crate::model::testing::ids;

    fn link(id: u64, role: &str) -> Link {
        Link {
            id: Id::from_raw(id),
            role: role.into(),
            person: None,
            expects: String::new(),
            reached_by: String::new(),
        }
    }

    #[test]
    fn a_link_needs_a_role_and_keeps_what_was_typed_trimmed() {
        let draft = LinkDraft {
            role: " Broker ".into(),
            person: "c".into(),
            expects: " Research ".into(),
            reached_by: String::new(),
        };
        let made = draft.validate(Id::from_raw(5)).unwrap();
        assert_eq!(
            (made.role.as_str(), made.person, made.expects.as_str()),
            ("Broker", Some(Id::from_raw(12)), "Research")
        );
        assert_eq!(LinkDraft::from_link(&made).validate(Id::from_raw(5)), Ok(made));
        let unnamed = LinkDraft { role: "  ".into(), ..draft }.validate(Id::from_raw(5));
        assert_eq!(unnamed.unwrap_err()[0].field, Field::Role);
    }

    #[test]
    fn renaming_keeps_the_links_and_an_empty_role_keeps_the_old_one() {
        let mut chain =
            ChainDraft { name: "Sales".into(), my_role: "Analyst".into() }.validate(Id::from_raw(1), 2).unwrap();
        chain.put_link(link(3, "Client"));
        let renamed = ChainDraft { name: "Research".into(), my_role: " ".into() }.rename(&chain).unwrap();
        assert_eq!((renamed.name.as_str(), renamed.my_role.as_str(), renamed.links.len()), ("Research", "Analyst", 1));
        assert_eq!(renamed.position, 2);
        assert!(ChainDraft { name: String::new(), my_role: "X".into() }.rename(&chain).is_err());
    }

    #[test]
    fn a_blank_chain_needs_a_name_and_stands_for_me_unless_told_otherwise() {
        let chain = ChainDraft { name: "  Sales ".into(), my_role: " ".into() }.validate(Id::from_raw(1), 3).unwrap();
        assert_eq!((chain.name.as_str(), chain.my_role.as_str(), chain.position), ("Sales", "Me", 3));
        assert!(chain.links.is_empty());
        let analyst = ChainDraft { name: "Sales".into(), my_role: "Analyst".into() }.validate(Id::from_raw(1), 0);
        assert_eq!(analyst.map(|c| c.my_role), Ok("Analyst".to_owned()));
        let unnamed = ChainDraft { name: " ".into(), my_role: "Analyst".into() }.validate(Id::from_raw(1), 0);
        assert_eq!(unnamed.unwrap_err()[0].field, Field::ChainName);
    }

    #[test]
    fn a_new_link_goes_before_the_end_customer_and_an_edit_stays_in_place() {
        let mut chain = Chain {
            id: Id::from_raw(1),
            name: "c".into(),
            my_role: "Me".into(),
            links: Vec::new(),
            position: 0,
            rev: Rev::default(),
        };
        let roles = |c: &Chain| c.links.iter().map(|l| l.role.clone()).collect::<Vec<_>>();
        chain.put_link(link(2, "Customer"));
        assert_eq!(roles(&chain), ["Customer"], "into an empty chain: first");
        chain.put_link(link(3, "Broker"));
        chain.put_link(link(4, "Desk"));
        assert_eq!(roles(&chain), ["Broker", "Desk", "Customer"]);
        chain.put_link(link(3, "Senior broker"));
        assert_eq!(roles(&chain), ["Senior broker", "Desk", "Customer"]);
    }

    #[test]
    fn the_warehouse_example_reads_backwards_from_the_customer() {
        let chain = Example::Warehouse.chain(Id::from_raw(1), ids(), 0);
        let reading = trace_back(&chain, &Journal::default());
        assert_eq!(
            reading,
            [
                "The customer expects orders shipped complete and on time, which comes from the warehouse manager. Your part: the warehouse ships what I bought, when I planned it.",
                "The warehouse manager expects the right stock, arriving complete and on time, which comes from you, as purchasing manager. Your part: I choose the suppliers and schedule their deliveries.",
            ]
        );
    }

    #[test]
    fn an_empty_chain_says_what_to_add() {
        let mut chain = Example::Research.chain(Id::from_raw(1), ids(), 0);
        chain.links.clear();
        let reading = trace_back(&chain, &Journal::default());
        assert_eq!(reading.len(), 1);
        assert!(reading[0].starts_with("This chain has no links yet"), "{}", reading[0]);
    }

    #[test]
    fn a_chain_of_one_link_leads_straight_back_to_the_user() {
        let mut chain = Example::Research.chain(Id::from_raw(1), ids(), 0);
        chain.links.truncate(1);
        chain.links[0].reached_by.clear();
        let reading = trace_back(&chain, &Journal::default());
        assert_eq!(
            reading,
            [
                "The broker expects clear, timely research to advise clients with, which comes from you, as research analyst."
            ]
        );
    }

    #[test]
    fn a_long_chain_reads_every_link_in_reverse() {
        let mut chain = Example::Warehouse.chain(Id::from_raw(1), ids(), 0);
        for n in 0..6 {
            let link = Link {
                id: Id::from_raw(200 + n),
                role: format!("Stage {n}"),
                person: None,
                expects: String::new(),
                reached_by: String::new(),
            };
            chain.links.insert(1, link);
        }
        let reading = trace_back(&chain, &Journal::default());
        assert_eq!(reading.len(), 8);
        assert!(reading[0].starts_with("The customer expects"));
        assert!(
            reading[1].starts_with("The stage 0 expects something not written down yet, which comes from the stage 1.")
        );
        assert!(reading[7].ends_with("which comes from you, as purchasing manager. Your part: I choose the suppliers and schedule their deliveries."));
    }

    #[test]
    fn a_link_keeps_its_role_when_its_person_is_removed() {
        let mut chain = Example::Warehouse.chain(Id::from_raw(1), ids(), 0);
        let dana = Person::named(Id::from_raw(9), "Dana Ruiz");
        chain.links[0].person = Some(dana.id);
        let mut journal = Journal::from_records(vec![dana], vec![]);
        assert_eq!(link_name(&chain.links[0], &journal), "the warehouse manager (Dana Ruiz)");
        journal.remove_person(Id::from_raw(9));
        assert_eq!(link_name(&chain.links[0], &journal), "the warehouse manager (person removed)");
        assert!(trace_back(&chain, &journal)[1].starts_with("The warehouse manager (person removed) expects"));
    }

    #[test]
    fn a_link_is_headed_by_its_role_and_its_person_or_that_they_were_removed() {
        let mut chain = Example::Warehouse.chain(Id::from_raw(1), ids(), 0);
        let mut journal = Journal::from_records(vec![Person::named(Id::from_raw(9), "Dana Ruiz")], vec![]);
        assert_eq!(link_heading(&chain.links[0], &journal), "Warehouse manager");
        chain.links[0].person = Some(Id::from_raw(9));
        assert_eq!(link_heading(&chain.links[0], &journal), "Warehouse manager (Dana Ruiz)");
        journal.remove_person(Id::from_raw(9));
        assert_eq!(link_heading(&chain.links[0], &journal), "Warehouse manager (person removed)");
    }

    #[test]
    fn acronyms_keep_their_capitals() {
        let link = Link {
            id: Id::from_raw(1),
            role: "CFO".into(),
            person: None,
            expects: String::new(),
            reached_by: String::new(),
        };
        assert_eq!(link_name(&link, &Journal::default()), "the CFO");
    }

    #[test]
    fn links_move_up_and_down_within_bounds() {
        let mut items = vec![1, 2, 3];
        shift(&mut items, 0, -1);
        assert_eq!(items, [1, 2, 3]);
        shift(&mut items, 0, 1);
        assert_eq!(items, [2, 1, 3]);
        shift(&mut items, 2, 1);
        assert_eq!(items, [2, 1, 3]);
        shift(&mut items, 2, -1);
        assert_eq!(items, [2, 3, 1]);
        shift(&mut items, 7, -1);
        assert_eq!(items, [2, 3, 1]);
    }

    #[test]
    fn moving_a_chain_renumbers_only_the_chains_that_change_place() {
        let chains: Vec<Chain> =
            (0..3).map(|n| Example::Research.chain(Id::from_raw(n + 1), ids(), n as i64)).collect();
        let placed = |moved: Vec<Chain>| moved.iter().map(|c| (c.id, c.position)).collect::<Vec<_>>();
        let (first, second) = (chains[0].id, chains[1].id);
        assert_eq!(placed(move_chain(&chains, 0, 1)), [(second, 0), (first, 1)], "the third stays where it is");
        assert_eq!(placed(move_chain(&chains, 1, -1)), [(second, 0), (first, 1)]);
        assert!(move_chain(&chains, 0, -1).is_empty(), "the first cannot move up");
        assert!(move_chain(&chains, 2, 1).is_empty(), "the last cannot move down");
    }

    #[test]
    fn moving_a_chain_closes_the_gaps_deleted_chains_left() {
        let chains: Vec<Chain> =
            [0, 4, 9].into_iter().zip(1..).map(|(p, n)| Example::Research.chain(Id::from_raw(n), ids(), p)).collect();
        let positions: Vec<i64> = move_chain(&chains, 0, 1).iter().map(|c| c.position).collect();
        assert_eq!(positions, [0, 1, 2]);
    }
}
