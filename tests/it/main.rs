//! The integration tests: one binary, data-driven vectors in `tests/data/`.

mod holidays;
mod vectors;
