# elapsed.gp - elapsed time against the zone of tolerance, drawn by mot VERSION.
# Draw it again from any folder with: gnuplot path/to/elapsed.gp
# (it writes elapsed.png beside this script). Another format: gnuplot -e 'fmt="svg"' elapsed.gp
# (png, svg or pdf; dumb prints it on the terminal). The numbers are in elapsed.dat:
# tab-separated columns, named on its first line.

if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "elapsed." . fmt
here = ""
if (exists("ARG0")) { do for [i = strlen(ARG0):1:-1] { if (here eq "" && ARG0[i:i] eq "/") { here = ARG0[1:i] } } }
if (here ne "") { cd here }
if (fmt eq "svg") {
	set terminal svg size 1000,242 font "Sans,12" noenhanced background "#ffffff"
}
if (fmt eq "pdf") {
	set terminal pdfcairo size 10.00in,2.42in font "Sans,8" noenhanced
}
if (fmt eq "dumb") {
	if (!exists("cols")) { cols = 100 }
	set terminal dumb size cols,17 noenhanced
}
if (fmt ne "svg" && fmt ne "pdf" && fmt ne "dumb") {
	if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
		set terminal pngcairo size 1000,242 font "Sans,10" noenhanced background "#ffffff"
	} else {
		set terminal png size 1000,242 noenhanced background "#ffffff"
	}
}
# cw: a character's width as a share of the canvas, for margins.
if (fmt eq "dumb") { cw = 1.0 / cols } else { cw = 0.00756 }
if (fmt ne "dumb") { set output out }
set termoption noenhanced
set encoding utf8
set datafile separator "\t"
c_met = "#3a9d5d"; c_tolerated = "#e8a33d"; c_breached = "#c0392b"; c_ink = "#333333"
set border 3 lc rgb "#888888"
set tics nomirror textcolor rgb c_ink
set key textcolor rgb c_ink

set title "How long each moment took, against its zone of tolerance"
xmin = 0.01; xmax = 10
clip(v) = v < xmin ? xmin : v
set logscale x 10
set xrange [xmin:xmax]
set yrange [3.6:0.4]
set format x "%g"
set xlabel "elapsed time / adequate time (log scale; 1 = adequate)"
set lmargin at screen 20 * cw
set rmargin at screen 1 - 35 * cw
set ytics scale 0 ("Support call" 1, "Order confirmation" 2, "Delivery" 3)
set label 1 "p90 25m00s, adequate 20m00s" at graph 1, first 1 left offset char 1,0 textcolor rgb c_ink
set label 2 "p90 20m00s, adequate 15m00s" at graph 1, first 2 left offset char 1,0 textcolor rgb c_ink
set label 3 "over 10% running, adequate 2d00h" at graph 1, first 3 left offset char 1,0 textcolor rgb c_ink
set bmargin 6.1
set key at screen 0.5, screen 0.01 center bottom vertical maxrows 2
if (fmt eq "dumb") { set bmargin; set key below horizontal maxrows auto }
set arrow 1 from 1, graph 0 to 1, graph 1 nohead lw 2 lc rgb c_breached front
set style fill solid 0.22 noborder
plot "elapsed.dat" using (xmin):1:(xmin):(clip($2)):($1-0.42):($1+0.42) with boxxyerror fc rgb c_met title "within desired", \
     "" using (1):1:(clip($2)):(1):($1-0.42):($1+0.42) with boxxyerror fc rgb c_tolerated title "zone of tolerance", \
     "" using (1):1:(1):(xmax):($1-0.42):($1+0.42) with boxxyerror fc rgb c_breached title "beyond adequate", \
     "" using (clip($4)):1:(clip($3)):(valid(5) ? clip($5) : xmax):(valid(5) && $5 > 1 ? 0xc0392b : 0x222222) with xerrorbars lc rgb variable pt 7 ps 1.3 lw 2.5 title "median, p10 to p90", \
     "" using (clip($6)):1 with points pt 8 ps 1.1 lc rgb c_ink title "p95", \
     "" using (clip($7)):1 with points pt 2 ps 0.9 lc rgb c_ink title "longest"
