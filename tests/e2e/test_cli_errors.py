"""Bad input: exit code 2, a located message, and no output file."""
import os
import pathlib
import re
import signal
import subprocess
import time

import h5py
import pytest

BAD = sorted((pathlib.Path(__file__).resolve().parents[1] / "scenarios" / "bad").glob("*.yaml"))


def expectations(path):
    expects, located_in = [], path
    for line in path.read_bytes().decode("utf-8", "replace").splitlines():
        if not line.startswith("# expect"):
            break
        if line.startswith("# expect: "):
            expects.append(line[len("# expect: "):])
        elif line.startswith("# expect-file: "):
            located_in = (path.parent / line[len("# expect-file: "):]).resolve()
    return expects, located_in


def test_catalogue_has_at_least_twenty_files():
    assert len(BAD) >= 20


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_scenario_fails_cleanly(run_cli, tmp_path, root, path):
    out = tmp_path / "out.h5"
    rel = path.relative_to(root)
    r = run_cli("run", rel, "-o", out, "--profiles", "tests/scenarios/good/profiles")
    assert r.returncode == 2, r.stderr
    expects, located_in = expectations(path)
    assert expects
    shown = located_in.relative_to(root) if located_in != path else rel
    for e in expects:
        needle = f"{shown}:{e}" if e[:1].isdigit() else e
        assert needle in r.stderr, f"expected {needle!r} in:\n{r.stderr}"
    assert not any(tmp_path.iterdir()), "bad input must leave no file behind"
    assert "Traceback" not in r.stderr and "terminate called" not in r.stderr


def test_validate_prints_a_summary(run_cli):
    r = run_cli("validate", "scenarios/syria-2016-17.yaml")
    assert r.returncode == 0, r.stderr
    assert "valid" in r.stdout
    assert "actors:     11" in r.stdout
    assert "dimensions: 5" in r.stdout
    assert "2016-12-01 to 2017-02-28" in r.stdout
    # Triggers are not dated events; they used to go uncounted anywhere in the summary.
    assert "triggers:   1 (russia-warns-iran from 2017-01-01)" in r.stdout
    assert "act once a step" not in r.stdout  # daily steps: the defaults' own time scale
    assert "  decisions:  11 of 11 actors have a model and decide every 7 steps (7 days)" in r.stdout.splitlines()


def actors_scenario(path, n):
    path.write_text("calendar: {start: 2020-01-01, end: 2020-01-03}\ndimensions: {d: {low: a, high: b}}\nactors:\n" +
                    "".join(f"  a{i}: {{capability: {{military: 1}}, position: {{d: 0.5}}}}\n" for i in range(n)))
    return path


def test_validate_summarises_long_lists(run_cli, tmp_path):
    r = run_cli("validate", actors_scenario(tmp_path / "thirty.yaml", 30))
    assert r.returncode == 0, r.stderr
    assert "actors:     30 (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, … 20 more)\n" in r.stdout, r.stdout
    r = run_cli("validate", actors_scenario(tmp_path / "twelve.yaml", 12))
    assert "actors:     12 (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11)\n" in r.stdout, r.stdout


def test_too_many_actors_is_refused_before_their_state_is_allocated(run_cli, tmp_path):
    # 10,001 actors would hold 8 GB of dense actor × actor state; 100,000 (the old
    # bound) would have asked for 800 GB and been killed by the kernel.
    path = actors_scenario(tmp_path / "table.yaml", 10_001)
    r = run_cli("validate", path)
    assert r.returncode == 2 and r.stderr.count("error:") == 1, r.stderr
    assert f"{path}:4:3: error: 10001 actors; expected at most 10000: their state holds 10 dense actor × actor " \
           "matrices (8.0 GB at 10001 actors); larger numbers of agents belong in populations" in r.stderr, r.stderr


