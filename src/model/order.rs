//! Sorting through one copy of the sort.
//!
//! The standard library's `sort_by_key` and `sort_unstable_by_key` are
//! compiled anew for every element type and key, each a whole quicksort of
//! 1.3–2.4 KB of wasm: thirteen of them in the first load's module
//! (twiggy, 2026-12-02). These sort the items' positions instead, with one
//! comparison reached through a `dyn`, so every caller shares one sort, and
//! then move the items into that order: what stays per caller is computing
//! the keys and the move.

use std::cmp::Ordering;

/// The positions `0..len` in the order `compare` gives, equal ones in the
/// order they were (a stable sort).
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    positions
}

/// Moves `items` into `order`, a permutation of their positions.
fn arrange<T>(items: &mut Vec<T>, order: &[usize]) {
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&at| slots[at].take()));
}

/// Sorts `items` by `key`, stably, as `slice::sort_by_cached_key` does:
/// each key is computed once.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_positions(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    arrange(items, &order);
}

/// Sorts `items` in their own order, as `slice::sort` does.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// Sorts `items` by `compare`, stably, as `slice::sort_by` does.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    arrange(items, &order);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_the_key_and_keeps_equal_keys_in_their_order() {
        let mut words = vec!["pear", "fig", "apple", "kiwi", "date", "plum"];
        sort_by_key(&mut words, |w| w.len());
        assert_eq!(words, ["fig", "pear", "kiwi", "date", "plum", "apple"]);
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["plum", "pear", "kiwi", "fig", "date", "apple"]);
        sort(&mut words);
        assert_eq!(words, ["apple", "date", "fig", "kiwi", "pear", "plum"]);
    }

    #[test]
    fn empty_and_single_lists_stay_as_they_are() {
        let mut none: Vec<u8> = vec![];
        sort_by_key(&mut none, |&n| n);
        assert!(none.is_empty());
        let mut one = vec![String::from("only")];
        sort_by(&mut one, |a, b| a.cmp(b));
        assert_eq!(one, ["only"]);
    }

    /// Natively only: proptest has no wasm32 random source.
    #[cfg(not(target_arch = "wasm32"))]
    mod any_list {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// The same order as the standard library's stable sort, for any list.
            #[test]
            fn orders_as_the_standard_stable_sort(items in prop::collection::vec((0u8..8, any::<u16>()), 0..200)) {
                let mut expected = items.clone();
                expected.sort_by_key(|&(key, _)| key);
                let mut by_key = items.clone();
                sort_by_key(&mut by_key, |&(key, _)| key);
                prop_assert_eq!(&by_key, &expected);
                let mut by = items.clone();
                sort_by(&mut by, |a, b| a.0.cmp(&b.0));
                prop_assert_eq!(&by, &expected);
                let mut whole = items;
                let mut whole_expected = whole.clone();
                whole_expected.sort();
                sort(&mut whole);
                prop_assert_eq!(whole, whole_expected);
            }
        }
    }
}
