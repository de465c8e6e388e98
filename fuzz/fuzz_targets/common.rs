//! Shared by the targets: reading fuzz input as a docket file of either
//! format.

use docket::docket::Docket;

/// The input as a docket: JSON when it starts with `{` (after blanks),
/// TOML otherwise, as a file of that extension would be read.
pub fn docket_of(data: &[u8]) -> Option<Docket> {
    let text = std::str::from_utf8(data).ok()?;
    if text.trim_start().starts_with('{') {
        Docket::from_json_str(text).ok()
    } else {
        Docket::from_toml_str(text).ok()
    }
}
