# gen-journeys.awk - writes a journeys file whose moments breach their
# adequate time with true rates the caller sets, for the noise and
# regression tests of mot check (tests/check-gate.sh) and for
# scripts/gate-calibration. POSIX awk, with its own random numbers so that
# every awk writes the same bytes: L'Ecuyer's combined generator (CACM 31,
# 1988; period about 2.3e18), exact in double precision. Its two parts are
# seeded from the seed and from the seed plus a constant, so that samples
# drawn with different seeds are independent: one Lehmer generator seeded
# with s and 2s would give draws u and 2u mod 1.
#
#   awk -f gen-journeys.awk -v seed=N -v journeys=N -v rates="R1 R2 R3" \
#       [-v start=EPOCH] [-v days=N] [-v prefix=ID] [-v moments=K]
#
# The moments are those of tests/data/gen-exp.xml: confirm (placed to
# confirmed, adequate 15 minutes), dispatch (confirmed to shipped, 1 day)
# and deliver (shipped to delivered, 2 days). Each occurrence is breached
# with its moment's rate, independently: a breached one takes between
# adequate + 1 s and twice adequate, the others between 1 s and adequate,
# uniformly. Orders are placed uniformly over `days` days from `start`
# (default 2027-01-04T00:00:00Z, 56 days; days may be a fraction).
# moments=K writes only the touchpoints of the first K moments (1 to 3).

function rnd(    z) {
	s1 = (40014 * s1) % 2147483563
	s2 = (40692 * s2) % 2147483399
	z = s1 - s2
	if (z < 1)
		z += 2147483562
	return (z / 2147483563)
}

# Seconds in [lo, hi], uniformly.
function between(lo, hi) {
	return (lo + int(rnd() * (hi - lo + 1)))
}

# ISO 8601 UTC text of a time in seconds since 1970 (after 1970).
function iso(t,    days, secs, z, era, doe, yoe, y, doy, mp, d, m) {
	days = int(t / 86400)
	secs = t - days * 86400
	z = days + 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
	    int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	if (m <= 2)
		y++
	return (sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
	    int(secs / 3600), int(secs % 3600 / 60), secs % 60))
}

function elapsed(rate, adequate) {
	if (rnd() < rate)
		return (between(adequate + 1, 2 * adequate))
	return (between(1, adequate))
}

BEGIN {
	if (seed == "")
		seed = 1
	if (journeys == "")
		journeys = 1000
	if (start == "")
		start = 1799020800
	if (days == "")
		days = 56
	if (prefix == "")
		prefix = "G" seed
	if (split(rates, rate, " ") != 3) {
		print "gen-journeys.awk: rates needs three rates" > "/dev/stderr"
		exit 2
	}
	if (moments == "")
		moments = 3
	if (moments !~ /^[123]$/) {
		print "gen-journeys.awk: moments is 1, 2 or 3" > "/dev/stderr"
		exit 2
	}
	s1 = seed % 2147483562 + 1
	s2 = (seed + 1234567891) % 2147483398 + 1
	for (i = 0; i < 20; i++)
		rnd()
	name[1] = "placed"; name[2] = "confirmed"
	name[3] = "shipped"; name[4] = "delivered"
	adequate[1] = 900; adequate[2] = 86400; adequate[3] = 172800
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	printf "<!-- gen-journeys.awk seed=%s journeys=%s rates=\"%s\" -->\n",
	    seed, journeys, rates
	print "<journeys version=\"1\" source=\"gen-journeys\">"
	for (j = 1; j <= journeys; j++) {
		t = start + between(0, int(days * 86400) - 1)
		printf "  <journey id=\"%s-%06d\">\n", prefix, j
		printf "    <touchpoint name=\"%s\" at=\"%s\"/>\n", name[1], iso(t)
		for (k = 1; k <= moments; k++) {
			t += elapsed(rate[k], adequate[k])
			printf "    <touchpoint name=\"%s\" at=\"%s\"/>\n",
			    name[k + 1], iso(t)
		}
		print "  </journey>"
	}
	print "</journeys>"
}