def test_running_out_of_memory_is_a_message_not_a_crash(run_cli, tmp_path):
    # 3,000 actors need 720 MB of actor × actor state; an address-space cap of
    # 500 MB (which the memory check, reading MemAvailable, cannot see) makes
    # the allocation fail. The release build only: ASan reserves terabytes of
    # address space, and the sanitizer build runs no Python tests.
    import resource
    cap = 500 * 1000 * 1000
    r = run_cli("validate", actors_scenario(tmp_path / "mid.yaml", 3000),
                preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (cap, cap)))
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert r.stderr == ("diplosim: error: out of memory: the system refused an allocation; fewer actors, fewer "
                        "threads (--threads 1) or fewer recorded variables (--record) need less\n"), r.stderr


def test_validate_reports_errors_with_exit_code_two(run_cli):
    r = run_cli("validate", "tests/scenarios/bad/unknown-key.yaml")
    assert r.returncode == 2
    assert "tests/scenarios/bad/unknown-key.yaml:9:5: error: unknown key 'capabilty'" in r.stderr


def test_usage_errors(run_cli, tmp_path):
    r = run_cli("runn", "x.yaml")
    assert r.returncode == 2 and "did you mean 'run'" in r.stderr
    assert r.stderr.endswith("Try 'diplosim --help'.\n"), r.stderr
    for option, value in (("-r", "1e3"), ("--every", "7.5"), ("--threads", "two")):  # Boost said only "invalid"
        r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", tmp_path / "x.h5", option, value)
        long_name = {"-r": "--replicates"}.get(option, option)
        assert r.returncode == 2 and f"{long_name}: got '{value}'; expected a whole number in plain digits" in r.stderr
    r = run_cli("analyze", "x.h5", "--confidence", "95%")
    assert r.returncode == 2 and "--confidence: got '95%'; expected a number such as 0.9" in r.stderr, r.stderr
    r = run_cli("analyze", "x.h5", "--confidence", "95")
    assert r.returncode == 2 and "must be in (0, 1); got 95 (for 95 %, give 0.95)" in r.stderr, r.stderr
    r = run_cli("sweep", "--x")  # a known command's usage error points at that command's help
    assert r.returncode == 2 and r.stderr.endswith("Try 'diplosim sweep --help'.\n"), r.stderr
    for command in ("run", "sweep", "analyze"):
        r = run_cli("help", command)  # as 'diplosim COMMAND --help'
        assert r.returncode == 0 and r.stdout == run_cli(command, "--help").stdout
        assert r.stdout.startswith(f"Usage: diplosim {command} ")
    r = run_cli("help", "swep")
    assert r.returncode == 2 and "unknown command 'swep'" in r.stderr and "did you mean 'sweep'" in r.stderr
    r = run_cli("sweep", "tests/sweeps/small.yaml", "-o", tmp_path / "x.h5", "--shrad", "1/2")
    assert r.returncode == 2 and "unrecognised option '--shrad' (did you mean '--shard'?)" in r.stderr
    r = run_cli("run", "scenarios/syria-2016-17.yaml")
    assert r.returncode == 2 and "missing -o FILE" in r.stderr
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", tmp_path / "x.h5", "--threads", 0)
    assert r.returncode == 2 and "threads = 0; must be >= 1" in r.stderr
    for seed in ("-1", "1.5", "18446744073709551616"):  # -1 was read as 2^64 - 1
        r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", tmp_path / "x.h5", "--seed", seed)
        assert r.returncode == 2 and f"--seed: got '{seed}'" in r.stderr, r.stderr
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", tmp_path / "x.h5", "--record", "postion")
    assert r.returncode == 2 and "unknown variable 'postion'" in r.stderr and "did you mean 'position'" in r.stderr
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", tmp_path / "no" / "dir" / "x.h5")
    assert r.returncode == 2 and f"does not exist; create it first (mkdir -p '{tmp_path / 'no' / 'dir'}')" in r.stderr
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", tmp_path)
    assert r.returncode == 2 and f"is a directory; expected a file name, e.g. -o {tmp_path / 'result.h5'}" in r.stderr
    (tmp_path / "plain").write_text("")
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", tmp_path / "plain" / "x.h5")
    assert r.returncode == 2 and "'plain' is a file, not a folder" in r.stderr.replace(str(tmp_path) + "/", "")
    (tmp_path / "plain").unlink()
    r = run_cli("run", "no-such.yaml", "-o", tmp_path / "x.h5")
    assert r.returncode == 2 and "no-such.yaml:1:1: error: cannot open" in r.stderr
    # procfs passes the folder checks (it exists, and root may write there) but makes no files: the
    # error gives the system's reason, and no disk-space warning comes from its zero block counts.
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", "/proc/diplosim-x.h5", "-r", 1)
    assert r.returncode == 2 and "cannot create '/proc/diplosim-x.h5.partial-" in r.stderr, r.stderr
    assert r.stderr.rstrip().endswith(": No such file or directory") and "free" not in r.stderr, r.stderr
    assert not any(tmp_path.iterdir())


