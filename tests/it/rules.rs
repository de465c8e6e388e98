//! Rule packs: every worked example of the national packs, the vectors of
//! `tests/data/rule_vectors.toml`, lookup by citation, user packs (their
//! validation and precedence) and rule changes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use docket::calendar::{Calendar, RuleFamily};
use docket::compute::Service;
use docket::rules::{edition_changes, Pack, Precedence, RuleRequest, RuleSet};
use serde::Deserialize;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn calendar(court: &str) -> Calendar {
    if court == "federal" {
        Calendar::federal().unwrap()
    } else {
        Calendar::for_court(court).unwrap()
    }
}

fn national() -> RuleSet {
    RuleSet::national().unwrap()
}

#[test]
fn national_packs_hold_the_rules_a_clerk_sets_most() {
    let set = national();
    let count = |f: RuleFamily| set.rules().filter(|r| r.family == f).count();
    assert!(set.rules().count() >= 60, "{} rules", set.rules().count());
    assert!(count(RuleFamily::Civil) >= 30);
    assert!(count(RuleFamily::Bankruptcy) >= 15);
    assert!(count(RuleFamily::Appellate) >= 15);
    for id in [
        "frcp-12-a-1-A-i",
        "frcp-15-a-3",
        "frcp-14-a-1",
        "frcp-16-b-2-served",
        "frcp-26-a-1-C",
        "frcp-26-f-1",
        "frcp-33-b-2",
        "frcp-34-b-2-A",
        "frcp-36-a-3",
        "frcp-26-a-2-D-i",
        "frcp-26-a-3-B",
        "frcp-6-c-1",
        "frcp-6-c-2",
        "frcp-56-b",
        "frcp-50-b",
        "frcp-50-d",
        "frcp-52-b",
        "frcp-54-d-2-B",
        "frcp-59-b",
        "frcp-59-d",
        "frcp-59-e",
        "frcp-60-c-1",
        "frcp-62-a",
        "frap-4-a-1-A",
        "frap-4-a-1-B",
        "frap-4-a-5-A-i",
        "frap-4-b-1-A",
        "frap-5-b-2",
        "frap-10-b-1",
        "frap-11-b-1-B",
        "frap-12-b",
        "frap-30-a-3",
        "frap-31-a-1",
        "frap-31-a-1-appellee",
        "frap-31-a-1-reply",
        "frap-35-c",
        "frap-40-d-1",
        "frap-41-b",
        "frbp-1007-c-1",
        "frbp-2002-a",
        "frbp-3002-c",
        "frbp-3002-c-1",
        "frbp-3015-b-1",
        "frbp-4004-a-1",
        "frbp-4007-c",
        "frbp-8002-a-1",
        "frbp-9006-d-1",
        "frbp-9023",
        "frbp-9024",
    ] {
        assert!(set.rule(id).is_ok(), "missing {id}");
    }
}

