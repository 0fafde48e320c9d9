/*
 * motgen.c - writes realistic journeys files or XES logs of any size for
 * benchmarks and scale tests: seeded and deterministic (the same seed and
 * size give the same bytes), with many segments and channels, skewed
 * delays, some breaches, interval touchpoints and survey outcomes.
 *
 *	motgen [-u] [-x | -c | -O] [-o PERCENT] [-s SEED] [-n JOURNEYS | -m MEGABYTES] > file
 *	motgen -Q FILE [-s SEED] [-n JOURNEYS]
 *	motgen -e [-c | -O] > expectations.xml
 *
 * -c writes the same journeys (the same seed and -n give the same
 * journeys as the journeys file) as a CSV event log, one row per
 * touchpoint, rows grouped by journey; -e -c gives expectations with the
 * <csv> mapping that reads it (docs/format.md#csv).
 * -O writes the same journeys as an OCEL 2.0 XML log, -Q as an OCEL 2.0
 * SQLite database in FILE: an object "order" per journey (its segment and
 * region its attributes) and a "delivery" the order is "shipped in"; an
 * event per touchpoint (an interval's at its start), related to the order
 * and, for shipped and delivered, to the delivery; events in journey
 * order, so that the reader spools them all. -e -O gives the <ocel>
 * mapping that reads it.
 * -u gives each journey (XES: trace) an attribute "order" of its own,
 * O-1, O-2, ...: a breakdown with as many values as journeys. -o cuts
 * PERCENT of the journeys (every one whose number modulo 100 is below it,
 * so the random draws do not change) after their first touchpoint: their
 * clocks stay open at the end of the data.
 */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "isotime.h"

static uint64_t	rng_state = 0x853c49e6748fea9bULL;

/* PCG32 (O'Neill 2014): small, fast, the same on every platform. */
static uint32_t
rng(void)
{
	uint64_t	old = rng_state;
	uint32_t	xorshifted, rot;

	rng_state = old * 6364136223846793005ULL + 1442695040888963407ULL;
	xorshifted = (uint32_t)(((old >> 18) ^ old) >> 27);
	rot = (uint32_t)(old >> 59);
	return ((xorshifted >> rot) | (xorshifted << ((32 - rot) & 31)));
}

static double
uniform(void)
{
	return ((rng() + 0.5) / 4294967296.0);
}

/* A log-normal delay in seconds with the given median and spread. */
static int64_t
delay(double median, double sigma)
{
	double	u1 = uniform(), u2 = uniform(), z;

	z = sqrt(-2 * log(u1)) * cos(2 * 3.14159265358979 * u2);
	return ((int64_t)(median * exp(sigma * z)) + 1);
}

static const char *const segments[] = {
	"gold", "silver", "bronze", "new", "returning", "business"
};
static const char *const regions[] = {
	"north", "south", "east", "west", "central", "islands", "abroad"
};
static const char *const channels[] = {
	"web", "app", "email", "sms", "phone", "chat", "courier", "store"
};

#define PICK(a)	(a[rng() % (sizeof (a) / sizeof (a)[0])])

static void
fmt(int64_t secs, char *buf, size_t size)
{
	isotime_format(secs * MOT_USEC, buf, size);
}

/* The header of -c's CSV files. */
#define CSV_HEADER	"journey,customer,segment,region,nps,touchpoint," \
	"channel,at,start,end,actor,team\n"

static void
expectations(int csv, int ocel)
{
	puts("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- Expectations for files written by motgen. -->\n"
	    "<expectations version=\"1\">");
	if (ocel)
		puts("  <ocel object-type=\"order\">\n"
		    "    <include object-type=\"delivery\" qualifier=\"shipped "
		    "in\"/>\n"
		    "  </ocel>");
	if (csv)
		puts("  <csv>\n"
		    "    <journey column=\"journey\"/>\n"
		    "    <attribute column=\"customer\"/>\n"
		    "    <attribute column=\"segment\"/>\n"
		    "    <attribute column=\"region\"/>\n"
		    "    <attribute column=\"nps\"/>\n"
		    "    <touchpoint name-columns=\"touchpoint\" at=\"at\" "
		    "channel=\"channel\"/>\n"
		    "    <touchpoint name-columns=\"touchpoint\" start=\"start\" "
		    "end=\"end\" channel=\"channel\" actor=\"actor\" "
		    "team=\"team\"/>\n"
		    "  </csv>\n"
		    "  <outcome nps=\"@nps\"/>");
	puts(""
	    "  <moment id=\"confirmation\" stage=\"Purchase\" from=\"order-placed\""
	    " to=\"order-confirmed\" desired=\"PT2M\" adequate=\"PT15M\" "
	    "objective=\"0.95\"/>\n"
	    "  <moment id=\"dispatch\" stage=\"Fulfilment\" from=\"order-confirmed\""
	    " to=\"shipped\" desired=\"PT12H\" adequate=\"P1D\" "
	    "objective=\"0.95\"/>\n"
	    "  <moment id=\"delivery\" stage=\"Fulfilment\" from=\"order-placed\""
	    " to=\"delivered\" desired=\"P1D\" adequate=\"P2D\" "
	    "objective=\"0.90\"/>\n"
	    "  <moment id=\"support\" stage=\"Service\" touchpoint=\"support-call\""
	    " desired=\"PT10M\" adequate=\"PT20M\"/>\n"
	    "  <moment id=\"refund\" stage=\"Returns\" from=\"refund-requested\""
	    " to=\"refund-issued\" desired=\"P3D\" adequate=\"P7D\"/>\n"
	    "</expectations>");
}

