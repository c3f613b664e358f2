#!/usr/bin/env python3
"""Cold `cargo build` of a small crate that depends on semaphore-api, as a user would start.

    python3 bench/cold_build.py --variant before=/path/to/old/checkout --variant after=. --runs 3

Each variant is a checkout of this repository (its `runtime/` is the dependency, its
`Cargo.lock` fixes the versions). The user crate (a `main.rs` with tokio and one call) is
written under target/cold-build/<name>/; each run removes its target directory and times
`cargo build --timings` (debug), the variants alternating. Dependencies are fetched before
the first run, so no download is timed. Prints the median and minimum wall time per variant,
their ratio, and the slowest units of the last run (from cargo's timing report).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

MAIN_RS = """use semaphore_api::{AuthenticationApi, Client};

#[tokio::main]
async fn main() -> semaphore_api::Result<()> {
    let client = Client::new("https://semaphore.example.com/api")?;
    if std::env::args().count() > 1 {
        println!("{}", client.auth_login_get().await?.login_with_password);
    }
    Ok(())
}
"""


def setup(name, checkout, root):
    crate = os.path.join(root, name)
    os.makedirs(os.path.join(crate, "src"), exist_ok=True)
    runtime = os.path.abspath(os.path.join(checkout, "runtime"))
    with open(os.path.join(crate, "Cargo.toml"), "w") as f:
        f.write(
            f"""[package]
name = "cold-{name}"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
semaphore-api = {{ path = "{runtime}" }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}

[workspace]
"""
        )
    with open(os.path.join(crate, "src", "main.rs"), "w") as f:
        f.write(MAIN_RS)
    shutil.copy(os.path.join(checkout, "Cargo.lock"), os.path.join(crate, "Cargo.lock"))
    subprocess.run(["cargo", "fetch", "--quiet"], cwd=crate, check=True)
    return crate


def slowest_units(crate, count=6):
    path = os.path.join(crate, "target", "cargo-timings", "cargo-timing.html")
    try:
        html = open(path).read()
    except OSError:
        return []
    match = re.search(r"const UNIT_DATA = (\[.*?\]);", html, re.S)
    if not match:
        return []
    units = json.loads(match.group(1))
    units.sort(key=lambda u: -u["duration"])
    return [(u["name"] + " " + u.get("target", "").strip(), u["duration"]) for u in units[:count]]


def build(crate):
    shutil.rmtree(os.path.join(crate, "target"), ignore_errors=True)
    env = dict(os.environ)
    env.pop("CARGO_TARGET_DIR", None)
    start = time.monotonic()
    subprocess.run(
        ["cargo", "build", "--timings", "--quiet"],
        cwd=crate,
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - start


def crates_built(crate):
    out = subprocess.run(
        ["cargo", "tree", "--prefix", "none", "-e", "normal,build"],
        cwd=crate,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = {line.split(" ")[0] + " " + line.split(" ")[1] for line in out.splitlines() if line}
    return names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--variant", action="append", required=True, help="name=checkout")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "cold-build")
    variants = [v.split("=", 1) for v in args.variant]
    crates = {name: setup(name, checkout, root) for name, checkout in variants}
    times = {name: [] for name, _ in variants}
    for run in range(args.runs):
        order = variants if run % 2 == 0 else list(reversed(variants))
        for name, _ in order:
            seconds = build(crates[name])
            times[name].append(seconds)
            print(f"run {run + 1}: {name} {seconds:.1f} s", flush=True)
    first = variants[0][0]
    print("\n| variant | crates | wall, median s | wall, minimum s | ratio to " + first + " |")
    print("|---|---|---|---|---|")
    for name, _ in variants:
        med = statistics.median(times[name])
        print(
            f"| {name} | {len(crates_built(crates[name]))} | {med:.1f} | {min(times[name]):.1f} "
            f"| {med / statistics.median(times[first]):.2f} |"
        )
    for name, _ in variants:
        units = ", ".join(f"{unit} {secs:.1f} s" for unit, secs in slowest_units(crates[name]))
        print(f"\nslowest units, {name} (last run): {units}")
        syns = sorted(c for c in crates_built(crates[name]) if c.startswith("syn "))
        print(f"syn in the tree, {name}: {', '.join(syns)}")


if __name__ == "__main__":
    sys.exit(main())
