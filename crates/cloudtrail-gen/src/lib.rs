//! Synthetic CloudTrail generator (placeholder).