struct tp {
	const char	*name;
	int64_t		 at, end;	/* end < 0: instant */
	const char	*channel;
};

/* One journey's touchpoints, in time order. */
static int
journey(int64_t t0, struct tp *tp, int *nps, const char *region)
{
	int	n = 0, late;

	tp[n++] = (struct tp){ "order-placed", t0, -1, PICK(channels) };
	tp[n++] = (struct tp){ "payment-authorised", t0 + delay(20, 0.8), -1,
	    "web" };
	tp[n] = (struct tp){ "order-confirmed", t0 + delay(40, 1.2), -1,
	    "email" };
	n++;
	tp[n] = (struct tp){ "shipped", tp[n - 1].at + delay(6 * 3600, 0.6),
	    -1, "courier" };
	n++;
	late = strcmp(region, "north") == 0 ? rng() % 3 == 0 : rng() % 12 == 0;
	tp[n] = (struct tp){ "delivered", t0 + delay(late ? 60 * 3600 :
	    26 * 3600, 0.25), -1, "courier" };
	n++;
	if (rng() % 5 == 0) {
		tp[n] = (struct tp){ "support-call", t0 + delay(86400, 0.5), 0,
		    "phone" };
		tp[n].end = tp[n].at + delay(420, 0.6);
		n++;
	}
	if (rng() % 10 == 0) {
		tp[n] = (struct tp){ "refund-requested", t0 + 5 * 86400, -1,
		    "web" };
		n++;
		tp[n] = (struct tp){ "refund-issued", tp[n - 1].at +
		    delay(3 * 86400, 0.5), -1, "email" };
		n++;
	}
	*nps = rng() % 10 < 4 ? (late ? (int)(rng() % 7) : 6 +
	    (int)(rng() % 5)) : -1;
	return (n);
}

/* The journeys as OCEL 2.0 XML: objects first, then every event. */
static int
ocel_xml(uint64_t n, int64_t limit, int64_t t0)
{
	struct tp	 tp[16];
	int64_t		 bytes = 0, t;
	uint64_t	 i, e = 0;
	int		 nps, k, m;
	const char	*seg, *region;
	char		 a[40];

	bytes += printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log>\n"
	    "  <object-types>\n    <object-type name=\"order\"><attributes>"
	    "<attribute name=\"segment\" type=\"string\"/><attribute "
	    "name=\"region\" type=\"string\"/></attributes></object-type>\n"
	    "    <object-type name=\"delivery\"><attributes/></object-type>\n"
	    "  </object-types>\n  <events>\n");
	for (i = 0, t = t0; i < n && (limit < 0 || bytes < limit); i++) {
		t += delay(30, 1.0);
		seg = PICK(segments);
		region = PICK(regions);
		m = journey(t, tp, &nps, region);
		(void)seg;
		for (k = 0; k < m; k++) {
			fmt(tp[k].at, a, sizeof a);
			bytes += printf("    <event id=\"e%" PRIu64 "\" type=\"%s\" "
			    "time=\"%s\"><objects><relationship object-id=\"T-%"
			    PRIu64 "\" qualifier=\"order\"/>", e++, tp[k].name,
			    a, i);
			if (strcmp(tp[k].name, "shipped") == 0 ||
			    strcmp(tp[k].name, "delivered") == 0)
				bytes += printf("<relationship object-id=\"D-%"
				    PRIu64 "\" qualifier=\"parcel\"/>", i);
			bytes += printf("</objects></event>\n");
		}
	}
	n = i;
	/* The objects after the events, as the specification allows. */
	printf("  </events>\n  <objects>\n");
	for (i = 0; i < n; i++)
		printf("    <object id=\"T-%" PRIu64 "\" type=\"order\">"
		    "<attributes><attribute name=\"segment\">%s</attribute>"
		    "</attributes><objects><relationship object-id=\"D-%" PRIu64
		    "\" qualifier=\"shipped in\"/></objects></object>\n"
		    "    <object id=\"D-%" PRIu64 "\" type=\"delivery\"/>\n", i,
		    segments[i % (sizeof segments / sizeof segments[0])], i, i);
	printf("  </objects>\n</log>\n");
	return (ferror(stdout) ? 74 : 0);
}

