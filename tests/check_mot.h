/* check_mot.h - the unit test suites (Check), one per module, run by check_mot.c. */
#ifndef MOT_CHECK_MOT_H
#define MOT_CHECK_MOT_H

#include <check.h>
#include <stdio.h>

/* What a writer of (FILE *, const char *) makes of s, as a string to free. */
char	*written(void (*)(FILE *, const char *), const char *);

Suite	*make_isotime_suite(void);
Suite	*make_score_suite(void);
Suite	*make_stats_suite(void);
Suite	*make_sketch_suite(void);
Suite	*make_clock_suite(void);
Suite	*make_agg_suite(void);
Suite	*make_tz_suite(void);
Suite	*make_pipeline_suite(void);
Suite	*make_calendar_suite(void);
Suite	*make_model_suite(void);
Suite	*make_check_suite(void);
Suite	*make_chart_suite(void);
Suite	*make_arena_suite(void);
Suite	*make_strtab_suite(void);
Suite	*make_fmt_suite(void);
Suite	*make_xmlin_suite(void);
Suite	*make_decomp_suite(void);
Suite	*make_log_suite(void);
Suite	*make_state_suite(void);
Suite	*make_baseline_suite(void);
Suite	*make_num_suite(void);
Suite	*make_suggest_suite(void);
Suite	*make_opts_suite(void);
Suite	*make_history_suite(void);
Suite	*make_svg_suite(void);
Suite	*make_report_suite(void);
Suite	*make_csv_suite(void);
Suite	*make_timefmt_suite(void);
Suite	*make_csvgroup_suite(void);
Suite	*make_distinct_suite(void);
Suite	*make_inspect_suite(void);
Suite	*make_csvprofile_suite(void);

#endif
