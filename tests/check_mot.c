/* check_mot.c - the unit test runner: every module's suite in one SRunner. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "check_mot.h"

char *
written(void (*fn)(FILE *, const char *), const char *s)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;

	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	fn(f, s);
	fclose(f);
	return (buf);
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(make_isotime_suite());
	srunner_add_suite(sr, make_score_suite());
	srunner_add_suite(sr, make_stats_suite());
	srunner_add_suite(sr, make_sketch_suite());
	srunner_add_suite(sr, make_clock_suite());
	srunner_add_suite(sr, make_agg_suite());
	srunner_add_suite(sr, make_tz_suite());
	srunner_add_suite(sr, make_pipeline_suite());
	srunner_add_suite(sr, make_calendar_suite());
	srunner_add_suite(sr, make_model_suite());
	srunner_add_suite(sr, make_check_suite());
	srunner_add_suite(sr, make_history_suite());
	srunner_add_suite(sr, make_svg_suite());
	srunner_add_suite(sr, make_chart_suite());
	srunner_add_suite(sr, make_arena_suite());
	srunner_add_suite(sr, make_strtab_suite());
	srunner_add_suite(sr, make_fmt_suite());
	srunner_add_suite(sr, make_xmlin_suite());
	srunner_add_suite(sr, make_decomp_suite());
	srunner_add_suite(sr, make_log_suite());
	srunner_add_suite(sr, make_state_suite());
	srunner_add_suite(sr, make_baseline_suite());
	srunner_add_suite(sr, make_num_suite());
	srunner_add_suite(sr, make_suggest_suite());
	srunner_add_suite(sr, make_opts_suite());
	srunner_add_suite(sr, make_report_suite());
	srunner_add_suite(sr, make_csv_suite());
	srunner_add_suite(sr, make_timefmt_suite());
	srunner_add_suite(sr, make_csvgroup_suite());
	srunner_add_suite(sr, make_distinct_suite());
	srunner_add_suite(sr, make_inspect_suite());
	srunner_add_suite(sr, make_csvprofile_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
