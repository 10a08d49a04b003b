#!/usr/bin/env python3
"""Times bittensor-wallet 4.1.1 unlocking a keyfile (the reference for core/benches/keystore.rs).

Usage: bench_btwallet_unlock.py FILE PASSWORD [RUNS=3]
Prints one JSON line: {"tool": "bittensor-wallet 4.1.1", "runs": N, "mean_s": …, "min_s": …, "address": …}.
"""
import json, sys, time

import bittensor_wallet
from bittensor_wallet import keyfile as kf

path, password = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
data = open(path, "rb").read()
times, address = [], None
for _ in range(runs):
    t0 = time.perf_counter()
    plain = kf.decrypt_keyfile_data(data, password)
    times.append(time.perf_counter() - t0)
    address = kf.deserialize_keypair_from_keyfile_data(plain).ss58_address
print(json.dumps({"tool": f"bittensor-wallet {bittensor_wallet.__version__}", "runs": runs,
                  "mean_s": sum(times) / runs, "min_s": min(times), "address": address}))
