#!/usr/bin/env python3
"""Gives simpeg-web's citizens' desk its key on a quick-start machine (Tools/serve).

Usage: public_desk_key.py HOST:PORT DATA_FOLDER KEY_FILE

While the bootstrap administrator's one-time credentials are still in DATA_FOLDER, logs in with
them over simpegd's own protocol, creates the service account `meja-publik` (scopes
services.read, services.write, org.read) and an API key for it, and writes the key to KEY_FILE
(mode 0600). Does nothing when KEY_FILE exists; says how to do it by hand, and exits 3, when the
bootstrap credentials are gone (the administrator has taken over the account).
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))

from simpeg_client import Client, RpcError  # noqa: E402  (the package puts simpeg.* on the path)
from simpeg.v1 import account_pb2, auth_pb2  # noqa: E402

ACCOUNT = "meja-publik"
SCOPES = ["services.read", "services.write", "org.read"]


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    address, data, key_file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if key_file.exists():
        return 0
    bootstrap = data / "bootstrap-admin.txt"
    if not bootstrap.exists():
        print(
            f"public desk: {bootstrap} is gone, so the key is not made here; as BKPSDM run\n"
            f"  simpeg-admin account add-service {ACCOUNT} --scope {' --scope '.join(SCOPES)}\n"
            f"  simpeg-admin apikey create {ACCOUNT} --label simpeg-web\n"
            f"and put the key in {key_file} (simpeg-web's public-api-key-file)",
            file=sys.stderr,
        )
        return 3
    password = re.search(r"^password=(\S+)$", bootstrap.read_text(), re.M).group(1)
    host, port = address.rsplit(":", 1)
    try:
        secret = make_key(Client(host, int(port)), password)
    except RpcError as error:
        print(f"public desk: no key made: {error}", file=sys.stderr)
        return 1
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(secret + "\n")
    print(f"public desk: the key of the service account {ACCOUNT} is in {key_file}", file=sys.stderr)
    return 0


def make_key(client, password):
    """The service account (made unless it exists) and a new API key of it; returns the key."""
    with client:
        login = client.unary(
            "simpeg.v1.AuthService/Login", auth_pb2.LoginRequest(username="admin", password=password),
            auth_pb2.LoginResponse, timeout=60,
        )
        metadata = {"authorization": f"Bearer {login.token}"}
        try:
            client.unary(
                "simpeg.v1.AccountService/CreateServiceAccount",
                account_pb2.CreateServiceAccountRequest(
                    name=ACCOUNT, scopes=SCOPES, display_name="Meja layanan publik simpeg-web"),
                account_pb2.CreateAccountResponse, timeout=60, metadata=metadata,
            )
        except RpcError as error:
            if error.code.name != "ALREADY_EXISTS":
                raise
        key = client.unary(
            "simpeg.v1.AccountService/CreateApiKey",
            account_pb2.CreateApiKeyRequest(account=account_pb2.AccountRef(username=ACCOUNT), label="simpeg-web"),
            account_pb2.CreateApiKeyResponse, timeout=60, metadata=metadata,
        )
        client.unary("simpeg.v1.AuthService/Logout", auth_pb2.LogoutRequest(), auth_pb2.LogoutResponse,
                     timeout=60, metadata=metadata)
        return key.secret


if __name__ == "__main__":
    sys.exit(main())
