/*
 * check_history.c - tests for mot check --history: the objective decided
 * by the confidence sequence (check.c's check_objective_seq, the reference
 * ends as in check_stats.c, computed in Python), the history file's
 * reader (history.c: strict lines, file:line errors, as_of never falling),
 * the plan of a run (the batch after the last as_of, a rerun that adds
 * nothing, an as_of going backwards, other expectations starting a new
 * sequence), the sums of a sequence, and a line written by
 * check_report_history read back.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check-report.h"
#include "check_mot.h"
#include "exitcode.h"
#include "history.h"
#include "xmalloc.h"

static struct check_moment
seq_moment(double objective, uint64_t n, uint64_t breached, uint64_t sn,
    uint64_t sb, size_t runs)
{
	struct check_moment	m;

	memset(&m, 0, sizeof m);
	m.id = m.name = "m";
	m.objective = objective;
	m.adequate_s = 900;
	m.n = n;
	m.breached = breached;
	m.has_seq = 1;
	m.seq_n = sn;
	m.seq_breached = sb;
	m.seq_runs = runs;
	return (m);
}

static struct check_params
seq_params(void)
{
	struct check_params	p;

	memset(&p, 0, sizeof p);
	p.min_n = 30;
	p.alpha = 0.05;
	return (p);
}

/* ------------------------------------------------------- decisions -- */

START_TEST(test_seq_decides)
{
	struct check_params	p = seq_params();
	struct check_moment	m;
	struct check_item	it;

	/* 930 of 1000 once: Wilson (0.9442) fails it, the sequence (0.9519) warns */
	m = seq_moment(0.95, 1000, 70, 0, 0, 0);
	m.has_seq = 0;
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_FAIL);
	m = seq_moment(0.95, 1000, 70, 1000, 70, 1);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_WARN);
	ck_assert_int_eq(it.why, CHECK_WHY_NOISE);
	ck_assert(it.seq);
	ck_assert_double_eq_tol(it.seq_hi, 0.9519232147898993, 1e-9);
	ck_assert_double_eq_tol(it.seq_lo, 0.9027887317078199, 1e-9);
	ck_assert_double_eq_tol(it.seq_within, 0.93, 1e-12);
	/* this run's own share and Wilson interval are kept beside it */
	ck_assert_double_eq_tol(it.within, 0.93, 1e-12);
	ck_assert_double_eq_tol(it.hi, 0.9442236358537061, 1e-9);
	/* 94% of 5,000 still reaches 95% (0.95010), of 10,000 not (0.94749) */
	m = seq_moment(0.95, 100, 6, 5000, 300, 50);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_WARN);
	m = seq_moment(0.95, 100, 6, 10000, 600, 100);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_FAIL);
	ck_assert_int_eq(it.why, CHECK_WHY_MISSED);
	ck_assert_uint_eq(it.seq_runs, 100);
	/* the sequence decides, not this run: a bad night alone does not fail */
	m = seq_moment(0.95, 100, 20, 10000, 400, 100);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_PASS);
	ck_assert_int_eq(it.why, CHECK_WHY_MET);
	/* --strict-objectives makes the warning a failure */
	p.strict_objectives = 1;
	m = seq_moment(0.95, 1000, 70, 1000, 70, 1);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_FAIL);
	ck_assert(it.promoted);
}
END_TEST

START_TEST(test_seq_few_none)
{
	struct check_params	p = seq_params();
	struct check_moment	m;
	struct check_item	it;

	/* the minimum applies to the sequence's n, not this run's */
	m = seq_moment(0.95, 500, 100, 29, 10, 1);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_SKIP);
	ck_assert_int_eq(it.why, CHECK_WHY_FEW);
	m = seq_moment(0.95, 5, 0, 40, 0, 3);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_PASS);
	m = seq_moment(0.95, 5, 0, 0, 0, 3);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_SKIP);
	ck_assert(isnan(it.seq_hi));
	/* no objective: nothing for the sequence to decide */
	m = seq_moment(-1, 500, 100, 500, 100, 1);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_SKIP);
	ck_assert_int_eq(it.why, CHECK_WHY_NO_OBJECTIVE);
	ck_assert(!it.seq);
}
END_TEST

