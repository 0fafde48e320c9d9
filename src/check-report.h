/* check-report.h - the outputs of mot check: a table for people, TAP, JUnit XML and JSON. */
#ifndef MOT_CHECK_REPORT_H
#define MOT_CHECK_REPORT_H

#include <stdio.h>

#include "check.h"
#include "isotime.h"

struct check_report {
	const struct check_params	*p;
	const struct check_result	*res;
	const char			*exp_path;
	const char			*exp_hash;	/* 16 hex digits */
	const char			*base_path;	/* or NULL */
	const char			*base_hash;	/* or NULL */
	int64_t				 window;	/* microseconds; 0 for none */
	mot_time			 win_start;	/* excluded */
	mot_time			 win_end;	/* included; MOT_TIME_NONE if no stop */
	int				 exit_status;
	/* --history, or NULL; the plan of this run with it, and its as_of */
	const char			*hist_path;
	const struct history_plan	*hist_plan;
	mot_time			 hist_as_of;
};

/* Write the one-line message of a check: the numbers that decided it. */
void	check_message(const struct check_report *, const struct check_row *,
	    const struct check_item *, char *, size_t);
/* Write the table for people. */
void	check_report_text(const struct check_report *, FILE *);
/* Write the results as TAP version 13. */
void	check_report_tap(const struct check_report *, FILE *);
/* Write the results as JUnit XML (one testcase per moment and check). */
void	check_report_junit(const struct check_report *, FILE *);
/* Write the results as JSON (docs/ci.md). */
void	check_report_json(const struct check_report *, FILE *);
struct history;
struct history_plan;
struct history_count;
/* Write a history again: its old lines, then this run's (as_of, expectations hash, the batch's counts per moment). */
void	check_report_history(const struct history *,
	    const struct history_plan *, mot_time, const char *,
	    const struct history_count *, size_t, FILE *);

#endif
