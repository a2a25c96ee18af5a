"""The real simpegd with the sample Kota Salatiga and the real simpeg-web in front of it, on
loopback ports the system chooses, for the browser tests; set up over simpegd's own protocol
with the reference Python client (Tools/python)."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tools" / "python"))

from simpeg_client import Client, RpcError, StatusCode  # noqa: E402  (the package puts simpeg.* on the path)
from google.protobuf import descriptor_pool, json_format, message_factory  # noqa: E402

for _module in (
    "account", "activity", "admin", "auth", "employee", "evaluation", "feedback", "health", "import",
    "innovation", "org", "plan", "publicservice",
):
    __import__(f"simpeg.v1.{_module}_pb2")

WIB = timezone(timedelta(hours=7))
INITIAL_PASSWORD = "sandi-awal-kota-1"
PASSWORD = "sandi-kota-salatiga"


class Failure(Exception):
    """The city could not be set up as the tests need it."""


class Process:
    """A child process whose stdout goes to a file, ready once it prints its JSON ready line."""

    def __init__(self, name, arguments, folder, timeout=180):
        self.name = name
        self.out = folder / f"{name}.out"
        self.err = folder / f"{name}.err"
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            self.process = subprocess.Popen(arguments, stdout=out, stderr=err, cwd=folder, start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            text = self.out.read_text(errors="replace")
            for line in text.splitlines():
                if '"ready"' in line:
                    self.ready = json.loads(line)
                    return
            if self.process.poll() is not None:
                raise Failure(f"{name} exited ({self.process.returncode}): {self.err.read_text(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                self.stop()
                raise Failure(f"{name} printed no ready line in {timeout} s")
            time.sleep(0.1)

    def stop(self):
        """SIGTERM (a drain), then SIGKILL after 20 s."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class City:
    """simpegd with the sample city of this year (seed 11) and simpeg-web with the web app of
    `web_root` and a citizens' desk key, in `folder`."""

    def __init__(self, binaries, web_root, folder):
        self.folder = folder
        self.year = datetime.now(WIB).year
        self.daemon = Process(
            "simpegd",
            [
                str(binaries / "simpegd"), "--data", str(folder / "data"), "--listen", "127.0.0.1:0",
                "--metrics-listen", "off", "--sample-seed", "11", "--sample-year", str(self.year),
                "--sample-service-requests", "300", "--trusted-forwarders", "127.0.0.1",
            ],
            folder,
        )
        host, port = self.daemon.ready["rpc"].rsplit(":", 1)
        self.client = Client(host, int(port))
        bootstrap = (folder / "data" / "bootstrap-admin.txt").read_text()
        password = re.search(r"^password=(\S+)$", bootstrap, re.M).group(1)
        self.bootstrap_password = password
        # simpegd lets a session whose password change is pending call anything on its own
        # protocol; only the gateway insists on the change.
        self.admin = self.rpc("AuthService/Login", {"username": "admin", "password": password})["token"]
        self.rpc(
            "AccountService/CreateServiceAccount",
            {"name": "meja-publik", "scopes": ["services.read", "services.write", "org.read"],
             "displayName": "Meja layanan publik simpeg-web"},
        )
        key = self.rpc("AccountService/CreateApiKey", {"account": {"username": "meja-publik"}, "label": "simpeg-web"})
        key_file = folder / "kunci-meja-publik.txt"
        key_file.write_text(key["secret"] + "\n")
        key_file.chmod(0o600)
        self.web = Process(
            "simpeg-web",
            [
                str(binaries / "simpeg-web"), "--listen", "127.0.0.1:0", "--metrics-listen", "off",
                "--upstream", self.daemon.ready["rpc"], "--web-root", str(web_root),
                "--public-api-key-file", str(key_file), "--cookie-secure", "never",
            ],
            folder,
        )
        self.url = "http://" + self.web.ready["http"]
        self.tokens = {}
        self.web_arguments = [
            str(binaries / "simpeg-web"), "--listen", self.web.ready["http"], "--metrics-listen", "off",
            "--upstream", self.daemon.ready["rpc"], "--web-root", str(web_root),
            "--public-api-key-file", str(key_file), "--cookie-secure", "never",
        ]
        self.web_starts = 1

    def stop_web(self):
        """Drains and stops simpeg-web (its event streams close without an end, so browsers resume)."""
        self.web.stop()

    def start_web(self):
        """Starts simpeg-web again on the address it had, as a gateway that replaces another."""
        self.web_starts += 1
        self.web = Process(f"simpeg-web-{self.web_starts}", self.web_arguments, self.folder)

    def rpc(self, method, request=None, token=None):
        """Calls `method` ("OrgService/GetUnit") of simpeg.v1 with a JSON-like dict; returns a dict."""
        service, name = method.split("/")
        descriptor = descriptor_pool.Default().FindMethodByName(f"simpeg.v1.{service}.{name}")
        request_type = message_factory.GetMessageClass(descriptor.input_type)
        response_type = message_factory.GetMessageClass(descriptor.output_type)
        message = json_format.ParseDict(request or {}, request_type())
        credential = token if token is not None else getattr(self, "admin", None)
        metadata = {"authorization": f"Bearer {credential}"} if credential else None
        response = self.client.unary(f"simpeg.v1.{method}", message, response_type, timeout=60, metadata=metadata)
        return json_format.MessageToDict(response)

    def employee(self, employee_id):
        return self.rpc("EmployeeService/GetEmployee", {"id": str(employee_id)})

    def account(self, employee, change_password=True, session=False):
        """An account for `employee` (a dict) with INITIAL_PASSWORD; with `change_password` it is
        changed to PASSWORD already, so the browser logs in without the forced change; with
        `session` (or `change_password`) a session of it is kept for `token_of`."""
        self.rpc("AccountService/CreateUserAccount", {"nip": employee["nip"], "initialPassword": INITIAL_PASSWORD})
        if change_password or session:
            # The session survives the change (ChangePassword ends the account's other sessions).
            token = self.token(employee["nip"], INITIAL_PASSWORD)
            if change_password:
                self.rpc("AuthService/ChangePassword", {"oldPassword": INITIAL_PASSWORD, "newPassword": PASSWORD}, token=token)
            self.tokens[employee["nip"]] = token
        return employee

    def token(self, username, password):
        return self.rpc("AuthService/Login", {"username": username, "password": password}, token="")["token"]

    def token_of(self, employee):
        """A session of `employee`, logging in with whichever password it has now."""
        nip = employee["nip"]
        if nip not in self.tokens:
            try:
                self.tokens[nip] = self.token(nip, PASSWORD)
            except RpcError:
                self.tokens[nip] = self.token(nip, INITIAL_PASSWORD)
        return self.tokens[nip]

    def stop(self):
        for process in (getattr(self, "web", None), self.daemon):
            if process:
                process.stop()
        self.client.close()
