package ARKDmod;
# ARKDmod.pm -- A-REX information-system module for arkd ([lrms] lrms = arkd).
#
# CEinfo.pl -> LRMSInfo::collect() loads "<uc(lrms)>mod.pm" from the ARC data
# dir (/usr/share/arc) and calls get_lrms_options_schema() and
# get_lrms_info($options). Without such a module the whole infoprovider run
# fails for a custom LRMS and clients cannot submit.
#
# Everything comes from arkd through arkctl:
#   arkctl info -o json          site capacity, queues and their limits, jobs by
#                                state, and (Kubernetes) the cluster's nodes with
#                                every pod on them, arkd's or not;
#   arkctl status -o json IDs..  the state of the jobs A-REX has in the LRMS
#                                ($options->{jobs}), in one request per batch.
# The daemon's location comes from the [custom:arkd] block of the config
# (server, tokenfile, cafile), passed as --server, --token-file and --ca-file;
# arkctl itself is found like the submit/scan/cancel wrappers find it.
#
# This module never dies: on any error it logs a warning (stderr, i.e. the
# infoprovider log) and returns a valid structure with zeros.
use strict;
use warnings;

require Exporter;
our @ISA = ('Exporter');
our @EXPORT_OK = ('get_lrms_info', 'get_lrms_options_schema');

use POSIX qw(WNOHANG);
use JSON::PP;
use LogUtils;

our $log = LogUtils->getLogger(__PACKAGE__);

our $ARKCTL_INSTALLED = '';   # set by install-arkd-backend.sh --arkctl
our $COMMAND_TIMEOUT = 60;    # seconds for one arkctl call
our $STATUS_BATCH = 500;      # job ids per `arkctl status` call

sub get_lrms_options_schema {
    return {
        'queues' => { '*' => { 'users' => [ '' ] } },
        'jobs'   => [ '' ],
    };
}

sub get_lrms_info($) {
    my $options = shift || {};
    my $result = eval { collect($options) };
    return $result if $result;
    my $why = $@ || 'unknown error';
    chomp $why;
    warn_log("arkd information unavailable, publishing zeros: $why");
    return empty_info($options, "arkd unreachable: $why");
}

# ---------------------------------------------------------------------------

sub warn_log {
    my $message = shift;
    eval { $log->warning($message); 1 } or print STDERR "ARKDmod: $message\n";
}

# The config file A-REX handed to CEinfo.pl (--config), else ARC_CONFIG.
sub config_file {
    no warnings 'once';
    for my $candidate ($main::configfile, $ENV{ARC_CONFIG}, '/etc/arc.conf') {
        return $candidate if defined $candidate && $candidate ne '' && -r $candidate;
    }
    return undef;
}

# Options of one block of an INI-style arc.conf: { key => last value }.
sub read_block {
    my ($file, $block) = @_;
    my %values;
    return \%values unless defined $file;
    open(my $fh, '<', $file) or do { warn_log("cannot read $file: $!"); return \%values };
    my $inside = 0;
    while (my $line = <$fh>) {
        $line =~ s/\r?\n$//;
        next if $line =~ /^\s*(#|$)/;
        if ($line =~ /^\s*\[\s*([^\]]+?)\s*\]\s*$/) {
            $inside = ($1 eq $block);
            next;
        }
        next unless $inside;
        if ($line =~ /^\s*([^=\s]+)\s*=\s*(.*?)\s*$/) {
            my ($key, $value) = ($1, $2);
            $value =~ s/^"(.*)"$/$1/;
            $values{$key} = $value;
        }
    }
    close $fh;
    return \%values;
}

sub find_arkctl {
    my $custom = shift;
    return $ENV{ARKCTL} if $ENV{ARKCTL};
    return $custom->{arkctl} if $custom->{arkctl};
    return $ARKCTL_INSTALLED if $ARKCTL_INSTALLED;
    for my $dir (split /:/, ($ENV{PATH} || '')) {
        next if $dir eq '';
        return "$dir/arkctl" if -x "$dir/arkctl";
    }
    return '/usr/local/bin/arkctl';
}

