//! The Service chains screen: build chains from the user to the end
//! customer, see them drawn, read them backwards, and see the impact per link.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::conflict::{ChangedElsewhere, ConflictPanel, OpenEditors};
use super::form::{FormState, text};
use super::platform::{focus, new_id, set_title};
use super::state::AppState;
use super::widgets::{ChoiceField, StatusLine, TextField, escape_html};
use crate::model::career::impact_by_link;
use crate::model::chain::{Chain, ChainDraft, Example, Link, LinkDraft, link_heading, move_chain, shift, trace_back};
use crate::model::text::thousands;
use crate::model::{AnyRecord, Field, Id, Journal, Op, Record};

#[component]
pub fn ChainsPage() -> impl IntoView {
    set_title("Service chains");
    let state = expect_context::<AppState>();
    // Ids only: each card follows its chain, so a save in another tab
    // updates it in place and never closes a form open in it.
    // A chain deleted elsewhere while a form is open in its card stays
    // listed (last) until the form is closed.
    let open_editors = OpenEditors::new();
    provide_context(open_editors);
    let ids = Memo::new(move |_| {
        state.journal.with(|j| {
            let mut ids: Vec<Id> = j.chains().iter().map(|c| c.id).collect();
            ids.extend(open_editors.missing_from(|id| j.chain(id).is_some()).iter().map(|r| r.id()));
            ids
        })
    });

    let start_example = move |example: Example| {
        let position = state.journal.with_untracked(Journal::next_chain_position);
        let chain = example.chain(new_id(), new_id, position);
        let id = chain.id;
        let _ = state.commit(Op::create(chain));
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
        <Show when=move || ids.with(Vec::is_empty)>
            <p class="empty">"No chains yet. Start from an example and change it to fit your work."</p>
        </Show>
        <For each=move || ids.get() key=|id| *id let:id>
            <ChainCard id=id order=ids />
        </For>
    }
}

/// A blank chain: a name and the user's role.
#[component]
fn NewChainForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(ChainDraft::default());
    let form = FormState::new("new");
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let position = state.journal.with_untracked(Journal::next_chain_position);
        let validated = draft.with_untracked(|d| d.validate(new_id(), position));
        if form.submit(validated, "Chain added.", Op::create).applied() {
            draft.set(ChainDraft::default());
        }
    };
    view! {
        <form class="row" on:submit=submit novalidate>
            <TextField
                id=form.id(Field::ChainName)
                label="Or a blank chain named"
                value=text!(draft, name)
                error=form.error(Field::ChainName)
                grow=true
            />
            <TextField id=form.element("chain-role") label="Your role" value=text!(draft, my_role) placeholder="e.g. Analyst" />
            <div class="field end">
                <button type="submit">"Start blank"</button>
            </div>
            <StatusLine status=form.status />
        </form>
    }
}

/// One chain: its drawing, its links to edit, its reading backwards. Follows
/// the journal's current version of the chain; the forms in it stay open.
#[component]
fn ChainCard(id: Id, order: Memo<Vec<Id>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Once deleted, the last version stays for a form still open in it.
    let chain = Memo::new(move |last: Option<&Option<Chain>>| {
        state.journal.with(|j| j.chain(id).cloned()).or_else(|| last.cloned().flatten())
    });
    let form_opened = forms_in_card(id, chain);
    let name = Memo::new(move |_| chain.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default()));
    let heading_id = format!("chain-{id}");
    let labelled_by = heading_id.clone();
    view! {
        <section class="card chain" aria-labelledby=labelled_by>
            <h2 id=heading_id tabindex="-1">{move || name.get()}</h2>
            // A long chain scrolls sideways: focusable, so the keyboard can scroll it.
            <div
                class="diagram"
                tabindex="0"
                role="group"
                aria-label=move || format!("Diagram of {}", name.get())
                inner_html=move || state.journal.with(|j| chain.with(|c| c.as_ref().map(|c| chain_svg(c, j))))
            ></div>
            <ChainActions id=id chain=chain name=name order=order form_opened=form_opened />
            <ChainLinks id=id chain=chain form_opened=form_opened />
            {move || chain.get().map(|c| view! { <ChainReport chain=c /> })}
        </section>
    }
}

