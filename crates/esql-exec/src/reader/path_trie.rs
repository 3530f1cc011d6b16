//! The wanted dotted paths of a scan as a trie of key segments, matched
//! against keys as they stand in the line.

/// A trie of the wanted paths, split at dots.
#[derive(Clone, Debug, Default)]
pub struct PathTrie {
    children: Vec<Child>,
    pub(super) slot: Option<usize>,
    /// The first bytes of the children's keys, as a bit set: a key
    /// starting with any other byte matches none of them.
    firsts: [u64; 4],
}

/// One key segment under a trie node.
#[derive(Clone, Debug)]
struct Child {
    key: Box<[u8]>,
    /// The key's first (up to) eight bytes, little-endian, zero-padded:
    /// most keys are compared with one word.
    head: u64,
    node: PathTrie,
}

/// The first (up to) eight bytes of `s`, little-endian, zero-padded.
#[inline]
fn head_of(s: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    for (d, &c) in w.iter_mut().zip(s) {
        *d = c;
    }
    u64::from_le_bytes(w)
}

impl PathTrie {
    /// A trie collecting `fields`, each into the slot of its position.
    #[cfg(test)]
    pub fn new<'a>(fields: impl IntoIterator<Item = &'a str>) -> PathTrie {
        Self::with_slots(fields.into_iter().enumerate())
    }

    /// A trie collecting each `(slot, field)` into its slot: fields left
    /// out are never read.
    pub fn with_slots<'a>(fields: impl IntoIterator<Item = (usize, &'a str)>) -> PathTrie {
        let mut root = PathTrie::default();
        for (i, f) in fields {
            let mut node = &mut root;
            for seg in f.split('.') {
                let at = match node.children.iter().position(|c| *c.key == *seg.as_bytes()) {
                    Some(at) => at,
                    None => {
                        if let Some(&c) = seg.as_bytes().first() {
                            if let Some(w) = node.firsts.get_mut(usize::from(c >> 6)) {
                                *w |= 1 << (c & 63);
                            }
                        }
                        node.children.push(Child {
                            key: seg.as_bytes().into(),
                            head: head_of(seg.as_bytes()),
                            node: PathTrie::default(),
                        });
                        node.children.len() - 1
                    }
                };
                node = match node.children.get_mut(at) {
                    Some(c) => &mut c.node,
                    None => return root,
                };
            }
            if node.slot.is_none() {
                node.slot = Some(i);
            }
        }
        root
    }

    /// True when some child's key starts with `c`.
    #[inline(always)]
    pub(super) fn may_start(&self, c: u8) -> bool {
        self.firsts
            .get(usize::from(c >> 6))
            .is_some_and(|w| w & (1 << (c & 63)) != 0)
    }

    /// The node reached from `self` by the dotted key `key`.
    pub(super) fn descend(&self, key: &[u8]) -> Option<&PathTrie> {
        self.descend_with(key, head_of(key))
    }

    /// Like [`Self::descend`], for the key `line[start..end]` (unescaped):
    /// its head word is read straight from the line when eight bytes are
    /// there.
    #[inline]
    pub(super) fn descend_at(&self, line: &[u8], start: usize, end: usize) -> Option<&PathTrie> {
        let key = line.get(start..end).unwrap_or_default();
        let head = match line.get(start..start + 8) {
            Some(w) => {
                let w = u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or_default());
                match key.len() {
                    n @ 0..=7 => w & ((1u64 << (n * 8)) - 1),
                    _ => w,
                }
            }
            None => head_of(key),
        };
        self.descend_with(key, head)
    }

    #[inline]
    fn descend_with(&self, key: &[u8], head: u64) -> Option<&PathTrie> {
        if key.is_empty() {
            return None;
        }
        // Segments hold no dots, so a plain key matches a child exactly;
        // only a key with dots (`"event.action"`) that starts with a child's
        // name and a dot walks several levels.
        for c in &self.children {
            if c.head == head && c.key.len() == key.len() && (key.len() <= 8 || *c.key == *key) {
                return Some(&c.node);
            }
        }
        let dotted = self.children.iter().any(|c| {
            !c.key.is_empty() && key.get(c.key.len()) == Some(&b'.') && key.starts_with(&c.key)
        });
        if !dotted {
            return None;
        }
        let mut node = self;
        for seg in key.split(|&b| b == b'.') {
            node = node
                .children
                .iter()
                .find(|c| *c.key == *seg)
                .map(|c| &c.node)?;
        }
        Some(node)
    }
}
