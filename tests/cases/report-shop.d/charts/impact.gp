# impact.gp - the NPS cost of a breach, drawn by mot VERSION.
# Draw it again from any folder with: gnuplot path/to/impact.gp
# (it writes impact.png beside this script). Another format: gnuplot -e 'fmt="svg"' impact.gp
# (png, svg or pdf; dumb prints it on the terminal). The numbers are in impact.dat:
# tab-separated columns, named on its first line.

if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "impact." . fmt
here = ""
if (exists("ARG0")) { do for [i = strlen(ARG0):1:-1] { if (here eq "" && ARG0[i:i] eq "/") { here = ARG0[1:i] } } }
if (here ne "") { cd here }
if (fmt eq "svg") {
	set terminal svg size 1000,280 font "Sans,12" noenhanced background "#ffffff"
}
if (fmt eq "pdf") {
	set terminal pdfcairo size 10.00in,2.80in font "Sans,8" noenhanced
}
if (fmt eq "dumb") {
	if (!exists("cols")) { cols = 100 }
	set terminal dumb size cols,17 noenhanced
}
if (fmt ne "svg" && fmt ne "pdf" && fmt ne "dumb") {
	if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
		set terminal pngcairo size 1000,280 font "Sans,10" noenhanced background "#ffffff"
	} else {
		set terminal png size 1000,280 noenhanced background "#ffffff"
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

set title "What a breach costs: NPS where each moment was breached and where it was not"
set xrange [-100:100]
set yrange [3.6:0.4]
set xtics -100, 25, 100
set xlabel "Net Promoter Score"
set rmargin 40
set grid xtics lc rgb "#e5e5e5"
set arrow 1 from 0, graph 0 to 0, graph 1 nohead lc rgb "#999999"
set ytics scale 0 ("Parcel delivered" 1, "Order confirmation e-mail" 2, "Order dispatched" 3)
set bmargin 4.8
set key at screen 0.5, screen 0.01 center bottom vertical maxrows 1
if (fmt eq "dumb") { set bmargin; set key below horizontal maxrows auto }
plot "impact.dat" using 2:1:($6-$2):(0) with vectors nohead lw 2 lc rgb "#bbbbbb" notitle, \
     "" using 2:($1-0.1):3:4 with xerrorbars pt 7 ps 1.4 lw 2 lc rgb c_met title "NPS where not breached (95% CI)", \
     "" using 6:($1+0.1):7:8 with xerrorbars pt 7 ps 1.4 lw 2 lc rgb c_breached title "NPS where breached (95% CI)", \
     "" using (100):1:(valid(10) ? sprintf("  %+.0f points (%+.0f to %+.0f)%s", $10, $11, $12, valid(13) ? ($13 < 0.001 ? ", q < 0.001" : sprintf(", q %.2g", $13)) : "") : "  too few answers"):($13 < 0.05 && $10 < 0 ? 0xc0392b : 0x333333) with labels left tc rgb variable notitle
# The last labels sit beyond x = 100, in the right margin.