/// Counts the forms open in a chain's card (renaming, adding a link, editing
/// links): while one is, the chain stays listed, even if deleted elsewhere.
fn forms_in_card(id: Id, chain: Memo<Option<Chain>>) -> Callback<bool> {
    let open_editors = expect_context::<OpenEditors>();
    let forms = RwSignal::new(0usize);
    Callback::new(move |opened: bool| {
        forms.update(|n| *n = if opened { *n + 1 } else { n.saturating_sub(1) });
        match (forms.get_untracked(), chain.get_untracked()) {
            (0, _) => open_editors.close(id),
            (_, Some(c)) => open_editors.open(c.into()),
            (_, None) => {}
        }
    })
}

/// Rename, move and delete the chain; deleting asks first.
#[component]
fn ChainActions(
    id: Id,
    chain: Memo<Option<Chain>>,
    name: Memo<String>,
    order: Memo<Vec<Id>>,
    form_opened: Callback<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let index = Memo::new(move |_| order.with(|o| o.iter().position(|&c| c == id).unwrap_or(0)));
    // Named, not written in the attribute: there, a bare `>=` would end the tag.
    let is_last = move || index.get() + 1 >= order.with(Vec::len);
    let move_by = move |by: isize| {
        let moved = state.journal.with_untracked(|j| move_chain(j.chains(), index.get_untracked(), by));
        // One op: the chains that change place move together, and one undo.
        state.act(Op::join(moved.into_iter().map(Op::update)));
    };
    let renaming = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let rename = move |_| {
        if !renaming.get_untracked() {
            renaming.set(true);
            form_opened.run(true);
        }
    };
    view! {
        <div class="item-actions">
            <button type="button" on:click=rename aria-label=move || format!("Rename {}", name.get())>
                "Rename"
            </button>
            <button type="button" disabled=move || index.get() == 0 on:click=move |_| move_by(-1) aria-label=move || format!("Move {} up", name.get())>
                "Move up"
            </button>
            <button
                type="button"
                disabled=is_last
                on:click=move |_| move_by(1)
                aria-label=move || format!("Move {} down", name.get())
            >
                "Move down"
            </button>
            <button type="button" class="danger" on:click=move |_| confirming.set(true) aria-label=move || format!("Delete {}", name.get())>
                "Delete"
            </button>
        </div>
        <Show when=move || confirming.get()>{confirm_delete(state, chain, confirming)}</Show>
        <Show when=move || renaming.get()>
            <RenameForm
                chain=id
                on_done=move || {
                    renaming.set(false);
                    form_opened.run(false);
                }
            />
        </Show>
    }
}

fn confirm_delete(state: AppState, chain: Memo<Option<Chain>>, confirming: RwSignal<bool>) -> impl IntoView {
    view! {
        <p>"Delete this chain? Its tasks and career entries stay, without the chain."</p>
        <div class="actions">
            <button
                type="button"
                class="danger"
                on:click=move |_| {
                    if let Some(kept) = chain.get_untracked() {
                        let what = format!("the chain “{}”", kept.name);
                        let _ = state.delete_with_undo(Op::delete(&kept), &what);
                    }
                }
            >
                "Yes, delete the chain"
            </button>
            <button type="button" on:click=move |_| confirming.set(false)>"Keep it"</button>
        </div>
    }
}

/// The links in order, from the user to the end customer, and the button
/// that opens the form for one more.
#[component]
fn ChainLinks(id: Id, chain: Memo<Option<Chain>>, form_opened: Callback<bool>) -> impl IntoView {
    let link_ids = Memo::new(move |_| {
        chain.with(|c| c.as_ref().map(|c| c.links.iter().map(|l| l.id).collect::<Vec<_>>()).unwrap_or_default())
    });
    let adding = RwSignal::new(false);
    let add = move |_| {
        adding.set(true);
        form_opened.run(true);
    };
    view! {
        <h3>"Links, from you to the end customer"</h3>
        <ol class="links">
            <li class="link me">{move || chain.with(|c| c.as_ref().map(|c| format!("You, as {}", c.my_role)))}</li>
            <For each=move || link_ids.get() key=|id| *id let:link>
                <LinkItem chain=id link=link links=link_ids form_opened=form_opened />
            </For>
        </ol>
        <Show when=move || adding.get() fallback=move || view! { <button type="button" on:click=add>"Add a link"</button> }>
            <LinkForm
                chain=id
                on_done=move || {
                    adding.set(false);
                    form_opened.run(false);
                }
            />
        </Show>
    }
}

