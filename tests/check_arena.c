/*
 * check_arena.c - tests for arena.c: strings and aligned blocks mixed in
 * one arena, chunk boundaries, and reset.
 */
#include <config.h>

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "check_mot.h"

/* Strings are packed without padding; blocks after them are still aligned. */
START_TEST(test_arena_mixed_alignment)
{
	struct arena	 a;
	char		*s[64], want[32];
	void		*p;
	size_t		 i;

	arena_init(&a);
	for (i = 0; i < 64; i++) {
		snprintf(want, sizeof want, "v%zu", i * 7919);
		s[i] = arena_strndup(&a, want, strlen(want));
		p = arena_alloc(&a, 24);
		ck_assert_uint_eq((uintptr_t)p % alignof(max_align_t), 0);
		memset(p, 0xa5, 24);	/* must not touch the strings */
	}
	for (i = 0; i < 64; i++) {
		snprintf(want, sizeof want, "v%zu", i * 7919);
		ck_assert_str_eq(s[i], want);
	}
	arena_free(&a);
}
END_TEST

/* Many strings cross chunk boundaries intact; a reset arena is reused. */
/* Copies of every length to 80, one after another: each whole, none clobbered. */
START_TEST(test_arena_strndup_lengths)
{
	struct arena	 a;
	char		 src[96], *copy[81];
	size_t		 n, i;

	arena_init(&a);
	for (i = 0; i < sizeof src; i++)
		src[i] = (char)('A' + i % 50);
	for (n = 0; n <= 80; n++)
		copy[n] = arena_strndup(&a, src + n % 7, n);
	for (n = 0; n <= 80; n++) {
		ck_assert_int_eq(memcmp(copy[n], src + n % 7, n), 0);
		ck_assert_int_eq(copy[n][n], '\0');
	}
	arena_free(&a);
}
END_TEST

START_TEST(test_arena_chunks_and_reset)
{
	struct arena	 a;
	static char	 big[100000];
	const char	*again;
	char		*s;
	size_t		 i, used;

	memset(big, 'x', sizeof big);
	arena_init(&a);
	for (i = 0; i < 5000; i++) {
		s = arena_strndup(&a, big, i % 97);
		ck_assert_uint_eq(strlen(s), i % 97);
	}
	used = a.used;
	ck_assert_uint_gt(used, 0);
	s = arena_strndup(&a, big, sizeof big);	/* larger than a chunk */
	ck_assert_uint_eq(strlen(s), sizeof big);
	ck_assert_uint_ge(a.used, used + sizeof big + 1);
	arena_reset(&a);
	ck_assert_uint_eq(a.used, 0);
	again = arena_strndup(&a, "abc", 3);
	ck_assert_str_eq(again, "abc");
	arena_free(&a);
}
END_TEST

Suite *
make_arena_suite(void)
{
	Suite	*s = suite_create("arena");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_arena_mixed_alignment);
	tcase_add_test(tc, test_arena_chunks_and_reset);
	tcase_add_test(tc, test_arena_strndup_lengths);
	suite_add_tcase(s, tc);
	return (s);
}
