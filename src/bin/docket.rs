//! The `docket` command line.
fn main() {}
