/*
 * check_csvgroup.c - tests for csv-group.c: rows of journeys that lie
 * apart come back grouped, journeys in the order of first appearance and
 * rows in file order, the same whether everything fits in memory or the
 * budget is so small that every row is spilled to its own run (more runs
 * than one merge takes, in both sorts); columns not kept come back empty;
 * a folder for temporary files that cannot be written, and a stop.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_mot.h"
#include "csv-group.h"
#include "exitcode.h"
#include "xmalloc.h"

#define NCOLS	3		/* id, name, note: note is not kept */

/* What cgroup_each gave, one line per call. */
struct log {
	char	*s;
	size_t	 len;
	int	 stop_at;	/* begin returns 7 at this journey (1-based); 0: never */
	int	 begun;
};

static void
logf_(struct log *l, const char *t)
{
	size_t	n = strlen(t);

	l->s = xreallocarray(l->s, l->len + n + 1, 1);
	memcpy(l->s + l->len, t, n + 1);
	l->len += n;
}

static int
on_begin(void *arg, const char *id, size_t len, const struct csv_record *r)
{
	struct log	*l = arg;
	char		 buf[128];

	snprintf(buf, sizeof buf, "begin %.*s line %lu\n", (int)len, id,
	    r->line);
	logf_(l, buf);
	if (++l->begun == l->stop_at)
		return (7);
	return (0);
}

static int
on_row(void *arg, const struct csv_record *r)
{
	char	buf[256];

	ck_assert_uint_eq(r->n, NCOLS);
	snprintf(buf, sizeof buf, " row %lu-%lu off %llu [%s|%s|%s] col %u %s\n",
	    r->line, r->end_line, (unsigned long long)r->offset, r->f[0].s,
	    r->f[1].s, r->f[2].s, r->f[1].col,
	    r->problem != NULL ? r->problem : "-");
	logf_(arg, buf);
	return (0);
}

static int
on_end(void *arg)
{
	logf_(arg, "end\n");
	return (0);
}

static const struct cgroup_fns fns = { on_begin, on_row, on_end };

/* A row i of journey "J<id>", named "n<i>", with a note nobody keeps. */
static void
add_row(struct cgroup *g, unsigned id, unsigned i)
{
	struct csv_field	f[NCOLS];
	struct csv_record	r;
	char			idb[32], nb[32];
	char			*cause = NULL;

	snprintf(idb, sizeof idb, "J%u", id);
	snprintf(nb, sizeof nb, "n%u", i);
	f[0].s = idb;
	f[0].len = strlen(idb);
	f[1].s = nb;
	f[1].len = strlen(nb);
	f[2].s = "dropped";
	f[2].len = 7;
	f[0].line = f[1].line = f[2].line = i + 2;
	f[0].col = 1;
	f[1].col = (unsigned)f[0].len + 2;
	f[2].col = f[1].col + (unsigned)f[1].len + 1;
	memset(&r, 0, sizeof r);
	r.f = f;
	r.n = NCOLS;
	r.line = r.end_line = i + 2;
	r.offset = (uint64_t)i * 100;
	r.problem = i % 5 == 0 ? "a problem" : NULL;
	ck_assert_int_eq(cgroup_add(g, idb, strlen(idb), &r, &cause), 0);
	ck_assert_ptr_null(cause);
}

/* The journeys of n rows spread over m ids, read with a budget. */
static char *
run(size_t budget, unsigned n, unsigned m, size_t *runs)
{
	static const unsigned char keep[NCOLS] = { 1, 1, 0 };
	struct cgroup	*g;
	struct log	 l = { NULL, 0, 0, 0 };
	char		*cause = NULL;
	unsigned	 i;
	uint64_t	 x = 88172645463325252ULL;

	g = cgroup_new(NCOLS, keep, budget);
	for (i = 0; i < n; i++) {
		x ^= x << 13;	/* xorshift: ids in no order */
		x ^= x >> 7;
		x ^= x << 17;
		add_row(g, (unsigned)(x % m), i);
	}
	ck_assert_int_eq(cgroup_each(g, &fns, &l, &cause), 0);
	ck_assert_ptr_null(cause);
	*runs = cgroup_runs(g);
	cgroup_free(g);
	logf_(&l, "");
	return (l.s);
}

