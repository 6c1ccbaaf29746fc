using PeerBot.Conversations;

namespace PeerBot.Privacy;

/// <summary>"export": all of the member's data as a JSON file, through a link that works for 15 minutes.</summary>
public sealed class ExportCommand(ExportLinks links) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["export"];

    public string Usage => "peerbot export";

    public string Description => "Download everything PeerBot keeps about you, as a JSON file.";

    public Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        if (!context.Turn.IsPersonal)
        {
            return context.SendAsync(new TextReply("Ask me for your export in our personal chat, so only you see the link."), cancellationToken);
        }
        var link = links.Create(context.Turn.From.PeerId);
        return context.SendAsync(new TextReply($"Here is everything PeerBot keeps about you, as a JSON file: [download your data]({link}). The link works for {ExportLinks.Lifetime.TotalMinutes:0} minutes."), cancellationToken);
    }
}

/// <summary>"forget": erases the member from every table and withdraws their pending intros, after a confirmation.</summary>
public sealed class ForgetCommand(MemberDataExport data) : IChatCommand
{
    public const string Confirmation = "confirm";

    public IReadOnlyList<string> Names { get; } = ["forget"];

    public string Usage => "peerbot forget";

    public string Description => "Delete your profile, intros and everything else PeerBot keeps about you.";

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        if (!arguments.Trim().Equals(Confirmation, StringComparison.OrdinalIgnoreCase))
        {
            await context.SendAsync(new TextReply("This deletes your profile, your intros (pending ones are withdrawn) and everything else PeerBot keeps about you. It cannot be undone. To go ahead, type **peerbot forget confirm**."), cancellationToken);
            return;
        }
        await data.ForgetAsync(context.Turn.From.PeerId, cancellationToken);
        await context.SendAsync(new TextReply("Done: PeerBot has deleted everything it kept about you. If you ever come back, you start afresh."), cancellationToken);
    }
}
