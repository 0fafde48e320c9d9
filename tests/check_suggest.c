/*
 * check_suggest.c - tests for suggest.c: the edit distance (worked by
 * hand: kitten/sitting 3, a transposition 1, case ignored), its limit and
 * its cap on long names, "+lifecycle" matches, and the ranking: lifecycle
 * matches first, then distance, then name without case; ties, the name
 * itself, an empty list, and the phrase of the message.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "check_mot.h"
#include "suggest.h"

START_TEST(test_distance)
{
	ck_assert_uint_eq(suggest_distance("kitten", "sitting", 10), 3);
	ck_assert_uint_eq(suggest_distance("", "", 10), 0);
	ck_assert_uint_eq(suggest_distance("", "abc", 10), 3);
	ck_assert_uint_eq(suggest_distance("abc", "", 10), 3);
	ck_assert_uint_eq(suggest_distance("order-placed", "order-placd", 10),
	    1);
	/* a transposition of neighbours is one edit (Levenshtein: 2) */
	ck_assert_uint_eq(suggest_distance("order-palced", "order-placed",
	    10), 1);
	ck_assert_uint_eq(suggest_distance("ab", "ba", 10), 1);
	/* optimal string alignment: "ca" to "abc" is 3, not 2 */
	ck_assert_uint_eq(suggest_distance("ca", "abc", 10), 3);
	/* ASCII case does not count */
	ck_assert_uint_eq(suggest_distance("Order-Placed", "order-placed",
	    10), 0);
	/* bytes: a letter of two bytes is two edits from one */
	ck_assert_uint_eq(suggest_distance("caf\xc3\xa9", "cafe", 10), 2);
}
END_TEST

START_TEST(test_distance_limit)
{
	ck_assert_uint_eq(suggest_distance("kitten", "sitting", 3), 3);
	ck_assert(suggest_distance("kitten", "sitting", 2) == SUGGEST_FAR);
	/* lengths alone rule it out */
	ck_assert(suggest_distance("a", "abcdef", 4) == SUGGEST_FAR);
	ck_assert(suggest_distance("abcdef", "a", 4) == SUGGEST_FAR);
	ck_assert(suggest_distance("abcdef", "uvwxyz", 0) == SUGGEST_FAR);
	ck_assert_uint_eq(suggest_distance("abc", "abc", 0), 0);
}
END_TEST

START_TEST(test_distance_long)
{
	char	a[SUGGEST_MAX_LEN + 2], b[SUGGEST_MAX_LEN + 2];

	memset(a, 'x', sizeof a);
	memset(b, 'x', sizeof b);
	a[SUGGEST_MAX_LEN] = b[SUGGEST_MAX_LEN] = '\0';
	b[0] = 'y';
	/* at the cap: compared */
	ck_assert_uint_eq(suggest_distance(a, b, 5), 1);
	/* past it: never compared, whatever the limit */
	a[SUGGEST_MAX_LEN] = b[SUGGEST_MAX_LEN] = 'x';
	a[SUGGEST_MAX_LEN + 1] = b[SUGGEST_MAX_LEN + 1] = '\0';
	ck_assert(suggest_distance(a, b, SUGGEST_FAR - 1) == SUGGEST_FAR);
	ck_assert(suggest_distance(a, "x", SUGGEST_FAR - 1) == SUGGEST_FAR);
}
END_TEST

START_TEST(test_limit)
{
	ck_assert_uint_eq(suggest_limit(0), 2);
	ck_assert_uint_eq(suggest_limit(3), 2);
	ck_assert_uint_eq(suggest_limit(8), 2);
	ck_assert_uint_eq(suggest_limit(9), 3);
	ck_assert_uint_eq(suggest_limit(12), 4);
}
END_TEST

START_TEST(test_lifecycle)
{
	ck_assert(suggest_lifecycle("Order placed", "Order placed+complete"));
	ck_assert(suggest_lifecycle("Order placed+complete", "Order placed"));
	ck_assert(suggest_lifecycle("order placed", "Order placed+complete"));
	ck_assert(suggest_lifecycle("Order placed+start",
	    "Order placed+complete"));
	/* the same name is no suggestion */
	ck_assert(!suggest_lifecycle("Order placed", "Order placed"));
	ck_assert(!suggest_lifecycle("Order placed+start",
	    "Order placed+start"));
	/* something else than the suffix differs */
	ck_assert(!suggest_lifecycle("Order placed", "Order place+complete"));
	ck_assert(!suggest_lifecycle("Order placed", "Order placedx"));
	ck_assert(!suggest_lifecycle("a+b", "c+b"));
	ck_assert(!suggest_lifecycle("", "x"));
	/* an empty suffix is a suffix */
	ck_assert(suggest_lifecycle("a", "a+"));
}
END_TEST

