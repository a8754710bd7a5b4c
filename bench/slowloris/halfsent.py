"""Holds N connections that sent half a request (`GET / HTTP/1.1` and one header, then silence),
then times one normal GET and counts the server's open descriptors. Prints `name: value` lines."""
import os, resource, socket, sys, time, urllib.request

port, n, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 200), hard))
held = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    held.append(s)
time.sleep(1)
t = time.time()
status = urllib.request.urlopen(f"http://127.0.0.1:{port}/tiltak", timeout=5).status
took = time.time() - t
fds = len(os.listdir(f"/proc/{pid}/fd"))
print(f"halfsent_held: {n}")
print(f"get_tiltak_status: {status}")
print(f"get_tiltak_seconds: {took:.3f}")
print(f"server_open_fds: {fds}")
