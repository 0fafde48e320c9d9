/*
 * score.c - the zone-of-tolerance score (Zeithaml, Berry and Parasuraman,
 * 1993): finishing within the desired time scores from desired_score up to 1,
 * within the adequate time from desired_score down to 0, and past it falls
 * linearly to -1 over loss_span adequate times. Pure functions: no I/O.
 */
#include <config.h>

#include "score.h"

void
score_params_default(struct score_params *p)
{
	p->desired_score = 0.6;
	p->early_bonus = 0.4;
	p->loss_span = 1.0;
}

enum status
score_status(int64_t t, int64_t d, int64_t a)
{
	if (t < 0)
		return (ST_INVALID);
	if (t <= d)
		return (ST_MET);
	if (t <= a)
		return (ST_TOLERATED);
	return (ST_BREACHED);
}

double
score_elapsed(int64_t t, int64_t d, int64_t a, const struct score_params *p)
{
	double	s;

	if (d == a && t <= a)
		return (p->desired_score);	/* no zone: meeting it is all */
	if (t <= d) {
		if (d == 0)
			return (p->desired_score);
		s = p->desired_score + p->early_bonus * (double)(d - t) /
		    (double)d;
		return (s > 1.0 ? 1.0 : s);
	}
	if (t <= a)
		return (p->desired_score * (double)(a - t) / (double)(a - d));
	if (a == 0)
		return (-1.0);
	s = (double)(t - a) / ((double)a * p->loss_span);
	return (s > 1.0 ? -1.0 : -s);
}

const char *
score_status_name(enum status st)
{
	switch (st) {
	case ST_MET:
		return ("met");
	case ST_TOLERATED:
		return ("tolerated");
	case ST_BREACHED:
		return ("breached");
	case ST_OPEN:
		return ("open");
	case ST_INVALID:
		break;
	}
	return ("invalid");
}
