//! The Service chains screen: build chains from the user to the end
//! customer, see them drawn, read them backwards, and see the impact per link.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::platform::{focus, new_id, now_ms, set_title};
use super::state::AppState;
use super::widgets::{ChoiceField, TextField, escape_html, thousands};
use crate::model::career::impact_by_link;
use crate::model::chain::{Chain, Example, Link, shift, trace_back};
use crate::model::{Field, FieldError, Id, Journal, Op, message_for};

#[component]
pub fn ChainsPage() -> impl IntoView {
    set_title("Service chains");
    let state = expect_context::<AppState>();
    // The cards read tasks too (impact per link), so they follow the whole journal.
    let chains = move || state.journal.with(|j| j.chains().to_vec());

    let start_example = move |example: Example| {
        let position = state.journal.with_untracked(Journal::next_chain_position);
        let chain = example.chain(new_id(), new_id, position, now_ms());
        let id = chain.id;
        let _ = state.commit(Op::PutChain(chain));
        request_animation_frame(move || focus(&format!("chain-{id}")));
    };

    view! {
        <h1>"Service chains"</h1>
        <p class="lead">
            "Every working relationship is a service relationship. Trace what you do through the people it passes to, up to the end customer; read backwards, the chain shows how your work reaches them, and where your impact lands."
        </p>
        <section aria-labelledby="new-chain-heading" class="card">
            <h2 id="new-chain-heading">"Start a chain"</h2>
            <div class="actions">
                {Example::ALL
                    .map(|example| {
                        view! {
                            <button type="button" on:click=move |_| start_example(example)>
                                {format!("From the example: {}", example.label())}
                            </button>
                        }
                    })}
            </div>
            <NewChainForm />
        </section>
        <Show when=move || state.journal.with(|j| j.chains().is_empty())>
            <p class="empty">"No chains yet. Start from an example and change it to fit your work."</p>
        </Show>
        {move || {
            let list = chains();
            let count = list.len();
            list.into_iter()
                .enumerate()
                .map(|(index, chain)| view! { <ChainCard chain=chain index=index count=count /> })
                .collect_view()
        }}
    }
}

/// A blank chain: a name and the user's role.
#[component]
fn NewChainForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let my_role = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let chain_name = name.get_untracked().trim().to_owned();
        if chain_name.is_empty() {
            errors.set(vec![FieldError::new(Field::ChainName, "Give the chain a name.")]);
            focus("new-chain-name");
            return;
        }
        errors.set(Vec::new());
        let role = my_role.get_untracked().trim().to_owned();
        let chain = Chain {
            id: new_id(),
            name: chain_name,
            my_role: if role.is_empty() { "Me".to_owned() } else { role },
            links: Vec::new(),
            position: state.journal.with_untracked(Journal::next_chain_position),
            updated: now_ms(),
        };
        let _ = state.commit(Op::PutChain(chain));
        name.set(String::new());
        my_role.set(String::new());
    };
    view! {
        <form class="row" on:submit=submit novalidate>
            <TextField
                id="new-chain-name".to_owned()
                label="Or a blank chain named"
                value=name
                error=Signal::derive(move || message_for(&errors.read(), Field::ChainName))
                grow=true
            />
            <TextField id="new-chain-role".to_owned() label="Your role" value=my_role placeholder="e.g. Analyst" />
            <div class="field end">
                <button type="submit">"Start blank"</button>
            </div>
        </form>
    }
}

