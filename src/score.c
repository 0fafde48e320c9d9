/*
 * score.c - the scoring model, as pure functions: the zone-of-tolerance
 * score of one occurrence (Zeithaml, Berry and Parasuraman, 1993), waiting
 * psychology (Maister, 1985), service recovery (McCollough and Bharadwaj,
 * 1992), the journey as remembered (Redelmeier and Kahneman, 1996) and
 * customer effort (Dixon, Freeman and Toman, 2010). docs/scoring.md gives
 * every rule with its source and a worked example.
 */
#include <config.h>

#include <math.h>
#include <stddef.h>

#include "score.h"

#define P(f)	offsetof(struct score_params, f)

const struct score_param_def score_param_defs[] = {
	{ "desired-score", P(desired_score), 0, 0, 1,
	    "zone of tolerance: Zeithaml, Berry and Parasuraman 1993" },
	{ "early-bonus", P(early_bonus), 0, 0, 1, "mot convention" },
	{ "loss-span", P(loss_span), 0, 1e-9, 1e9, "mot convention" },
	{ "notified-before", P(notified_before), 0, 0, 10,
	    "Maister 1985: uncertain and unexplained waits feel longer" },
	{ "notified-after", P(notified_after), 0, 0, 10, "Maister 1985" },
	{ "no-promise", P(no_promise), 0, 0, 10, "Maister 1985" },
	{ "recovery-weight", P(recovery_weight), 0, 0, 1,
	    "McCollough and Bharadwaj 1992; de Matos et al. 2007" },
	{ "recovery-target", P(recovery_target), 0, -1, 1,
	    "the desired score" },
	{ "double-deviation", P(double_deviation), 0, 0, 2,
	    "Bitner, Booms and Tetreault 1990: double deviation" },
	{ "recovery-window", P(recovery_window), 1, 0, 0,
	    "1 business day on a moment with a calendar, else 1 day "
	    "(mot convention)" },
	{ "memory-mean", P(memory_mean), 0, 0, 10,
	    "peak-end rule: Redelmeier and Kahneman 1996" },
	{ "memory-min", P(memory_min), 0, 0, 10, "peak-end rule" },
	{ "memory-last", P(memory_last), 0, 0, 10, "peak-end rule" },
	{ "memory-max", P(memory_max), 0, 0, 10, "peak-end rule" },
	{ "memory-trend", P(memory_trend), 0, 0, 10,
	    "improving sequences are preferred: Loewenstein and Prelec 1993" },
	{ "effort-weight", P(effort_weight), 0, 0, 10,
	    "Dixon, Freeman and Toman 2010" },
	{ "effort-handoff", P(effort_handoff), 0, 0, 10, "Dixon et al. 2010" },
	{ "effort-repeat", P(effort_repeat), 0, 0, 10, "Dixon et al. 2010" },
	{ "effort-switch", P(effort_switch), 0, 0, 10, "Dixon et al. 2010" },
	{ "repeat-window", P(repeat_window), 1, 0, 0, "seven days" },
	{ "consistency", P(consistency), 0, 0, 10,
	    "one bad apple: Dixon et al. 2010; mot convention" },
	{ "min-n", P(min_n), 0, 1, 1e12, "mot convention" },
	{ "min-answers", P(min_answers), 0, 1, 1e12, "mot convention" },
	{ NULL, 0, 0, 0, 0, NULL }
};

void
score_params_default(struct score_params *p)
{
	p->desired_score = 0.6;
	p->early_bonus = 0.4;
	p->loss_span = 1.0;
	p->notified_before = 0.5;
	p->notified_after = 0.8;
	p->no_promise = 1.2;
	p->recovery_weight = 0.8;
	p->recovery_target = 0.6;
	p->double_deviation = 0.25;
	p->recovery_window = INT64_C(86400000000);
	p->recovery_business_day = 1;
	p->memory_mean = 0.4;
	p->memory_min = 0.3;
	p->memory_last = 0.2;
	p->memory_max = 0.1;
	p->memory_trend = 0.1;
	p->effort_weight = 0.3;
	p->effort_handoff = 0.15;
	p->effort_repeat = 0.25;
	p->effort_switch = 0.10;
	p->repeat_window = INT64_C(7) * 86400 * 1000000;
	p->consistency = 0.5;
	p->min_n = 30;
	p->min_answers = 10;
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

static double
clip(double v)
{
	return (v < -1 ? -1 : v > 1 ? 1 : v);
}

/*
 * Only the loss (a negative score) is scaled. notified: the customer was
 * told of the delay; in_time: no later than the promise (or than adequate
 * ran out); has_promise: a deadline was given; revised_missed: the clock
 * stopped after the revised deadline given with the notification, which
 * earns no relief (x 1); breached: past adequate.
 */
double
score_waiting(double s, int notified, int in_time, int has_promise,
    int revised_missed, int breached, const struct score_params *p)
{
	if (s >= 0 || revised_missed)
		return (s);
	if (notified)
		return (clip(s * (in_time ? p->notified_before :
		    p->notified_after)));
	if (!has_promise && breached)
		return (clip(s * p->no_promise));
	return (s);
}

double
score_recovery(double s_fail, int64_t dt, int64_t window, int failed,
    const struct score_params *p)
{
	double	speed;

	if (failed)
		return (clip(s_fail - p->double_deviation));
	speed = window > 0 ? 1 - (double)dt / (double)window : 0;
	if (speed < 0)
		speed = 0;
	return (clip(s_fail + p->recovery_weight * speed *
	    (p->recovery_target - s_fail)));
}

void
score_memory(const double *s, size_t n, const struct score_params *p,
    struct memory *m)
{
	double	sum = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, x, slope;
	size_t	i;

	m->min = m->max = s[0];
	m->worst = 0;
	for (i = 0; i < n; i++) {
		sum += s[i];
		if (s[i] < m->min) {
			m->min = s[i];
			m->worst = i;
		}
		if (s[i] > m->max)
			m->max = s[i];
		x = n > 1 ? (double)i / (double)(n - 1) : 0;
		sx += x;
		sy += s[i];
		sxx += x * x;
		sxy += x * s[i];
	}
	m->mean = sum / (double)n;
	m->last = s[n - 1];
	m->lastpos = n - 1;
	slope = 0;
	if (n > 1 && (double)n * sxx - sx * sx > 0)
		slope = ((double)n * sxy - sx * sy) / ((double)n * sxx -
		    sx * sx);
	m->trend = clip(slope);
	m->remembered = p->memory_mean * m->mean + p->memory_min * m->min +
	    p->memory_last * m->last + p->memory_max * m->max +
	    p->memory_trend * m->trend;
	m->peak_end = (m->min + m->last) / 2;
}

double
score_effort(unsigned handoffs, unsigned repeats, unsigned switches,
    const struct score_params *p)
{
	double	e;

	e = p->effort_handoff * handoffs + p->effort_repeat * repeats +
	    p->effort_switch * switches;
	return (e > 1 ? 1 : e);
}

double
score_journey(double remembered, double effort, const struct score_params *p)
{
	return (clip(remembered - p->effort_weight * effort));
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
	case ST_ENDED:
		return ("ended");
	case ST_INVALID:
		break;
	}
	return ("invalid");
}
