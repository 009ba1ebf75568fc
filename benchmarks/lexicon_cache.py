"""Load time of the lexicon cache (marshal, since issue 19) against the pickle it replaced.

    PYTHONPATH=src python benchmarks/lexicon_cache.py [runs]

Builds the lexicon once into a temporary cache directory and writes the same data as the
old cache did (one pickle of the interned tables) beside it. Then, alternately, fresh
interpreters time ``load_lexicon`` from the marshal cache and ``pickle.load`` of the old
file, in CPU time of the process (wall clock on a shared machine says more about the
neighbours). Best and median of each are printed, and their ratio.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

MARSHAL = (
    "import time, zhreport_extract.lexicon as L, zhreport_extract.patterns as P\n"
    "p = P.Patterns().user_dict\n"
    "t = time.process_time(); L.load_lexicon(p); print(time.process_time() - t)\n"
)
PICKLE = (
    "import gc, pickle, sys, time\n"
    "t = time.process_time(); gc.disable()\n"
    "with open(sys.argv[1], 'rb') as f: pickle.load(f)\n"
    "gc.enable(); print(time.process_time() - t)\n"
)
WRITE_PICKLE = (
    "import pickle, sys, zhreport_extract.lexicon as L, zhreport_extract.patterns as P\n"
    "x = L.build_lexicon(P.Patterns().user_dict)\n"
    "payload = (1, x.freq, x.total, x.tags, (x.states, x.start_p, x.trans_p, x.emit_p))\n"
    "with open(sys.argv[1], 'wb') as f: pickle.dump(payload, f, protocol=pickle.HIGHEST_PROTOCOL)\n"
)


def run(code: str, env: dict[str, str], *args: str) -> float:
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True).stdout
    return float(out.split()[-1]) if out.strip() else 0.0


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        cache = os.path.join(tmp, "cache")
        env = {**os.environ, "ZHREPORT_EXTRACT_CACHE": cache}
        run(MARSHAL, env)  # builds and writes the cache
        old = os.path.join(tmp, "old.pickle")
        run(WRITE_PICKLE, env, old)
        [name] = os.listdir(cache)
        new_size, old_size = os.path.getsize(os.path.join(cache, name)), os.path.getsize(old)
        marshal_times, pickle_times = [], []
        for _ in range(runs):
            marshal_times.append(run(MARSHAL, env))
            pickle_times.append(run(PICKLE, env, old))
    marshal_times.sort()
    pickle_times.sort()
    print(f"marshal cache {new_size / 1e6:.1f} MB, old pickle {old_size / 1e6:.1f} MB")
    for label, times in (("marshal (load_lexicon)", marshal_times), ("pickle (old cache)", pickle_times)):
        print(f"{label:24} best {times[0]:.3f} s  median {times[len(times) // 2]:.3f} s  CPU, {runs} fresh processes")
    print(f"ratio marshal/pickle: best {marshal_times[0] / pickle_times[0]:.2f}, "
          f"median {marshal_times[len(marshal_times) // 2] / pickle_times[len(pickle_times) // 2]:.2f}")


if __name__ == "__main__":
    main()
