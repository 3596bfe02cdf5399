"""A real Kubernetes control plane on this machine: etcd, kube-apiserver,
kube-controller-manager and kube-scheduler built from the Go module proxy
(``scripts/control-plane.sh``), and kwok, which plays the kubelet of fake nodes: pods are
scheduled, get an IP and turn Ready, and Job pods complete, but no container runs.

Everything listens on 127.0.0.1 on free ports and lives in one temporary folder.
"""

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from uuid import uuid4

import yaml

from clearway_infra.ports import free_port, port_is_open
from clearway_infra.processes import terminate
from tests.support.infra import REPO

BUILD_SCRIPT = REPO / "scripts" / "control-plane.sh"
FAKE_NODE_ANNOTATION = "kwok.x-k8s.io/node"


class ControlPlaneError(RuntimeError):
    pass


def binaries() -> Path:
    """The folder of the control plane's binaries, built first if they are not cached."""
    result = subprocess.run(
        ["bash", str(BUILD_SCRIPT)], capture_output=True, text=True, timeout=3600
    )
    if result.returncode != 0:
        raise ControlPlaneError(f"building the control plane failed:\n{result.stderr[-4000:]}")
    return Path(result.stdout.strip().splitlines()[-1])


class ControlPlane:
    def __init__(self, *, bin_dir: Path, work: Path) -> None:
        self.bin = bin_dir
        self.work = work
        self.kubeconfig = work / "kubeconfig"
        self._processes: list[subprocess.Popen[bytes]] = []

    def kubectl(self, *args: str, stdin: str | None = None, check: bool = True) -> str:
        result = subprocess.run(
            ["kubectl", "--kubeconfig", str(self.kubeconfig), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise ControlPlaneError(f"kubectl {' '.join(args)}:\n{result.stderr[-4000:]}")
        return result.stdout

    def get(self, *args: str) -> Any:
        return yaml.safe_load(self.kubectl("get", *args, "-o", "yaml"))

    def apply(self, manifests: str) -> str:
        """Server-side apply, as the API server validates it (unknown fields refused)."""
        return self.kubectl(
            "apply", "--server-side", "--field-manager=clearway-test", "-f", "-", stdin=manifests
        )

    # ----------------------------------------------------------------------- lifecycle

    def start(self) -> None:
        etcd_port, peer_port, api_port = free_port(), free_port(), free_port()
        self._spawn(
            "etcd",
            "--data-dir", str(self.work / "etcd"),
            "--listen-client-urls", f"http://127.0.0.1:{etcd_port}",
            "--advertise-client-urls", f"http://127.0.0.1:{etcd_port}",
            "--listen-peer-urls", f"http://127.0.0.1:{peer_port}",
            "--initial-advertise-peer-urls", f"http://127.0.0.1:{peer_port}",
            "--initial-cluster", f"default=http://127.0.0.1:{peer_port}",
        )  # fmt: skip
        self._wait_for_port(etcd_port, "etcd")

        sa_key, sa_pub = self.work / "sa.key", self.work / "sa.pub"
        subprocess.run(
            ["openssl", "genrsa", "-out", sa_key, "2048"], check=True, capture_output=True
        )
        subprocess.run(
            ["openssl", "rsa", "-in", sa_key, "-pubout", "-out", sa_pub],
            check=True,
            capture_output=True,
        )
        token = uuid4().hex
        (self.work / "tokens.csv").write_text(f"{token},admin,admin,system:masters\n")
        self._spawn(
            "kube-apiserver",
            "--etcd-servers", f"http://127.0.0.1:{etcd_port}",
            "--bind-address", "127.0.0.1",
            "--secure-port", str(api_port),
            "--cert-dir", str(self.work / "certs"),
            "--token-auth-file", str(self.work / "tokens.csv"),
            "--authorization-mode", "RBAC",
            "--service-account-issuer", "https://kubernetes.default.svc",
            "--service-account-key-file", str(sa_pub),
            "--service-account-signing-key-file", str(sa_key),
            "--service-cluster-ip-range", "10.96.0.0/16",
        )  # fmt: skip
        self._write_kubeconfig(api_port, token)
        self._wait_until("the API server is ready", lambda: self._ready())

        kubeconfig = str(self.kubeconfig)
        self._spawn(
            "kube-controller-manager",
            "--kubeconfig", kubeconfig,
            "--authentication-kubeconfig", kubeconfig,
            "--authorization-kubeconfig", kubeconfig,
            "--service-account-private-key-file", str(sa_key),
            "--use-service-account-credentials=false",
            "--controllers", "*,-nodeipam",
            "--bind-address", "127.0.0.1",
            "--secure-port", str(free_port()),
            "--leader-elect=false",
        )  # fmt: skip
        self._spawn(
            "kube-scheduler",
            "--kubeconfig", kubeconfig,
            "--authentication-kubeconfig", kubeconfig,
            "--authorization-kubeconfig", kubeconfig,
            "--bind-address", "127.0.0.1",
            "--secure-port", str(free_port()),
            "--leader-elect=false",
        )  # fmt: skip
        self._spawn(
            "kwok",
            "--kubeconfig", kubeconfig,
            "--manage-all-nodes=false",
            f"--manage-nodes-with-annotation-selector={FAKE_NODE_ANNOTATION}=fake",
            "--cidr=10.0.0.1/16",
            "--node-ip=10.0.0.1",
            "--server-address", f"127.0.0.1:{free_port()}",
        )  # fmt: skip
        for zone in ("a", "b", "c"):
            self.apply(fake_node(f"kwok-node-{zone}", zone=f"zone-{zone}"))

    def stop(self) -> None:
        for process in reversed(self._processes):
            terminate(process.pid, timeout=10)

    def logs(self, name: str) -> str:
        path = self.work / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    # ----------------------------------------------------------------------- helpers

    def _spawn(self, name: str, *args: str) -> None:
        log = (self.work / f"{name}.log").open("wb")
        process = subprocess.Popen(
            [str(self.bin / name), *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.work,
            start_new_session=True,
            env={"PATH": os.environ["PATH"], "HOME": str(self.work)},
        )
        self._processes.append(process)

    def _write_kubeconfig(self, port: int, token: str) -> None:
        config = {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [
                {
                    "name": "test",
                    "cluster": {
                        "server": f"https://127.0.0.1:{port}",
                        "insecure-skip-tls-verify": True,
                    },
                }
            ],
            "users": [{"name": "admin", "user": {"token": token}}],
            "contexts": [{"name": "test", "context": {"cluster": "test", "user": "admin"}}],
            "current-context": "test",
        }
        self.kubeconfig.write_text(yaml.safe_dump(config))

    def _ready(self) -> bool:
        with suppress(ControlPlaneError, subprocess.TimeoutExpired):
            return self.kubectl("get", "--raw", "/readyz", check=True).strip() == "ok"
        return False

    def _wait_for_port(self, port: int, name: str) -> None:
        self._wait_until(f"{name} listens", lambda: port_is_open(port))

    def _wait_until(self, what: str, condition: Any, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            for process in self._processes:
                if process.poll() is not None:
                    name = Path(str(process.args[0])).name  # type: ignore[index]
                    raise ControlPlaneError(f"{name} exited:\n{self.logs(name)}")
            if time.monotonic() > deadline:
                raise ControlPlaneError(f"timed out waiting until {what}")
            time.sleep(0.5)


def fake_node(name: str, *, zone: str) -> str:
    """A node kwok plays, in a zone (the manifests spread replicas across zones)."""
    node = {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": name,
            "annotations": {FAKE_NODE_ANNOTATION: "fake"},
            "labels": {
                "kubernetes.io/hostname": name,
                "kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "topology.kubernetes.io/zone": zone,
                "type": "kwok",
            },
        },
        "status": {
            "allocatable": {"cpu": "32", "memory": "128Gi", "pods": "110"},
            "capacity": {"cpu": "32", "memory": "128Gi", "pods": "110"},
        },
    }
    text: str = yaml.safe_dump(node)
    return text


@contextmanager
def running_control_plane(work: Path) -> Iterator[ControlPlane]:
    plane = ControlPlane(bin_dir=binaries(), work=work)
    try:
        plane.start()
        yield plane
    finally:
        plane.stop()
