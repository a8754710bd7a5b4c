"""Wall time of a command, as the benches under bench/ measure it: one unmeasured run (warms the
page cache and stores what the command computes), then REPS runs; prints "median min max" in
seconds. Usage: python3 bench/lib/wall_times.py REPS CMD [ARG...]"""
import statistics
import subprocess
import sys
import time

reps = int(sys.argv[1])
cmd = sys.argv[2:]
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
times = []
for _ in range(reps):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print(f"{statistics.median(times):.3f} {min(times):.3f} {max(times):.3f}")
