#!/usr/bin/env python3
"""Compile time of a 200-endpoint trait: #[semaphore_api] against the same trait implemented
by hand over reqwest.

Generates two throwaway crates under target/compile-bench/ (never committed), builds their
dependencies once, then builds each crate from clean (`cargo clean -p`, dependencies stay
built) in debug and release, several times, and prints their wall and CPU times and ratios.
Also times a cold build of the macro crate alone and lists its syn features.

Usage: python3 bench/compile_time.py [--runs 5] [--endpoints 200]
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "compile-bench")
TARGET = os.path.join(WORK, "target")

MODELS = '''
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Thing { pub id: i64, pub name: String }

#[derive(serde::Serialize)]
pub struct NewThing<'a> { pub name: &'a str }
'''


def endpoint(i):
    """(verb, path, [(name, type, role)], result) of endpoint i: five shapes in turn."""
    kind = i % 5
    if kind == 0:
        return "get", f"/things{i}/{{id}}", [("id", "i64", "path")], "Thing"
    if kind == 1:
        return "get", f"/things{i}", [("sort", "&str", "query"), ("limit", "Option<u32>", "query")], "Vec<Thing>"
    if kind == 2:
        return "post", f"/things{i}", [("thing", "&NewThing<'_>", "body")], "Thing"
    if kind == 3:
        return "put", f"/things{i}/{{id}}", [("id", "i64", "path"), ("request_id", "&str", "header"), ("thing", "&NewThing<'_>", "body")], "()"
    return "delete", f"/things{i}/{{a}}/sub/{{b}}", [("a", "i64", "path"), ("b", "&str", "path")], "()"


ARGUMENTS = {"i64": "1", "&str": '"x"', "Option<u32>": "Some(1)", "&NewThing<'_>": "&THING"}


def exercise(client, n):
    """A function that calls every endpoint. Async bodies are compiled where they are polled,
    not where they are written: without a caller, neither crate would compile its calls."""
    calls = []
    for i in range(n):
        _, _, params, _ = endpoint(i)
        args = ", ".join(ARGUMENTS[ty] for _, ty, _ in params)
        calls.append(f"        Box::pin(async move {{ let _ = client.op{i}({args}).await; }}),")
    return (f"""
static THING: NewThing<'static> = NewThing {{ name: "x" }};