#[test]
fn every_example_of_the_national_packs_computes_its_date() {
    let set = national();
    let mut failures = Vec::new();
    let mut n = 0;
    for rule in set.rules() {
        assert!(!rule.examples.is_empty(), "{} has no example", rule.id);
        for x in &rule.examples {
            n += 1;
            let mut req = RuleRequest::new(rule.id.clone(), x.trigger)
                .first_set(x.first_set)
                .service(x.service)
                .rules_as_of(x.rules_as_of)
                .explain(true);
            for f in &x.facts {
                req = req.fact(f.clone(), true);
            }
            match set.compute(&req, &calendar(&x.court)) {
                Ok(due) if due.due().due() == x.due => {
                    assert!(!due.reasons().is_empty());
                    assert!(due.explanation().len() > due.reasons().len());
                }
                Ok(due) => failures.push(format!(
                    "{} from {}: got {}, example says {} ({})\n    {}",
                    rule.id,
                    x.trigger,
                    due.due().due(),
                    x.due,
                    x.source,
                    due.explanation().join("\n    ")
                )),
                Err(e) => failures.push(format!("{} from {}: {e}", rule.id, x.trigger)),
            }
        }
    }
    assert!(n >= 150, "{n} examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[derive(Deserialize)]
struct Vectors {
    vector: Vec<Vector>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    source: String,
    rule: String,
    court: String,
    from: NaiveDate,
    first_set: Option<NaiveDate>,
    service: Option<String>,
    #[serde(default)]
    facts: Vec<String>,
    #[serde(default)]
    not_facts: Vec<String>,
    rules_as_of: Option<NaiveDate>,
    due: Option<NaiveDate>,
    applied: Option<String>,
    cite: Option<String>,
    #[serde(default)]
    explain: Vec<String>,
    error: Option<String>,
}

fn vectors() -> Vec<Vector> {
    let text = std::fs::read_to_string("tests/data/rule_vectors.toml").unwrap();
    toml::from_str::<Vectors>(&text).unwrap().vector
}

fn request(v: &Vector) -> RuleRequest {
    let service: Option<Service> = v.service.as_deref().map(|s| s.parse().unwrap());
    let mut req = RuleRequest::new(v.rule.clone(), v.from)
        .first_set(v.first_set)
        .service(service)
        .rules_as_of(v.rules_as_of)
        .explain(true);
    for f in &v.facts {
        req = req.fact(f.clone(), true);
    }
    for f in &v.not_facts {
        req = req.fact(f.clone(), false);
    }
    req
}

#[test]
fn rule_vectors() {
    let set = national();
    let vs = vectors();
    assert!(vs.len() >= 20);
    for v in &vs {
        assert!(!v.source.is_empty(), "{}", v.name);
        let got = set.compute(&request(v), &calendar(&v.court));
        match (&v.error, got) {
            (Some(want), Err(e)) => {
                assert!(e.to_string().contains(want.as_str()), "{}: {e}", v.name)
            }
            (Some(want), Ok(due)) => panic!(
                "{}: expected an error ({want}), got {}",
                v.name,
                due.due().due()
            ),
            (None, Err(e)) => panic!("{}: {e}", v.name),
            (None, Ok(due)) => {
                let text = due.explanation().join("\n");
                assert_eq!(Some(due.due().due()), v.due, "{}\n{text}", v.name);
                if let Some(a) = &v.applied {
                    assert_eq!(due.rule(), a, "{}", v.name);
                }
                if let Some(c) = &v.cite {
                    assert_eq!(due.cite(), c, "{}", v.name);
                }
                for s in &v.explain {
                    assert!(text.contains(s.as_str()), "{}: no {s:?} in\n{text}", v.name);
                }
            }
        }
    }
}

/// Each edition that set a new period is exercised by a worked example or a
/// vector whose date falls in it.
#[test]
fn every_change_of_period_has_a_worked_example_on_each_side() {
    let set = national();
    let vs = vectors();
    let mut missing = Vec::new();
    for rule in set.rules() {
        // Runs of consecutive editions with the same period.
        let mut i = 0;
        while i < rule.editions.len() {
            let period = rule.editions[i].period;
            let start = rule.editions[i].from;
            let mut j = i + 1;
            while j < rule.editions.len() && rule.editions[j].period == period {
                j += 1;
            }
            let until = rule.editions.get(j).and_then(|n| n.from);
            let within =
                |date: NaiveDate| start.is_none_or(|f| f <= date) && until.is_none_or(|u| date < u);
            if let Some(period) = period {
                let by_example = rule
                    .examples
                    .iter()
                    .any(|x| within(x.rules_as_of.unwrap_or(x.first_set.unwrap_or(x.trigger))));
                let by_vector = vs.iter().any(|v| {
                    v.rule == rule.id
                        && v.error.is_none()
                        && within(v.rules_as_of.unwrap_or(v.first_set.unwrap_or(v.from)))
                });
                if !by_example && !by_vector {
                    missing.push(format!("{} edition {} ({period})", rule.id, i + 1));
                }
            }
            i = j;
        }
    }
    assert!(missing.is_empty(), "no example for: {missing:?}");
}

#[test]
fn rules_are_found_by_their_citation() {
    let set = national();
    let first = |q: &str| {
        set.search(q)
            .first()
            .map(|r| r.id.clone())
            .unwrap_or_default()
    };
    let all = |q: &str| {
        set.search(q)
            .iter()
            .map(|r| r.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(first("Fed. R. Civ. P. 12(a)(1)(A)(i)"), "frcp-12-a-1-A-i");
    assert_eq!(first("FRCP 12(a)(1)(A)(i)"), "frcp-12-a-1-A-i");
    assert_eq!(first("12(a)"), "frcp-12-a-1-A-i");
    assert!(all("12(a)").contains(&"frcp-12-a-4-B".to_string()));
    assert!(!all("12(a)").contains(&"frcp-12-f".to_string()));
    assert_eq!(first("Rule 59"), "frcp-59-b");
    assert_eq!(first("Fed. R. Civ. P. 59(e)"), "frcp-59-e");
    assert_eq!(first("FRCP 59(b)"), "frcp-59-b");
    assert_eq!(first("4004"), "frbp-4004-a-1");
    assert_eq!(first("Fed. R. Bankr. P. 4004(a)"), "frbp-4004-a-1");
    assert_eq!(first("FRBP 4007(c)"), "frbp-4007-c");
    assert_eq!(first("FRBP 8002(a)"), "frbp-8002-a-1");
    assert_eq!(first("Fed. R. App. P. 4(a)(1)(A)"), "frap-4-a-1-A");
    assert_eq!(first("FRAP 4(a)(1)(B)"), "frap-4-a-1-B");
    // An older citation leads to the rule.
    assert_eq!(first("Fed. R. App. P. 40(a)(1)"), "frap-40-d-1");
    assert_eq!(first("Fed. R. Bankr. P. 4001(a)(3)"), "frbp-4001-a-4");
    // The family prefix keeps to that family: Civil Rule 4 is not FRAP 4.
    assert!(all("Fed. R. Civ. P. 4")
        .iter()
        .all(|id| id.starts_with("frcp-")));
    assert!(all("FRAP 4").iter().all(|id| id.starts_with("frap-")));
    // "12" is not "120" or "1.2".
    assert!(all("Rule 1").iter().all(|id| !id.contains("-12-")));
    // Ids and words.
    assert_eq!(first("frcp-59-e"), "frcp-59-e");
    assert!(all("frcp-59").len() >= 4);
    assert!(all("proof of claim").contains(&"frbp-3002-c".to_string()));
    assert!(all("rehearing en banc").contains(&"frap-35-c".to_string()));
    assert!(set.search("no such words anywhere").is_empty());
}

const LOCAL: &str = r#"
[pack]
id = "sdny-local"
title = "Local rules (example)"
family = "civil"

[triggers.close-of-discovery]
description = "the close of all discovery"

[[rule]]
id = "local-56-b"
cite = "Local Civ. R. 56 (example)"
title = "Summary judgment motion (local rule)"
text = "Motions for summary judgment must be filed within 60 days after the close of discovery."
trigger = "close-of-discovery"
overrides = "frcp-56-b"

[[rule.edition]]
period = "60 days"
"#;

#[test]
fn a_user_pack_prevails_over_the_national_rule_it_overrides() {
    let local = Pack::from_toml(LOCAL, "local.toml", false).unwrap();
    let set = national().with_pack(local).unwrap();
    assert_eq!(set.packs()[0].id, "sdny-local");
    let cal = calendar("nysd");
    let req = RuleRequest::new("frcp-56-b", d("2025-06-30"));
    let due = set.compute(&req, &cal).unwrap();
    // June 30 + 60 = Aug. 29, 2025 (a Friday).
    assert_eq!(due.due().due(), d("2025-08-29"));
    assert_eq!(due.rule(), "local-56-b");
    assert_eq!(due.requested(), "frcp-56-b");
    assert_eq!(due.precedence(), Precedence::UserPack);
    assert!(
        due.reasons()
            .iter()
            .any(|r| r.contains("prevails over Fed. R. Civ. P. 56(b)")),
        "{:?}",
        due.reasons()
    );
    // Without the user pack, the national rule: 30 days (July 30).
    let due = national().compute(&req, &cal).unwrap();
    assert_eq!(due.due().due(), d("2025-07-30"));
    assert_eq!(due.precedence(), Precedence::National);
}

#[test]
fn pack_errors_name_the_file_the_rule_and_the_field() {
    let bad = r#"
[pack]
id = "local"
title = "Local"
family = "civil"

[triggers.hearing]
description = "the hearing"

[[rule]]
id = "l-1"
cite = "L.R. 1"
title = "One"
text = "..."
trigger = "heaaring"
direction = "sideways"
conditions = { us_party = true }

[[rule.edition]]
period = "two weeks"

[[rule.edition]]
period = "14 days"

[[rule]]
id = "l-1"
cite = "L.R. 2"
title = "Two"
text = "..."
trigger = "hearing"

[[rule.edition]]
from = 2020-01-01
period = "7 days"

[[rule.edition]]
from = 2019-01-01
period = "8 days"
"#;
    let e = Pack::from_toml(bad, "local.toml", false).unwrap_err();
    let all = e.problems().join("\n");
    for want in [
        "local.toml: rule \"l-1\": trigger: unknown trigger kind \"heaaring\"",
        "local.toml: rule \"l-1\": direction: \"sideways\"",
        "local.toml: rule \"l-1\": conditions: unknown condition \"us_party\"",
        "local.toml: rule \"l-1\": edition 1: period: \"two weeks\" is not a period",
        "local.toml: rule \"l-1\": edition 2: from is missing",
        "local.toml: rule \"l-1\": id is used twice",
        "local.toml: rule \"l-1\": edition 2: from 2019-01-01 is not after",
    ] {
        assert!(all.contains(want), "no {want:?} in\n{all}");
    }
    // Unknown fields and TOML errors name the file and the line.
    let e = Pack::from_toml(
        "[pack]\nid = \"x\"\ntitle = \"x\"\nfamily = \"civil\"\nsauce = 1\n",
        "x.toml",
        false,
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("x.toml: "), "{e}");
    assert!(e.to_string().contains("sauce"), "{e}");
    // A user pack may not reuse a national id or override an unknown rule.
    let dup = LOCAL.replace("local-56-b", "frcp-59-e");
    let e = national()
        .with_pack(Pack::from_toml(&dup, "dup.toml", false).unwrap())
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("dup.toml: rule \"frcp-59-e\": id is already used by pack \"frcp\""),
        "{e}"
    );
    let orphan = LOCAL.replace("overrides = \"frcp-56-b\"", "overrides = \"frcp-99\"");
    let e = national()
        .with_pack(Pack::from_toml(&orphan, "o.toml", false).unwrap())
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("o.toml: rule \"local-56-b\": overrides names unknown rule \"frcp-99\""),
        "{e}"
    );
    // Loading a file: a missing file, and one too large.
    let e = Pack::load("tests/data/no-such-pack.toml").unwrap_err();
    assert!(
        e.to_string().contains("tests/data/no-such-pack.toml"),
        "{e}"
    );
}

#[test]
fn pack_files_load_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("local.toml");
    std::fs::write(&path, LOCAL).unwrap();
    let pack = Pack::load(&path).unwrap();
    assert_eq!(pack.rules.len(), 1);
    assert!(!pack.national);
    let big = dir.path().join("big.toml");
    std::fs::write(&big, vec![b'#'; 2 * 1024 * 1024]).unwrap();
    let e = Pack::load(&big).unwrap_err();
    assert!(e.to_string().contains("at most"), "{e}");
}

#[test]
fn later_editions_say_what_a_change_does_to_a_deadline() {
    let set = national();
    let cal = calendar("nysd");
    // A judgment entered Friday, Nov. 20, 2009: 10 days under the old rule
    // (Dec. 7, weekends and Thanksgiving left out); the Dec. 1, 2009 edition
    // would give 28 days (Dec. 18).
    let req = RuleRequest::new("frcp-59-b", d("2009-11-20"));
    let changes = set.later_editions(&req, &cal).unwrap();
    assert_eq!(changes.len(), 1);
    let c = &changes[0];
    assert_eq!(
        c.message,
        "as of Dec. 1, 2009 this period became 28 days (was 10 days)"
    );
    assert_eq!(c.due_before, Some(d("2009-12-07")));
    assert_eq!(c.due_after, Some(d("2009-12-18")));
    // A deadline under today's rules has no later edition.
    let req = RuleRequest::new("frcp-59-b", d("2025-03-03"));
    assert!(set.later_editions(&req, &cal).unwrap().is_empty());
    // FRCP 62(a) changed twice.
    let req = RuleRequest::new("frcp-62-a", d("2009-04-01"));
    let msgs: Vec<String> = set
        .later_editions(&req, &cal)
        .unwrap()
        .into_iter()
        .map(|c| c.message)
        .collect();
    assert_eq!(
        msgs,
        [
            "as of Dec. 1, 2009 this period became 14 days (was 10 days)",
            "as of Dec. 1, 2018 this period became 30 days (was 14 days)"
        ]
    );
}

#[test]
fn edition_changes_list_what_took_effect_on_a_date() {
    let set = national();
    let dec_2009 = edition_changes(&set, d("2009-12-01"), d("2009-12-01"));
    assert!(dec_2009.len() >= 40, "{}", dec_2009.len());
    assert!(dec_2009.iter().all(|c| c.from == d("2009-12-01")));
    let msg = |id: &str| {
        dec_2009
            .iter()
            .find(|c| c.rule == id)
            .map(|c| c.message.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        msg("frcp-12-a-1-A-i"),
        "as of Dec. 1, 2009 this period became 21 days (was 20 days)"
    );
    assert_eq!(
        msg("frcp-6-c-2"),
        "as of Dec. 1, 2009 this period became 7 days (was 1 day)"
    );
    let dec_2024 = edition_changes(&set, d("2024-12-01"), d("2024-12-01"));
    assert!(dec_2024
        .iter()
        .any(|c| c.rule == "frap-35-c" && c.message.contains("abrogated")));
    assert!(dec_2024
        .iter()
        .any(|c| c.rule == "frap-40-d-1" && c.message.contains("became Fed. R. App. P. 40(d)(1)")));
    assert!(edition_changes(&set, d("2011-01-01"), d("2011-11-30")).is_empty());
}

#[cfg(feature = "cli")]
mod cli {
    use super::LOCAL;
    use std::process::{Command, Output};

    fn docket(args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_docket"))
            .args(args)
            .output()
            .unwrap()
    }

    fn out(o: &Output) -> String {
        String::from_utf8(o.stdout.clone()).unwrap()
    }

    #[test]
    fn rules_lists_and_searches_as_json() {
        let o = docket(&["rules", "12(a)", "--json"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let list = v.as_array().unwrap();
        assert_eq!(list[0]["id"], "frcp-12-a-1-A-i");
        assert_eq!(list[0]["cite"], "Fed. R. Civ. P. 12(a)(1)(A)(i)");
        assert_eq!(list[0]["period"], "21 days");
        assert_eq!(list[0]["trigger"], "service-of-summons");
        assert!(list[0]["editions"].as_array().unwrap().len() >= 2);
        let o = docket(&["rules", "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(v.as_array().unwrap().len() >= 60);
        // The table: one rule per line with its citation and period.
        let o = docket(&["rules", "Rule 59"]);
        let text = out(&o);
        assert!(
            text.contains("frcp-59-b") && text.contains("28 days after"),
            "{text}"
        );
        let o = docket(&["rules", "nothing matches this"]);
        assert!(!o.status.success());
    }

    #[test]
    fn rules_show_prints_a_rule_with_its_editions() {
        let o = docket(&["rules", "show", "frcp-59-b"]);
        let text = out(&o);
        assert!(o.status.success());
        assert!(text.contains("Fed. R. Civ. P. 59(b)"), "{text}");
        assert!(text.contains("10 days"), "{text}");
        assert!(text.contains("28 days"), "{text}");
        assert!(text.contains("example"), "{text}");
        let o = docket(&["rules", "show", "frcp-59-b", "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["id"], "frcp-59-b");
        let o = docket(&["rules", "show", "frcp-59"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean"));
    }

    /// `docket ARGS` with the arguments split on spaces.
    fn run(args: &str) -> Output {
        docket(&args.split(' ').collect::<Vec<_>>())
    }

    #[test]
    fn due_computes_a_rule() {
        let first = |args: &str| {
            let o = run(args);
            assert!(
                o.status.success(),
                "{args}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            out(&o).lines().next().unwrap_or_default().to_string()
        };
        assert_eq!(
            first("due --court nysd --rule frcp-59-e --from 2025-03-03"),
            "2025-03-31"
        );
        // The 2008 edition, counted under the 2008 rules.
        let text = out(&run(
            "due --court nysd --rule frcp-59-e --from 2008-03-03 --explain",
        ));
        assert_eq!(text.lines().next(), Some("2008-03-17"));
        assert!(text.contains("10 days"), "{text}");
        assert!(
            text.contains("before the Dec. 1, 2009 amendments"),
            "{text}"
        );
        // Conditions: a United States party (the README shows this output).
        assert_eq!(
            out(&run("due --court ca2 --rule frap-4-a-1-A --from 2025-03-03 --us-party")),
            "2025-05-02\nrule: Fed. R. App. P. 4(a)(1)(B) (frap-4-a-1-B): 60 days after entry of the judgment or order appealed from; counted from 2025-03-03\n"
        );
        assert_eq!(
            first(
                "due --court nysd --rule frcp-12-a-1-A-i --from 2025-03-03 --if waiver --if abroad"
            ),
            "2025-06-02"
        );
        assert_eq!(
            first("due --court ca2 --rule frap-4-a-1-B --from 2025-03-03 --if us_party=no"),
            "2025-04-02"
        );
        // Service, the first date set, and a replay under other rules.
        assert_eq!(
            first("due --court nysd --rule frcp-33-b-2 --from 2025-03-10 --service mail"),
            "2025-04-14"
        );
        assert_eq!(
            first("due --court nysb --rule frbp-4004-a-1 --from 2024-03-05 --first-set 2024-02-20"),
            "2024-04-22"
        );
        assert_eq!(
            first("due --court nysd --rule frcp-59-b --from 2009-11-20 --rules-as-of 2009-12-01"),
            "2009-12-18"
        );
        // JSON carries the rule.
        let o = run("due --court nysd --rule frcp-59-e --from 2025-03-03 --json");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["due"], "2025-03-31");
        assert_eq!(v["rule"]["id"], "frcp-59-e");
        assert_eq!(v["rule"]["cite"], "Fed. R. Civ. P. 59(e)");
        assert_eq!(v["rule"]["period"], "28 days");
        assert_eq!(v["rule"]["precedence"], "national");
        // Refused: a period flag with --rule, an unknown rule, rule flags
        // without --rule, --before with --rule, service days after a judgment.
        for (args, says) in [
            (
                "due --court nysd --rule frcp-59-e --from 2025-03-03 --days 3",
                "cannot be used with",
            ),
            (
                "due --court nysd --rule frcp-5 --from 2025-03-03",
                "unknown rule",
            ),
            (
                "due --court ca2 --days 3 --from 2025-03-03 --us-party",
                "--us-party is used only with --rule",
            ),
            (
                "due --court nysd --rule frcp-59-e --from 2025-03-03 --before",
                "--before does not go with --rule",
            ),
            (
                "due --court nysd --rule frcp-59-e --from 2025-03-03 --service mail",
                "do not apply",
            ),
            (
                "due --court nysd --rule frcp-59-e --from 2025-03-03 --if waiver=maybe",
                "NAME=yes or NAME=no",
            ),
        ] {
            let o = run(args);
            assert_eq!(o.status.code(), Some(2), "{args}");
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(err.contains(says), "{args}: {err}");
        }
    }

    #[test]
    fn due_with_a_user_pack() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("local.toml");
        std::fs::write(&path, LOCAL).unwrap();
        let p = path.to_str().unwrap();
        let o = docket(&[
            "due",
            "--court",
            "nysd",
            "--rule",
            "frcp-56-b",
            "--from",
            "2025-06-30",
            "--pack",
            p,
            "--explain",
        ]);
        let text = out(&o);
        assert_eq!(text.lines().next(), Some("2025-08-29"), "{text}");
        assert!(text.contains("prevails over"), "{text}");
        let o = docket(&["rules", "local", "--pack", p, "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v[0]["id"], "local-56-b");
    }

    #[test]
    fn schedule_replays_and_reports_rule_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("case.toml");
        std::fs::write(
            &file,
            "[case]\nid = \"acme\"\ncourt = \"nysd\"\n[events.judgment]\ntitle = \"Judgment entered\"\ndate = \"2009-11-20\"\nrules = \"post-judgment\"\n",
        )
        .unwrap();
        let f = file.to_str().unwrap();
        let o = docket(&["schedule", f, "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let due = |v: &serde_json::Value, ob: &str| {
            v["deadlines"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["obligation"] == ob)
                .map(|d| d["due"].as_str().unwrap().to_string())
                .unwrap()
        };
        assert_eq!(due(&v, "judgment.frcp-59-e"), "2009-12-07");
        let o = docket(&["schedule", f, "--json", "--rules-as-of", "2009-12-01"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(due(&v, "judgment.frcp-59-e"), "2009-12-18");
        let o = docket(&["schedule", f, "--rule-changes", "--json"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let c = v
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["deadline"] == "acme/judgment.frcp-59-e/1")
            .unwrap();
        assert_eq!(
            c["message"],
            "as of Dec. 1, 2009 this period became 28 days (was 10 days)"
        );
        assert_eq!(c["due_before"], "2009-12-07");
        assert_eq!(c["due_after"], "2009-12-18");
        let text = out(&docket(&["schedule", f, "--rule-changes"]));
        assert!(
            text.contains("acme/judgment.frcp-59-e/1  due 2009-12-07: as of Dec. 1, 2009"),
            "{text}"
        );
    }

    #[test]
    fn rules_changes_lists_editions() {
        let o = docket(&[
            "rules",
            "changes",
            "--from",
            "2018-12-01",
            "--to",
            "2018-12-01",
            "--json",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let ids: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["rule"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&"frcp-62-a"), "{ids:?}");
        assert!(ids.contains(&"frap-31-a-1-reply"), "{ids:?}");
    }
}

#[test]
fn the_rules_page_lists_every_rule() {
    let docs = std::fs::read_to_string("docs/rules.md").unwrap();
    let set = national();
    let n = set.rules().count();
    assert!(
        docs.contains(&format!("{n} rules")),
        "docs/rules.md should say {n} rules"
    );
    let examples: usize = set.rules().map(|r| r.examples.len()).sum();
    assert!(
        docs.contains(&format!("({examples} in all)")),
        "docs/rules.md should say {examples} examples"
    );
    for r in set.rules() {
        assert!(
            docs.contains(&format!("| `{}` | {} |", r.id, r.cite)),
            "{} is not listed in docs/rules.md",
            r.id
        );
    }
}

mod dockets {
    use super::{d, LOCAL};
    use docket::docket::{Change, Docket, EventTime, ScheduleOptions};

    fn docket(text: &str) -> Docket {
        Docket::from_toml_str(text).unwrap()
    }

    fn due_of(s: &docket::docket::Schedule, obligation: &str) -> String {
        s.deadlines
            .iter()
            .find(|x| x.obligation == obligation)
            .map(|x| x.due.to_string())
            .unwrap_or_else(|| panic!("no deadline {obligation}"))
    }

    const CIVIL: &str = r#"
[case]
id = "acme"
court = "nysd"

[events.judgment]
title = "Judgment entered"
date = "2025-03-03"
rules = "post-judgment"

[obligations.new-trial]
title = "Motion for a new trial"
due = { rule = "frcp-59-b", after = "judgment" }
"#;

    #[test]
    fn an_event_brings_its_set_and_an_obligation_cites_a_rule() {
        let s = docket(CIVIL).schedule(&ScheduleOptions::new()).unwrap();
        // Judgment Monday, Mar. 3, 2025: 28 days (Mar. 31) for Rules 50(b),
        // 52(b), 59(b) and (e); 14 days (Mar. 17) for 54(d)(2)(B); 30 days
        // (Apr. 2) for the notice of appeal and the Rule 62(a) stay; one
        // year (Mar. 3, 2026, a Tuesday) for Rule 60(c)(1).
        assert_eq!(due_of(&s, "new-trial"), "2025-03-31");
        assert_eq!(due_of(&s, "judgment.frcp-59-e"), "2025-03-31");
        assert_eq!(due_of(&s, "judgment.frcp-50-b"), "2025-03-31");
        assert_eq!(due_of(&s, "judgment.frcp-52-b"), "2025-03-31");
        assert_eq!(due_of(&s, "judgment.frcp-54-d-2-b"), "2025-03-17");
        assert_eq!(due_of(&s, "judgment.frcp-62-a"), "2025-04-02");
        assert_eq!(due_of(&s, "judgment.frap-4-a-1-a"), "2025-04-02");
        assert_eq!(due_of(&s, "judgment.frcp-60-c-1"), "2026-03-03");
        // The United States variant is not added: the facts choose it.
        assert!(s
            .deadlines
            .iter()
            .all(|x| x.obligation != "judgment.frap-4-a-1-b"));
        let dl = s
            .deadlines
            .iter()
            .find(|x| x.obligation == "judgment.frcp-59-e")
            .unwrap();
        assert_eq!(dl.id, "acme/judgment.frcp-59-e/1");
        assert_eq!(dl.title, "Motion to alter or amend a judgment");
        assert_eq!(dl.cite.as_deref(), Some("Fed. R. Civ. P. 59(e)"));
        assert_eq!(dl.rule.as_deref(), Some("frcp-59-e"));
        assert_eq!(dl.basis, "Fed. R. Civ. P. 59(e): 28 days after judgment");
        let text = dl.explain.join("\n");
        for want in [
            "Fed. R. Civ. P. 59(e): 28 days after Judgment entered (\"judgment\", on 2025-03-03), the national rule",
            "period in force on Mar. 3, 2025: 28 days after entry of the judgment (since Dec. 1, 2009; history: 10 days before Dec. 1, 2009; 28 days since Dec. 1, 2009)",
            "counted 28 days after 2025-03-03",
        ] {
            assert!(text.contains(want), "no {want:?} in\n{text}");
        }
        // JSON names the rule.
        let v = serde_json::to_value(&s).unwrap();
        let j = v["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["obligation"] == "new-trial")
            .unwrap();
        assert_eq!(j["rule"], "frcp-59-b");
        assert_eq!(j["cite"], "Fed. R. Civ. P. 59(b)");
    }

    #[test]
    fn moving_the_judgment_moves_what_it_brought() {
        let base = docket(CIVIL);
        let moved = base
            .with_change(Change::move_event(
                d("2025-03-05"),
                "Amended judgment",
                "judgment",
                EventTime::Date(d("2025-03-10")),
            ))
            .unwrap();
        let s = moved.schedule(&ScheduleOptions::new()).unwrap();
        // Mar. 10 + 28 = Apr. 7.
        assert_eq!(due_of(&s, "judgment.frcp-59-e"), "2025-04-07");
        assert_eq!(due_of(&s, "new-trial"), "2025-04-07");
    }

    #[test]
    fn the_2009_amendments_and_a_replay() {
        let text = CIVIL.replace("2025-03-03", "2009-11-20");
        let checked = docket(&text).check().unwrap();
        let s = checked.schedule(&ScheduleOptions::new()).unwrap();
        // Friday, Nov. 20, 2009: 10 days under the old rules, weekends and
        // Thanksgiving left out (Dec. 7).
        assert_eq!(due_of(&s, "new-trial"), "2009-12-07");
        // The same docket replayed under the rules in force on Dec. 1, 2009:
        // 28 days (Dec. 18).
        let replay = checked
            .clone()
            .rules_as_of(Some(d("2009-12-01")))
            .schedule(&ScheduleOptions::new())
            .unwrap();
        assert_eq!(due_of(&replay, "new-trial"), "2009-12-18");
        // Which open deadlines a later edition changes.
        let changes = checked.rule_changes(&ScheduleOptions::new()).unwrap();
        let (id, c) = changes
            .iter()
            .find(|(id, _)| id == "acme/new-trial/1")
            .unwrap();
        assert_eq!(id, "acme/new-trial/1");
        assert_eq!(
            c.message,
            "as of Dec. 1, 2009 this period became 28 days (was 10 days)"
        );
        assert_eq!(c.due_before, Some(d("2009-12-07")));
        assert_eq!(c.due_after, Some(d("2009-12-18")));
        assert!(changes
            .iter()
            .any(|(id, _)| id == "acme/judgment.frcp-62-a/1"));
        // The Dec. 1, 2018 edition of Rule 62(a) came after the deadline.
        assert!(!changes.iter().any(|(_, c)| c.from == d("2018-12-01")));
        // Today's rules: nothing to report.
        let now = docket(CIVIL).check().unwrap();
        assert!(now
            .rule_changes(&ScheduleOptions::new())
            .unwrap()
            .is_empty());
    }

    const CH7: &str = r#"
[case]
id = "debtor"
court = "nysb"

[events.meeting]
title = "Section 341(a) meeting of creditors"
date = "2024-02-20"

[obligations.discharge-objection]
title = "Complaint objecting to discharge"
due = { rule = "frbp-4004-a-1", after = "meeting" }

[obligations.exemption-objection]
title = "Objection to exemptions"
due = { rule = "frbp-4003-b-1", after = "meeting" }

[[changes]]
on = "2024-02-16"
by = "Trustee's notice of adjournment"
move = "meeting"
to = "2024-03-05"
"#;

    #[test]
    fn a_continued_meeting_does_not_move_a_first_date_set_deadline() {
        let s = docket(CH7).schedule(&ScheduleOptions::new()).unwrap();
        // 60 days after Feb. 20 (first date set) is Sat., Apr. 20: Apr. 22.
        assert_eq!(due_of(&s, "discharge-objection"), "2024-04-22");
        // 30 days after the meeting held Mar. 5: Apr. 4.
        assert_eq!(due_of(&s, "exemption-objection"), "2024-04-04");
        let dl = s
            .deadlines
            .iter()
            .find(|x| x.obligation == "discharge-objection")
            .unwrap();
        assert!(dl
            .explain
            .join("\n")
            .contains("the rule counts from the first date set"));
        // Written after the continuance, with first_set on the event.
        let text = CH7
            .replace(
                "date = \"2024-02-20\"",
                "date = \"2024-03-05\"\nfirst_set = \"2024-02-20\"",
            )
            .split("[[changes]]")
            .next()
            .unwrap()
            .to_string();
        let s = docket(&text).schedule(&ScheduleOptions::new()).unwrap();
        assert_eq!(due_of(&s, "discharge-objection"), "2024-04-22");
        assert_eq!(due_of(&s, "exemption-objection"), "2024-04-04");
    }

    #[test]
    fn facts_orders_and_user_packs_in_a_docket() {
        // A United States party: 60 days to appeal (May 2).
        let text = format!("{CIVIL}\n[rules]\nfacts = [\"us_party\"]\n");
        let s = docket(&text).schedule(&ScheduleOptions::new()).unwrap();
        assert_eq!(due_of(&s, "judgment.frap-4-a-1-a"), "2025-05-02");
        let dl = s
            .deadlines
            .iter()
            .find(|x| x.obligation == "judgment.frap-4-a-1-a")
            .unwrap();
        assert_eq!(dl.rule.as_deref(), Some("frap-4-a-1-B"));
        assert_eq!(dl.cite.as_deref(), Some("Fed. R. App. P. 4(a)(1)(B)"));
        // An order in the case prevails over the rule.
        let text = format!(
            "{CIVIL}\n[rules]\norders = [{{ rule = \"frcp-59-b\", period = \"35 days\", by = \"Order of Mar. 4, 2025 (Dkt. 40)\" }}]\n"
        );
        let s = docket(&text).schedule(&ScheduleOptions::new()).unwrap();
        // Mar. 3 + 35 = Apr. 7.
        assert_eq!(due_of(&s, "new-trial"), "2025-04-07");
        let dl = s
            .deadlines
            .iter()
            .find(|x| x.obligation == "new-trial")
            .unwrap();
        let why = dl.explain.join("\n");
        assert!(
            why.contains("Order of Mar. 4, 2025 (Dkt. 40) (an order in the case) sets 35 days: it prevails over Fed. R. Civ. P. 59(b) (28 days, the national rule)"),
            "{why}"
        );
        // A local rule from a pack next to the docket file prevails over
        // the national rule.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("local.toml"), LOCAL).unwrap();
        let file = dir.path().join("case.toml");
        std::fs::write(
            &file,
            r#"
[case]
id = "acme"
court = "nysd"
[rules]
packs = ["local.toml"]
[events.discovery-close]
title = "Close of discovery"
date = "2025-06-30"
[obligations.sj]
title = "Summary judgment motion"
due = { rule = "frcp-56-b", after = "discovery-close" }
"#,
        )
        .unwrap();
        let s = Docket::load(&file)
            .unwrap()
            .schedule(&ScheduleOptions::new())
            .unwrap();
        assert_eq!(due_of(&s, "sj"), "2025-08-29");
        let dl = &s.deadlines[0];
        assert_eq!(dl.rule.as_deref(), Some("local-56-b"));
        assert!(dl
            .explain
            .join("\n")
            .contains("prevails over Fed. R. Civ. P. 56(b)"));
    }

    #[test]
    fn rule_references_are_validated() {
        let bad = r#"
[case]
id = "x"
court = "nysd"
[events.hearing]
title = "Hearing"
date = "2025-06-20"
rules = "no-such-set"
[obligations.a]
title = "A"
due = { rule = "frcp-6-c-1", after = "hearing" }
[obligations.b]
title = "B"
due = { rule = "frcp-99", after = "hearing" }
[obligations.c]
title = "C"
due = { rule = "frcp-6-c-2", before = "hearing", roll = "forward", facts = ["rich"] }
[obligations.d]
title = "D"
due = { days = 3, rule = "frcp-6-c-2", before = "hearing" }
"#;
        let e = docket(bad).check().unwrap_err();
        let all = e.problems().join("\n");
        assert!(
            all.contains("obligation \"d\": due gives a period and a rule"),
            "{all}"
        );
        // The structural problem is reported first; fix it to see the rest.
        let bad = bad.replace("days = 3, ", "");
        let e = docket(&bad).check().unwrap_err();
        let all = e.problems().join("\n");
        assert!(
            all.contains("event \"hearing\": rules: unknown set \"no-such-set\""),
            "{all}"
        );
        let bad = bad.replace("rules = \"no-such-set\"\n", "");
        let e = docket(&bad).check().unwrap_err();
        let all = e.problems().join("\n");
        for want in [
            "obligation \"a\": due.rule: Fed. R. Civ. P. 6(c)(1) counts before its trigger: write `before = \"hearing\"`, not `after`",
            "obligation \"b\": due.rule: unknown rule \"frcp-99\"",
            "obligation \"c\": due.roll does not go with `rule`",
            "obligation \"c\": due.facts: unknown condition \"rich\"",
        ] {
            assert!(all.contains(want), "no {want:?} in\n{all}");
        }
        // A set that would reuse an id.
        let clash = format!(
            "{CIVIL}\n[obligations.\"judgment.frcp-59-e\"]\ntitle = \"x\"\ndue = \"2025-04-01\"\n"
        );
        let e = docket(&clash).check().unwrap_err();
        assert!(
            e.to_string()
                .contains("adds obligation \"judgment.frcp-59-e\", an id already used"),
            "{e}"
        );
        // A rule not in force on the trigger date names the item.
        let early = CIVIL
            .replace("2025-03-03", "2008-06-02")
            .replace("frcp-59-b", "frcp-56-b");
        let e = docket(&early)
            .schedule(&ScheduleOptions::new())
            .unwrap_err();
        assert!(e.to_string().contains("obligation \"new-trial\""), "{e}");
        assert!(
            e.to_string().contains("no edition in force on 2008-06-02"),
            "{e}"
        );
    }
}

/// A set is what an event of one kind brings: its rules (variants aside)
/// count from one trigger kind, in one direction, in every edition.
#[test]
fn each_set_counts_from_one_kind_of_event() {
    let set = national();
    assert!(set.sets().len() >= 10);
    for name in set.sets() {
        let rules: Vec<_> = set.set(name);
        let first = rules[0];
        for r in &rules {
            assert!(r.variant_of.is_none(), "{name}: variant {} in a set", r.id);
            assert_eq!(
                (r.trigger.as_str(), r.direction),
                (first.trigger.as_str(), first.direction),
                "{name}: {}",
                r.id
            );
            assert!(
                r.editions
                    .iter()
                    .all(|e| e.trigger.is_none() && (e.period.is_some() || e.from.is_none())),
                "{name}: {} changes trigger or has no period in an edition",
                r.id
            );
        }
    }
    let post: Vec<&str> = set
        .set("post-judgment")
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    for id in [
        "frcp-50-b",
        "frcp-52-b",
        "frcp-59-b",
        "frcp-59-e",
        "frcp-54-d-2-B",
        "frcp-62-a",
        "frap-4-a-1-A",
    ] {
        assert!(post.contains(&id), "post-judgment lacks {id}");
    }
}

/// Changes may name the deadlines an event's rule set adds: a filing of
/// the Rule 59(b) motion is recorded on it, and the feed (which replays the
/// changes log) reads the same docket.
#[test]
fn changes_name_the_deadlines_a_rule_set_adds() {
    let text = r#"
        [case]
        id = "rs"
        court = "nysd"
        [events.judgment]
        title = "Judgment entered"
        date = "2025-03-03"
        rules = "post-judgment"
        [[changes]]
        on = "2025-03-20"
        by = "Filing (Dkt. 40)"
        file = "judgment.frcp-59-b"
    "#;
    let docket = docket::docket::Docket::from_toml_str(text).unwrap();
    docket.validate().unwrap();
    let s = docket
        .schedule(&docket::docket::ScheduleOptions::new())
        .unwrap();
    let motion = s
        .deadlines
        .iter()
        .find(|x| x.obligation == "judgment.frcp-59-b")
        .unwrap();
    // 28 days after Monday, March 3, 2025 (FRCP 59(b) since Dec. 1, 2009).
    assert_eq!(motion.due, d("2025-03-31"));
    assert_eq!(motion.filed, Some(d("2025-03-20")));
    let ics =
        docket::ical::case_feed(&docket, &docket::ical::FeedOptions::new("x.example")).unwrap();
    assert!(ics.contains("UID:rs/judgment.frcp-59-b/1@x.example"));
    // A change naming a deadline no set adds is still refused.
    let wrong = text.replace("frcp-59-b\"", "frcp-59-z\"");
    let e = docket::docket::Docket::from_toml_str(&wrong)
        .unwrap()
        .validate()
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("file names unknown obligation \"judgment.frcp-59-z\""),
        "{e}"
    );
}