def test_long_options_take_a_unique_prefix_as_the_readme_says(run_cli, tmp_path):
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", tmp_path / "p.h5", "--rep", 2, "--quiet")
    assert r.returncode == 0, r.stderr
    import h5py
    with h5py.File(tmp_path / "p.h5") as f:
        assert int(f.attrs["replicates"]) == 2
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "-o", tmp_path / "q.h5", "--re", 2)
    assert r.returncode == 2 and "option '--re' is ambiguous" in r.stderr and "--replicates" in r.stderr


def test_every_equal_to_a_multi_day_step_gets_a_note(run_cli, tmp_path):
    weekly = tmp_path / "weekly.yaml"
    weekly.write_text("calendar: {start: 2020-01-01, end: 2020-06-01, step: 7}\ndimensions: {d: {low: a, high: b}}\n"
                      "actors:\n  x: {capability: {military: 1}, position: {d: 0.2}}\n"
                      "  y: {capability: {military: 1}, position: {d: 0.8}}\n")
    r = run_cli("run", weekly, "-o", tmp_path / "w.h5", "-r", 1, "--every", 7)
    assert r.returncode == 0 and "note: --every 7 records one time point in 7, which with 7-day steps is one every 49 days" in r.stderr
    r = run_cli("run", weekly, "-o", tmp_path / "w2.h5", "-r", 1, "--every", 4)
    assert r.returncode == 0 and "note:" not in r.stderr
    # The scenario's own record.every gets the note at its line, from validate as from run.
    weekly.write_text(weekly.read_text() + "record:\n  every: 7\n")
    expected = f"{weekly}:7:10: record.every 7 records one time point in 7, which with 7-day steps is one every 49 days"
    r = run_cli("validate", weekly)
    assert r.returncode == 0 and expected in r.stdout, r.stdout
    assert ("              the model's rates act once a step, and their defaults are daily ones "
            "(docs/model.md, \"Time scale\")") in r.stdout.splitlines(), r.stdout
    r = run_cli("run", weekly, "-o", tmp_path / "w3.h5", "-r", 1)
    assert r.returncode == 0 and r.stderr.count("note:") == 1 and expected in r.stderr, r.stderr


