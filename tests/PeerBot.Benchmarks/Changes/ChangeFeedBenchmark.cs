using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PeerBot.Intros;
using PeerBot.Matching;
using PeerBot.Nudges;
using PeerBot.Profiles;
using PeerBot.Storage;
using PeerBot.Tests.Nudges;
using PeerBot.Tests.Storage;

namespace PeerBot.Benchmarks.Changes;

/// <summary>
/// What one instance reads from storage per change poll, on a network of N members in Azurite, with the default
/// intervals: the directory's poll (every instance), the busy-peers poll (every instance) and the nudge follower's
/// pass (the sweep lease holder). Each reader has its own table client with a counting pipeline policy. First with
/// nothing changed, then after another instance changed 100 profiles. The baseline is the query the pollers used
/// before, "Timestamp gt …" over the profiles table, run in the same process against the same table.
/// Usage: dotnet run -c Release --project tests/PeerBot.Benchmarks -- changes [members] [changed]
/// </summary>
public static class ChangeFeedBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var changed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var names = new TableNames(Azurite.UniquePrefix("changes"));
        var plain = new TableServiceClient(Azurite.ConnectionString);
        foreach (var table in names.All)
        {
            await plain.GetTableClient(table).CreateIfNotExistsAsync();
        }
        var clock = Stopwatch.StartNew();
        await SeedAsync(plain, names, count);
        Console.WriteLine($"Seeded {count:N0} profiles in {clock.Elapsed.TotalSeconds:F0} s.");

        var options = new MatchingOptions();
        var changeOptions = Options.Create(new ChangeLogOptions());
        var (loaderCounter, loaderClient) = Counted();
        var loaderLog = new ChangeLog(loaderClient, names, TimeProvider.System, changeOptions);
        using var directory = new PeerDirectory();
        using var loader = new DirectoryLoader(directory, new ProfileStore(loaderClient, names, loaderLog), loaderLog, Options.Create(options), TimeProvider.System, NullLogger<DirectoryLoader>.Instance);
        var (busyCounter, busyClient) = Counted();
        var busyLog = new ChangeLog(busyClient, names, TimeProvider.System, changeOptions);
        var (followCounter, followClient) = Counted();
        var followers = Followers(followClient, names, changeOptions);
        var (baselineCounter, baselineClient) = Counted();
        var writerLog = new ChangeLog(plain, names, TimeProvider.System, changeOptions);
        var writer = new ProfileStore(plain, names, writerLog);

        var polls = new List<(DateTimeOffset At, int Applied, Snapshot Reads)>();
        var polled = new SemaphoreSlim(0);
        loader.Polled += applied =>
        {
            lock (polls)
            {
                polls.Add((DateTimeOffset.UtcNow, applied, Snapshot.Of(loaderCounter)));
                loaderCounter.Reset();
            }
            polled.Release();
        };
        clock.Restart();
        await loader.StartAsync(CancellationToken.None);
        var startUp = Snapshot.Of(loaderCounter);
        loaderCounter.Reset();
        Console.WriteLine($"Directory loaded: {directory.Count:N0} profiles in {clock.Elapsed.TotalSeconds:F1} s ({startUp}).");

        // The nudge follower has followed this network all along (its cursors are current), and busy-peers has loaded.
        var state = new NudgeState(plain, names, TimeProvider.System);
        await state.SetCursorAsync(NudgeFollowers.ProfileCursor, writerLog.SettledUntil(), CancellationToken.None);
        await state.SetCursorAsync(NudgeFollowers.IntroCursor, writerLog.SettledUntil(), CancellationToken.None);
        var ledgerCursor = (await busyLog.FollowAsync(IntroLedgers.Stream, null, CancellationToken.None)).Next;

        var rows = new List<string>();
        // Nothing changed: three directory polls, then one pass of each of the other two readers.
        for (var i = 0; i < 3; i++)
        {
            await polled.WaitAsync();
        }
        lock (polls)
        {
            foreach (var poll in polls.TakeLast(3))
            {
                rows.Add(Row("nothing changed", "directory poll (every instance, every 5 s)", poll.Applied, poll.Reads));
            }
        }
        var ledgers = await busyLog.FollowAsync(IntroLedgers.Stream, ledgerCursor, CancellationToken.None);
        ledgerCursor = ledgers.Next;
        rows.Add(Row("nothing changed", "busy-peers poll (every instance, every 15 s)", ledgers.Keys.Count, Snapshot.Of(busyCounter)));
        busyCounter.Reset();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await followers.FollowProfilesAsync(CancellationToken.None);
        await followers.FollowIntrosAsync(CancellationToken.None);
        rows.Add(Row("nothing changed", "nudge follower pass (lease holder, every 30 s)", 0, Snapshot.Of(followCounter)));
        followCounter.Reset();
        var baselineIdle = await BaselineAsync(baselineClient, baselineCounter, names, DateTimeOffset.UtcNow.AddSeconds(-5));

        // Another instance changes N profiles.
        var changedAt = DateTimeOffset.UtcNow;
        for (var i = 0; i < changed; i++)
        {
            var stored = await writer.GetAsync(NudgeSeed.MemberId(i * (count / changed)), CancellationToken.None);
            await writer.SaveAsync(stored!.Peer with { Title = "Chief Marketing Officer", UpdatedAt = DateTimeOffset.UtcNow }, stored.ETag, CancellationToken.None);
        }
        Console.WriteLine($"Changed {changed} profiles in {(DateTimeOffset.UtcNow - changedAt).TotalSeconds:F1} s; waiting for the polls that bring them.");
        var brought = 0;
        var seen = polls.Count;
        while (brought < changed)
        {
            await polled.WaitAsync();
            lock (polls)
            {
                foreach (var poll in polls.Skip(seen))
                {
                    rows.Add(Row($"{changed} profiles changed", "directory poll", poll.Applied, poll.Reads));
                    brought += poll.Applied;
                }
                seen = polls.Count;
            }
        }
        await Task.Delay(new ChangeLogOptions().Settle);
        await followers.FollowProfilesAsync(CancellationToken.None);
        await followers.FollowIntrosAsync(CancellationToken.None);
        rows.Add(Row($"{changed} profiles changed", "nudge follower pass", changed, Snapshot.Of(followCounter)));
        var baselineChanged = await BaselineAsync(baselineClient, baselineCounter, names, changedAt.AddSeconds(-5));
        await loader.StopAsync(CancellationToken.None);

        Console.WriteLine();
        Console.WriteLine($"Members: {count:N0}. Defaults: Matching:RefreshSeconds {options.RefreshSeconds}, Changes:Settle {new ChangeLogOptions().Settle.TotalSeconds:F0} s.");
        Console.WriteLine();
        Console.WriteLine("| when | reader | changes applied | requests | rows read: change table | rows read: other tables | other tables |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("Baseline, the poll before change records (one query \"Timestamp gt <last poll - 5 s>\" over the profiles table;");
        Console.WriteLine($"the service compares every row's timestamp, since no index covers it: {count:N0} rows examined per poll):");
        Console.WriteLine($"| nothing changed | {baselineIdle} |");
        Console.WriteLine($"| {changed} profiles changed | {baselineChanged} |");
        return brought >= changed ? 0 : 1;
    }

    private static string Row(string when, string reader, int applied, Snapshot reads) =>
        $"| {when} | {reader} | {applied} | {reads.Requests} | {reads.ChangeRows} | {reads.OtherRows} | {reads.Elapsed} |";

    private static async Task<string> BaselineAsync(TableServiceClient client, StorageCounter counter, TableNames names, DateTimeOffset since)
    {
        counter.Reset();
        var clock = Stopwatch.StartNew();
        var returned = 0;
        await foreach (var _ in client.GetTableClient(names.Profiles).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Timestamp gt {since}"), maxPerPage: 1000))
        {
            returned++;
        }
        var profiles = counter.For("Profiles");
        return $"{profiles.Requests} requests, {returned} rows returned, {clock.Elapsed.TotalMilliseconds:F0} ms";
    }

    private static NudgeFollowers Followers(TableServiceClient service, TableNames names, IOptions<ChangeLogOptions> options)
    {
        var clock = TimeProvider.System;
        var changes = new ChangeLog(service, names, clock, options);
        var state = new NudgeState(service, names, clock);
        var members = new NudgeMemberStore(service, names);
        var index = new NudgeIndex(service, names);
        var timers = new NudgeTimers(service, names, index);
        return new NudgeFollowers(state, members, new MemberSchedule(members, timers), timers, new ProfileStore(service, names, changes),
            new IntroStore(service, names, changes), new FollowUps(service, names, state, clock), changes, clock);
    }

    private static (StorageCounter Counter, TableServiceClient Client) Counted()
    {
        var counter = new StorageCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return (counter, new TableServiceClient(Azurite.ConnectionString, options));
    }

    private static async Task SeedAsync(TableServiceClient service, TableNames names, int count)
    {
        var table = service.GetTableClient(names.Profiles);
        var batches = Enumerable.Range(0, count).Select(i => ProfileStore.ToEntity(NudgeSeed.Profile(i, DateTimeOffset.UtcNow.AddDays(-1))))
            .GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));
    }

    private sealed record Snapshot(int Requests, int ChangeRows, int OtherRows, string Elapsed)
    {
        public static Snapshot Of(StorageCounter counter)
        {
            var changes = counter.Tables.Where(t => t.Key.EndsWith("Changes", StringComparison.Ordinal)).Sum(t => t.Value.Rows);
            var others = counter.Tables.Where(t => !t.Key.EndsWith("Changes", StringComparison.Ordinal))
                .Select(t => $"{Table(t.Key)} {t.Value.Rows}").ToList();
            var otherRows = counter.Tables.Where(t => !t.Key.EndsWith("Changes", StringComparison.Ordinal)).Sum(t => t.Value.Rows);
            return new Snapshot(counter.Tables.Sum(t => t.Value.Requests), changes, otherRows, others.Count == 0 ? "" : string.Join(", ", others));
        }

        // "tchanges1a2b3c4d5eNudgeMembers" → "NudgeMembers": the unique prefix ends with ten hex digits.
        private static string Table(string name) => name.Length > 18 ? name[18..] : name;

        public override string ToString() => $"{Requests} requests, {ChangeRows + OtherRows} rows";
    }
}
