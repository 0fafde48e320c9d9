/*
 * check_state.c - tests for what identifies the inputs of a state
 * (state.c): when two inputs are the same data, and the overlap of two
 * lists of them, large ones included; the bounds of a merge.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "check_mot.h"
#include "state.h"
#include "xmalloc.h"

static char	name_a[] = "a", name_b[] = "b", name_in[] = "(stdin)";

static struct state_input
input(char *path, uint64_t size, uint64_t hash, int known)
{
	struct state_input	in;

	memset(&in, 0, sizeof in);
	in.path = path;
	in.size = size;
	in.hash = hash;
	in.known = known;
	in.first_stop = 1000;
	in.last_stop = 2000;
	return (in);
}

START_TEST(test_same)
{
	struct state_input	a = input(name_a, 100, 7, 1);
	struct state_input	b = input(name_b, 100, 7, 1);

	ck_assert(state_input_same(&a, &b));	/* the name does not count */
	b.hash = 8;
	ck_assert(!state_input_same(&a, &b));
	b.hash = 7;
	b.size = 101;
	ck_assert(!state_input_same(&a, &b));
	/* Standard input: the size and the run's time range. */
	a = input(name_in, 100, 0, 0);
	b = input(name_in, 100, 0, 0);
	ck_assert(state_input_same(&a, &b));
	b.last_stop++;
	ck_assert(!state_input_same(&a, &b));
	b = input(name_b, 100, 0, 1);		/* a file is not stdin */
	ck_assert(!state_input_same(&a, &b));
}
END_TEST

START_TEST(test_overlap)
{
	struct state_inputs	a, b, all;
	const struct state_input *hit;
	size_t			i, n = 100000;

	a.n = b.n = n;
	a.v = xcalloc(n, sizeof *a.v);
	b.v = xcalloc(n, sizeof *b.v);
	for (i = 0; i < n; i++) {
		a.v[i] = input(name_a, 1000 + i, i * 31, 1);
		b.v[i] = input(name_b, 1000 + i, i * 31 + 1, 1);
	}
	ck_assert_ptr_null(state_overlap(&a, &b));
	b.v[n / 2].hash = (n - 7) * 31;		/* same hash, other size */
	ck_assert_ptr_null(state_overlap(&a, &b));
	b.v[n / 2].size = 1000 + n - 7;
	hit = state_overlap(&a, &b);
	ck_assert_ptr_eq(hit, &a.v[n - 7]);
	memset(&all, 0, sizeof all);
	state_inputs_add(&all, &a);
	state_inputs_add(&all, &b);
	ck_assert_uint_eq(all.n, 2 * n);
	ck_assert_str_eq(all.v[n].path, "b");
	ck_assert_ptr_nonnull(state_overlap(&b, &all));
	state_inputs_free(&all);
	free(a.v);
	free(b.v);
}
END_TEST

/* Counts near STATE_MAX_N: a merge that would pass it is refused, one at it is not. */
START_TEST(test_merge_fits)
{
	struct expectations	e;
	struct agg		a, b;
	char			*cause = NULL;

	memset(&e, 0, sizeof e);
	strtab_init(&e.names);
	e.nmoments = 2;
	agg_init(&a, &e, NULL);
	agg_init(&b, &e, NULL);
	ck_assert_int_eq(state_merge_fits(&a, &b, "b.state", &cause), 0);
	a.m[1].total.n = STATE_MAX_N - 10;
	b.m[1].total.n = 10;
	ck_assert_int_eq(state_merge_fits(&a, &b, "b.state", &cause), 0);
	b.m[1].total.n = 11;
	ck_assert_int_eq(state_merge_fits(&a, &b, "b.state", &cause), 65);
	ck_assert_ptr_nonnull(strstr(cause, "b.state: "));
	free(cause);
	cause = NULL;
	b.m[1].total.n = 0;
	a.jd.n = 1;
	b.jd.n = UINT64_MAX;	/* would wrap to 0 */
	ck_assert_int_eq(state_merge_fits(&a, &b, "b.state", &cause), 65);
	free(cause);
	agg_free(&a);
	agg_free(&b);
	strtab_free(&e.names);
}
END_TEST

Suite *
make_state_suite(void)
{
	Suite	*s = suite_create("state");
	TCase	*tc;

	tc = tcase_create("inputs");
	tcase_add_test(tc, test_same);
	tcase_add_test(tc, test_overlap);
	tcase_add_test(tc, test_merge_fits);
	suite_add_tcase(s, tc);
	return (s);
}