/// The chain read backwards, the impact recorded per link, and its tasks.
#[component]
fn ChainReport(chain: Chain) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = chain.id;
    let (reading, impacts, tasks) = state.journal.with(|j| {
        let tasks: Vec<String> = j
            .tasks()
            .iter()
            .filter(|t| t.chain == Some(id))
            .map(|t| format!("{}{}", t.title, if t.is_open() { "" } else { " (done)" }))
            .collect();
        (trace_back(&chain, j), impact_by_link(&chain, j.tasks()), tasks)
    });
    view! {
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
    }
}

/// Renames a chain and the user's role in it.
#[component]
fn RenameForm(chain: Id, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let opened = state.journal.with_untracked(|j| j.chain(chain).cloned());
    let draft = RwSignal::new(opened.as_ref().map(ChainDraft::from_chain).unwrap_or_default());
    let form = FormState::new(format!("rename-{chain}"));
    let opened = StoredValue::new(opened);
    let rename = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(validated) = opened.with_value(|c| c.as_ref().map(|c| draft.with_untracked(|d| d.rename(c)))) else {
            return on_done.run(());
        };
        if form.submit(validated, "Saved.", Op::update).applied() {
            on_done.run(());
        }
    };
    view! {
        <form class="row" on:submit=rename novalidate>
            {opened.with_value(|c| c.as_ref().map(|c| view! { <ChangedElsewhere kind=Chain::KIND id=c.id base=c.rev /> }))}
            <TextField id=form.id(Field::ChainName) label="Chain name" value=text!(draft, name) error=form.error(Field::ChainName) grow=true />
            <TextField id=form.element("role") label="Your role" value=text!(draft, my_role) />
            <div class="field end">
                <button type="submit" class="primary">"Save name"</button>
            </div>
            <StatusLine status=form.status />
            <ConflictPanel conflict=form.conflict base=opened.get_value().map(AnyRecord::from) on_settled=on_done />
        </form>
    }
}

/// One link in the list, with its actions; becomes a form on "Edit".
#[component]
fn LinkItem(chain: Id, link: Id, links: Memo<Vec<Id>>, form_opened: Callback<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let editing = RwSignal::new(false);
    let edit = Callback::new(move |open: bool| {
        editing.set(open);
        form_opened.run(open);
    });
    let at = Memo::new(move |_| links.with(|l| l.iter().position(|&id| id == link).unwrap_or(0)));
    let is_customer = Memo::new(move |_| at.get() + 1 == links.with(Vec::len));
    let current = Memo::new(move |_| {
        state.journal.with(|j| {
            let found = j.chain(chain).and_then(|c| c.links.iter().find(|l| l.id == link).cloned())?;
            let heading = link_heading(&found, j);
            Some((found, heading))
        })
    });
    view! {
        <li class="link">
            {move || {
                if editing.get() {
                    view! { <LinkForm chain=chain editing=link on_done=move || edit.run(false) /> }.into_any()
                } else {
                    view! {
                        {move || current.get().map(|(found, heading)| link_text(found, heading, is_customer))}
                        <LinkActions chain=chain link=link at=at is_customer=is_customer current=current edit=edit />
                    }
                        .into_any()
                }
            }}
        </li>
    }
}

/// The link's role and person, and what it expects and how the work reaches it.
fn link_text(found: Link, heading: String, is_customer: Memo<bool>) -> impl IntoView {
    let details = [("Expects", found.expects), ("How your work reaches it", found.reached_by)];
    view! {
        <div class="link-text">
            <strong>{heading}</strong>
            {move || is_customer.get().then_some(" — end customer")}
            {details
                .into_iter()
                .filter(|(_, text)| !text.is_empty())
                .map(|(label, text)| view! { <p class="detail">{format!("{label}: {text}")}</p> })
                .collect_view()}
        </div>
    }
}