/// Every call's future, boxed as `dyn Future` so that its body is compiled here.
pub fn exercise(client: &{client}) -> Vec<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + '_>>> {{
    vec![
""" + "\n".join(calls) + "\n    ]\n}\n")


def generated(n):
    methods = []
    for i in range(n):
        verb, path, params, result = endpoint(i)
        args = []
        for name, ty, role in params:
            attr = {"path": "", "query": "#[query] ", "header": '#[header("X-Request-Id")] ', "body": "#[body] "}[role]
            args.append(f"{attr}{name}: {ty}")
        methods.append(f'    #[{verb}("{path}")]\n    async fn op{i}(&self, {", ".join(args)}) -> Result<{result}>;')
    return ("use semaphore_api::{semaphore_api, Result};\n" + MODELS +
            "\n#[semaphore_api]\npub trait Big {\n" + "\n\n".join(methods) + "\n}\n" +
            exercise("semaphore_api::Client", n))


def hand(n):
    sig_methods, impl_methods = [], []
    for i in range(n):
        verb, path, params, result = endpoint(i)
        args = ", ".join(f"{name}: {ty}" for name, ty, _ in params)
        sig = f"fn op{i}(&self, {args}) -> impl Future<Output = Result<{result}, Error>> + Send"
        sig_methods.append(f"    {sig};")
        url = path
        for name, _, role in params:
            if role == "path":
                url = url.replace("{" + name + "}", "{}")
        fmt_args = "".join(f", seg(&{name}.to_string())" for name, _, role in params if role == "path")
        queries = [(name, ty) for name, ty, role in params if role == "query"]
        sends = any(role in ("header", "body") for _, _, role in params)
        mut_url = "mut " if queries else ""
        mut_request = "mut " if sends else ""
        lines = [f'let {mut_url}url = format!("{{}}{url}", self.base{fmt_args});']
        for k, (name, ty) in enumerate(queries):
            sep = "?" if k == 0 else "&"
            if ty.startswith("Option"):
                lines.append(f'if let Some(v) = {name} {{ url.push_str(&format!("{sep}{name}={{}}", query(&v.to_string()))); }}')
            else:
                lines.append(f'url.push_str(&format!("{sep}{name}={{}}", query(&{name}.to_string())));')
        lines.append(f"let {mut_request}request = self.http.{verb}(url).bearer_auth(&self.token).timeout(TIMEOUT);")
        for name, _, role in params:
            if role == "header":
                lines.append(f'request = request.header("x-request-id", {name});')
            if role == "body":
                lines.append(f"request = request.header(CONTENT_TYPE, \"application/json\").body(serde_json::to_vec({name}).map_err(|_| Error)?);")
        if result == "()":
            lines.append("send_empty(request).await")
        else:
            lines.append(f"send_json::<{result}>(request).await")
        body = "\n            ".join(lines)
        impl_methods.append(f"    {sig} {{\n        async move {{\n            {body}\n        }}\n    }}")
    return ('''use std::future::Future;
use std::time::Duration;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::CONTENT_TYPE;
''' + MODELS + '''
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
const TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct Error;

fn seg(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

fn query(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

async fn send_json<T: serde::de::DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, Error> {
    let response = request.header(reqwest::header::ACCEPT, "application/json").send().await.map_err(|_| Error)?;
    if !response.status().is_success() {
        return Err(Error);
    }
    let body = response.bytes().await.map_err(|_| Error)?;
    serde_json::from_slice(&body).map_err(|_| Error)
}

async fn send_empty(request: reqwest::RequestBuilder) -> Result<(), Error> {
    let response = request.send().await.map_err(|_| Error)?;
    if !response.status().is_success() {
        return Err(Error);
    }
    response.bytes().await.map_err(|_| Error)?;
    Ok(())
}

pub struct HandClient {
    pub http: reqwest::Client,
    pub base: String,
    pub token: String,
}

pub trait Big {
''' + "\n".join(sig_methods) + "\n}\n\nimpl Big for HandClient {\n" + "\n\n".join(impl_methods) + "\n}\n" +
            exercise("HandClient", n))


def write_crates(n):
    shutil.rmtree(os.path.join(WORK, "gen"), ignore_errors=True)
    shutil.rmtree(os.path.join(WORK, "hand"), ignore_errors=True)
    runtime = os.path.join(ROOT, "runtime")
    for name, source, deps in [
        ("gen", generated(n), f'semaphore-api = {{ path = "{runtime}", default-features = false }}\nserde = {{ version = "1", features = ["derive"] }}\n'),
        ("hand", hand(n), 'reqwest = { version = "0.13", default-features = false, features = ["http2"] }\nserde = { version = "1", features = ["derive"] }\nserde_json = "1"\npercent-encoding = "2"\nurl = "2"\n'),
    ]:
        os.makedirs(os.path.join(WORK, name, "src"))
        with open(os.path.join(WORK, name, "Cargo.toml"), "w") as f:
            f.write(f'[package]\nname = "bench-{name}200"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n[dependencies]\n{deps}')
        with open(os.path.join(WORK, name, "src", "lib.rs"), "w") as f:
            f.write(source)
    with open(os.path.join(WORK, "Cargo.toml"), "w") as f:
        f.write('[workspace]\nresolver = "3"\nmembers = ["gen", "hand"]\n')
    # The project's lock file, so that the dependencies are the versions measured elsewhere.
    shutil.copy(os.path.join(ROOT, "Cargo.lock"), os.path.join(WORK, "Cargo.lock"))


def cargo(*args):
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    subprocess.run(["cargo", *args], cwd=WORK, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(package, release):
    """(wall seconds, CPU seconds of cargo and rustc) of a build of `package` from clean."""
    cargo("clean", "-p", package, *(["--release"] if release else []))
    start, cpu = time.monotonic(), cpu_of_children()
    cargo("build", "-p", package, *(["--release"] if release else []))
    return time.monotonic() - start, cpu_of_children() - cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--endpoints", type=int, default=200)
    args = parser.parse_args()
    write_crates(args.endpoints)
    print(f"{args.endpoints} endpoints, {args.runs} builds of each crate from clean (dependencies built), "
          "the two crates alternating")
    print()
    print("| profile | measure | #[semaphore_api] s | hand-written s | ratio |")
    print("|---|---|---|---|---|")
    for release in (False, True):
        profile = "release" if release else "debug"
        cargo("build", "-p", "bench-gen200", "-p", "bench-hand200", *(["--release"] if release else []))
        gen, hand_ = [], []
        for run in range(args.runs):
            # Alternate which goes first, so neither always meets a warmer (or busier) machine.
            if run % 2 == 0:
                gen.append(timed_build("bench-gen200", release))
                hand_.append(timed_build("bench-hand200", release))
            else:
                hand_.append(timed_build("bench-hand200", release))
                gen.append(timed_build("bench-gen200", release))
        # Other work on a shared machine only ever adds time: the minimum is the least disturbed.
        for measure, pick in [("wall, median", lambda xs: statistics.median(x[0] for x in xs)),
                              ("wall, minimum", lambda xs: min(x[0] for x in xs)),
                              ("CPU, median", lambda xs: statistics.median(x[1] for x in xs))]:
            g, h = pick(gen), pick(hand_)
            print(f"| {profile} | {measure} | {g:.2f} | {h:.2f} | {g / h:.2f} |")

    # The macro crate alone, from clean (its own dependencies, syn among them, stay built).
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(WORK, "macro-target"))
    subprocess.run(["cargo", "build", "-p", "semaphore-api-macros"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(args.runs):
        subprocess.run(["cargo", "clean", "-p", "semaphore-api-macros"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        start = time.monotonic()
        subprocess.run(["cargo", "build", "-p", "semaphore-api-macros"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.monotonic() - start)
    shutil.rmtree(env["CARGO_TARGET_DIR"], ignore_errors=True)
    cold_start = time.monotonic()
    subprocess.run(["cargo", "build", "-p", "semaphore-api-macros"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cold = time.monotonic() - cold_start
    tree = subprocess.run(["cargo", "tree", "-q", "-p", "semaphore-api-macros", "-e", "features", "-i", "syn",
                           "--prefix", "none"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    features = sorted({line.split('"')[1] for line in tree.splitlines() if line.startswith('syn feature "')})
    print()
    print(f"semaphore-api-macros alone (debug): {statistics.median(times):.2f} s; "
          f"with its dependencies from nothing (proc-macro2, quote, syn): {cold:.2f} s")
    print(f"syn features: {', '.join(features)}")


if __name__ == "__main__":
    main()
