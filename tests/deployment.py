"""careerfit as the README deploys it on one machine: bin/release once, several
`SKIP_RELEASE=true bin/production` servers, and nginx with careerfit/deploy/nginx.conf in
front, its markers filled in. Used by tests/careerfit/test_deployment.py and by
bench/deployment_run.py. Every process is started here and stopped here, by its id."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import ssl
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "careerfit" / "deploy" / "nginx.conf"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def nginx_config(*, upstreams: list[int], https: int, http: int, cert: Path, key: Path) -> str:
    """The shipped nginx.conf with its marked lines set for this machine."""
    text = CONFIG.read_text()
    servers = "\n".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in upstreams
    )
    text = re.sub(
        r"(?m)^    server 127\.0\.0\.1:8001 .*# @UPSTREAMS@\n(    server .*\n)*",
        servers + "\n",
        text,
    )
    text = re.sub(r"(?m)^    listen 80;.*$", f"    listen 127.0.0.1:{http};", text)
    text = re.sub(
        r"(?m)^    listen 443 ssl http2;.*$", f"    listen 127.0.0.1:{https} ssl http2;", text
    )
    text = re.sub(r"(?m)^    server_name .*$", "    server_name localhost;", text)
    text = re.sub(r"(?m)^    ssl_certificate .*$", f"    ssl_certificate {cert};", text)
    return re.sub(r"(?m)^    ssl_certificate_key .*$", f"    ssl_certificate_key {key};", text)


@dataclass
class Deployment:
    workdir: Path
    database_url: str
    redis_url: str
    instances: int = 2
    workers: int = 2
    env_extra: dict[str, str] = field(default_factory=dict)
    ports: list[int] = field(default_factory=list)
    servers: list[subprocess.Popen | None] = field(default_factory=list)
    nginx: subprocess.Popen | None = None
    https_port: int = 0
    # One key for every server: sessions and CSRF tokens are signed with it.
    secret_key: str = field(default_factory=lambda: "deployment-test-" + uuid.uuid4().hex)

    def env(self) -> dict[str, str]:
        kept = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(
                ("DATABASE_", "REDIS_", "DEBUG", "SECRET_KEY", "DJANGO_", "SECURE_")
            )
        }
        return {
            **kept,
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "TRUSTED_PROXIES": "127.0.0.1",
            "WEB_CONCURRENCY": str(self.workers),
            "LOG_LEVEL": "ERROR",
            # Its own static files, so collecting them never disturbs the checkout's.
            "STATIC_ROOT": str(self.workdir / "static"),
            **self.env_extra,
        }

    def start(self) -> Deployment:
        """Release, start the servers and nginx. The Redis database named by redis_url is
        emptied first: it must be one of careerfit's own test databases."""
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()
        self.workdir.mkdir(parents=True, exist_ok=True)
        release = subprocess.run(  # noqa: S603 - the checkout's own script
            [str(ROOT / "bin" / "release")],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if release.returncode != 0:
            raise RuntimeError(f"bin/release failed:\n{release.stdout}\n{release.stderr}")
        self.ports = [_free_port() for _ in range(self.instances)]
        self.servers = [None] * self.instances
        for index in range(self.instances):
            self.start_server(index)
        for index in range(self.instances):
            self.wait_alive(index)
        self._start_nginx()
        return self

    def start_server(self, index: int) -> None:
        log = (self.workdir / f"server-{index}.log").open("ab")
        self.servers[index] = subprocess.Popen(  # noqa: S603 - the checkout's own script
            [str(ROOT / "bin" / "production")],
            cwd=ROOT,
            env={
                **self.env(),
                "SKIP_RELEASE": "true",
                "ADDRESS": f"127.0.0.1:{self.ports[index]}",
            },
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop_server(self, index: int) -> None:
        """SIGTERM, as a supervisor stops a server: gunicorn finishes the requests it has."""
        server = self.servers[index]
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        self.servers[index] = None

    def wait_alive(self, index: int, timeout: float = 90) -> float:
        """Seconds until the server answers /health/alive/."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.ports[index], timeout=2)
                conn.request(
                    "GET",
                    "/health/alive/",
                    headers={"Host": "localhost", "X-Forwarded-Proto": "https"},
                )
                if conn.getresponse().status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server {index} did not come up; see {self.workdir}/server-{index}.log")

    def _start_nginx(self) -> None:
        cert, key = self.workdir / "cert.pem", self.workdir / "key.pem"
        subprocess.run(  # noqa: S603 - Debian's openssl, fixed arguments
            [
                shutil.which("openssl") or "/usr/bin/openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
        )
        self.https_port = _free_port()
        site = nginx_config(
            upstreams=self.ports, https=self.https_port, http=_free_port(), cert=cert, key=key
        )
        (self.workdir / "careerfit.conf").write_text(site)
        (self.workdir / "logs").mkdir(exist_ok=True)
        (self.workdir / "nginx.conf").write_text(
            f"pid {self.workdir}/nginx.pid;\n"
            f"error_log {self.workdir}/logs/error.log warn;\n"
            "worker_processes 1;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            f"  client_body_temp_path {self.workdir}/body;\n"
            f"  proxy_temp_path {self.workdir}/proxy;\n"
            f"  access_log off;\n"
            f"  include {self.workdir}/careerfit.conf;\n"
            "}\n"
        )
        self.nginx = subprocess.Popen(  # noqa: S603 - Debian's nginx, our config
            [
                shutil.which("nginx") or "/usr/sbin/nginx",
                "-p",
                str(self.workdir),
                "-c",
                str(self.workdir / "nginx.conf"),
                "-g",
                "daemon off;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=(self.workdir / "logs" / "nginx.out").open("ab"),
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                self.request("GET", "/health/alive/")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not come up")

    def request(
        self,
        method: str,
        path: str,
        *,
        body: str | None = None,
        headers: dict[str, str] | None = None,
        source: str = "127.0.0.2",
    ) -> http.client.HTTPResponse:
        """One request through nginx over TLS, from the loopback address `source`, so
        nginx forwards that address as the visitor's."""
        context = ssl._create_unverified_context()  # noqa: S323 - our own self-signed cert
        conn = http.client.HTTPSConnection(
            "localhost", self.https_port, timeout=35, context=context, source_address=(source, 0)
        )
        host = f"localhost:{self.https_port}"
        conn.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        response = conn.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        conn.close()
        return response

    def close(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for index in range(len(self.servers)):
            self.stop_server(index)


class Browser:
    """A visitor with cookies, talking to a Deployment through nginx."""

    def __init__(self, deployment: Deployment, source: str = "127.0.0.2") -> None:
        self.deployment = deployment
        self.source = source
        self.cookies: dict[str, str] = {}

    def _cookie_header(self) -> dict[str, str]:
        if not self.cookies:
            return {}
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def get(self, path: str) -> http.client.HTTPResponse:
        return self._send("GET", path)

    def post(
        self, path: str, data: dict[str, str], headers: dict[str, str] | None = None
    ) -> http.client.HTTPResponse:
        from urllib.parse import urlencode

        token = self.cookies.get("csrftoken")
        if token is None:
            self.get(path if path.startswith("/account/") else "/assess/")
            token = self.cookies["csrftoken"]
        body = urlencode({**data, "csrfmiddlewaretoken": token})
        return self._send(
            "POST",
            path,
            body=body,
            headers={
                **(headers or {}),
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://localhost:{self.deployment.https_port}{path}",
                "Origin": f"https://localhost:{self.deployment.https_port}",
            },
        )

    def _send(self, method: str, path: str, **kwargs) -> http.client.HTTPResponse:
        headers = {**kwargs.pop("headers", {}), **self._cookie_header()}
        response = self.deployment.request(
            method, path, headers=headers, source=self.source, **kwargs
        )
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                if val in ('""', ""):
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = val
        return response


def location(response: http.client.HTTPResponse) -> str:
    return urlsplit(response.getheader("Location") or "").path
