//! JSON docket text read strictly: a key given twice in one object is an
//! error, as it is in TOML (serde_json would keep the last one silently, so
//! `{"due": "2025-01-05", "due": "2025-02-05"}` would hide a date).

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;
use std::fmt;

use crate::error::{Error, Result};

/// Checks that no JSON object in `text` gives a key twice. The message
/// names the key, where it is (`obligations.brief`) and its line.
///
/// # Errors
/// A duplicate key, or JSON too malformed to walk (the parse that follows
/// gives the full message for the latter).
pub(crate) fn check_unique_keys(text: &str) -> Result<()> {
    let mut de = serde_json::Deserializer::from_str(text);
    Walk { path: "" }
        .deserialize(&mut de)
        .map_err(|e| Error::parse(e.to_string()))
}

/// Walks one JSON value; `path` is where it is (`""` at the top).
struct Walk<'p> {
    path: &'p str,
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            let path = format!("{}[{i}]", self.path);
            if seq.next_element_seed(Walk { path: &path })?.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                let inside = if self.path.is_empty() {
                    "the top-level object"
                } else {
                    self.path
                };
                return Err(de::Error::custom(format!(
                    "duplicate key \"{key}\" in {inside}"
                )));
            }
            let path = child(self.path, &key);
            seen.insert(key);
            map.next_value_seed(Walk { path: &path })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_given_twice_is_named_with_its_place() {
        assert!(check_unique_keys(r#"{"a": {"b": 1, "c": [1, {"d": 2}]}, "e": null}"#).is_ok());
        let e = check_unique_keys("{\"case\": {\"id\": \"a\",\n \"id\": \"b\"}}").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("duplicate key \"id\" in case at line 2"),
            "{e}"
        );
        let e = check_unique_keys(r#"{"case": 1, "case": 2}"#).unwrap_err();
        assert!(
            e.to_string()
                .contains("duplicate key \"case\" in the top-level object"),
            "{e}"
        );
        let e = check_unique_keys(r#"{"l": [{"x": 1, "x": 1}]}"#).unwrap_err();
        assert!(e.to_string().contains("\"x\" in l[0]"), "{e}");
        let e = check_unique_keys(r#"{"o": {"a.1": 1, "a.1": 2}}"#).unwrap_err();
        assert!(e.to_string().contains("\"a.1\" in o "), "{e}");
        // The same key in two objects is fine.
        assert!(check_unique_keys(r#"[{"x": 1}, {"x": 2}]"#).is_ok());
        // Deep nesting is refused by serde_json's recursion limit, not a
        // stack overflow.
        assert!(check_unique_keys(&"[".repeat(100_000)).is_err());
    }
}