/// Edit, move and remove the link; a move or a removal applies to the chain
/// as it is now.
#[component]
fn LinkActions(
    chain: Id,
    link: Id,
    at: Memo<usize>,
    is_customer: Memo<bool>,
    current: Memo<Option<(Link, String)>>,
    edit: Callback<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let role = move || current.with(|c| c.as_ref().map(|(l, _)| l.role.clone()).unwrap_or_default());
    let change_links = move |change: &dyn Fn(&mut Vec<Link>)| {
        if let Some(mut now) = state.journal.with_untracked(|j| j.chain(chain).cloned()) {
            change(&mut now.links);
            state.act(Op::update(now));
        }
    };
    view! {
        <div class="item-actions">
            <button type="button" on:click=move |_| edit.run(true) aria-label=move || format!("Edit the link {}", role())>
                "Edit"
            </button>
            <button
                type="button"
                disabled=move || at.get() == 0
                on:click=move |_| change_links(&|links| shift(links, at.get_untracked(), -1))
                aria-label=move || format!("Move {} earlier", role())
            >
                "Earlier"
            </button>
            <button
                type="button"
                disabled=move || is_customer.get()
                on:click=move |_| change_links(&|links| shift(links, at.get_untracked(), 1))
                aria-label=move || format!("Move {} later", role())
            >
                "Later"
            </button>
            <button
                type="button"
                class="danger"
                on:click=move |_| change_links(&|links| links.retain(|l| l.id != link))
                aria-label=move || format!("Remove the link {}", role())
            >
                "Remove"
            </button>
        </div>
    }
}

/// Adds a link before the end customer (or as the first), or edits one.
/// Saves onto the chain as it was when the form opened: if it changed
/// elsewhere since, the user sees both versions and chooses.
#[component]
fn LinkForm(chain: Id, #[prop(optional)] editing: Option<Id>, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let opened = state.journal.with_untracked(|j| j.chain(chain).cloned());
    let existing = opened.as_ref().and_then(|c| c.links.iter().find(|l| Some(l.id) == editing));
    let draft = RwSignal::new(existing.map(LinkDraft::from_link).unwrap_or_default());
    let opened = StoredValue::new(opened);
    let form = FormState::new(format!("link-{}", editing.map_or_else(|| format!("new-{chain}"), |id| id.to_string())));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(link) = form.check(draft.with_untracked(|d| d.validate(editing.unwrap_or_else(new_id)))) else {
            return;
        };
        let Some(mut edited) = opened.get_value() else { return on_done.run(()) };
        edited.put_link(link);
        if form.submit(Ok(edited), "Saved.", Op::update).applied() {
            on_done.run(());
        }
    };
    view! {
        <form class="link-form" on:submit=submit novalidate>
            {opened.with_value(|c| c.as_ref().map(|c| view! { <ChangedElsewhere kind=Chain::KIND id=c.id base=c.rev /> }))}
            <div class="row">
                <TextField id=form.id(Field::Role) label="Role" value=text!(draft, role) error=form.error(Field::Role) grow=true />
                <ChoiceField
                    id=form.element("person")
                    label="Person (optional)"
                    value=text!(draft, person)
                    none="No one in particular"
                    choices=state.people_choices()
                />
            </div>
            <TextField id=form.element("expects") label="What this link expects" value=text!(draft, expects) grow=true />
            <TextField id=form.element("reached") label="How your work reaches it" value=text!(draft, reached_by) grow=true />
            <div class="actions">
                <button type="submit" class="primary">{if editing.is_some() { "Save link" } else { "Add link" }}</button>
                <button type="button" on:click=move |_| on_done.run(())>"Cancel"</button>
                <StatusLine status=form.status />
            </div>
            <ConflictPanel conflict=form.conflict base=opened.get_value().map(AnyRecord::from) on_settled=on_done />
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
            rev: Default::default(),
        };
        let svg = chain_svg(&chain, &Journal::default());
        assert!(svg.contains(">A role with a very …<"), "{svg}");
        assert!(svg.contains(">R&amp;D<") && svg.contains("Diagram of &lt;b&gt;"));
        assert!(svg.contains(">(person removed)<"));
    }
}
