#!/usr/bin/perl
# Drives Debian's Search::Elasticsearch (libsearch-elasticsearch-perl 8.00) against Lateral's
# Elasticsearch layer.
#   usage: perl perl-client.pl URL KEY AUTH ACTION [FILE]
#   AUTH: apikey | basic | wrong;  ACTION: info | ping | bulk
# `bulk` uses bulk_helper with its default batch settings (max_count 1000, max_size 1 MB), one
# `index` action per document with `id` = event.id. Prints one JSON line with the outcome.
use strict;
use warnings;
use JSON::MaybeXS;
use Search::Elasticsearch;

my ( $url, $key, $auth, $action, $file ) = @ARGV;
my %auth =
    $auth eq 'apikey' ? ( elastic_cloud_api_key => $key )
  : $auth eq 'basic'  ? ( userinfo => "elastic:$key" )
  :                     ( elastic_cloud_api_key => 'not-a-key' );
my $es = Search::Elasticsearch->new( nodes => [$url], request_timeout => 120, %auth );
my $json = JSON::MaybeXS->new( canonical => 1 );

if ( $action eq 'info' ) {
    my $info = $es->info;
    print $json->encode( { version => $info->{version}{number}, tagline => $info->{tagline} } ), "\n";
}
elsif ( $action eq 'ping' ) {
    my $ok = eval { $es->ping; 1 } ? JSON::MaybeXS::true : JSON::MaybeXS::false;
    print $json->encode( { ping => $ok } ), "\n";
}
elsif ( $action eq 'bulk' ) {
    my ( $ok, @errors ) = (0);
    my $bulk = $es->bulk_helper(
        index      => 'logs-endpoint.events.process-default',
        on_success => sub { $ok++ },
        on_error   => sub {
            my ( $act, $result ) = @_;
            push @errors, { id => $result->{_id}, status => $result->{status}, type => $result->{error}{type} };
        },
    );
    open( my $fh, '<:raw', $file ) or die "$file: $!";
    while ( my $line = <$fh> ) {
        next unless $line =~ /\S/;
        my $doc = decode_json($line);
        $bulk->index( { id => $doc->{event}{id}, source => $doc } );
    }
    $bulk->flush;
    print $json->encode( { ok => $ok, errors => \@errors } ), "\n";
}
else { die "unknown action $action\n" }