# Runs a command without a shell, with a time limit; returns (stdout, exit status).
# stderr is inherited (the infoprovider log).
sub run_command {
    my @command = @_;
    my $output = '';
    my $pid = open(my $fh, '-|');
    die "cannot fork: $!\n" unless defined $pid;
    if ($pid == 0) {
        open(STDIN, '<', '/dev/null');
        setpgrp(0, 0);   # its own process group: a timeout stops everything it started
        exec { $command[0] } @command or do { print STDERR "ARKDmod: exec $command[0]: $!\n"; POSIX::_exit(127) };
    }
    my $timed_out = 0;
    eval {
        local $SIG{ALRM} = sub { die "timeout\n" };
        alarm $COMMAND_TIMEOUT;
        local $/;
        $output = <$fh>;
        alarm 0;
        1;
    } or do {
        alarm 0;
        $timed_out = 1;
        kill 'KILL', -$pid;
        kill 'KILL', $pid;
    };
    close $fh;
    my $status = $? >> 8;
    die "'$command[0] $command[1]' did not answer within $COMMAND_TIMEOUT s\n" if $timed_out;
    return (defined $output ? $output : '', $status);
}

sub decode_json_text {
    my ($text, $what) = @_;
    my $data = eval { JSON::PP->new->utf8->decode($text) };
    die "cannot parse the JSON of $what: " . ($@ || 'empty') . "\n" unless ref $data eq 'HASH';
    return $data;
}

sub number { my $v = shift; return (defined $v && !ref $v && $v =~ /^-?\d+(\.\d+)?$/) ? $v + 0 : 0 }

# arkd state -> the status letters ARC1ClusterInfo.pm understands:
# Q queued, R running, S suspended, E/EXECUTED done in the LRMS, O other.
my %STATE_LETTER = (
    accepted   => 'Q', preparing => 'Q', submitting => 'Q', queued => 'Q',
    running    => 'R',
    finishing  => 'E',
    finished   => 'EXECUTED', failed => 'EXECUTED', killed => 'EXECUTED', deleted => 'EXECUTED',
);

