/*
 * progress.c - a line on stderr that says how far a long run has come:
 * bytes read of the inputs' total, journeys and journeys per second. It is
 * drawn by a thread of its own four times a second, only when stderr is a
 * terminal and mot is not quiet, and only once a run has taken a second, so
 * short runs, pipes and logs never see it. Bytes read are the process's own
 * count (Linux's /proc/self/io); journeys are counted by progress_journeys,
 * safe from any reader thread.
 */
#include <config.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "progress.h"

/* How often the line is drawn, and after how long the first time. */
#define PROGRESS_TICK_NS	250000000L
#define PROGRESS_DELAY		1.0

static struct {
	int			 active;
	int			 shown;
	int			 stop;
	uint64_t		 total;		/* bytes of the inputs; 0: unknown */
	uint64_t		 base;		/* bytes read before the run */
	struct timespec		 t0;
	pthread_t		 tid;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
} pg = { 0, 0, 0, 0, 0, { 0, 0 }, 0, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_COND_INITIALIZER };

static _Atomic uint64_t	pg_journeys;

/* Bytes this process has read so far; 0 when the system does not say. */
static uint64_t
bytes_read(void)
{
	FILE			*f;
	char			 line[128];
	unsigned long long	 v = 0;

	if ((f = fopen("/proc/self/io", "r")) == NULL)
		return (0);
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "rchar: %llu", &v) == 1)
			break;
	}
	fclose(f);
	return ((uint64_t)v);
}

static double
since(const struct timespec *t0)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((double)(now.tv_sec - t0->tv_sec) +
	    (double)(now.tv_nsec - t0->tv_nsec) / 1e9);
}

static void
human_bytes(char *buf, size_t size, uint64_t b)
{
	if (b < 1000 * 1000)
		snprintf(buf, size, "%.0f kB", (double)b / 1e3);
	else if (b < UINT64_C(1000) * 1000 * 1000)
		snprintf(buf, size, "%.1f MB", (double)b / 1e6);
	else
		snprintf(buf, size, "%.2f GB", (double)b / 1e9);
}

void
progress_format(char *buf, size_t size, uint64_t done, uint64_t total,
    uint64_t journeys, double secs)
{
	char	d[32], t[32];
	size_t	len;

	human_bytes(d, sizeof d, done);
	if (total > 0) {
		if (done > total)
			done = total;
		human_bytes(t, sizeof t, total);
		snprintf(buf, size, "reading: %s of %s (%.0f%%)", d, t,
		    100.0 * (double)done / (double)total);
	} else
		snprintf(buf, size, "reading: %s", d);
	len = strlen(buf);
	if (secs > 0 && len < size) {
		human_bytes(t, sizeof t, (uint64_t)((double)done / secs));
		snprintf(buf + len, size - len, ", %s/s", t);
		len = strlen(buf);
	}
	if (journeys > 0 && len < size)
		snprintf(buf + len, size - len, ", %llu journeys, %.0f "
		    "journeys/s", (unsigned long long)journeys,
		    secs > 0 ? (double)journeys / secs : 0);
}

static void *
ticker(void *arg)
{
	struct timespec	 when;
	char		 line[160];
	double		 secs;
	uint64_t	 now;

	(void)arg;
	pthread_mutex_lock(&pg.lock);
	while (!pg.stop) {
		clock_gettime(CLOCK_REALTIME, &when);
		when.tv_nsec += PROGRESS_TICK_NS;
		if (when.tv_nsec >= 1000000000L) {
			when.tv_sec++;
			when.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&pg.cond, &pg.lock, &when);
		if (pg.stop || (secs = since(&pg.t0)) < PROGRESS_DELAY)
			continue;
		now = bytes_read();
		progress_format(line, sizeof line, now > pg.base ? now -
		    pg.base : 0, pg.total, atomic_load(&pg_journeys), secs);
		fprintf(stderr, "\rmot: %s\033[K", line);
		fflush(stderr);
		pg.shown = 1;
	}
	pthread_mutex_unlock(&pg.lock);
	return (NULL);
}

void
progress_start(char *const *files, size_t n)
{
	struct stat	sb;
	size_t		i;

	if (pg.active || log_level() < 0 || !isatty(STDERR_FILENO))
		return;
	pg.total = 0;
	for (i = 0; i < n; i++) {
		if (strcmp(files[i], "-") == 0 || stat(files[i], &sb) != 0 ||
		    !S_ISREG(sb.st_mode)) {
			pg.total = 0;	/* a pipe: the total is not known */
			break;
		}
		pg.total += (uint64_t)sb.st_size;
	}
	pg.base = bytes_read();
	pg.stop = pg.shown = 0;
	atomic_store(&pg_journeys, 0);
	clock_gettime(CLOCK_MONOTONIC, &pg.t0);
	if (pthread_create(&pg.tid, NULL, ticker, NULL) == 0)
		pg.active = 1;
}

void
progress_journeys(uint64_t n)
{
	atomic_fetch_add_explicit(&pg_journeys, n, memory_order_relaxed);
}

void
progress_end(void)
{
	if (!pg.active)
		return;
	pthread_mutex_lock(&pg.lock);
	pg.stop = 1;
	pthread_cond_signal(&pg.cond);
	pthread_mutex_unlock(&pg.lock);
	pthread_join(pg.tid, NULL);
	pg.active = 0;
	if (pg.shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}