START_TEST(test_group_small)
{
	static const unsigned char keep[NCOLS] = { 1, 1, 0 };
	static const unsigned ids[] = { 2, 1, 2, 3, 1 };
	struct cgroup	*g;
	struct log	 l = { NULL, 0, 0, 0 };
	char		*cause = NULL;
	unsigned	 i;

	g = cgroup_new(NCOLS, keep, 0);
	for (i = 0; i < 5; i++)
		add_row(g, ids[i], i);
	ck_assert_int_eq(cgroup_each(g, &fns, &l, &cause), 0);
	ck_assert_uint_eq(cgroup_runs(g), 0);
	ck_assert_str_eq(l.s,
	    "begin J2 line 2\n"
	    " row 2-2 off 0 [J2|n0|] col 4 a problem\n"
	    " row 4-4 off 200 [J2|n2|] col 4 -\n"
	    "end\n"
	    "begin J1 line 3\n"
	    " row 3-3 off 100 [J1|n1|] col 4 -\n"
	    " row 6-6 off 400 [J1|n4|] col 4 -\n"
	    "end\n"
	    "begin J3 line 5\n"
	    " row 5-5 off 300 [J3|n3|] col 4 -\n"
	    "end\n");
	free(l.s);
	cgroup_free(g);
}
END_TEST

/* Every budget gives the same journeys; the smallest spills every row. */
START_TEST(test_group_spill)
{
	static const size_t budgets[] = { 1, 300, 1024, 8192 };
	char		*want, *got;
	size_t		 i, runs;

	want = run(0, 500, 150, &runs);
	ck_assert_uint_eq(runs, 0);
	for (i = 0; i < sizeof budgets / sizeof budgets[0]; i++) {
		got = run(budgets[i], 500, 150, &runs);
		ck_assert_str_eq(got, want);
		if (budgets[i] < 8192)
			ck_assert_uint_gt(runs, 16);	/* merged in steps */
		else
			ck_assert_uint_gt(runs, 0);
		free(got);
	}
	/* One journey, all its rows spilled. */
	free(want);
	want = run(0, 40, 1, &runs);
	got = run(1, 40, 1, &runs);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
}
END_TEST

/* A stop from the caller ends the replay with its code, spilled or not. */
START_TEST(test_group_stop)
{
	static const unsigned char keep[NCOLS] = { 1, 1, 0 };
	static const size_t budgets[] = { 0, 1 };
	struct cgroup	*g;
	struct log	 l;
	char		*cause;
	unsigned	 i;
	size_t		 b;

	for (b = 0; b < 2; b++) {
		memset(&l, 0, sizeof l);
		l.stop_at = 2;
		cause = NULL;
		g = cgroup_new(NCOLS, keep, budgets[b]);
		for (i = 0; i < 10; i++)
			add_row(g, i % 3, i);
		ck_assert_int_eq(cgroup_each(g, &fns, &l, &cause), 7);
		ck_assert_ptr_null(cause);
		ck_assert_int_eq(l.begun, 2);
		free(l.s);
		cgroup_free(g);
	}
}
END_TEST

/* $TMPDIR that cannot be written: an exit code and the folder named. */
START_TEST(test_group_tmpdir)
{
	static const unsigned char keep[NCOLS] = { 1, 1, 0 };
	struct csv_field	 f[NCOLS];
	struct csv_record	 r;
	struct cgroup		*g;
	char			*cause = NULL, *old;
	const char		*e = getenv("TMPDIR");

	old = e != NULL ? xstrdup(e) : NULL;
	setenv("TMPDIR", "/nonexistent/mot-check", 1);
	memset(f, 0, sizeof f);
	f[0].s = f[1].s = f[2].s = "x";
	f[0].len = f[1].len = f[2].len = 1;
	memset(&r, 0, sizeof r);
	r.f = f;
	r.n = NCOLS;
	g = cgroup_new(NCOLS, keep, 1);
	ck_assert_int_eq(cgroup_add(g, "x", 1, &r, &cause),
	    MOT_EXIT_CANTCREAT);
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_nonnull(strstr(cause, "/nonexistent/mot-check"));
	free(cause);
	cgroup_free(g);
	if (old != NULL)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
}
END_TEST

Suite *
make_csvgroup_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("csvgroup");
	tc = tcase_create("group");
	tcase_add_test(tc, test_group_small);
	tcase_add_test(tc, test_group_spill);
	tcase_add_test(tc, test_group_stop);
	tcase_add_test(tc, test_group_tmpdir);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return (s);
}