sub collect {
    my $options = shift;
    my $config = config_file();
    my $custom = read_block($config, 'custom:arkd');
    my @client = (find_arkctl($custom));
    my @connection;
    push @connection, '--server', $custom->{server} if $custom->{server};
    push @connection, '--token-file', $custom->{tokenfile} if $custom->{tokenfile};
    push @connection, '--ca-file', $custom->{cafile} if $custom->{cafile};

    my ($text, $status) = run_command(@client, 'info', '-o', 'json', @connection);
    die "arkctl info exited with status $status\n" if $status != 0;
    my $info = decode_json_text($text, 'arkctl info');

    # --- the jobs A-REX has in the LRMS --------------------------------------
    my @ids = grep { defined $_ && $_ ne '' } @{ $options->{jobs} || [] };
    my %remote;       # id -> { state, reason, exitCode }
    my $status_error;
    for (my $i = 0; $i < @ids; $i += $STATUS_BATCH) {
        my $last = $i + $STATUS_BATCH - 1;
        $last = $#ids if $last > $#ids;
        my @batch = @ids[$i .. $last];
        my ($answer, $code) = eval { run_command(@client, 'status', '-o', 'json', @connection, @batch) };
        if (!defined $answer) {
            $status_error = $@ || 'arkctl status failed';
            chomp $status_error;
            last;
        }
        # exit status 1 only says that some ids are unknown; the JSON still lists the others
        my $list = eval { decode_json_text($answer, 'arkctl status') };
        if (!$list) {
            $status_error = "arkctl status exited with status $code" . ($@ ? ": $@" : '');
            chomp $status_error;
            last;
        }
        for my $job (@{ $list->{jobs} || [] }) {
            $remote{ $job->{id} } = $job if ref $job eq 'HASH' && defined $job->{id};
        }
    }
    warn_log("job states unavailable: $status_error") if $status_error;

    my ($running_ours, $queued_ours) = (0, 0);
    my %jobs;
    for my $id (@ids) {
        my $job = $remote{$id};
        my ($letter, @comment);
        if ($job) {
            my $state = $job->{state} || '';
            $letter = $STATE_LETTER{$state} || 'O';
            push @comment, "LRMS: arkd state $state";
            push @comment, "LRMS: $job->{reason}" if defined $job->{reason} && $job->{reason} ne '';
        } elsif ($status_error) {
            $letter = 'O';
            push @comment, 'LRMS: arkd did not answer';
        } else {
            $letter = 'O';
            push @comment, 'LRMS: job unknown to arkd';
        }
        $running_ours++ if $letter eq 'R';
        $queued_ours++ if $letter eq 'Q';
        $jobs{$id} = {
            status  => $letter,
            rank    => ($letter eq 'Q' ? $queued_ours : 0),
            cpus    => 1,
            comment => \@comment,
        };
        # what arkd measured so far (seconds, kB), when it says
        my $usage = $job && ref $job->{accounting} eq 'HASH' ? $job->{accounting} : undef;
        if ($usage) {
            $jobs{$id}{walltime} = int(number($usage->{wallSeconds})) if defined $usage->{wallSeconds};
            $jobs{$id}{cputime} = int(number($usage->{userCPUSeconds}) + number($usage->{systemCPUSeconds}))
                if defined $usage->{userCPUSeconds} || defined $usage->{systemCPUSeconds};
            $jobs{$id}{mem} = int(number($usage->{maxResidentKiB})) if defined $usage->{maxResidentKiB};
            $jobs{$id}{nodes} = [ "$usage->{nodeName}" ] if defined $usage->{nodeName} && !ref $usage->{nodeName};
        }
    }

    # --- cluster --------------------------------------------------------------
    my $load = ref $info->{load} eq 'HASH' ? $info->{load} : {};
    my $capacity = number($info->{capacity});
    my $running = number($load->{running});
    my $queued = 0;
    $queued += number($load->{$_}) for qw(accepted preparing submitting queued);
    $running = $running_ours if $running_ours > $running;
    $queued = $queued_ours if $queued_ours > $queued;

    my @nodes = grep { ref $_ eq 'HASH' } @{ ref $info->{nodes} eq 'ARRAY' ? $info->{nodes} : [] };
    my ($totalcpus, $usedcpus, $runningjobs, %distribution, %node_info);
    if (@nodes) {
        # Kubernetes: the capacity is the nodes'; every pod on them (arkd's
        # or another workload's) occupies it, so count them all.
        ($totalcpus, $usedcpus, $runningjobs) = (0, 0, 0);
        for my $node (@nodes) {
            my $name = defined $node->{name} && $node->{name} ne '' ? $node->{name} : 'node-' . scalar(keys %node_info);
            my $cpus = number($node->{cpus});
            my $used = number($node->{usedCPUs});
            my $pods = number($node->{pods});
            $totalcpus += $cpus;
            $usedcpus += $used;
            $runningjobs += $pods;
            $distribution{ int($cpus + 0.5) }++;
            $node_info{$name} = {
                isavailable => 1,
                isfree      => ($used < $cpus ? 1 : 0),
                lcpus       => int($cpus),
                slots       => int($cpus),
                sysname     => 'Linux',
            };
            $node_info{$name}{pmem} = int(number($node->{memoryMiB})) if number($node->{memoryMiB}) > 0;
        }
        $runningjobs = $running if $running > $runningjobs;
        $usedcpus = $running if $running > $usedcpus;
        $usedcpus = $totalcpus if $usedcpus > $totalcpus;
    } else {
        # local executor (or an arkd that does not list nodes): its capacity
        # is the number of payloads it runs at once
        $totalcpus = $capacity;
        $usedcpus = $running > $capacity ? $capacity : $running;
        $runningjobs = $running;
        $distribution{$capacity}++ if $capacity > 0;
        my $host = server_host($custom->{server});
        $node_info{$host} = {
            isavailable => 1,
            isfree      => ($running < $capacity ? 1 : 0),
            lcpus       => $capacity,
            slots       => $capacity,
            sysname     => 'Linux',
        };
    }
    $usedcpus = int($usedcpus + 0.5);
    my $freecpus = $totalcpus - $usedcpus;
    my $freeslots = $capacity - $running;
    my $free = $freecpus < $freeslots ? $freecpus : $freeslots;
    $free = 0 if $free < 0;

    # --- queues ------------------------------------------------------------------
    my %remote_queues;
    for my $q (@{ ref $info->{queues} eq 'ARRAY' ? $info->{queues} : [] }) {
        $remote_queues{ $q->{name} } = $q if ref $q eq 'HASH' && defined $q->{name};
    }
    my %queues;
    for my $name (keys %{ $options->{queues} || {} }) {
        my $policy = $remote_queues{$name};
        my $open = 1;
        if (%remote_queues && !$policy) {
            warn_log("queue '$name' of arc.conf is not a queue of arkd (arkd has: "
                     . join(', ', sort keys %remote_queues) . "); publishing it closed");
            $open = 0;
        }
        my $maxwall = $policy ? number($policy->{maxWallTimeSeconds}) : 0;
        my $queue = {
            status      => ($open ? $free : 0),
            maxrunning  => $capacity,
            maxqueuable => ($open ? 1000000 : 0),
            maxuserrun  => $capacity,
            running     => $running,
            queued      => $queued,
            totalcpus   => $totalcpus,
        };
        if ($maxwall > 0) {
            $queue->{maxwalltime} = $maxwall;
            $queue->{maxcputime} = $maxwall;
            my $cores = $policy ? number($policy->{maxCPUs}) : 0;
            $queue->{maxtotalcputime} = $maxwall * $cores if $cores > 0;
        }
        my %users;
        for my $user (@{ $options->{queues}{$name}{users} || [] }) {
            $users{$user} = {
                freecpus    => { ($open ? $free : 0) => ($maxwall > 0 ? int($maxwall / 60) : 0) },
                queuelength => $queued,
            };
        }
        $queue->{users} = \%users;
        $queues{$name} = $queue;
    }

    return {
        cluster => {
            lrms_type       => 'arkd',
            lrms_version    => (defined $info->{version} && !ref $info->{version} ? "$info->{version} " : '')
                               . '(' . ($info->{executor} || 'unknown') . ' executor)',
            totalcpus       => int($totalcpus),
            queuedcpus      => $queued,
            usedcpus        => $usedcpus,
            queuedjobs      => $queued,
            runningjobs     => int($runningjobs),
            cpudistribution => join(' ', map { "${_}cpu:$distribution{$_}" } sort { $a <=> $b } keys %distribution),
        },
        queues => \%queues,
        jobs   => \%jobs,
        nodes  => \%node_info,
    };
}

