/* check_mot.c - the unit test runner: every module's suite in one SRunner. */
#include <config.h>

#include <stdlib.h>

#include "check_mot.h"

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
	srunner_add_suite(sr, make_chart_suite());
	srunner_add_suite(sr, make_arena_suite());
	srunner_add_suite(sr, make_strtab_suite());
	srunner_add_suite(sr, make_fmt_suite());
	srunner_add_suite(sr, make_xmlin_suite());
	srunner_add_suite(sr, make_num_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
