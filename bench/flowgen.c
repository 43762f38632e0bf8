// flowgen: UDP datagrams over many flows, on loopback only, bounded by count and by time.
//   flowgen N FLOWS SIZE [MAX_SEC=20] [PORT=19998]
// Datagram k goes from 127.1.X.Y:PORT+1 (flow k % FLOWS, X.Y its number) to 127.0.0.1:PORT.
// Every 127/8 address belongs to this host on lo, so one socket sends from all of them, the
// source chosen per datagram with IP_PKTINFO; batches of 64 go out with one sendmmsg. A sink
// socket bound to PORT keeps the kernel from answering with ICMP. Prints what it achieved.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: flowgen N FLOWS SIZE [MAX_SEC] [PORT]\n");
    return 2;
  }
  long n = atol(argv[1]), flows = atol(argv[2]);
  int size = atoi(argv[3]);
  double max_sec = argc > 4 ? atof(argv[4]) : 20;
  int port = argc > 5 ? atoi(argv[5]) : 19998;
  if (n <= 0 || flows <= 0 || flows > 65534 || size < 0 || size > 1400 || max_sec <= 0 || max_sec > 120) {
    fprintf(stderr, "flowgen: N > 0, 1 <= FLOWS <= 65534, 0 <= SIZE <= 1400, 0 < MAX_SEC <= 120\n");
    return 2;
  }
  struct sockaddr_in dst = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  int sink = socket(AF_INET, SOCK_DGRAM, 0);
  if (sink < 0 || bind(sink, (struct sockaddr *)&dst, sizeof dst) < 0) {
    perror("flowgen: sink");
    return 1;
  }
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in src = {.sin_family = AF_INET, .sin_port = htons(port + 1)};
  if (s < 0 || bind(s, (struct sockaddr *)&src, sizeof src) < 0) {
    perror("flowgen: sender");
    return 1;
  }
  static char payload[1400];
  static struct mmsghdr msgs[BATCH];
  static struct iovec iov[BATCH];
  static char control[BATCH][CMSG_SPACE(sizeof(struct in_pktinfo))];
  static struct in_pktinfo *info[BATCH];
  for (int i = 0; i < BATCH; i++) {
    iov[i].iov_base = payload;
    iov[i].iov_len = size;
    msgs[i].msg_hdr.msg_name = &dst;
    msgs[i].msg_hdr.msg_namelen = sizeof dst;
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
    msgs[i].msg_hdr.msg_control = control[i];
    msgs[i].msg_hdr.msg_controllen = sizeof control[i];
    struct cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr);
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(struct in_pktinfo));
    info[i] = (struct in_pktinfo *)CMSG_DATA(c);
  }
  double start = now(), deadline = start + max_sec;
  long sent = 0;
  while (sent < n && now() < deadline) {
    int k = n - sent < BATCH ? (int)(n - sent) : BATCH;
    for (int i = 0; i < k; i++) {
      long flow = (sent + i) % flows + 1;
      info[i]->ipi_spec_dst.s_addr = htonl(0x7f010000u | (unsigned)flow);
    }
    int r = sendmmsg(s, msgs, k, 0);
    if (r < 0) {
      perror("flowgen: sendmmsg");
      return 1;
    }
    sent += r;
  }
  double secs = now() - start;
  printf("flowgen sent=%ld flows=%ld size=%d secs=%.3f pps=%.0f\n", sent, flows < n ? flows : n, size, secs,
         sent / secs);
  close(s);
  close(sink);
  return 0;
}