# The host name published for a local-executor arkd: this host for a socket,
# the URL's host for a remote daemon.
sub server_host {
    my $server = shift;
    return $1 if defined $server && $server =~ m{^https?://([^/:]+)};
    my $host = eval { require Sys::Hostname; Sys::Hostname::hostname() };
    return $host || 'localhost';
}

sub empty_info {
    my ($options, $why) = @_;
    my %queues;
    for my $name (keys %{ ref $options->{queues} eq 'HASH' ? $options->{queues} : {} }) {
        my %users;
        for my $user (@{ $options->{queues}{$name}{users} || [] }) {
            $users{$user} = { freecpus => { 0 => 0 }, queuelength => 0 };
        }
        $queues{$name} = { status => 0, maxrunning => 0, maxqueuable => 0, maxuserrun => 0,
                           running => 0, queued => 0, totalcpus => 0, users => \%users };
    }
    my %jobs;
    for my $id (@{ ref $options->{jobs} eq 'ARRAY' ? $options->{jobs} : [] }) {
        $jobs{$id} = { status => 'O', comment => [ "LRMS: $why" ] };
    }
    return {
        cluster => { lrms_type => 'arkd', lrms_version => 'unknown', totalcpus => 0, queuedcpus => 0,
                     usedcpus => 0, queuedjobs => 0, runningjobs => 0, cpudistribution => '' },
        queues => \%queues,
        jobs   => \%jobs,
        nodes  => {},
    };
}

1;
