"""Reads Ablate's event files with TensorBoard itself and compares every scalar with metrics.jsonl.

    python3 ci/tensorboard/check.py runs/NAME [runs/OTHER ...]

Needs the tensorboard Python package (not in Debian 12, and PyPI is not reachable here, so CI cannot
run it; it was run on a machine that has it). For every run folder <variant>/seed-<s> of each store:
each metrics.jsonl number must read back from the event files, through TensorBoard's
EventAccumulator, as the same float32 at the same step and tag; every tag's steps must come once and
in order (a resumed run's SessionLog START purges what was retrained). Then it starts the TensorBoard
server on the first store and asks its HTTP API for the runs, the tags and one curve. Writes what it
found to $OUT/tb.txt (or ./tb.txt) and exits 1 on any difference.
"""
import glob, json, os, struct, subprocess, sys, time, urllib.parse, urllib.request
import tensorboard
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

out = os.environ.get("OUT", ".")
report = []
def say(*a):
    line = " ".join(str(x) for x in a); print(line); report.append(line)

say("tensorboard", tensorboard.__version__)
problems = 0
stores = sys.argv[1:]
if not stores:
    sys.exit(__doc__)
for run in sorted(r for store in stores for r in glob.glob(os.path.join(store, "*", "seed-*"))):
    acc = EventAccumulator(run, size_guidance={"scalars": 0}); acc.Reload()
    tags = acc.Tags()["scalars"]
    seen = {t: {e.step: e.value for e in acc.Scalars(t)} for t in tags}
    for t in tags:
        steps = [e.step for e in acc.Scalars(t)]
        if len(steps) != len(set(steps)) or steps != sorted(steps):
            problems += 1
            say("REPEATED OR UNORDERED STEPS", run, t, steps)
    compared = 0
    for line in open(os.path.join(run, "metrics.jsonl")):
        m = json.loads(line)
        prefix = ("final/" if m.get("final") else "") + m["split"] + "/"
        for k, v in m.items():
            if k in ("step", "split", "final", "evaluatedStep") or not isinstance(v, (int, float)):
                continue
            tag = prefix + k
            want = struct.unpack("f", struct.pack("f", v))[0]
            got = seen.get(tag, {}).get(m["step"])
            if got is None or got != want:
                problems += 1
                say("MISMATCH", run, tag, m["step"], "jsonl", want, "tensorboard", got)
            compared += 1
    if len(glob.glob(run + "/events.out.tfevents.*")) > 1:
        say("resumed run", run, "train/loss steps", [e.step for e in acc.Scalars("train/loss")])
    say(run, "files", len(glob.glob(run + "/events.out.tfevents.*")), "tags", len(tags), "scalars compared", compared)

# The server a user opens: its HTTP API lists the runs and serves a curve.
server = subprocess.Popen([sys.executable, "-m", "tensorboard.main", "--logdir", stores[0],
                           "--host", "127.0.0.1", "--port", "6006"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
runs = {}
try:
    for _ in range(60):
        try:
            runs = json.load(urllib.request.urlopen("http://127.0.0.1:6006/data/runs", timeout=2))
            if runs:
                break
        except Exception:
            pass
        time.sleep(1)
    say("server runs", runs)
    if runs:
        tags = json.load(urllib.request.urlopen("http://127.0.0.1:6006/data/plugin/scalars/tags"))
        first = sorted(runs)[0]
        say("server tags of", first, sorted(tags.get(first, {}).keys()))
        curve = json.load(urllib.request.urlopen("http://127.0.0.1:6006/data/plugin/scalars/scalars?"
                                                 + urllib.parse.urlencode({"run": first, "tag": "train/loss"})))
        say("server curve", first, "train/loss: points", len(curve), "first [wall, step, value]", curve[0])
    else:
        problems += 1
        say("the server listed no runs for", stores[0])
finally:
    server.terminate()
say("problems", problems)
open(os.path.join(out, "tb.txt"), "w").write("\n".join(report) + "\n")
sys.exit(1 if problems else 0)