/// One chain: its drawing, its links to edit, its reading backwards.
#[component]
fn ChainCard(chain: Chain, index: usize, count: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = chain.id;
    let current = move || state.journal.with_untracked(|j| j.chain(id).cloned());
    // Every edit saves the whole chain: it is one record.
    let save = move |change: &dyn Fn(&mut Chain)| {
        if let Some(mut chain) = current() {
            change(&mut chain);
            chain.updated = now_ms();
            let _ = state.commit(Op::PutChain(chain));
        }
    };
    let move_chain = move |by: isize| {
        let mut all = state.journal.with_untracked(|j| j.chains().to_vec());
        shift(&mut all, index, by);
        for (position, mut chain) in all.into_iter().enumerate() {
            if chain.position != position as i64 {
                chain.position = position as i64;
                let _ = state.commit(Op::PutChain(chain));
            }
        }
    };
    let renaming = RwSignal::new(false);
    let new_name = RwSignal::new(chain.name.clone());
    let new_role = RwSignal::new(chain.my_role.clone());
    let rename = move |ev: SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked().trim().to_owned();
        if !name.is_empty() {
            let role = new_role.get_untracked().trim().to_owned();
            save(&|c: &mut Chain| {
                c.name = name.clone();
                if !role.is_empty() {
                    c.my_role = role.clone();
                }
            });
            renaming.set(false);
        }
    };
    let confirming = RwSignal::new(false);
    let adding = RwSignal::new(false);

    let (reading, impacts, diagram, tasks) = state.journal.with_untracked(|j| {
        let impacts = impact_by_link(&chain, j.tasks());
        let tasks: Vec<String> = j
            .tasks()
            .iter()
            .filter(|t| t.chain == Some(id))
            .map(|t| format!("{}{}", t.title, if t.is_open() { "" } else { " (done)" }))
            .collect();
        (trace_back(&chain, j), impacts, chain_svg(&chain, j), tasks)
    });
    let heading_id = format!("chain-{id}");
    let labelled_by = heading_id.clone();
    let name = chain.name.clone();
    let links = chain.links.clone();
    let link_count = links.len();

    view! {
        <section class="card chain" aria-labelledby=labelled_by>
            <h2 id=heading_id tabindex="-1">{chain.name.clone()}</h2>
            <div class="diagram" inner_html=diagram></div>
            <div class="item-actions">
                <button type="button" on:click=move |_| renaming.set(true) aria-label=format!("Rename {name}")>
                    "Rename"
                </button>
                <button type="button" disabled={index == 0} on:click=move |_| move_chain(-1) aria-label=format!("Move {} up", chain.name)>
                    "Move up"
                </button>
                <button
                    type="button"
                    disabled={index + 1 >= count}
                    on:click=move |_| move_chain(1)
                    aria-label=format!("Move {} down", chain.name)
                >
                    "Move down"
                </button>
                <button type="button" class="danger" on:click=move |_| confirming.set(true) aria-label=format!("Delete {}", chain.name)>
                    "Delete"
                </button>
            </div>
            <Show when=move || confirming.get()>
                <p>"Delete this chain? Its tasks and career entries stay, without the chain."</p>
                <div class="actions">
                    <button
                        type="button"
                        class="danger"
                        on:click=move |_| {
                            if let Some(kept) = current() {
                                let what = format!("the chain “{}”", kept.name);
                                let _ = state.delete_with_undo(Op::DeleteChain(id), Op::PutChain(kept), &what);
                            }
                        }
                    >
                        "Yes, delete the chain"
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>"Keep it"</button>
                </div>
            </Show>
            <Show when=move || renaming.get()>
                <form class="row" on:submit=rename novalidate>
                    <TextField id=format!("rename-{id}") label="Chain name" value=new_name grow=true />
                    <TextField id=format!("role-{id}") label="Your role" value=new_role />
                    <div class="field end">
                        <button type="submit" class="primary">"Save name"</button>
                    </div>
                </form>
            </Show>
            <h3>"Links, from you to the end customer"</h3>
            <ol class="links">
                <li class="link me">{format!("You, as {}", chain.my_role)}</li>
                {links
                    .into_iter()
                    .enumerate()
                    .map(|(at, link)| view! { <LinkItem chain=id link=link at=at count=link_count /> })
                    .collect_view()}
            </ol>
            <Show
                when=move || adding.get()
                fallback=move || view! { <button type="button" on:click=move |_| adding.set(true)>"Add a link"</button> }
            >
                <LinkForm chain=id on_done=move || adding.set(false) />
            </Show>
            <h3>"Read backwards"</h3>
            {reading.into_iter().map(|sentence| view! { <p class="reading">{sentence}</p> }).collect_view()}
            <h3>"Impact recorded"</h3>
            <ul class="impact">
                {impacts
                    .into_iter()
                    .map(|(link, finished, totals)| {
                        let role = chain.links.iter().find(|l| l.id == link).map(|l| l.role.clone()).unwrap_or_default();
                        let totals: Vec<String> = totals.iter().map(|a| a.text()).collect();
                        let text = match (finished, totals.is_empty()) {
                            (0, _) => format!("{role}: no finished tasks yet"),
                            (n, true) => format!("{role}: {} finished", thousands(n)),
                            (n, false) => format!("{role}: {} finished; {}", thousands(n), totals.join(", ")),
                        };
                        view! { <li>{text}</li> }
                    })
                    .collect_view()}
            </ul>
            {(!tasks.is_empty())
                .then(|| {
                    view! {
                        <h3>"Tasks on this chain"</h3>
                        <ul>{tasks.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    }
                })}
        </section>
    }
}