def test_text_from_a_scenario_or_a_result_cannot_drive_the_terminal(run_cli, tmp_path):
    # ESC [ sequences recolour, move the cursor or clear the screen; U+009B is
    # the one-character CSI of C1. The commands print them as escapes.
    scenario = tmp_path / "odd.yaml"
    scenario.write_text('metadata: {title: "T \\e[31mred\\e[2J \\u009b0m \\a"}\n'
                        "calendar: {start: 2020-01-01, end: 2020-01-05}\n"
                        'dimensions: {x: {low: "lo \\e]0;pwned\\a", high: hi}}\n'
                        "actors:\n  a: {capability: {military: 1}, position: {x: 0.5}}\n")
    out = tmp_path / "odd.h5"
    printed = [run_cli("validate", scenario), run_cli("run", scenario, "-o", out, "-r", 1), run_cli("info", out)]
    for r in printed:
        assert r.returncode == 0, r.stderr
        assert "\x1b" not in r.stdout + r.stderr and "\x07" not in r.stdout and "\u009b" not in r.stdout, r.stdout
    assert "title:      T \\x1b[31mred\\x1b[2J \\u009b0m \\x07" in printed[0].stdout
    assert "lo \\x1b]0;pwned\\x07 .. hi" in printed[1].stdout
    assert "T \\x1b[31mred" in printed[2].stdout
    # Into a pipe, --scenario gives the stored text as it is: it is the scenario to run again.
    r = run_cli("info", out, "--scenario")
    with h5py.File(out) as f:
        assert r.stdout.endswith(f.attrs["scenario"]) and "\\e[31m" in f.attrs["scenario"]
    # Errors quote what they found, escaped too.
    scenario.write_text(scenario.read_text().replace("military: 1", 'military: "\\e[2J"'))
    r = run_cli("validate", scenario)
    assert r.returncode == 2 and "\x1b" not in r.stderr and "\\x1b[2J" in r.stderr, r.stderr


def test_a_missing_file_says_where_it_was_looked_for_and_what_is_close(run_cli, tmp_path, root):
    # A variant copied out of scenarios/variants keeps `extend: ../syria-2016-17.yaml`,
    # which is resolved from its new folder.
    variant = tmp_path / "boycott.yaml"
    variant.write_text((root / "scenarios/variants/factions-boycott-astana.yaml").read_text())
    r = run_cli("validate", variant)
    assert r.returncode == 2
    assert (f"cannot open '{tmp_path}/../syria-2016-17.yaml': No such file or directory (looked for at "
            f"'{tmp_path.parent}/syria-2016-17.yaml'); expected an existing file") in r.stderr, r.stderr
    r = run_cli("run", "scenarios/syria-2016-17.yml", "-o", tmp_path / "x.h5")
    assert r.returncode == 2 and "did you mean 'scenarios/syria-2016-17.yaml'?" in r.stderr, r.stderr


def test_help_and_version(run_cli):
    r = run_cli("--help")
    assert r.returncode == 0
    for word in ["run SCENARIO -o FILE", "validate SCENARIO", "info FILE", "Examples:"]:
        assert word in r.stdout
    r = run_cli("run", "--help")
    assert r.returncode == 0 and "--replicates" in r.stdout and "Examples:" in r.stdout
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("diplosim ")
    # One word too many is named (Boost said only "too many positional options").
    r = run_cli("run", "scenarios/syria-2016-17.yaml", "scenarios/extra.yaml", "-o", "x.h5")
    assert r.returncode == 2 and ("unexpected argument 'scenarios/extra.yaml'; expected a single SCENARIO (options "
                                  "start with -, and a path with spaces needs quotes)") in r.stderr, r.stderr
    r = run_cli("info", "a.h5", "b.h5")
    assert r.returncode == 2 and "unexpected argument 'b.h5'; expected a single FILE" in r.stderr, r.stderr
    for guess in ("version", "-v", "-V"):  # an unknown command that most likely asks for the version
        r = run_cli(guess)
        assert r.returncode == 2 and f"unknown command '{guess}'" in r.stderr and "did you mean '--version'?" in r.stderr


