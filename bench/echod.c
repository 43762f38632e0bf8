// echod: a TCP echo server on 127.0.0.1, one thread with epoll, for connload when the JVM's
// `wiretop serve echo` costs more CPU than a 2-core machine can spare at 10,000 connections/s.
//   echod PORT SECONDS
// Echoes what each connection sends until the peer closes (or resets). Binds loopback only and
// exits by itself after SECONDS (at most 600). Prints "listening" once it accepts.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: echod PORT SECONDS\n");
    return 2;
  }
  int port = atoi(argv[1]);
  double seconds = atof(argv[2]);
  if (port <= 0 || port > 65535 || seconds <= 0 || seconds > 600) {
    fprintf(stderr, "echod: 0 < PORT <= 65535, 0 < SECONDS <= 600\n");
    return 2;
  }
  struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &at.sin_addr);
  int l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
  setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (l < 0 || bind(l, (struct sockaddr *)&at, sizeof at) < 0 || listen(l, 4096) < 0) {
    perror("echod");
    return 1;
  }
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = l};
  epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
  printf("listening on 127.0.0.1:%d\n", port);
  fflush(stdout);
  double end = now() + seconds;
  struct epoll_event got[256];
  char buf[4096];
  while (now() < end) {
    int n = epoll_wait(ep, got, 256, 200);
    for (int i = 0; i < n; i++) {
      int fd = got[i].data.fd;
      if (fd == l) {
        int c;
        while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          struct epoll_event e = {.events = EPOLLIN, .data.fd = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &e);
        }
        continue;
      }
      ssize_t r = read(fd, buf, sizeof buf);
      if (r > 0) {
        if (write(fd, buf, r) != r) close(fd); // a 2-byte echo fits the send buffer; anything else ends it
      } else if (r == 0 || errno != EAGAIN) {
        close(fd); // closing removes it from the epoll set
      }
    }
  }
  return 0;
}
