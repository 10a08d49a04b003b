"""Helpers for the devnet tests: the node's HTTP JSON-RPC (the independent oracle), its state file,
and a few SCALE decoders written here from the published layouts (not taolight's code)."""
import json
import os
import pathlib
import urllib.request

REPO = pathlib.Path(__file__).resolve().parents[3]
ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
ALICE_PUBLIC = bytes.fromhex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")
# twox128("System") ++ twox128("Account"): the published prefix of System.Account.
SYSTEM_ACCOUNT_PREFIX = bytes.fromhex(
    "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9")
# twox128("System") ++ twox128("Events").
SYSTEM_EVENTS_KEY = bytes.fromhex(
    "26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7")


def state():
    """The devnet's state.env as a dict, or None when no devnet is configured."""
    path = os.environ.get("TAOLIGHT_DEVNET_STATE")
    if not path:
        return None
    out = {}
    for line in pathlib.Path(path).read_text().splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
    return out


class Node:
    """The devnet node's legacy JSON-RPC over HTTP."""

    def __init__(self, url):
        self.url = url
        self.id = 0

    def call(self, method, *params):
        self.id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": self.id, "method": method,
                           "params": list(params)}).encode()
        req = urllib.request.Request(self.url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            answer = json.load(r)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer["result"]

    def storage(self, key: bytes, at: bytes):
        v = self.call("state_getStorage", "0x" + key.hex(), "0x" + at.hex())
        return None if v is None else bytes.fromhex(v[2:])

    def state_call(self, function, params: bytes, at: bytes) -> bytes:
        return bytes.fromhex(self.call("state_call", function, "0x" + params.hex(),
                                       "0x" + at.hex())[2:])


def blake2_128_concat(data: bytes) -> bytes:
    import hashlib
    return hashlib.blake2b(data, digest_size=16).digest() + data


class Scale:
    """A cursor over SCALE bytes."""

    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, n):
        out = self.data[self.pos:self.pos + n]
        assert len(out) == n, "truncated SCALE"
        self.pos += n
        return out

    def uint(self, n):
        return int.from_bytes(self.take(n), "little")

    def compact(self):
        b = self.data[self.pos]
        mode = b & 3
        if mode == 0:
            return self.uint(1) >> 2
        if mode == 1:
            return self.uint(2) >> 2
        if mode == 2:
            return self.uint(4) >> 2
        self.pos += 1
        return self.uint((b >> 2) + 4)

    def done(self):
        return self.pos == len(self.data)


def decode_account(raw: bytes):
    """frame_system::AccountInfo<u32, AccountData<u64>> (Bittensor balances are u64)."""
    s = Scale(raw)
    out = dict(nonce=s.uint(4), consumers=s.uint(4), providers=s.uint(4), sufficients=s.uint(4),
               free=s.uint(8), reserved=s.uint(8), frozen=s.uint(8), flags=s.uint(16))
    assert s.done()
    return out


def decode_stake_infos(raw: bytes):
    """Vec<StakeInfo> as Subtensor encodes it (compact numbers)."""
    s = Scale(raw)
    out = []
    for _ in range(s.compact()):
        out.append(dict(hotkey=s.take(32), coldkey=s.take(32), netuid=s.compact(),
                        stake=s.compact(), locked=s.compact(), emission=s.compact(),
                        tao_emission=s.compact(), drain=s.compact(),
                        is_registered=s.uint(1) == 1))
    assert s.done()
    return out
