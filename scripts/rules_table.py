#!/usr/bin/env python3
"""Print the list of rules of the national packs (data/rules/*.toml) as the
Markdown tables of docs/rules.md ("The rules" section). Python 3.11+.

    python3 scripts/rules_table.py > /tmp/table.md
"""
import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKS = [("frcp", "Civil Rules"), ("frbp", "Bankruptcy Rules"), ("frap", "Appellate Rules")]
MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def long(d):
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def history(rule):
    eds = rule["edition"]
    parts = []
    prev = object()
    for i, e in enumerate(eds):
        p = e.get("period", "none")
        if p == prev and not e.get("replaced_by"):
            continue
        prev = p
        if e.get("replaced_by"):
            parts.append(f"abrogated {long(e['from'])} (see `{e['replaced_by']}`)")
            continue
        mark = "*" if e.get("verified", True) is False else ""
        if "from" in e and i > 0:
            parts.append(f"{p}{mark} from {long(e['from'])}")
        elif "from" in e:
            parts.append(f"{p}{mark} (from {long(e['from'])})")
        else:
            parts.append(f"{p}{mark}")
    return "; ".join(parts)


def main():
    sets = {}
    for pack, _ in PACKS:
        data = tomllib.loads((ROOT / "data" / "rules" / f"{pack}.toml").read_text())
        for r in data["rule"]:
            for s in r.get("sets", []):
                sets.setdefault(s, []).append(r)
    print("### Sets\n")
    print("| set | counted from | rules |")
    print("|---|---|---|")
    for name in sorted(sets):
        rs = sets[name]
        d = "before" if rs[0].get("direction") == "before" else "after"
        ids = ", ".join(f"`{r['id']}`" for r in rs)
        print(f"| `{name}` | {d} `{rs[0]['trigger']}` | {ids} |")
    print()
    for pack, name in PACKS:
        data = tomllib.loads((ROOT / "data" / "rules" / f"{pack}.toml").read_text())
        print(f"### {name} (`{pack}`)\n")
        print("| id | citation | what | period (history) | counted from |")
        print("|---|---|---|---|---|")
        for r in data["rule"]:
            d = "before" if r.get("direction") == "before" else "after"
            cond = ""
            if r.get("conditions"):
                cond = " — when " + ", ".join(k for k, v in r["conditions"].items() if v)
            print(f"| `{r['id']}` | {r['cite']} | {r['title']}{cond} | {history(r)} | {d} `{r['trigger']}` |")
        print()


if __name__ == "__main__":
    main()
