//! The fuzz targets' checks (`fuzz/fuzz_targets/checks.rs`, included here)
//! on stable Rust: every input of the committed seed corpus
//! (`fuzz/corpus/<target>/`) and every failing input fuzzing found
//! (`tests/data/fuzz/`) goes through the checks of its target, so a fixed
//! failure stays fixed and the targets compile with the rest.

use std::path::Path;

#[path = "../../fuzz/fuzz_targets/checks.rs"]
#[allow(dead_code)]
mod checks;

/// The files of a folder under the crate's root, sorted.
fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "md"))
        .collect();
    files.sort();
    files
}

/// One target's check.
type Check = fn(&[u8]);

fn run(target: &str, check: Check, dirs: &[String]) -> usize {
    let mut n = 0;
    for dir in dirs {
        for f in files(dir) {
            let bytes = std::fs::read(&f).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&bytes));
            assert!(outcome.is_ok(), "{} fails the {target} checks", f.display());
            n += 1;
        }
    }
    n
}

#[test]
fn the_seed_corpus_and_every_fuzz_finding_pass_the_fuzz_checks() {
    let targets: [(&str, Check); 5] = [
        ("parse_toml", checks::parse_toml),
        ("parse_json", checks::parse_json),
        ("validate", checks::validate),
        ("schedule", checks::schedule),
        ("feed", checks::feed),
    ];
    for (target, check) in targets {
        let dirs = [
            format!("fuzz/corpus/{target}"),
            "tests/data/fuzz".to_string(),
        ];
        assert!(
            run(target, check, &dirs) >= 5,
            "the {target} corpus is missing"
        );
    }
}

#[test]
fn the_api_checks_take_extreme_arguments() {
    let base = checks::ApiInput::default();
    let extremes = [
        checks::ApiInput {
            rule_kind: 2,
            month: 12,
            year: i32::MAX,
            ..base.clone()
        },
        checks::ApiInput {
            rule_kind: 4,
            offset: i32::MIN,
            every: u32::MAX,
            year: i32::MIN,
            ..base.clone()
        },
        checks::ApiInput {
            rule_kind: 1,
            month: 1,
            n: 257,
            range: (i32::MAX, i32::MIN),
            amount: u32::MAX,
            trigger: i32::MAX,
            ..base.clone()
        },
        checks::ApiInput {
            rule_kind: 3,
            month: u32::MAX,
            closure: (i32::MIN, 0),
            closure_days: u16::MAX,
            unit: 5,
            time: (23, 59),
            before: true,
            text: "+2025-01-05".into(),
            ..base
        },
    ];
    for i in &extremes {
        checks::compute(i);
    }
}
