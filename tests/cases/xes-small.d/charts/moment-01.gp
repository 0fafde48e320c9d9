# moment-01.gp - one moment: its distribution, trend and breakdown, drawn by mot VERSION.
# Draw it again from any folder with: gnuplot path/to/moment-01.gp
# (it writes moment-01.png beside this script). Another format: gnuplot -e 'fmt="svg"' moment-01.gp
# (png, svg or pdf; dumb prints it on the terminal). The numbers are in moment-01.dat:
# tab-separated columns, named on its first line.

if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "moment-01." . fmt
here = ""
if (exists("ARG0")) { do for [i = strlen(ARG0):1:-1] { if (here eq "" && ARG0[i:i] eq "/") { here = ARG0[1:i] } } }
if (here ne "") { cd here }
if (fmt eq "svg") {
	set terminal svg size 1300,330 font "Sans,12" noenhanced background "#ffffff"
}
if (fmt eq "pdf") {
	set terminal pdfcairo size 13.00in,3.30in font "Sans,8" noenhanced
}
if (fmt eq "dumb") {
	if (!exists("cols")) { cols = 100 }
	set terminal dumb size cols,30 noenhanced
}
if (fmt ne "svg" && fmt ne "pdf" && fmt ne "dumb") {
	if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
		set terminal pngcairo size 1300,330 font "Sans,10" noenhanced background "#ffffff"
	} else {
		set terminal png size 1300,330 noenhanced background "#ffffff"
	}
}
# cw: a character's width as a share of the canvas, for margins.
if (fmt eq "dumb") { cw = 1.0 / cols } else { cw = 0.00582 }
if (fmt ne "dumb") { set output out }
set termoption noenhanced
set encoding utf8
set datafile separator "\t"
c_met = "#3a9d5d"; c_tolerated = "#e8a33d"; c_breached = "#c0392b"; c_ink = "#333333"
set border 3 lc rgb "#888888"
set tics nomirror textcolor rgb c_ink
set key textcolor rgb c_ink

set multiplot layout 1,3 title "First reply: how long, when and for whom"
set title "How long it took (calendar time)"
set xrange [0:3.15]
set yrange [0:100]
set ytics 0, 25, 100
set format y "%g%%"
set xlabel "hours (calendar time)"
set ylabel "finished within"
set key bottom right opaque
set object 1 rect from 0, graph 0 to 1, graph 1 fc rgb c_met fs solid 0.15 noborder behind
set object 2 rect from 1, graph 0 to 2, graph 1 fc rgb c_tolerated fs solid 0.18 noborder behind
set object 3 rect from 2, graph 0 to graph 1, graph 1 fc rgb c_breached fs solid 0.15 noborder behind
set arrow 1 from graph 0, first 90 to graph 1, first 90 nohead dt 2 lw 1.5 lc rgb c_ink
plot "moment-01.dat" index 0 using 2:(100*$3) with steps lw 2.5 lc rgb "#1f4e79" notitle, \
     "-" using 1:2 with points pt 7 ps 1.4 lc rgb "#c0392b" title "50.0% within adequate"
2	50
e
unset object 1; unset object 2; unset object 3; unset arrow 1; unset label 1
set title "Breach rate per week of start"
set xlabel ""
set ylabel "breached"
set yrange [0:65]
set ytics auto
set key top right
set style fill solid 0.85 noborder
set boxwidth 0.7
set xrange [-0.5:0.5]
set xtics rotate by 30 right ("2026-W40" 0)
set arrow 1 from graph 0, first 10 to graph 1, first 10 nohead dt 2 lw 1.5 lc rgb c_ink
plot "moment-01.dat" index 1 using 1:($5 == 0 ? 100*$2 : NaN) with boxes fc rgb c_breached notitle, \
     "" index 1 using 1:($5 != 0 ? 100*$2 : NaN) with boxes fs empty lc rgb c_breached lw 1.5 notitle, \
     "" index 1 using 1:($5 != 0 && $3 > 0 ? 100*$2 : NaN):(sprintf("n %d", int($3))) with labels offset 0,0.7 font ",7" tc rgb c_ink notitle, \
     NaN with lines dt 2 lw 1.5 lc rgb c_ink title "objective"
unset arrow 1
set xtics auto norotate
set title "Breach rate by channel"
xmax = 100
set xrange [0:xmax]
set yrange [2.6:0.4]
set format x "%g%%"
set format y "%g"
set xlabel "breached (95% CI)"
set ylabel ""
set xtics 0, 50
set ytics scale 0 ("UNKNOWN" 1, "web" 2)
set arrow 1 from 10, graph 0 to 10, graph 1 nohead dt 2 lw 1.5 lc rgb c_ink
plot "moment-01.dat" index 2 using (50*$2):1:(50*$2):(0.34) with boxxyerror fc rgb c_breached notitle, \
     "" index 2 using (100*$2):1:(100*$3):(100*$4 <= xmax ? 100*$4 : xmax) with xerrorbars pt 0 lw 1.5 lc rgb c_ink notitle
unset multiplot
