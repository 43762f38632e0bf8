# A long-lived loopback server for the attribution tests: prints "PID PORT", then answers each
# connection (an HTTP GET with a tiny 200, anything else echoed) and closes it. Stopped by the test.
import os, socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(128)
print(os.getpid(), s.getsockname()[1], flush=True)
while True:
    c, _ = s.accept()
    d = c.recv(1024)
    c.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok" if d.startswith(b"GET") else d)
    c.close()
