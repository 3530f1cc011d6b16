//! The bundled sample in `testdata/cloudtrail` is exactly what the documented command writes.

use cloudtrail_gen::{generate, Config};

const SAMPLE: &[u8] =
    include_bytes!("../../../testdata/cloudtrail/logs-aws.cloudtrail-default.ndjson");
const ANSWER: &str = include_str!("../../../testdata/cloudtrail/expected-hunt.json");

#[test]
fn bundled_sample_is_reproducible() {
    // testdata/README.md: --events 2000 --seed 1 --start 2024-05-01T00:00:00Z --days 10 --bursts 5 --sweeps 2
    let cfg = Config {
        events: 2_000,
        seed: 1,
        days: 10.0,
        bursts: 5,
        sweeps: Some(2),
        ..Config::default()
    };
    let mut bytes = Vec::new();
    let expected = generate(&cfg, &mut bytes).unwrap();
    assert!(
        bytes == SAMPLE,
        "the sample differs from the generator's output; regenerate it (testdata/README.md)"
    );
    assert_eq!(expected.to_json(), ANSWER);
    assert_eq!(
        cloudtrail_gen::time::format_ms(expected.now_ms),
        "2024-05-11T00:00:00.000Z"
    );
    assert_eq!(expected.rows.len(), 5);
}