START_TEST(test_rank)
{
	const char	*seen[] = { "order-shipped", "order-placed",
	    "Order-Placed", "order-paid", "zzz", "order-placed2" };
	const char	*out[SUGGEST_MAX];
	size_t		 n;

	n = suggest_rank("order-placd", seen, 6, out, SUGGEST_MAX);
	ck_assert_uint_eq(n, 3);
	/* distance 1, 1, then "order-paid" and "order-placed2" at 2; the
	   tie of "Order-Placed" and "order-placed" goes by name without
	   case, then with it (upper first), that at 2 by name */
	ck_assert_str_eq(out[0], "Order-Placed");
	ck_assert_str_eq(out[1], "order-placed");
	ck_assert_str_eq(out[2], "order-paid");
	/* fewer asked for */
	n = suggest_rank("order-placd", seen, 6, out, 1);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(out[0], "Order-Placed");
	/* more asked for than SUGGEST_MAX: SUGGEST_MAX */
	{
		const char	*big[SUGGEST_MAX + 2];

		n = suggest_rank("order-placd", seen, 6, big,
		    SUGGEST_MAX + 2);
		ck_assert_uint_eq(n, SUGGEST_MAX);
	}
}
END_TEST

START_TEST(test_rank_order_free)
{
	const char	*a[] = { "bb", "ab", "ba", "aa" };
	const char	*b[] = { "aa", "ba", "ab", "bb" };
	const char	*oa[SUGGEST_MAX], *ob[SUGGEST_MAX];
	size_t		 i, na, nb;

	/* "ax": aa, ab at 1; ba, bb at 2: the same whatever the input order */
	na = suggest_rank("ax", a, 4, oa, SUGGEST_MAX);
	nb = suggest_rank("ax", b, 4, ob, SUGGEST_MAX);
	ck_assert_uint_eq(na, 3);
	ck_assert_uint_eq(nb, 3);
	for (i = 0; i < na; i++)
		ck_assert_str_eq(oa[i], ob[i]);
	ck_assert_str_eq(oa[0], "aa");
	ck_assert_str_eq(oa[1], "ab");
	ck_assert_str_eq(oa[2], "ba");
}
END_TEST

START_TEST(test_rank_lifecycle_first)
{
	const char	*seen[] = { "Order placex", "Order placed+complete",
	    "Order placed+start", "Order plac" };
	const char	*out[SUGGEST_MAX];
	size_t		 n;

	/* the suffixed names are 9 and 6 edits away, past the limit */
	n = suggest_rank("Order placed", seen, 4, out, SUGGEST_MAX);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(out[0], "Order placed+start");
	ck_assert_str_eq(out[1], "Order placed+complete");
	ck_assert_str_eq(out[2], "Order placex");
}
END_TEST

START_TEST(test_rank_none)
{
	const char	*seen[] = { "zzzzzzzz", "order-placd" };
	const char	*out[SUGGEST_MAX];

	ck_assert_uint_eq(suggest_rank("order-placd", NULL, 0, out,
	    SUGGEST_MAX), 0);
	/* too far, and the name itself */
	ck_assert_uint_eq(suggest_rank("order-placd", seen, 2, out,
	    SUGGEST_MAX), 0);
	ck_assert_uint_eq(suggest_rank("x", seen, 2, out, 0), 0);
}
END_TEST

START_TEST(test_rank_long)
{
	char		*want, *near;
	const char	*seen[2], *out[SUGGEST_MAX];
	size_t		 len = 1 << 20;

	/* a megabyte-long name: not compared, at once */
	want = malloc(len + 1);
	near = malloc(len + 1);
	memset(want, 'a', len);
	memset(near, 'a', len);
	want[len] = near[len] = '\0';
	near[0] = 'b';
	seen[0] = near;
	seen[1] = "aaaa";
	ck_assert_uint_eq(suggest_rank(want, seen, 2, out, SUGGEST_MAX), 0);
	/* but a lifecycle match is found whatever the length */
	near[0] = 'a';
	near[len - 5] = '+';
	seen[0] = want;
	ck_assert_uint_eq(suggest_rank(near, seen, 1, out, SUGGEST_MAX), 0);
	want[len - 5] = '\0';	/* near is want+aaaa */
	ck_assert_uint_eq(suggest_rank(near, seen, 1, out, SUGGEST_MAX), 1);
	ck_assert_ptr_eq(out[0], want);
	free(want);
	free(near);
}
END_TEST

START_TEST(test_phrase)
{
	const char	*names[] = { "a", "b", "c" };
	char		 buf[128];

	suggest_phrase(buf, sizeof buf, names, 0);
	ck_assert_str_eq(buf, "");
	suggest_phrase(buf, sizeof buf, names, 1);
	ck_assert_str_eq(buf, " (did you mean \"a\"?)");
	suggest_phrase(buf, sizeof buf, names, 2);
	ck_assert_str_eq(buf, " (did you mean \"a\" or \"b\"?)");
	suggest_phrase(buf, sizeof buf, names, 3);
	ck_assert_str_eq(buf, " (did you mean \"a\", \"b\" or \"c\"?)");
	/* a short buffer is cut, never overrun */
	suggest_phrase(buf, 8, names, 3);
	ck_assert_uint_eq(strlen(buf), 7);
}
END_TEST

Suite *
make_suggest_suite(void)
{
	Suite	*s = suite_create("suggest");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_distance);
	tcase_add_test(tc, test_distance_limit);
	tcase_add_test(tc, test_distance_long);
	tcase_add_test(tc, test_limit);
	tcase_add_test(tc, test_lifecycle);
	tcase_add_test(tc, test_rank);
	tcase_add_test(tc, test_rank_order_free);
	tcase_add_test(tc, test_rank_lifecycle_first);
	tcase_add_test(tc, test_rank_none);
	tcase_add_test(tc, test_rank_long);
	tcase_add_test(tc, test_phrase);
	suite_add_tcase(s, tc);
	return (s);
}
