//! Fields Elastic's ingest pipelines fill at indexing time from services
//! that do not run offline: GeoIP and ASN lookups (`source.geo.*`,
//! `source.as.*`), user-agent parsing (`user_agent.*` but the original
//! string) and the ingest time (`event.created`). They are known columns
//! (the ECS table declares them), but documents converted offline never
//! have them, so a filter on one sees only nulls: the caller says so once
//! per query.

/// The pipeline step that fills `field`, when offline data never has it.
pub fn pipeline_only(field: &str) -> Option<&'static str> {
    if field.starts_with("source.geo.") {
        Some("GeoIP")
    } else if field.starts_with("source.as.") {
        Some("GeoIP's ASN database")
    } else if field.starts_with("user_agent.") && field != "user_agent.original" {
        Some("user-agent parsing")
    } else if field == "event.created" {
        Some("the time of ingestion")
    } else {
        None
    }
}

/// The notes for a query that filters on `filtered` fields, of which the
/// scanned indices showed `present` in their documents: one per
/// pipeline-only field no document has.
pub fn filter_notes(filtered: &[String], present: impl Fn(&str) -> bool) -> Vec<String> {
    let mut notes: Vec<String> = filtered
        .iter()
        .filter(|f| !present(f))
        .filter_map(|f| {
            pipeline_only(f).map(|step| {
                format!(
                    "no document has [{f}], which Elastic's ingest pipeline fills \
                     ({step}) and offline data never has: the filter sees it as null"
                )
            })
        })
        .collect();
    notes.dedup();
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_fields() {
        assert!(pipeline_only("source.geo.country_iso_code").is_some());
        assert!(pipeline_only("source.as.organization.name").is_some());
        assert!(pipeline_only("user_agent.name").is_some());
        assert!(pipeline_only("event.created").is_some());
        assert_eq!(pipeline_only("user_agent.original"), None);
        assert_eq!(pipeline_only("source.ip"), None);
        assert_eq!(pipeline_only("source.geography"), None);
    }

    #[test]
    fn notes_only_for_absent_pipeline_fields() {
        let filtered = vec![
            "source.geo.country_iso_code".to_string(),
            "source.ip".to_string(),
            "user_agent.name".to_string(),
        ];
        let notes = filter_notes(&filtered, |f| f == "user_agent.name");
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].starts_with("no document has [source.geo.country_iso_code]"),
            "{notes:?}"
        );
        assert!(filter_notes(&filtered, |_| true).is_empty());
    }
}
