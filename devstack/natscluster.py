"""Three nats-server nodes clustered on loopback, JetStream on each, for replicas 3."""

import subprocess
from dataclasses import dataclass
from pathlib import Path

from devstack.natsserver import nats_server_binary
from devstack.ports import free_port
from devstack.waiting import wait_for_port

CLUSTER_NAME = "convegni"


@dataclass
class Node:
    name: str
    port: int
    route_port: int
    store_dir: Path
    config: Path
    log_file: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"


class NatsCluster:
    """Start, kill and restart the nodes one by one; clients connect to all three."""

    def __init__(self, root: Path, size: int = 3) -> None:
        self.nodes = [self._node(root, f"n{i + 1}") for i in range(size)]
        for node in self.nodes:
            node.config.write_text(self._config(node))

    def _node(self, root: Path, name: str) -> Node:
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        return Node(
            name=name,
            port=free_port(),
            route_port=free_port(),
            store_dir=folder / "store",
            config=folder / "nats-server.conf",
            log_file=folder / "nats-server.log",
        )

    def _config(self, node: Node) -> str:
        routes = ", ".join(
            f"nats-route://127.0.0.1:{other.route_port}"
            for other in self.nodes
            if other is not node
        )
        return f"""
server_name: {node.name}
listen: 127.0.0.1:{node.port}
jetstream {{ store_dir: "{node.store_dir}" }}
cluster {{
  name: {CLUSTER_NAME}
  listen: 127.0.0.1:{node.route_port}
  routes: [{routes}]
}}
"""

    @property
    def url(self) -> str:
        """Every node's address: clients fail over between them."""
        return ",".join(node.url for node in self.nodes)

    def node(self, name: str) -> Node:
        return next(node for node in self.nodes if node.name == name)

    def start(self) -> "NatsCluster":
        for node in self.nodes:
            self.start_node(node)
        return self

    def start_node(self, node: Node) -> None:
        with open(node.log_file, "ab") as log:
            node.process = subprocess.Popen(
                [nats_server_binary(), "-c", str(node.config)], stdout=log, stderr=subprocess.STDOUT
            )
        wait_for_port(node.port, timeout=20, process=node.process)

    def kill_node(self, node: Node) -> None:
        """SIGKILL one node, as a crashed machine would go."""
        if node.process and node.process.poll() is None:
            node.process.kill()
            node.process.wait()

    def stop(self) -> None:
        for node in self.nodes:
            if node.process and node.process.poll() is None:
                node.process.terminate()
                try:
                    node.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.kill_node(node)
