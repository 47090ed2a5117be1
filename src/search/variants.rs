//! Traditional and variant characters folded to their simplified forms (門口擺攤 → 门口摆摊,
//! 佔道 → 占道), one character to one character so token offsets still point into the original
//! text. The table (`t2s.txt`) is generated from OpenCC's character dictionaries by
//! `scripts/gen_t2s.py`; the analyzer applies it to documents and queries alike.

use std::sync::OnceLock;

/// `source<TAB>target` lines; `#` starts a comment.
const TABLE: &str = include_str!("t2s.txt");

/// The CJK blocks looked up by direct index (Extension A and the unified ideographs): almost
/// every character of every document passes through here, so no hashing.
const DENSE: std::ops::RangeInclusive<u32> = 0x3400..=0x9FFF;

struct Folds {
    /// Target of each character in [`DENSE`], or `'\0'` when it folds to itself.
    dense: Vec<char>,
    /// Sources outside [`DENSE`], sorted.
    sparse: Vec<(char, char)>,
}

fn folds() -> &'static Folds {
    static FOLDS: OnceLock<Folds> = OnceLock::new();
    FOLDS.get_or_init(|| {
        let mut dense = vec!['\0'; (DENSE.end() - DENSE.start() + 1) as usize];
        let mut sparse = Vec::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut chars = line.chars();
            let (Some(from), Some('\t'), Some(to)) = (chars.next(), chars.next(), chars.next())
            else {
                continue;
            };
            if DENSE.contains(&(from as u32)) {
                dense[(from as u32 - DENSE.start()) as usize] = to;
            } else {
                sparse.push((from, to));
            }
        }
        sparse.sort_unstable();
        Folds { dense, sparse }
    })
}

/// The simplified form of `c`, or `c` itself.
pub fn simplified(c: char) -> char {
    let code = c as u32;
    if code < *DENSE.start() {
        return c;
    }
    let f = folds();
    if code <= *DENSE.end() {
        let to = f.dense[(code - DENSE.start()) as usize];
        return if to == '\0' { c } else { to };
    }
    f.sparse
        .binary_search_by_key(&c, |(from, _)| *from)
        .map_or(c, |i| f.sparse[i].1)
}

#[cfg(test)]
mod tests {
    use super::simplified;

    fn fold(s: &str) -> String {
        s.chars().map(simplified).collect()
    }

    #[test]
    fn folds_what_people_type_in_traditional_characters() {
        assert_eq!(fold("門口擺攤"), "门口摆摊");
        assert_eq!(fold("佔道經營"), "占道经营");
        assert_eq!(fold("店裏"), "店里");
        assert_eq!(fold("店裡"), "店里");
        assert_eq!(fold("罰款標準"), "罚款标准");
        assert_eq!(fold("違規停車"), "违规停车");
        assert_eq!(fold("噪音擾民"), "噪音扰民");
    }

    #[test]
    fn leaves_simplified_text_ascii_and_ambiguous_characters_alone() {
        let text = "城市管理综合行政执法局 2026 abc 著名 瞭望";
        assert_eq!(fold(text), text);
    }

    #[test]
    fn folding_is_idempotent_over_the_whole_table() {
        for line in super::TABLE.lines().filter(|l| !l.starts_with('#')) {
            let from = line.chars().next().unwrap();
            let once = simplified(from);
            assert_ne!(once, from, "{line}");
            assert_eq!(simplified(once), once, "{line}");
        }
    }
}
