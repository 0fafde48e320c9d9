# trend.gp - the breach rate over time, drawn by mot VERSION.
# Draw it again from any folder with: gnuplot path/to/trend.gp
# (it writes trend.png beside this script). Another format: gnuplot -e 'fmt="svg"' trend.gp
# (png, svg or pdf; dumb prints it on the terminal). The numbers are in trend.dat:
# tab-separated columns, named on its first line.

if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "trend." . fmt
here = ""
if (exists("ARG0")) { do for [i = strlen(ARG0):1:-1] { if (here eq "" && ARG0[i:i] eq "/") { here = ARG0[1:i] } } }
if (here ne "") { cd here }
if (fmt eq "svg") {
	set terminal svg size 800,440 font "Sans,12" noenhanced background "#ffffff"
}
if (fmt eq "pdf") {
	set terminal pdfcairo size 8.00in,4.40in font "Sans,8" noenhanced
}
if (fmt eq "dumb") {
	if (!exists("cols")) { cols = 100 }
	set terminal dumb size cols,30 noenhanced
}
if (fmt ne "svg" && fmt ne "pdf" && fmt ne "dumb") {
	if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
		set terminal pngcairo size 800,440 font "Sans,10" noenhanced background "#ffffff"
	} else {
		set terminal png size 800,440 noenhanced background "#ffffff"
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

set title "Breach rate per week of start of the weakest moments"
set xrange [-0.50:0.50]
set yrange [0:75]
set format y "%g%%"
set ylabel "breached (% of the occurrences)"
set grid ytics lc rgb "#e5e5e5"
set style textbox opaque fillcolor "#ffffff" noborder
set xtics rotate by 30 right ("2026-W40" 0)
set bmargin 6.8
set key at screen 0.5, screen 0.01 center bottom vertical maxrows 2
if (fmt eq "dumb") { set bmargin; set key below horizontal maxrows auto }
plot "trend.dat" using ($1-0.15):(100*$2):(100*$11):(100*$12) with yerrorbars pt 0 lw 1 lc rgb "#c0392b" notitle, \
     "" using ($1-0.15):($5 == 0 ? 100*$2 : NaN) with linespoints lw 2.5 pt 7 ps 1.1 lc rgb "#c0392b" title "first-reply", \
     "" using ($1-0.15):($5 != 0 ? 100*$2 : NaN) with points pt 6 ps 1.3 lw 1.5 lc rgb "#c0392b" notitle, \
     "" using ($1-0.15):((1 || $5 != 0) && $3 > 0 ? 100*$2 : NaN):(sprintf("n %d", int($3))) with labels boxed offset -0.8,0 right font ",8" tc rgb "#c0392b" notitle, \
     "trend.dat" using ($1+0.15):(100*$6):(100*$13):(100*$14) with yerrorbars pt 0 lw 1 lc rgb "#1f77b4" notitle, \
     "" using ($1+0.15):($9 == 0 ? 100*$6 : NaN) with linespoints lw 2.5 pt 7 ps 1.1 lc rgb "#1f77b4" title "Case resolution", \
     "" using ($1+0.15):($9 != 0 ? 100*$6 : NaN) with points pt 6 ps 1.3 lw 1.5 lc rgb "#1f77b4" notitle, \
     "" using ($1+0.15):((1 || $9 != 0) && $7 > 0 ? 100*$6 : NaN):(sprintf("n %d", int($7))) with labels boxed offset 0.8,0 left font ",8" tc rgb "#1f77b4" notitle, \
     NaN with points pt 6 ps 1.3 lw 1.5 lc rgb c_ink title "hollow: open clocks or n < min-n", \
     20 with lines dt 2 lw 1.5 lc rgb "#1f77b4" notitle