static int
sql(sqlite3 *db, const char *s)
{
	char	*err = NULL;

	if (sqlite3_exec(db, s, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "motgen: %s: %s\n", s, err);
		sqlite3_free(err);
		return (-1);
	}
	return (0);
}

/* The same journeys as an OCEL 2.0 SQLite database. */
static int
ocel_sqlite(const char *path, uint64_t n, int64_t t0)
{
	static const char *const names[] = {
		"order-placed", "payment-authorised", "order-confirmed",
		"shipped", "delivered", "support-call", "refund-requested",
		"refund-issued"
	};
	struct tp	 tp[16];
	sqlite3		*db;
	sqlite3_stmt	*ev, *eo, *et[8], *ob, *oo, *oa;
	uint64_t	 i, e = 0;
	int64_t		 t = t0;
	size_t		 k2;
	int		 nps, k, m;
	char		 a[40], id[40], oid[40], did[40], q[200];

	unlink(path);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return (74);
	if (sql(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
	    "CREATE TABLE event_map_type (ocel_type TEXT PRIMARY KEY, "
	    "ocel_type_map TEXT);"
	    "CREATE TABLE object_map_type (ocel_type TEXT PRIMARY KEY, "
	    "ocel_type_map TEXT);"
	    "CREATE TABLE event (ocel_id TEXT PRIMARY KEY, ocel_type TEXT);"
	    "CREATE TABLE object (ocel_id TEXT PRIMARY KEY, ocel_type TEXT);"
	    "CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id "
	    "TEXT, ocel_qualifier TEXT, PRIMARY KEY (ocel_event_id, "
	    "ocel_object_id, ocel_qualifier));"
	    "CREATE TABLE object_object (ocel_source_id TEXT, ocel_target_id "
	    "TEXT, ocel_qualifier TEXT, PRIMARY KEY (ocel_source_id, "
	    "ocel_target_id, ocel_qualifier));"
	    "INSERT INTO object_map_type VALUES ('order', 'order'), "
	    "('delivery', 'delivery');"
	    "CREATE TABLE object_order (ocel_id TEXT, ocel_time TEXT, "
	    "ocel_changed_field TEXT, segment TEXT);"
	    "CREATE TABLE object_delivery (ocel_id TEXT, ocel_time TEXT, "
	    "ocel_changed_field TEXT);") != 0)
		return (74);
	for (k2 = 0; k2 < sizeof names / sizeof names[0]; k2++) {
		snprintf(q, sizeof q, "INSERT INTO event_map_type VALUES "
		    "('%s', 'm%zu'); CREATE TABLE event_m%zu (ocel_id TEXT "
		    "PRIMARY KEY, ocel_time TEXT);", names[k2], k2, k2);
		if (sql(db, q) != 0)
			return (74);
		snprintf(q, sizeof q, "INSERT INTO event_m%zu VALUES (?, ?)",
		    k2);
		sqlite3_prepare_v2(db, q, -1, &et[k2], NULL);
	}
	sqlite3_prepare_v2(db, "INSERT INTO event VALUES (?, ?)", -1, &ev, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO event_object VALUES (?, ?, ?)", -1,
	    &eo, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO object VALUES (?, ?)", -1, &ob, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO object_object VALUES (?, ?, "
	    "'shipped in')", -1, &oo, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO object_order VALUES (?, "
	    "'1970-01-01T00:00:00Z', NULL, ?)", -1, &oa, NULL);
#define RUN(st) do { sqlite3_step(st); sqlite3_reset(st); } while (0)
	for (i = 0; i < n; i++) {
		t += delay(30, 1.0);
		(void)PICK(segments);
		m = journey(t, tp, &nps, PICK(regions));
		snprintf(oid, sizeof oid, "T-%" PRIu64, i);
		snprintf(did, sizeof did, "D-%" PRIu64, i);
		for (k = 0; k < m; k++) {
			fmt(tp[k].at, a, sizeof a);
			snprintf(id, sizeof id, "e%" PRIu64, e++);
			for (k2 = 0; strcmp(names[k2], tp[k].name) != 0; k2++)
				;
			sqlite3_bind_text(ev, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ev, 2, tp[k].name, -1, SQLITE_STATIC);
			RUN(ev);
			sqlite3_bind_text(et[k2], 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(et[k2], 2, a, -1, SQLITE_TRANSIENT);
			RUN(et[k2]);
			sqlite3_bind_text(eo, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(eo, 2, oid, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(eo, 3, "order", -1, SQLITE_STATIC);
			RUN(eo);
			if (k2 == 3 || k2 == 4) {
				sqlite3_bind_text(eo, 1, id, -1,
				    SQLITE_TRANSIENT);
				sqlite3_bind_text(eo, 2, did, -1,
				    SQLITE_TRANSIENT);
				sqlite3_bind_text(eo, 3, "parcel", -1,
				    SQLITE_STATIC);
				RUN(eo);
			}
		}
	}
	for (i = 0; i < n; i++) {
		snprintf(oid, sizeof oid, "T-%" PRIu64, i);
		snprintf(did, sizeof did, "D-%" PRIu64, i);
		sqlite3_bind_text(ob, 1, oid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ob, 2, "order", -1, SQLITE_STATIC);
		RUN(ob);
		sqlite3_bind_text(ob, 1, did, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ob, 2, "delivery", -1, SQLITE_STATIC);
		RUN(ob);
		sqlite3_bind_text(oa, 1, oid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(oa, 2, segments[i % (sizeof segments /
		    sizeof segments[0])], -1, SQLITE_STATIC);
		RUN(oa);
		sqlite3_bind_text(oo, 1, oid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(oo, 2, did, -1, SQLITE_TRANSIENT);
		RUN(oo);
	}
#undef RUN
	for (k2 = 0; k2 < sizeof names / sizeof names[0]; k2++)
		sqlite3_finalize(et[k2]);
	sqlite3_finalize(ev);
	sqlite3_finalize(eo);
	sqlite3_finalize(ob);
	sqlite3_finalize(oo);
	sqlite3_finalize(oa);
	if (sql(db, "COMMIT;") != 0)
		return (74);
	return (sqlite3_close(db) == SQLITE_OK ? 0 : 74);
}

int
main(int argc, char **argv)
{
	struct tp	 tp[16];
	int64_t		 limit = -1, bytes = 0, t0 = 1790812800;	/* 2026-10-01 */
	uint64_t	 i, n = 1000;
	int		 ch, xes = 0, csv = 0, want_exp = 0, nps, k, m;
	int		 uniq = 0, open_pct = 0, ocel = 0;
	const char	*sqlite_path = NULL;
	unsigned	 cust;
	const char	*seg, *region;
	char		 a[40], b[40];

	while ((ch = getopt(argc, argv, "cuexOQ:o:s:n:m:")) != -1) {
		switch (ch) {
		case 'c':
			csv = 1;
			break;
		case 'O':
			ocel = 1;
			break;
		case 'Q':
			sqlite_path = optarg;
			break;
		case 'e':
			want_exp = 1;
			break;
		case 'u':
			uniq = 1;
			break;
		case 'x':
			xes = 1;
			break;
		case 'o':
			open_pct = atoi(optarg);
			break;
		case 's':
			rng_state ^= strtoull(optarg, NULL, 10) * 0x9e3779b97f4a7c15ULL;
			break;
		case 'n':
			n = strtoull(optarg, NULL, 10);
			break;
		case 'm':
			limit = strtoll(optarg, NULL, 10) * 1000000;
			n = UINT64_MAX;
			break;
		default:
			fprintf(stderr, "usage: motgen [-e] [-u] [-x | -c | -O | "
			    "-Q FILE] [-o PERCENT] [-s SEED] [-n JOURNEYS | -m "
			    "MEGABYTES]\n");
			return (64);
		}
	}
	if (want_exp) {
		expectations(csv, ocel);
		return (0);
	}
	if (sqlite_path != NULL)
		return (ocel_sqlite(sqlite_path, n, t0));
	if (ocel)
		return (ocel_xml(n, limit, t0));
	if (csv)
		bytes += printf(CSV_HEADER);
	else if (xes)
		bytes += printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<log xes.version=\"1.0\" xmlns=\"http://www.xes-standard.org/\">\n"
		    "  <extension name=\"Concept\" prefix=\"concept\" "
		    "uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
		    "  <global scope=\"event\">\n"
		    "    <date key=\"time:timestamp\" value=\"1970-01-01T00:00:00Z\"/>\n"
		    "  </global>\n");
	else
		bytes += printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<journeys version=\"1\" source=\"motgen\">\n");
	for (i = 0; i < n && (limit < 0 || bytes < limit); i++) {
		t0 += delay(30, 1.0);
		seg = PICK(segments);
		region = PICK(regions);
		m = journey(t0, tp, &nps, region);
		if ((int)(i % 100) < open_pct && m > 1)
			m = 1;	/* cut short: its clocks stay open */
		if (xes) {
			bytes += printf("  <trace>\n    <string key=\"concept:name\" "
			    "value=\"T-%" PRIu64 "\"/>\n    <string key=\"segment\" "
			    "value=\"%s\"/>\n    <string key=\"region\" "
			    "value=\"%s\"/>\n", i, seg, region);
			if (uniq)
				bytes += printf("    <string key=\"order\" "
				    "value=\"O-%" PRIu64 "\"/>\n", i);
			if (nps >= 0)
				bytes += printf("    <int key=\"nps\" value=\"%d\"/>\n",
				    nps);
			for (k = 0; k < m; k++) {
				fmt(tp[k].at, a, sizeof a);
				if (tp[k].end >= 0) {
					fmt(tp[k].end, b, sizeof b);
					bytes += printf("    <event>\n      <string "
					    "key=\"concept:name\" value=\"%s\"/>\n"
					    "      <string key=\"lifecycle:transition\""
					    " value=\"start\"/>\n      <date key="
					    "\"time:timestamp\" value=\"%s\"/>\n    "
					    "</event>\n", tp[k].name, a);
					bytes += printf("    <event>\n      <string "
					    "key=\"concept:name\" value=\"%s\"/>\n"
					    "      <string key=\"lifecycle:transition\""
					    " value=\"complete\"/>\n      <string key="
					    "\"org:resource\" value=\"agent-%u\"/>\n"
					    "      <date key=\"time:timestamp\" "
					    "value=\"%s\"/>\n    </event>\n",
					    tp[k].name, rng() % 200, b);
				} else
					bytes += printf("    <event>\n      <string "
					    "key=\"concept:name\" value=\"%s\"/>\n"
					    "      <string key=\"org:resource\" "
					    "value=\"%s\"/>\n      <date key="
					    "\"time:timestamp\" value=\"%s\"/>\n    "
					    "</event>\n", tp[k].name, tp[k].channel, a);
			}
			bytes += printf("  </trace>\n");
			continue;
		}
		cust = rng() % 100000;
		if (csv) {
			for (k = 0; k < m; k++) {
				fmt(tp[k].at, a, sizeof a);
				bytes += printf("J-%" PRIu64 ",C-%u,%s,%s,", i, cust,
				    seg, region);
				if (nps >= 0)
					bytes += printf("%d", nps);
				if (tp[k].end >= 0) {
					fmt(tp[k].end, b, sizeof b);
					bytes += printf(",%s,%s,,%s,%s,A%u,support\n",
					    tp[k].name, tp[k].channel, a, b,
					    rng() % 200);
				} else
					bytes += printf(",%s,%s,%s,,,,\n",
					    tp[k].name, tp[k].channel, a);
			}
			continue;
		}
		bytes += printf("  <journey id=\"J-%" PRIu64 "\" customer=\"C-%u\" "
		    "segment=\"%s\" region=\"%s\"", i, cust, seg, region);
		if (uniq)
			bytes += printf(" order=\"O-%" PRIu64 "\"", i);
		bytes += printf(">\n");
		for (k = 0; k < m; k++) {
			fmt(tp[k].at, a, sizeof a);
			if (tp[k].end >= 0) {
				fmt(tp[k].end, b, sizeof b);
				bytes += printf("    <touchpoint name=\"%s\" "
				    "channel=\"%s\" start=\"%s\" end=\"%s\" "
				    "actor=\"A%u\" team=\"support\"/>\n",
				    tp[k].name, tp[k].channel, a, b,
				    rng() % 200);
			} else
				bytes += printf("    <touchpoint name=\"%s\" "
				    "channel=\"%s\" at=\"%s\"/>\n", tp[k].name,
				    tp[k].channel, a);
		}
		if (nps >= 0)
			bytes += printf("    <outcome nps=\"%d\"/>\n", nps);
		bytes += printf("  </journey>\n");
	}
	if (!csv)
		printf(xes ? "</log>\n" : "</journeys>\n");
	return (ferror(stdout) ? 74 : 0);
}
