# journey-map.gp - the journey map, drawn by mot VERSION.
# Draw it again from any folder with: gnuplot path/to/journey-map.gp
# (it writes journey-map.svg beside this script). Another format: gnuplot -e 'fmt="svg"' journey-map.gp
# (png, svg or pdf; dumb prints it on the terminal). The numbers are in journey-map.dat:
# tab-separated columns, named on its first line.

if (!exists("fmt")) fmt = "svg"
if (!exists("out")) out = "journey-map." . fmt
here = ""
if (exists("ARG0")) { do for [i = strlen(ARG0):1:-1] { if (here eq "" && ARG0[i:i] eq "/") { here = ARG0[1:i] } } }
if (here ne "") { cd here }
if (fmt eq "svg") {
	set terminal svg size 800,414 font "Sans,12" noenhanced background "#ffffff"
}
if (fmt eq "pdf") {
	set terminal pdfcairo size 8.00in,4.14in font "Sans,8" noenhanced
}
if (fmt eq "dumb") {
	if (!exists("cols")) { cols = 100 }
	set terminal dumb size cols,30 noenhanced
}
if (fmt ne "svg" && fmt ne "pdf" && fmt ne "dumb") {
	if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
		set terminal pngcairo size 800,414 font "Sans,10" noenhanced background "#ffffff"
	} else {
		set terminal png size 800,414 noenhanced background "#ffffff"
	}
}
# cw: a character's width as a share of the canvas, for margins.
if (fmt eq "dumb") { cw = 1.0 / cols } else { cw = 0.00945 }
if (fmt ne "dumb") { set output out }
set termoption noenhanced
set encoding utf8
set datafile separator "\t"
c_met = "#3a9d5d"; c_tolerated = "#e8a33d"; c_breached = "#c0392b"; c_ink = "#333333"
set border 3 lc rgb "#888888"
set tics nomirror textcolor rgb c_ink
set key textcolor rgb c_ink

set title "The journey as customers live it: mean score of each moment, in journey order"
set xrange [0.5:3.5]
set yrange [-1.05:1.18]
set ytics ("-1" -1, "-0.5" -0.5, "0 adequate" 0, "0.6 desired" 0.6, "1" 1)
set ylabel "mean score"
set bmargin 7
set lmargin at screen 17 * cw
set rmargin at screen 1 - 3 * cw
set xtics rotate by 25 right ("Order confirmation" 1, "Delivery" 2, "Support call" 3)
set arrow 1 from graph 0, first 0 to graph 1, first 0 nohead dt 2 lc rgb c_breached
set arrow 2 from graph 0, first 0.6 to graph 1, first 0.6 nohead dt 2 lc rgb c_met
set label "Purchase" at 1, first 1.1 center textcolor rgb "#666666"
set arrow from 1.5, graph 0 to 1.5, graph 1 nohead lc rgb "#bbbbbb"
set label "Fulfilment" at 2, first 1.1 center textcolor rgb "#666666"
set arrow from 2.5, graph 0 to 2.5, graph 1 nohead lc rgb "#bbbbbb"
set label "Service" at 3, first 1.1 center textcolor rgb "#666666"
set key below horizontal
set style fill solid 0.35 noborder
plot "journey-map.dat" using 1:3:4 with filledcurves fc rgb "#8fb8de" title "p10 to p90 of the scores", \
     "" using 1:2 with lines lw 2.5 lc rgb "#1f4e79" title "mean score", \
     "" using 1:2:($6 > 0 ? 0xc0392b : 0x1f4e79) with points pt 7 ps 1.6 lc rgb variable notitle, \
     "" using 1:2:(sprintf("%.2f", $2)) with labels offset 0,1.2 textcolor rgb c_ink notitle
