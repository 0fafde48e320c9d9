# csvcheck.awk - checks that a CSV file (RFC 4180: fields quoted with ",
# "" for a quote, line breaks only inside quotes) has as many fields in
# every record as in its header. Exits 1, saying where, when not.
BEGIN { n = -1; rec = 0; fields = 1; inq = 0 }
{
	line = $0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (inq) {
			if (c == "\"") {
				if (substr(line, i + 1, 1) == "\"")
					i++
				else
					inq = 0
			}
		} else if (c == "\"")
			inq = 1
		else if (c == ",")
			fields++
	}
	if (inq)
		next		# a line break inside a quoted field
	rec++
	if (n < 0)
		n = fields
	else if (fields != n) {
		printf "%s: record %d (line %d) has %d fields, the header %d\n",
		    FILENAME, rec, NR, fields, n
		bad = 1
	}
	fields = 1
}
END {
	if (inq) {
		printf "%s: a quoted field is not closed\n", FILENAME
		bad = 1
	}
	exit bad
}
