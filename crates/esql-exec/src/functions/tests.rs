//! Facts about the functions, many taken from Elasticsearch's csv-spec
//! tests (the conformance cases): (function, inputs, expected).

mod conformance_facts;
mod convert_facts;
mod date_facts;
mod digest_url_facts;
mod harness;
mod math_mv_facts;
mod misc_facts;
mod signature_facts;
mod string_facts;
