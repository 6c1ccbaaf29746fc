using Microsoft.Extensions.DependencyInjection;
using PeerBot.Nudges;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Nudges;

/// <summary>
/// "peerbot admin replay-poison" puts poisoned nudge work back on the work queue, for the deployment's admins only.
/// The nudge engine is off here, so that the queues hold still while the test looks at them.
/// </summary>
public sealed class ReplayPoisonTests() : BotTestBase("replaypoison")
{
    private const string Admin = "network-admin";

    protected override BotHost CreateHost(string hint) => new(hint, new Dictionary<string, string?>
    {
        ["Admins:Ids:0"] = "msteams:" + Admin,
        ["Nudges:Enabled"] = "false",
    });

    [Fact]
    public async Task An_admin_puts_poisoned_work_back_on_the_queue_and_nobody_else_can()
    {
        var queue = Host.Services.GetRequiredService<QueuedJobs>();
        await PoisonOneAsync(queue);
        Assert.Equal((0, 1), await queue.CountAsync(CancellationToken.None));

        await ReplyContainingAsync(Activities.Message(Connector.ServiceUrl, "plain-member", AdminCommand.Usage), "Only this network's PeerBot admins");
        Assert.Equal((0, 1), await queue.CountAsync(CancellationToken.None));

        await ReplyContainingAsync(Activities.Message(Connector.ServiceUrl, Admin, AdminCommand.Usage), "Put 1 poisoned queue message back on the nudge work queue.");
        Assert.Equal((1, 0), await queue.CountAsync(CancellationToken.None));
        var replayed = Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal("member|msteams:someone|", Assert.Single(NudgeJob.TryParseMessage(replayed.MessageText)!).Identity);

        await ReplyContainingAsync(Activities.Message(Connector.ServiceUrl, Admin, AdminCommand.Usage), "The poison queue is empty");
        await ReplyContainingAsync(Activities.Message(Connector.ServiceUrl, Admin, "peerbot admin"), AdminCommand.Usage);
    }

    /// <summary>What the worker does with a message that failed too often: it moves from the work queue to the poison queue.</summary>
    private static async Task PoisonOneAsync(QueuedJobs queue)
    {
        await queue.EnqueueAsync([new NudgeJob(JobKinds.Member, "msteams:someone", DateTimeOffset.UtcNow)], CancellationToken.None);
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1), CancellationToken.None));
        await queue.PoisonAsync(received, CancellationToken.None);
    }
}
