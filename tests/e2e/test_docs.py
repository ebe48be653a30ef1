"""The docs describe what the code does: generated parts stay in sync."""
import re



def test_actor_model_docs_match_the_registry(run_cli, root):
    r = run_cli("models")
    assert r.returncode == 0, r.stderr
    doc = (root / "docs" / "actor-models.md").read_text()
    prose = (root / "docs" / "actor-models.prose.md").read_text()
    assert doc == prose + r.stdout, "docs/actor-models.md is stale: run scripts/make-actor-docs"
    for model in ["patron_power", "regional_sponsor", "incumbent_regime", "armed_opposition", "proxy_militia",
                  "guarantor", "spoiler"]:
        assert f"## `{model}`" in prose, f"no formulas documented for {model}"


def test_every_event_type_is_documented(run_cli, root):
    model = (root / "docs" / "model.md").read_text()
    language = (root / "docs" / "scenario-language.md").read_text()
    for t in ["shock", "statement", "warning", "declaration", "ceasefire", "negotiation", "agreement", "deal",
              "veto", "deployment", "withdrawal", "trigger"]:
        assert f"| `{t}`" in model, t
        assert f"`{t}`" in language, t


def test_models_shows_one_model_or_event_type_by_name(run_cli):
    everything = run_cli("models").stdout
    spoiler = run_cli("models", "spoiler")
    assert spoiler.returncode == 0 and spoiler.stdout.startswith("\n### `spoiler`")
    assert spoiler.stdout in everything and "### `guarantor`" not in spoiler.stdout
    ceasefire = run_cli("models", "ceasefire")
    assert ceasefire.returncode == 0 and "| `ceasefire` | `parties`" in ceasefire.stdout
    assert "| `veto`" not in ceasefire.stdout
    r = run_cli("models", "spoilr")
    assert r.returncode == 2
    assert "no actor model or event type 'spoilr' (did you mean 'spoiler'?); expected one of: armed_opposition" in r.stderr


def test_readme_shows_what_make_run_prints(run_cli, root, tmp_path):
    # The Makefile's command, into a scratch folder; the README names results/.
    out = tmp_path / "results" / "syria-2016-17.h5"
    out.parent.mkdir()
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", out, "--replicates", 200, "--force")
    assert r.returncode == 0, r.stderr
    readme = (root / "README.md").read_text()
    start = readme.index("```\nWrote results/syria-2016-17.h5") + 4
    shown = readme[start:readme.index("```", start)].splitlines()
    printed = r.stdout.replace(str(out), "results/syria-2016-17.h5").splitlines()
    assert shown[-1].startswith("Wall time: ") and printed[-1].startswith("Wall time: ")
    assert shown[:-1] == printed[:-1], "README's make run output is stale"


def test_code_fences_stand_alone_and_close(root):
    """A fence with text after it does not close its block (CommonMark), so the
    prose after it renders as code; the README had one after the make-run output."""
    for path in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        fences = [(k + 1, line) for k, line in enumerate(path.read_text().splitlines()) if line.startswith("```")]
        for number, line in fences:
            assert re.fullmatch(r"```[\w+-]*", line), f"{path.name}:{number}: {line!r}"
        assert len(fences) % 2 == 0, f"{path.name}: a code block is never closed"
        closing = fences[1::2]
        assert all(line == "```" for _, line in closing), f"{path.name}: a closing fence names a language"


def _heading_anchors(text):
    """The anchors GitHub makes of a Markdown file's headings: lower case,
    punctuation but '-' and '_' dropped, spaces as '-'."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return {re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
            for m in re.finditer(r"^#+\s+(.*)$", text, flags=re.M)}


def test_relative_links_reach_their_file_and_heading(root):
    broken = []
    for path in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        text = re.sub(r"```.*?```", "", path.read_text(), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):  # https:, mailto:
                continue
            file, _, anchor = target.partition("#")
            dest = (path.parent / file) if file else path
            if not dest.exists():
                broken.append(f"{path.name}: {target} (no such file)")
            elif anchor and dest.suffix == ".md" and anchor not in _heading_anchors(dest.read_text()):
                broken.append(f"{path.name}: {target} (no such heading)")
    assert not broken, broken


def test_the_event_data_recipe_turns_an_export_into_a_variant_that_runs(run_cli, root, tmp_path):
    """docs/scenario-language.md's script, as printed there, on a generated ACLED-style export."""
    import csv
    import random
    import subprocess
    import sys
    from datetime import datetime
    text = (root / "docs" / "scenario-language.md").read_text()
    section = text[text.index("## Events from event data"):text.index("## Stakeholder tables")]
    script = re.search(r"```python\n(.*?)```", section, flags=re.S).group(1)
    rng = random.Random(7)
    names = ["Military Forces of Syria (2000-)", "Jaysh al Islam", "Ahrar al Sham", "Islamic State (Syria)",
             "Civilians (Syria)"]
    with open(tmp_path / "acled.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["event_id_cnty", "event_date", "actor1", "actor2", "fatalities", "notes"])
        for k in range(400):
            day = f"2016-{rng.choice(['11', '12'])}-{rng.randint(1, 28):02d}" if k % 4 == 0 else \
                f"2017-{rng.choice(['01', '02'])}-{rng.randint(1, 28):02d}"
            if k % 3 == 0:  # as older ACLED exports write it: 05 December 2016
                day = datetime.strptime(day, "%Y-%m-%d").strftime("%d %B %Y")
            w.writerow([f"SYR{k}", day, rng.choice(names), rng.choice(names), rng.choice(["", "0", "3", "40"]),
                        "shelling, reported"])
    (tmp_path / "syria-2016-17.yaml").symlink_to(root / "scenarios" / "syria-2016-17.yaml")
    r = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    kept = int(r.stdout.split()[0])
    with open(tmp_path / "acled.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    known = set(names[:4])
    iso = {x["event_id_cnty"]: x["event_date"] if x["event_date"][:4].isdigit() else
           datetime.strptime(x["event_date"], "%d %B %Y").strftime("%Y-%m-%d") for x in rows}
    assert sum(not d[:4].isdigit() for d in (x["event_date"] for x in rows)) > 100  # both forms are there
    expected = [x for x in rows if x["actor1"] in known and x["actor2"] in known and x["actor1"] != x["actor2"]
                and "2016-12-01" <= iso[x["event_id_cnty"]] < "2017-02-28"]
    assert kept == len(expected) > 50
    v = run_cli("validate", tmp_path / "syria-acled.yaml")
    assert v.returncode == 0, v.stdout + v.stderr
    base = run_cli("validate", "scenarios/syria-2016-17.yaml").stdout
    shocks = int(re.search(r"(\d+) shock", base).group(1)) if re.search(r"(\d+) shock", base) else 0
    assert f"{shocks + kept} shock" in v.stdout, v.stdout
    out = tmp_path / "acled.h5"
    r = run_cli("run", tmp_path / "syria-acled.yaml", "-o", out, "-r", 4, "--record", "hostility,events")
    assert r.returncode == 0, r.stderr
    import h5py
    with h5py.File(out) as f:
        names_in_table = {b"".join(row).decode() for row in f["events/name"][:]}
    assert {"acled-" + x["event_id_cnty"] for x in expected} <= names_in_table