/* ---------------------------------------------------------- reader -- */

#define L1 "{\"mot_history\":1,\"as_of\":\"2026-10-01T00:00:00Z\"," \
	"\"after\":null,\"expectations_hash\":\"aaaa\",\"moments\":[" \
	"{\"id\":\"b\",\"n\":10,\"breached\":1},{\"id\":\"a\",\"n\":5," \
	"\"breached\":0}]}\n"
#define L2 "{\"mot_history\":1,\"as_of\":\"2026-10-02T02:00:00+02:00\"," \
	"\"expectations_hash\":\"aaaa\",\"moments\":[{\"id\":\"a\",\"n\":7," \
	"\"breached\":2}]}\n"
#define L3 "{\"mot_history\":1,\"as_of\":\"2026-10-03T00:00:00.5Z\"," \
	"\"expectations_hash\":\"bbbb\",\"moments\":[{\"id\":\"a\",\"n\":1," \
	"\"breached\":1}]}\n"

/* Parse text as the history "h.jsonl": its return, and *cause kept for the caller. */
static int
parse(const char *text, struct history *h, char **cause)
{
	*cause = NULL;
	return (history_parse(h, "h.jsonl", text != NULL ? xstrdup(text) : NULL,
	    text != NULL ? strlen(text) : 0, cause));
}

/* Whether text is refused with exit 65 and a message that begins with want. */
static void
refused(const char *text, const char *want)
{
	struct history	 h;
	char		*cause;

	ck_assert_int_eq(parse(text, &h, &cause), MOT_EXIT_DATAERR);
	ck_assert_ptr_nonnull(cause);
	if (strncmp(cause, want, strlen(want)) != 0)
		ck_abort_msg("got \"%s\", want \"%s...\"", cause, want);
	free(cause);
	history_free(&h);
}

START_TEST(test_read_lines)
{
	struct history	 h;
	char		*cause;

	ck_assert_int_eq(parse(L1 L2 L3, &h, &cause), 0);
	ck_assert_uint_eq(h.n, 3);
	ck_assert_uint_eq(h.lines[0].nm, 2);
	ck_assert_str_eq(h.lines[0].m[0].id, "a");	/* sorted */
	ck_assert_uint_eq(h.lines[0].m[1].n, 10);
	ck_assert_int_eq(h.lines[1].as_of, h.lines[0].as_of + 86400 * MOT_USEC);
	ck_assert_int_eq(history_last(&h), h.lines[0].as_of + 2 * 86400 *
	    MOT_USEC + 500000);
	ck_assert_str_eq(h.lines[2].hash, "bbbb");
	history_free(&h);
	/* the last line may lack its newline; an empty file is no run */
	ck_assert_int_eq(parse("{\"mot_history\":1,\"as_of\":"
	    "\"2026-10-01T00:00:00Z\",\"expectations_hash\":\"a\","
	    "\"moments\":[]}", &h, &cause), 0);
	ck_assert_uint_eq(h.n, 1);
	history_free(&h);
	ck_assert_int_eq(parse(NULL, &h, &cause), 0);
	ck_assert_uint_eq(h.n, 0);
	ck_assert_int_eq(history_last(&h), MOT_TIME_NONE);
	history_free(&h);
}
END_TEST

