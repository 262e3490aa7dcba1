#!/usr/bin/env python3
"""Plays systemd's part in socket activation for tests and `npm run bench:apps`.

Binds and listens on HOST:PORT, then runs COMMAND with the socket as fd 3 and LISTEN_FDS=1 and
LISTEN_PID=<its pid>, as a systemd .socket unit does. The holder never accepts, so connections wait in
the kernel's backlog while the command restarts. SIGUSR1 restarts the command (SIGTERM, wait, start
again: what `systemctl restart` does); SIGTERM stops it and exits. Python because Node cannot create a
listening socket without also accepting on it.

usage: socket-holder.py HOST PORT COMMAND...
"""
import os
import signal
import socket
import subprocess
import sys


def main() -> int:
    host, port, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    os.dup2(sock.fileno(), 3)
    os.set_inheritable(3, True)

    def start() -> subprocess.Popen:
        def as_activated() -> None:
            os.environ["LISTEN_FDS"] = "1"
            os.environ["LISTEN_PID"] = str(os.getpid())

        return subprocess.Popen(command, pass_fds=(3,), preexec_fn=as_activated)

    child = start()
    wanted = {"restart": False, "stop": False}

    # Handlers only signal: waiting on the child inside a handler would deadlock with the main loop's wait.
    def restart(*_: object) -> None:
        wanted["restart"] = True
        child.terminate()

    def stop(*_: object) -> None:
        wanted["stop"] = True
        child.terminate()

    signal.signal(signal.SIGUSR1, restart)
    signal.signal(signal.SIGTERM, stop)
    while True:
        code = child.wait()
        if wanted["restart"] and not wanted["stop"]:
            wanted["restart"] = False
            child = start()
            continue
        return code


if __name__ == "__main__":
    sys.exit(main())