/// One link in the list, with its actions; becomes a form on "Edit".
#[component]
fn LinkItem(chain: Id, link: Link, at: usize, count: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let editing = RwSignal::new(false);
    let link_id = link.id;
    let change_links = move |change: &dyn Fn(&mut Vec<Link>)| {
        if let Some(mut current) = state.journal.with_untracked(|j| j.chain(chain).cloned()) {
            change(&mut current.links);
            current.updated = now_ms();
            let _ = state.commit(Op::PutChain(current));
        }
    };
    let name = state.journal.with_untracked(|j| match link.person {
        Some(id) => format!("{} ({})", link.role, j.person(id).map_or("person removed", |p| p.name.as_str())),
        None => link.role.clone(),
    });
    let role = link.role.clone();
    let details = [("Expects", link.expects.clone()), ("How your work reaches it", link.reached_by.clone())];
    let is_customer = at + 1 == count;
    let view_mode = move || {
        let role = role.clone();
        view! {
            <div class="link-text">
                <strong>{name.clone()}</strong>
                {is_customer.then_some(" — end customer")}
                {details
                    .iter()
                    .filter(|(_, text)| !text.is_empty())
                    .map(|(label, text)| view! { <p class="detail">{format!("{label}: {text}")}</p> })
                    .collect_view()}
            </div>
            <div class="item-actions">
                <button type="button" on:click=move |_| editing.set(true) aria-label=format!("Edit the link {role}")>"Edit"</button>
                <button
                    type="button"
                    disabled={at == 0}
                    on:click=move |_| change_links(&|links| shift(links, at, -1))
                    aria-label=format!("Move {} earlier", link.role)
                >
                    "Earlier"
                </button>
                <button
                    type="button"
                    disabled=is_customer
                    on:click=move |_| change_links(&|links| shift(links, at, 1))
                    aria-label=format!("Move {} later", link.role)
                >
                    "Later"
                </button>
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| change_links(&|links| links.retain(|l| l.id != link_id))
                    aria-label=format!("Remove the link {}", link.role)
                >
                    "Remove"
                </button>
            </div>
        }
    };
    view! {
        <li class="link">
            {move || {
                if editing.get() {
                    view! { <LinkForm chain=chain editing=link_id on_done=move || editing.set(false) /> }.into_any()
                } else {
                    view_mode().into_any()
                }
            }}
        </li>
    }
}