START_TEST(test_read_refused)
{
	refused(L1 "{\"mot_history\":1,\"as_of\":\"2026-10-0", "h.jsonl:2: "
	    "not a mot check history line: not valid JSON");
	refused(L1 "\n" L2, "h.jsonl:2: not a mot check history line: an "
	    "empty line");
	refused("[1]\n", "h.jsonl:1: not a mot check history line: not a "
	    "JSON object");
	refused(L1 L1 "{} {}\n", "h.jsonl:3: not a mot check history line");
	refused("{\"as_of\":\"2026-10-01T00:00:00Z\"}\n", "h.jsonl:1: not a "
	    "mot check history line: no \"mot_history\"");
	refused("{\"mot_history\":2}\n", "h.jsonl:1: history version 2");
	refused("{\"mot_history\":1,\"as_of\":\"2026-10-01T00:00:00\","
	    "\"expectations_hash\":\"a\",\"moments\":[]}\n", "h.jsonl:1: not "
	    "a mot check history line: \"as_of\" must be");
	refused("{\"mot_history\":1,\"as_of\":\"2026-10-01T00:00:00Z\","
	    "\"moments\":[]}\n", "h.jsonl:1: not a mot check history line: no "
	    "\"expectations_hash\"");
	refused("{\"mot_history\":1,\"as_of\":\"2026-10-01T00:00:00Z\","
	    "\"expectations_hash\":\"a\",\"moments\":[{\"id\":\"x\",\"n\":1,"
	    "\"breached\":2}]}\n", "h.jsonl:1: not a mot check history line: "
	    "moments[0] needs");
	refused("{\"mot_history\":1,\"as_of\":\"2026-10-01T00:00:00Z\","
	    "\"expectations_hash\":\"a\",\"moments\":[{\"id\":\"x\",\"n\":"
	    "100000000001,\"breached\":0}]}\n", "h.jsonl:1: not a mot check "
	    "history line: moments[0] needs");
	refused("{\"mot_history\":1,\"as_of\":\"2026-10-01T00:00:00Z\","
	    "\"expectations_hash\":\"a\",\"moments\":[{\"id\":\"x\",\"n\":1,"
	    "\"breached\":0},{\"id\":\"x\",\"n\":1,\"breached\":0}]}\n",
	    "h.jsonl:1: not a mot check history line: a moment appears twice");
	refused("{\"mot_history\":1,\"as_of\":\"2026-10-01T00:00:00Z\","
	    "\"expectations_hash\":\"a\",\"moments\":[{\"id\":\"x\",\"n\":NaN,"
	    "\"breached\":0}]}\n", "h.jsonl:1: not a mot check history line");
	/* lines whose as_of falls: the file was edited */
	refused(L2 L1, "h.jsonl:2: not a mot check history line: as_of "
	    "2026-10-01T00:00:00Z is earlier than line 1's");
}
END_TEST

/* ------------------------------------------------------------ plan -- */

START_TEST(test_plan)
{
	struct history		 h;
	struct history_plan	 pl;
	char			*cause;
	mot_time		 last;
	uint64_t		 n, b;

	/* no history: one run, the batch from the beginning */
	ck_assert_int_eq(parse(NULL, &h, &cause), 0);
	ck_assert_int_eq(history_plan(&h, "aaaa", 0, &pl, &cause), 0);
	ck_assert_int_eq(pl.after, MOT_TIME_NONE);
	ck_assert(pl.append && !pl.reset);
	ck_assert_uint_eq(pl.runs, 1);
	history_free(&h);

	ck_assert_int_eq(parse(L1 L2, &h, &cause), 0);
	last = history_last(&h);
	/* a later run: the batch after the last as_of, the third run */
	ck_assert_int_eq(history_plan(&h, "aaaa", last + 1, &pl, &cause), 0);
	ck_assert_int_eq(pl.after, last);
	ck_assert(pl.append && !pl.reset);
	ck_assert_uint_eq(pl.first, 0);
	ck_assert_uint_eq(pl.runs, 3);
	history_sum(&h, &pl, "a", &n, &b);
	ck_assert_uint_eq(n, 12);
	ck_assert_uint_eq(b, 2);
	history_sum(&h, &pl, "b", &n, &b);	/* absent from line 2 */
	ck_assert_uint_eq(n, 10);
	ck_assert_uint_eq(b, 1);
	history_sum(&h, &pl, "c", &n, &b);
	ck_assert_uint_eq(n, 0);
	/* a rerun as of the same time: nothing added, the same sequence */
	ck_assert_int_eq(history_plan(&h, "aaaa", last, &pl, &cause), 0);
	ck_assert(!pl.append);
	ck_assert_uint_eq(pl.runs, 2);
	history_sum(&h, &pl, "a", &n, &b);
	ck_assert_uint_eq(n, 12);
	/* backwards: refused */
	ck_assert_int_eq(history_plan(&h, "aaaa", last - 1, &pl, &cause),
	    MOT_EXIT_DATAERR);
	ck_assert_str_eq(cause, "h.jsonl: this run is as of "
	    "2026-10-01T23:59:59.999999Z, earlier than the history's last run "
	    "(as of 2026-10-02T00:00:00Z, line 2): a history only moves "
	    "forward (give a later --as-of, or another --history)");
	free(cause);
	/* other expectations: a new sequence of this run alone */
	ck_assert_int_eq(history_plan(&h, "cccc", last + 1, &pl, &cause), 0);
	ck_assert(pl.append && pl.reset);
	ck_assert_uint_eq(pl.first, 2);
	ck_assert_uint_eq(pl.runs, 1);
	history_sum(&h, &pl, "a", &n, &b);
	ck_assert_uint_eq(n, 0);
	history_free(&h);

	/* a sequence that started after a change of expectations */
	ck_assert_int_eq(parse(L1 L3 L3, &h, &cause), 0);
	ck_assert_int_eq(history_plan(&h, "bbbb", history_last(&h) + 1, &pl,
	    &cause), 0);
	ck_assert(!pl.reset);
	ck_assert_uint_eq(pl.first, 1);
	ck_assert_uint_eq(pl.runs, 3);
	history_sum(&h, &pl, "a", &n, &b);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(b, 2);
	history_free(&h);
}
END_TEST

