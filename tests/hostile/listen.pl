#!/usr/bin/perl
# listen.pl PORTFILE LOG - listens on 127.0.0.1 on a free port, writes the
# port to PORTFILE and a line to LOG for every connection, for 60 s at most:
# a test kills it, then checks that LOG is empty (nothing connected).
use strict;
use warnings;
use IO::Socket::INET;

my ($portfile, $log) = @ARGV;
my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0,
    Listen => 5, ReuseAddr => 1) or die "listen.pl: $!\n";
open(my $p, '>', "$portfile.tmp") or die "listen.pl: $portfile: $!\n";
print $p $s->sockport, "\n";
close($p);
rename("$portfile.tmp", $portfile) or die "listen.pl: $!\n";
alarm(60);
while (my $c = $s->accept) {
	open(my $l, '>>', $log) or die "listen.pl: $log: $!\n";
	print $l "connection\n";
	close($l);
	close($c);
}
