#!/usr/bin/env python3
"""The mutation run of RELIABILITY.md: breaks each listed behaviour alone (one source edit from
mutations.json), runs the tests named for it until one fails, puts the source back, and
prints whether the mutation was caught and by which tests.

    python3 tests/mutation/run.py [ID ...]     # all mutations, or only these

Each mutation rebuilds the runtime and one test binary (about a minute on 2 cores). Logs go
to target/mutation/.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOGS = os.path.join(ROOT, 'target', 'mutation')


def exact(target):
    """A target whose last word is a module filter (`faults::`) run as exactly that module's
    tests: libtest's filter is a substring, so `faults::` would also run `task_faults::`."""
    words = target.split()
    if not words or not words[-1].endswith('::') or '--' in words:
        return target
    module = words[-1]
    listing = subprocess.run(f"cargo test {' '.join(words[:-1])} -- --list --format terse",
                             shell=True, cwd=ROOT, capture_output=True, text=True)
    names = [line.split(': ')[0] for line in listing.stdout.splitlines()
             if line.endswith(': test') and line.startswith(module)]
    if not names:
        return target
    return f"{' '.join(words[:-1])} -- --exact {' '.join(names)}"


def main():
    mutations = json.load(open(os.path.join(ROOT, 'tests', 'mutation', 'mutations.json')))
    only = set(sys.argv[1:])
    os.makedirs(LOGS, exist_ok=True)
    env = dict(os.environ, CARGO_INCREMENTAL='0')
    survived = []
    for m in mutations:
        if only and m['id'] not in only:
            continue
        path = os.path.join(ROOT, m['file'])
        original = open(path).read()
        if original.count(m['old']) != 1:
            print(f"{m['id']}: the code to mutate is not in {m['file']} exactly once", flush=True)
            survived.append(m['id'])
            continue
        open(path, 'w').write(original.replace(m['old'], m['new']))
        caught = None
        try:
            for target in m['tests']:
                target = exact(target)
                run = subprocess.run(f'cargo test {target}', shell=True, cwd=ROOT, env=env,
                                     capture_output=True, text=True)
                with open(os.path.join(LOGS, f"{m['id']}.log"), 'a') as log:
                    log.write(f'==== cargo test {target}: exit {run.returncode}\n')
                    log.write(run.stdout[-8000:] + run.stderr[-4000:])
                if run.returncode != 0:
                    failed = [line.split()[1] for line in run.stdout.splitlines()
                              if line.startswith('test ') and line.rstrip().endswith('FAILED')]
                    caught = (target, failed or ['(did not build)'])
                    break
        finally:
            open(path, 'w').write(original)
        if caught:
            print(f"{m['id']} caught: {m['behaviour']}: cargo test {caught[0]}: {', '.join(caught[1])}", flush=True)
        else:
            print(f"{m['id']} SURVIVED: {m['behaviour']}", flush=True)
            survived.append(m['id'])
    print(f'{len(survived)} survived: {survived}' if survived else 'every mutation was caught')
    sys.exit(1 if survived else 0)


if __name__ == '__main__':
    main()