/// Adds a link before the end customer (or as the first), or edits one.
#[component]
fn LinkForm(chain: Id, #[prop(optional)] editing: Option<Id>, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing = state
        .journal
        .with_untracked(|j| j.chain(chain).and_then(|c| c.links.iter().find(|l| Some(l.id) == editing).cloned()));
    let role = RwSignal::new(existing.as_ref().map(|l| l.role.clone()).unwrap_or_default());
    let person = RwSignal::new(existing.as_ref().and_then(|l| l.person).map(|p| p.to_string()).unwrap_or_default());
    let expects = RwSignal::new(existing.as_ref().map(|l| l.expects.clone()).unwrap_or_default());
    let reached_by = RwSignal::new(existing.as_ref().map(|l| l.reached_by.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let prefix = format!("link-{}", editing.map_or_else(|| format!("new-{chain}"), |id| id.to_string()));
    let id = {
        let prefix = prefix.clone();
        move |field: &str| format!("{prefix}-{field}")
    };
    let role_id = id("role");
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let role_text = role.get_untracked().trim().to_owned();
        if role_text.is_empty() {
            error.set(Some("Name the role, such as “warehouse manager”.".into()));
            return;
        }
        let link = Link {
            id: editing.unwrap_or_else(new_id),
            role: role_text,
            person: person.get_untracked().parse().ok(),
            expects: expects.get_untracked().trim().to_owned(),
            reached_by: reached_by.get_untracked().trim().to_owned(),
        };
        if let Some(mut current) = state.journal.with_untracked(|j| j.chain(chain).cloned()) {
            match current.links.iter().position(|l| l.id == link.id) {
                Some(at) => current.links[at] = link,
                // A new link goes before the end customer, where intermediaries sit.
                None => {
                    let at = current.links.len().saturating_sub(1);
                    current.links.insert(at, link);
                }
            }
            current.updated = now_ms();
            let _ = state.commit(Op::PutChain(current));
        }
        on_done.run(());
    };
    view! {
        <form class="link-form" on:submit=submit novalidate>
            <div class="row">
                <TextField id=role_id label="Role" value=role error=Signal::derive(move || error.get()) grow=true />
                <ChoiceField
                    id=id("person")
                    label="Person (optional)"
                    value=person
                    none="No one in particular"
                    choices=state.people_choices()
                />
            </div>
            <TextField id=id("expects") label="What this link expects" value=expects grow=true />
            <TextField id=id("reached") label="How your work reaches it" value=reached_by grow=true />
            <div class="actions">
                <button type="submit" class="primary">{if editing.is_some() { "Save link" } else { "Add link" }}</button>
                <button type="button" on:click=move |_| on_done.run(())>"Cancel"</button>
            </div>
        </form>
    }
}

/// The chain drawn left to right as SVG markup: a box per role joined by
/// arrows, the user first. Built as a string, like the self-assessment grid.
pub fn chain_svg(chain: &Chain, journal: &Journal) -> String {
    const BOX: i32 = 150;
    const GAP: i32 = 34;
    const HEIGHT: i32 = 64;
    let mut boxes: Vec<(String, String)> = vec![("You".to_owned(), chain.my_role.clone())];
    for link in &chain.links {
        let person = match link.person {
            Some(id) => journal.person(id).map_or("(person removed)".to_owned(), |p| p.name.clone()),
            None => String::new(),
        };
        boxes.push((link.role.clone(), person));
    }
    let width = boxes.len() as i32 * (BOX + GAP) - GAP + 8;
    let roles: Vec<&str> =
        std::iter::once(chain.my_role.as_str()).chain(chain.links.iter().map(|l| l.role.as_str())).collect();
    let mut svg = format!(
        r#"<svg class="chain-svg" viewBox="0 0 {width} {h}" width="{width}" height="{h}" role="img" aria-label="{}">"#,
        escape_html(&format!("Diagram of {}: {}", chain.name, roles.join(", then "))),
        h = HEIGHT + 8
    );
    for (n, (title, detail)) in boxes.iter().enumerate() {
        let x = 4 + n as i32 * (BOX + GAP);
        let class = if n == 0 {
            "box me"
        } else if n + 1 == boxes.len() {
            "box customer"
        } else {
            "box"
        };
        svg += &format!(
            r#"<rect class="{class}" x="{x}" y="4" width="{BOX}" height="{HEIGHT}" rx="8"/><text class="role" x="{cx}" y="32" text-anchor="middle">{}</text><text class="who" x="{cx}" y="52" text-anchor="middle">{}</text>"#,
            escape_html(&clip(title)),
            escape_html(&clip(detail)),
            cx = x + BOX / 2,
        );
        if n + 1 < boxes.len() {
            let (x1, x2) = (x + BOX + 4, x + BOX + GAP - 6);
            svg += &format!(
                r#"<line class="arrow" x1="{x1}" y1="36" x2="{x2}" y2="36"/><polyline class="arrow" points="{},30 {x2},36 {},42"/>"#,
                x2 - 6,
                x2 - 6
            );
        }
    }
    svg + "</svg>"
}

/// Long labels are cut to fit a box; the full text is in the list below.
fn clip(text: &str) -> String {
    const MAX: usize = 20;
    if text.chars().count() <= MAX { text.to_owned() } else { text.chars().take(MAX - 1).collect::<String>() + "…" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diagram_has_a_box_per_role_and_an_arrow_between_each() {
        let mut n = 0;
        let chain = Example::Warehouse.chain(
            Id::from_raw(1),
            || {
                n += 1;
                Id::from_raw(n + 10)
            },
            0,
            0,
        );
        let svg = chain_svg(&chain, &Journal::default());
        assert_eq!(svg.matches("<rect").count(), 3);
        assert_eq!(svg.matches(r#"<line class="arrow""#).count(), 2);
        assert!(svg.contains(r#"aria-label="Diagram of Supplies to customers: Purchasing manager, then Warehouse manager, then Customer""#));
        assert!(svg.contains(r#"<rect class="box customer""#));
    }

    #[test]
    fn long_or_odd_text_is_clipped_and_escaped() {
        let chain = Chain {
            id: Id::from_raw(1),
            name: "<b>".into(),
            my_role: "A role with a very long name indeed".into(),
            links: vec![Link {
                id: Id::from_raw(2),
                role: "R&D".into(),
                person: Some(Id::from_raw(9)),
                expects: String::new(),
                reached_by: String::new(),
            }],
            position: 0,
            updated: 0,
        };
        let svg = chain_svg(&chain, &Journal::default());
        assert!(svg.contains(">A role with a very …<"), "{svg}");
        assert!(svg.contains(">R&amp;D<") && svg.contains("Diagram of &lt;b&gt;"));
        assert!(svg.contains(">(person removed)<"));
    }
}
