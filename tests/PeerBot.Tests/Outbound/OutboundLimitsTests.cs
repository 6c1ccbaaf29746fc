using System.Diagnostics;
using PeerBot.Outbound;

namespace PeerBot.Tests.Outbound;

/// <summary>The limiters behind the outbound pipeline, without HTTP.</summary>
public sealed class OutboundLimitsTests
{
    private static readonly PaceBudget Tenant = new("teams-tenant:t", [new PaceRule(20, TimeSpan.FromSeconds(1))], SharedAcrossInstances: true);

    [Fact]
    public async Task Each_live_instance_keeps_to_its_share_of_a_budget_counted_for_the_whole_bot()
    {
        await using var limits = new OutboundLimits { Instances = 2 };
        var granted = 0;
        var started = Stopwatch.GetTimestamp();
        var sends = Enumerable.Range(0, 15).Select(async _ =>
        {
            using var places = await limits.WaitForRoomAsync([Tenant], CancellationToken.None);
            Interlocked.Increment(ref granted);
        }).ToList();

        await Task.Delay(500);
        Assert.Equal(10, Volatile.Read(ref granted));
        await Task.WhenAll(sends);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(1), "the rest waited a full window after the first answers");

        // A budget the platform counts per conversation or channel is not split.
        var conversation = new PaceBudget("teams-conversation:c", [new PaceRule(7, TimeSpan.FromSeconds(1))]);
        var quick = Stopwatch.GetTimestamp();
        for (var i = 0; i < 7; i++)
        {
            using var places = await limits.WaitForRoomAsync([conversation], CancellationToken.None);
        }
        Assert.True(Stopwatch.GetElapsedTime(quick) < TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task A_request_waits_for_every_budget_and_takes_no_place_while_it_waits()
    {
        await using var limits = new OutboundLimits();
        var channel = new PaceBudget("slack-channel:C1", [new PaceRule(1, TimeSpan.FromSeconds(1))]);
        var workspace = new PaceBudget("workspace:T1", [new PaceRule(2, TimeSpan.FromSeconds(1))]);
        using (await limits.WaitForRoomAsync([workspace, channel], CancellationToken.None))
        {
        }

        // The channel is full for a second; a second message there waits, and meanwhile holds no workspace place.
        var waiting = limits.WaitForRoomAsync([workspace, channel], CancellationToken.None);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        var other = new PaceBudget("slack-channel:C2", [new PaceRule(1, TimeSpan.FromSeconds(1))]);
        using (await limits.WaitForRoomAsync([workspace, other], CancellationToken.None).WaitAsync(TimeSpan.FromMilliseconds(500)))
        {
        }
        (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}
