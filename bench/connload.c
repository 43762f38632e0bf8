// connload: new TCP connections at a fixed rate to an echo server on 127.0.0.1, bounded by time.
//   connload PORT RATE SECONDS [THREADS=2]
// Each connection: connect, send 2 bytes, read them back, close with a reset (SO_LINGER 0, so
// 10,000 a second leave no TIME_WAIT behind to use up the ephemeral ports). THREADS threads
// share the rate, each on its own schedule: a thread that fell behind (the echo server or the
// capture held the core a moment) makes up the slots of the last CATCHUP_MS, no older ones, so
// the rate is kept without bursts of more than that. Loopback only; at most 120 s and 100,000 a
// second. Prints "pid N" at the start and the rate reached at the end.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define CATCHUP_MS 20

static struct sockaddr_in to;
static double start_s, end_s, interval_s;
static int threads;
static atomic_long done, failed;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void sleep_until(double t) {
  struct timespec ts = {.tv_sec = (time_t)t, .tv_nsec = (long)((t - (time_t)t) * 1e9)};
  clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
}

static int one(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) return 0;
  struct linger l = {.l_onoff = 1, .l_linger = 0};
  struct timeval tv = {.tv_sec = 1};
  setsockopt(s, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv); // bounds connect too
  char buf[2];
  int ok = connect(s, (struct sockaddr *)&to, sizeof to) == 0 && send(s, "hi", 2, MSG_NOSIGNAL) == 2;
  int got = 0;
  while (ok && got < 2) {
    ssize_t n = recv(s, buf + got, 2 - got, 0);
    if (n <= 0) ok = 0;
    else got += n;
  }
  close(s);
  return ok;
}

static void *worker(void *arg) {
  long k = (long)arg;
  double next = start_s + interval_s * k / threads;
  double step = interval_s;
  for (;;) {
    double t = now();
    if (t >= end_s) return NULL;
    if (next > t) sleep_until(next);
    else if (t - next > CATCHUP_MS / 1e3) next = t; // far behind: older slots are not made up
    next += step;
    if (one()) atomic_fetch_add(&done, 1);
    else atomic_fetch_add(&failed, 1);
  }
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: connload PORT RATE SECONDS [THREADS]\n");
    return 2;
  }
  int port = atoi(argv[1]);
  double rate = atof(argv[2]), seconds = atof(argv[3]);
  threads = argc > 4 ? atoi(argv[4]) : 2;
  if (port <= 0 || port > 65535 || rate <= 0 || rate > 100000 || seconds <= 0 || seconds > 120 || threads < 1 ||
      threads > 64) {
    fprintf(stderr, "connload: 0 < PORT <= 65535, 0 < RATE <= 100000, 0 < SECONDS <= 120, 1 <= THREADS <= 64\n");
    return 2;
  }
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  printf("pid %d\n", getpid());
  fflush(stdout);
  interval_s = threads / rate;
  start_s = now();
  end_s = start_s + seconds;
  pthread_t t[64];
  for (long i = 0; i < threads; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
  double took = now() - start_s;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  printf("connections %ld failed %ld in %.2f s = %.0f/s (own CPU %.0f %% of a core)\n", atomic_load(&done),
         atomic_load(&failed), took, atomic_load(&done) / took, 100 * cpu / took);
  return 0;
}
