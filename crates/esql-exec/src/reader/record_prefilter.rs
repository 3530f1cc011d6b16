//! The prefilter on raw CloudTrail records: a record whose text cannot
//! pass the leading filters is not converted at all (see
//! `esql_cloudtrail::record_field` for which fields allow it).

use memchr::memmem::Finder;

/// What a raw record's text must hold to be converted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordPrefilter {
    /// Every group must have one of its literals in the record's text.
    pub literals: Vec<Vec<String>>,
    /// Top-level members whose array would make a filtered field
    /// multi-valued (and the filter warn): a record with an array under
    /// one of these keys is always converted.
    pub array_keys: Vec<String>,
}

impl RecordPrefilter {
    /// True when the prefilter can skip records at all.
    pub fn is_active(&self) -> bool {
        !self.literals.is_empty()
    }
}

/// A [`RecordPrefilter`] compiled for searching.
pub struct RecordMatcher {
    groups: Vec<Vec<Finder<'static>>>,
    array_keys: Vec<Vec<u8>>,
}

impl RecordMatcher {
    /// The matcher of `prefilter`, or `None` when it skips nothing.
    pub fn new(prefilter: &RecordPrefilter) -> Option<RecordMatcher> {
        prefilter.is_active().then(|| RecordMatcher {
            groups: prefilter
                .literals
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|l| Finder::new(l.as_bytes()).into_owned())
                        .collect()
                })
                .collect(),
            array_keys: prefilter
                .array_keys
                .iter()
                .map(|k| k.as_bytes().to_vec())
                .collect(),
        })
    }

    /// True when the record must be converted: it has every group's
    /// literal, or a `\u` escape (which could spell one), or an array
    /// under one of the array keys.
    pub fn keeps(&self, record: &[u8]) -> bool {
        super::may_escape_a_literal(record)
            || self
                .groups
                .iter()
                .all(|g| g.iter().any(|f| f.find(record).is_some()))
            || self.has_array_under_key(record)
    }

    fn has_array_under_key(&self, record: &[u8]) -> bool {
        super::byte_scan::keys_of_arrays(record)
            .any(|key| self.array_keys.iter().any(|k| k.as_slice() == key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> RecordMatcher {
        RecordMatcher::new(&RecordPrefilter {
            literals: vec![vec!["GetServiceQuota".into()], vec!["servicequotas".into()]],
            array_keys: vec!["eventName".into()],
        })
        .unwrap()
    }

    #[test]
    fn a_record_needs_every_group() {
        let m = matcher();
        assert!(m.keeps(br#"{"eventName":"GetServiceQuota","eventSource":"servicequotas"}"#));
        assert!(!m.keeps(br#"{"eventName":"GetServiceQuota","eventSource":"ec2"}"#));
        assert!(!m.keeps(br#"{"eventName":"ListBuckets","eventSource":"s3","x":["a"]}"#));
    }

    #[test]
    fn escapes_and_arrays_of_filtered_members_keep_a_record() {
        let m = matcher();
        assert!(m.keeps(br#"{"eventName":"Get\u0053erviceQuota"}"#));
        assert!(m.keeps(br#"{"eventName" : ["ListBuckets", "x"]}"#));
    }

    #[test]
    fn no_literal_means_no_prefilter() {
        assert!(RecordMatcher::new(&RecordPrefilter::default()).is_none());
    }
}