def test_info_shows_provenance_and_contents(run_cli, tmp_path):
    out = tmp_path / "r.h5"
    assert run_cli("run", "scenarios/syria-2016-17.yaml", "-o", out, "-r", 2).returncode == 0
    r = run_cli("info", out)
    assert r.returncode == 0, r.stderr
    assert "position (replicate, time, actor, dimension)" in r.stdout
    assert "replicates:      2" in r.stdout
    assert re.search(r"events: \d+ rows", r.stdout) and re.search(r"actions: \d+ rows", r.stdout)
    assert "ceasefire_state (replicate, time, ceasefire)" in r.stdout
    # The labels a notebook selects by, read back from the file's axes.
    with h5py.File(out, "r") as f:
        actors = [a.decode() if isinstance(a, bytes) else str(a) for a in f["actor"][:]]
        times = len(f["time"])
    assert f"actors:          {len(actors)} ({', '.join(actors)})" in r.stdout
    assert "dimensions:      5 (assad_future, militia_presence, ceasefire_scope, state_character, settlement)" in r.stdout
    assert "ceasefires:      1 (nationwide-ceasefire)" in r.stdout
    assert f"time points:     {times}" in r.stdout and times == 90
    not_ours = tmp_path / "plain.txt"
    not_ours.write_text("hello")
    r = run_cli("info", not_ours)
    assert r.returncode == 2 and "is not an HDF5 file; expected a result file written by diplosim" in r.stderr
    r = run_cli("info", "scenarios/syria-2016-17.yaml")
    assert r.returncode == 2 and "(to check a scenario or sweep file: diplosim validate scenarios/syria-2016-17.yaml)" in r.stderr
    # A folder or a device is named for what it is, not "no such file".
    for command, what in (("info", tmp_path), ("analyze", "/dev/null"), ("merge", tmp_path)):
        r = run_cli(command, what, *(["-o", tmp_path / "m.h5"] if command == "merge" else []))
        expected = "is a folder; expected a result file" if what == tmp_path else "is not a regular file"
        assert r.returncode == 2 and expected in r.stderr, (command, r.stderr)
    # A result cut short (copied while written): bad input, with what went wrong.
    cut = tmp_path / "cut.h5"
    cut.write_bytes(out.read_bytes()[:5000])
    for command in ("info", "analyze"):
        r = run_cli(command, cut)
        assert r.returncode == 2 and "truncated or damaged" in r.stderr, (command, r.stderr)


