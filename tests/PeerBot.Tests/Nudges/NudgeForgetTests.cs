using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PeerBot.Nudges;
using PeerBot.Storage;
using PeerBot.Tests.Storage;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Nudges;

/// <summary>
/// Erasing a member's nudge data reads that member's rows and nothing else, however many other members the nudge
/// tables hold: timers, other members' "already offered" lists and channel schedules are found through the member's
/// index partition; follow-ups and sends are partitioned by member.
/// </summary>
public sealed class NudgeForgetTests : IAsyncLifetime
{
    private const string Me = "msteams:u-leaving";
    private const int Others = 60;
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly StorageCounter _counter = new();
    private readonly BotHost _host;

    public NudgeForgetTests()
    {
        _host = new BotHost("nudgeforget", new Dictionary<string, string?> { ["Nudges:Enabled"] = "false" }, services =>
        {
            services.RemoveAll<TableServiceClient>();
            services.AddSingleton(sp =>
            {
                var options = new TableClientOptions();
                options.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
                return new TableServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, options);
            });
        });
    }

    private T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        _ = _host.Services;
        await Get<TableProvisioner>().StartAsync(CancellationToken.None);
        var ids = Enumerable.Range(0, Others).Select(i => $"msteams:u-other-{i:D3}").Prepend(Me).ToList();
        foreach (var id in ids)
        {
            await WriteNudgeRowsAsync(id, shownTo: ids.Where(o => o != id).Take(2).ToList());
        }
        // A channel schedule the member set.
        var (schedule, _) = ChannelSchedule.Parse("weekly tue 09:00 Europe/Berlin");
        await Get<ChannelNudges>().SetAsync(new NudgeChannel("msteams", "19:general@thread.tacv2", "tenant-1"), schedule!, Me, Now, CancellationToken.None);
    }

    /// <summary>What the engine writes for a member: their row and timer, a follow-up, a send, and offers to others.</summary>
    private async Task WriteNudgeRowsAsync(string id, IReadOnlyList<string> shownTo)
    {
        await Get<MemberSchedule>().ChangeAsync(id, _ => new NudgeMember { MemberId = id, TimeZone = "Europe/Berlin", JoinedAt = Now, NextDueAt = Now.AddDays(3) }, CancellationToken.None);
        var pair = Intros.IntroRules.PairKey(id, "msteams:u-somebody");
        await Get<FollowUps>().PlanAsync(pair, id, 1, Now, CancellationToken.None);
        var job = MemberSchedule.JobFor(id, Now.AddDays(-4));
        await Get<Deliveries>().ClaimAsync(job, "instance", TimeSpan.FromMinutes(1), CancellationToken.None);
        await Get<Deliveries>().CompleteAsync(job, "Delivered", CancellationToken.None);
        // The nudge handler's bookkeeping after a delivered nudge that offered id to others.
        foreach (var other in shownTo)
        {
            await Get<NudgeIndex>().NoteAsync(id, NudgeIndex.Shown, Get<NudgeMemberStore>().Table.Name, TableKeys.Bucket(other), TableKeys.Escape(other), CancellationToken.None, about: other);
        }
        foreach (var other in shownTo)
        {
            await Get<NudgeMemberStore>().UpdateAsync(other, m => m is null ? null : m with { Shown = [.. m.Shown, id] }, CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Forgetting_a_member_reads_only_their_rows_and_leaves_no_trace_in_the_nudge_tables()
    {
        var names = Get<TableNames>();
        Assert.NotEmpty(await MentionsAsync(names));
        _counter.Reset();

        await _host.Services.GetServices<PeerBot.Privacy.IMemberData>().OfType<NudgeData>().Single().ForgetAsync(Me, CancellationToken.None);

        Assert.Empty(await MentionsAsync(names));
        // Rows read per table: the member's own, and the rows of the two members they were offered to.
        var prefix = names.NudgeMembers[..^"NudgeMembers".Length];
        var read = _counter.Tables.ToDictionary(t => t.Key.StartsWith(prefix, StringComparison.Ordinal) ? t.Key[prefix.Length..] : t.Key, t => t.Value.Rows);
        Assert.True(read.Values.Sum() <= 12, "Rows read: " + string.Join(", ", read.Select(r => $"{r.Key} {r.Value}")));
        Assert.True(read.GetValueOrDefault("NudgeMembers") <= 3, $"NudgeMembers: {read.GetValueOrDefault("NudgeMembers")} rows read");
        Assert.True(read.GetValueOrDefault("NudgeTimers") == 0 && read.GetValueOrDefault("NudgeDeliveries") <= 1 && read.GetValueOrDefault("NudgeFollowUps") <= 1,
            "Rows read: " + string.Join(", ", read.Select(r => $"{r.Key} {r.Value}")));
    }

    /// <summary>Rows in the nudge tables that name the member (keys or values), found by reading everything: the test may scan, the product may not.</summary>
    private static async Task<List<string>> MentionsAsync(TableNames names)
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        var found = new List<string>();
        foreach (var table in new[] { names.NudgeMembers, names.NudgeTimers, names.NudgeDeliveries, names.NudgeFollowUps, names.NudgeChannels, names.NudgeIndex })
        {
            await foreach (var row in service.GetTableClient(table).QueryAsync<TableEntity>())
            {
                var text = string.Join("\n", row.Select(p => $"{p.Key}={p.Value}"));
                if (text.Contains("u-leaving", StringComparison.Ordinal))
                {
                    found.Add($"{table}: {text[..Math.Min(200, text.Length)]}");
                }
            }
        }
        return found;
    }
}
