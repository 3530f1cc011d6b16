//! The `esql` command.

fn main() {}
