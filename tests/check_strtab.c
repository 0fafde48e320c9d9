/*
 * check_strtab.c - tests for strtab.c: keys of every length around the
 * 8- and 16-byte words the lookup compares, keys that share their first
 * and last words, growth, and keys built to collide.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "check_mot.h"
#include "strtab.h"

/* Keys of length 0 to 40 that differ in one byte each are all told apart. */
START_TEST(test_strtab_lengths)
{
	struct strtab	 t;
	char		 key[64], probe[64];
	size_t		 len, i, k;

	strtab_init(&t);
	for (len = 0; len <= 40; len++) {
		memset(key, 'a', len);
		ck_assert_uint_eq(strtab_intern(&t, key, len), len);
	}
	for (len = 0; len <= 40; len++) {
		memset(probe, 'a', len);
		ck_assert_int_eq(strtab_find(&t, probe, len), (long)len);
		for (i = 0; i < len; i++) {	/* one byte off: not found */
			memset(probe, 'a', len);
			probe[i] = 'b';
			ck_assert_int_eq(strtab_find(&t, probe, len), -1);
		}
	}
	/* Same first and last 8 bytes, different middles. */
	k = strtab_intern(&t, "12345678-middle-A-87654321", 26);
	ck_assert_int_eq(strtab_find(&t, "12345678-middle-B-87654321", 26),
	    -1);
	ck_assert_int_eq(strtab_find(&t, "12345678-middle-A-87654321", 26),
	    (long)k);
	/* A NUL inside a short key is a byte like any other. */
	k = strtab_intern(&t, "ab\0cd", 5);
	ck_assert_int_eq(strtab_find(&t, "ab\0ce", 5), -1);
	ck_assert_int_eq(strtab_find(&t, "ab\0cd", 5), (long)k);
	strtab_free(&t);
}
END_TEST

/* Many keys: growth keeps every index and key. */
START_TEST(test_strtab_growth)
{
	struct strtab	 t;
	char		 key[32];
	size_t		 i;

	strtab_init(&t);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "value-%zu", i * 31);
		ck_assert_uint_eq(strtab_intern(&t, key, strlen(key)), i);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "value-%zu", i * 31);
		ck_assert_int_eq(strtab_find(&t, key, strlen(key)), (long)i);
		ck_assert_str_eq(strtab_key(&t, i), key);
	}
	ck_assert_int_eq(strtab_find(&t, "value-1", 7), -1);
	strtab_free(&t);
}
END_TEST

/*
 * Keys that share a long prefix and suffix (URLs, padded ids) and differ
 * only in the middle spread over the slots like any others: no lookup
 * walks more than a few slots (a hash of only the first and last words
 * and the length put all of them in one run of 20,000).
 */
START_TEST(test_strtab_adversarial)
{
	struct strtab	 t;
	char		 key[160];
	size_t		 i, n = 20000;

	strtab_init(&t);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "https://shop.example.org/orders/"
		    "%08zu/customer-care/tracking?session=0000000000", i);
		ck_assert_uint_eq(strtab_intern(&t, key, strlen(key)), i);
	}
	ck_assert_uint_le(strtab_max_probe(&t), 32);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "%-60zu|%060d", i, 0);
		strtab_intern(&t, key, strlen(key));
	}
	ck_assert_uint_eq(t.n, 2 * n);
	ck_assert_uint_le(strtab_max_probe(&t), 32);
	snprintf(key, sizeof key, "https://shop.example.org/orders/"
	    "%08zu/customer-care/tracking?session=0000000000", (size_t)777);
	ck_assert_int_eq(strtab_find(&t, key, strlen(key)), 777);
	strtab_free(&t);
}
END_TEST

Suite *
make_strtab_suite(void)
{
	Suite	*s = suite_create("strtab");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_strtab_lengths);
	tcase_add_test(tc, test_strtab_growth);
	tcase_add_test(tc, test_strtab_adversarial);
	suite_add_tcase(s, tc);
	return (s);
}