def test_sigint_stops_cleanly_without_a_result(diplosim_bin, root, tmp_path):
    out = tmp_path / "long.h5"
    p = subprocess.Popen([diplosim_bin, "run", "scenarios/syria-2016-17.yaml", "-o", str(out),
                          "--replicates", "1000000", "--threads", "2", "--record", "forecast"],
                         cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert "interrupted" in err
    assert not any(tmp_path.iterdir())


def test_a_50_megabyte_file_is_refused_before_parsing(run_cli, tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "w") as f:
        f.write("calendar: {start: 2020-01-01, end: 2020-02-01}\nnotes: |\n")
        line = "  " + "x" * 98 + "\n"
        for _ in range(500_000):
            f.write(line)
    assert big.stat().st_size > 50_000_000
    start = time.time()
    r = run_cli("validate", big)
    assert r.returncode == 2 and time.time() - start < 5
    assert f"{big}:1:1: error: file is {big.stat().st_size} bytes; expected at most 16777216 bytes" in r.stderr


def test_a_profiles_folder_that_is_not_there_is_an_error(run_cli, root, tmp_path):
    """A mistyped --profiles fell back silently to the stock profiles: the run
    used other values for the actors than the user's."""
    import os
    import shutil
    mine = tmp_path / "myprofiles"
    mine.mkdir()
    shutil.copy(root / "actors" / "profiles" / "russia.yaml", mine / "russia.yaml")
    for args, env, message in [
            (["--profiles", tmp_path / "myprofile"], {}, f"--profiles '{tmp_path / 'myprofile'}': no such folder"),
            (["--profiles", mine / "russia.yaml"], {}, "not a folder; expected a folder of actor profiles"),
            ([], {"DIPLOSIM_PROFILES": f"{mine}:{tmp_path / 'gone'}"},
             f"DIPLOSIM_PROFILES names '{tmp_path / 'gone'}': no such folder")]:
        r = run_cli("validate", "scenarios/syria-2016-17.yaml", *args, env={**os.environ, **env})
        assert r.returncode == 2 and message in r.stderr, r.stderr
    r = run_cli("validate", "scenarios/syria-2016-17.yaml", "--profiles", mine)
    assert r.returncode == 0, r.stderr


def test_a_result_another_process_is_writing_is_named_so_not_called_damaged(run_cli, tmp_path):
    out = tmp_path / "r.h5"
    assert run_cli("run", "scenarios/syria-2016-17.yaml", "-o", out, "-r", 2, "-q").returncode == 0
    with h5py.File(out, "r+"):  # as a notebook appending to the file holds it
        r = run_cli("info", out)
        assert r.returncode == 2, r.stderr
        assert f"cannot open '{out}': another process has it open for writing (HDF5's file lock: unable to lock " \
               "file, errno = 11" in r.stderr, r.stderr
        assert "close it there" in r.stderr and "damaged" not in r.stderr
        # The way out the message gives where locks do not work, checked here where they do.
        r = run_cli("info", out, env=dict(os.environ, HDF5_USE_FILE_LOCKING="FALSE"))
        assert r.returncode == 0, r.stderr
    with h5py.File(out, "r"):  # readers share the lock
        assert run_cli("info", out).returncode == 0
    assert run_cli("info", out).returncode == 0


def test_info_on_a_result_still_being_written_says_so(diplosim_bin, root, tmp_path, run_cli):
    import subprocess
    import time
    out = tmp_path / "r.h5"
    p = subprocess.Popen([diplosim_bin, "run", "scenarios/syria-2016-17.yaml", "-o", str(out), "-r", "100000",
                          "--record", "forecast", "-q"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(100):  # until the run has made its temporary file
            if any(tmp_path.iterdir()):
                break
            time.sleep(0.05)
        r = run_cli("info", out)
        assert r.returncode == 2, r.stderr
        assert f"no such file: '{out}' yet: a run is still writing it (or was killed while it did), as 'r.h5.partial-" \
            in r.stderr, r.stderr
    finally:
        p.terminate()
        p.communicate(timeout=60)
    r = run_cli("info", out)  # the interrupted run removed its temporary: plainly missing
    assert r.returncode == 2 and r.stderr.strip().endswith(f"no such file: '{out}'"), r.stderr


def test_a_missing_result_says_where_it_was_looked_for_and_what_is_close(diplosim_bin, root, tmp_path):
    import shutil
    import subprocess
    (tmp_path / "syria.h5").write_bytes(b"")  # only its name matters here
    shutil.copy(root / "tests/sweeps/sobol.yaml", tmp_path / "sweep.yaml")
    for command in (["info", "syria.h6"], ["analyze", "Syria.h5"], ["merge", "syria.h5x", "-o", "m.h5"]):
        r = subprocess.run([diplosim_bin, *command], cwd=tmp_path, capture_output=True, text=True)
        assert r.returncode == 2, (command, r.stderr)
        assert (f"no such file: '{command[1]}' (looked for at '{tmp_path / command[1]}'; did you mean 'syria.h5'?)"
                in r.stderr), (command, r.stderr)
    r = subprocess.run([diplosim_bin, "info", "results/syria.h5"], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 2 and "its folder 'results' does not exist" in r.stderr, r.stderr
    assert not (tmp_path / "m.h5").exists()


def test_output_that_cannot_be_printed_is_an_error_not_a_success(diplosim_bin, root, tmp_path):
    """Standard output on a full disk (/dev/full): `sweep --emit-slurm > submit.sh` left half a script with exit 0."""
    import subprocess
    for args in (["sweep", "scenarios/sweeps/syria-2000.yaml", "-o", str(tmp_path / "s.h5"), "--emit-slurm",
                  "--shards", "4"], ["models"], ["validate", "scenarios/syria-2016-17.yaml"]):
        with open("/dev/full", "w") as full:
            r = subprocess.run([diplosim_bin, *args], cwd=root, stdout=full, stderr=subprocess.PIPE, text=True,
                               timeout=120)
        assert r.returncode == 1 and "cannot write standard output" in r.stderr, (args, r.returncode, r.stderr)
    r = subprocess.run([diplosim_bin, "models"], cwd=root, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "cannot write" not in r.stderr  # a stdout that takes it all is no error