/* ---------------------------------------------------------- writer -- */

START_TEST(test_write_read_back)
{
	struct history		 h, h2;
	struct history_plan	 pl;
	struct history_count	 m[2];
	char			*cause, *buf = NULL;
	size_t			 len = 0;
	FILE			*f;

	ck_assert_int_eq(parse(L1, &h, &cause), 0);
	ck_assert_int_eq(history_plan(&h, "x\"y", history_last(&h) + 1500000,
	    &pl, &cause), 0);
	m[0].id = "quote\" back\\slash\nline";
	m[0].n = 100000000000;
	m[0].breached = 99999999999;
	m[1].id = "z";
	m[1].n = m[1].breached = 0;
	ck_assert_ptr_nonnull(f = open_memstream(&buf, &len));
	check_report_history(&h, &pl, history_last(&h) + 1500000, "x\"y", m,
	    2, f);
	fclose(f);
	/* the old line as it was, then the new one */
	ck_assert(strncmp(buf, L1, strlen(L1)) == 0);
	ck_assert_str_eq(buf + strlen(L1), "{\"mot_history\":1,\"as_of\":"
	    "\"2026-10-01T00:00:01.500Z\",\"after\":\"2026-10-01T00:00:00Z\","
	    "\"expectations_hash\":\"x\\\"y\",\"moments\":[{\"id\":\"quote\\\" "
	    "back\\\\slash\\nline\",\"n\":100000000000,\"breached\":"
	    "99999999999},{\"id\":\"z\",\"n\":0,\"breached\":0}]}\n");
	ck_assert_int_eq(history_parse(&h2, "h.jsonl", buf, len, &cause), 0);
	ck_assert_uint_eq(h2.n, 2);
	ck_assert_int_eq(h2.lines[1].as_of, history_last(&h) + 1500000);
	ck_assert_str_eq(h2.lines[1].hash, "x\"y");
	ck_assert_str_eq(h2.lines[1].m[0].id, m[0].id);
	ck_assert_uint_eq(h2.lines[1].m[0].breached, 99999999999);
	history_free(&h2);
	history_free(&h);
}
END_TEST

Suite *
make_history_suite(void)
{
	Suite	*s = suite_create("history");
	TCase	*tc;

	tc = tcase_create("decisions");
	tcase_add_test(tc, test_seq_decides);
	tcase_add_test(tc, test_seq_few_none);
	suite_add_tcase(s, tc);

	tc = tcase_create("file");
	tcase_add_test(tc, test_read_lines);
	tcase_add_test(tc, test_read_refused);
	tcase_add_test(tc, test_plan);
	tcase_add_test(tc, test_write_read_back);
	suite_add_tcase(s, tc);
	return (s);
}
