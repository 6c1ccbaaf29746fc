using PeerBot.Conversations;
using PeerBot.Profiles;

namespace PeerBot.Privacy;

/// <summary>"privacy everyone|nobody": who can discover the member.</summary>
public sealed class PrivacyCommand(ProfileStore profiles, TimeProvider clock) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["privacy"];

    public string Usage => "peerbot privacy [everyone|nobody]";

    public string Description => "Choose who can discover you: every leader in the network, or nobody.";

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        var stored = await profiles.GetAsync(context.Turn.From.PeerId, cancellationToken);
        if (stored is null)
        {
            await context.SendAsync(new TextReply("You have no profile yet, so nobody can discover you. Type **profile** to create one."), cancellationToken);
            return;
        }
        bool? discoverable = arguments.Trim().ToLowerInvariant() switch
        {
            "everyone" or "all" or "network" or "on" or "visible" => true,
            "nobody" or "none" or "off" or "hidden" => false,
            _ => null,
        };
        if (discoverable is null)
        {
            var now = stored.Peer.Discoverable ? "every leader in the network can discover you" : "nobody can discover you";
            await context.SendAsync(new TextReply($"Right now {now}. Say **peerbot privacy everyone** or **peerbot privacy nobody** to change it."), cancellationToken);
            return;
        }
        await profiles.SaveAsync(stored.Peer with { Discoverable = discoverable.Value, UpdatedAt = clock.GetUtcNow() }, stored.ETag, cancellationToken);
        await context.SendAsync(new TextReply(discoverable.Value
            ? "Done: leaders at other organizations can find you with **findpeer**."
            : "Done: nobody can find you in search any more. Intros you already have are unchanged."), cancellationToken);
    }
}

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
