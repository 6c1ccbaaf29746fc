using PeerBot.Conversations;

namespace PeerBot.Nudges;

/// <summary>
/// "peerbot admin replay-poison": puts nudge work that failed again and again (and was kept in the poison queue) back
/// on the work queue, once its cause is fixed. The queue serves the whole network, so only the deployment's own
/// admins (<c>Admins:Ids</c>) may, not the admins of one workspace or team.
/// </summary>
public sealed class AdminCommand(QueuedJobs queue, Stats.Admins admins) : IChatCommand
{
    public const string Usage = "peerbot admin replay-poison";

    public IReadOnlyList<string> Names { get; } = ["admin"];

    string IChatCommand.Usage => Usage;

    public string Description => "Network admins: put nudge work that kept failing back on the queue.";

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        if (!admins.IsNetworkAdmin(context.Turn.From))
        {
            await context.SendAsync(new TextReply("Only this network's PeerBot admins (Admins:Ids) can do that."), cancellationToken);
            return;
        }
        if (!string.Equals(arguments.Trim(), "replay-poison", StringComparison.OrdinalIgnoreCase))
        {
            await context.SendAsync(new TextReply($"Admin commands: **{Usage}** puts nudge work that kept failing back on the queue."), cancellationToken);
            return;
        }
        var moved = await queue.ReplayPoisonAsync(cancellationToken);
        await context.SendAsync(new TextReply(moved == 0
            ? "The poison queue is empty: no nudge work is waiting for a replay."
            : $"Put {moved} poisoned queue message{(moved == 1 ? "" : "s")} back on the nudge work queue."), cancellationToken);
    }
}
